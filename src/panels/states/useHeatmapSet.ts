import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { createHeatmap, type Heatmap, type HeatmapOptions } from '../../viz/heatmap';
import { queueDraw } from '../hooks/frameQueue';

/** One heatmap of a panel: a stable id and how to build it. */
export interface HeatmapSpec {
  id: string;
  options: HeatmapOptions;
}

/**
 * Heatmaps living in host elements rendered by React. `bind(id)` is the ref of a host; the heatmaps
 * are built after the hosts mount, rebuilt when `key` changes (shape or language), and `redraw` is
 * called in the next frame once rebuilt heatmaps exist, so a rebuilt panel shows the current state
 * (at mount the panel's frame subscription draws first). `charts` (owned by the caller, mutated
 * here) maps ids to the live heatmaps.
 */
export function useHeatmapSet(specs: HeatmapSpec[], key: string, redraw: () => void, charts: RefObject<Map<string, Heatmap>>) {
  const hosts = useRef(new Map<string, HTMLDivElement>());
  const specsRef = useRef(specs);
  const redrawRef = useRef(redraw);
  useEffect(() => {
    specsRef.current = specs;
    redrawRef.current = redraw;
  });
  const mounted = useRef(false);
  useEffect(() => {
    const built = charts.current;
    for (const spec of specsRef.current) {
      const host = hosts.current.get(spec.id);
      if (host) built.set(spec.id, createHeatmap(host, spec.options));
    }
    const cancel = mounted.current ? queueDraw(() => redrawRef.current()) : () => {};
    mounted.current = true;
    return () => {
      cancel();
      built.forEach((c) => c.destroy());
      built.clear();
    };
  }, [key, charts]);
  const bind = useCallback((id: string) => (el: HTMLDivElement | null) => {
    if (el) hosts.current.set(id, el);
    else hosts.current.delete(id);
  }, []);
  return bind;
}
