/**
 * A panel whose code loads when it is needed: when it comes near the viewport, or once the page has
 * settled after its first view. The default view then fetches only the code it shows; the
 * placeholder holds the panel's place (and its data-testid) until then.
 */
import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { useStore } from '../store';
import { useT } from './hooks/useT';

/** After this long the code loads even if the panel was never scrolled near. */
const SETTLED_MS = 4000;
/** How far outside the viewport a panel starts loading. */
const NEAR = '800px 0px';

export function deferredPanel(testId: string, titleKey: string, load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Lazy = lazy(load);
  function Placeholder({ holder }: { holder?: React.Ref<HTMLElement> }) {
    const t = useT();
    return (
      <section ref={holder} className="panel panel-deferred" data-testid={testId} aria-busy="true">
        <h2 className="panel-title">{t(titleKey)}</h2>
        <p className="panel-waiting">{t('panels.loading')}</p>
      </section>
    );
  }
  return function DeferredPanel() {
    const [wanted, setWanted] = useState(false);
    const holder = useRef<HTMLElement>(null);
    // the panels above have their height only once the first snapshot is drawn: watch from then on
    const laidOut = useStore((s) => s.snapshot !== null);
    useEffect(() => {
      if (wanted || !laidOut) return undefined;
      const timer = window.setTimeout(() => setWanted(true), SETTLED_MS);
      const near = typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) setWanted(true); }, { rootMargin: NEAR })
        : null;
      if (near && holder.current) near.observe(holder.current);
      return () => { window.clearTimeout(timer); near?.disconnect(); };
    }, [wanted, laidOut]);
    if (!wanted) return <Placeholder holder={holder} />;
    return <Suspense fallback={<Placeholder />}><Lazy /></Suspense>;
  };
}
