/**
 * The dense part of the unrolled diagram on a canvas laid over the SVG: inside every cell box, the
 * hidden state's unit groups coloured by their mean value, with the hovered unit's group outlined.
 * Crisp at any device-pixel ratio; pointer events pass through to the SVG below.
 */
import type { StripCell } from './unrolledStructure';
import { stateColor } from './unrolledScales';

/**
 * Sizes the canvas to width × height diagram units shown `zoom` CSS px each, at the device-pixel
 * ratio (clears it).
 */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number, zoom = 1): void {
  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  canvas.width = Math.round(width * dpr * zoom);
  canvas.height = Math.round(height * dpr * zoom);
  canvas.style.width = `${width * zoom}px`;
  canvas.style.height = `${height * zoom}px`;
}

/** Which steps to paint, and where the canvas sits: its left edge at diagram x = `originX`. */
export interface StripWindow {
  originX: number;
  from: number;
  to: number;
  /** CSS px per diagram unit (default 1). */
  zoom?: number;
}

/**
 * Paints the strips [T][L][G] of steps window.from…to with the mean of h [L][T][H] over each
 * group's units (`ranges`), and outlines group `unitGroup` (−1 for none). The canvas may cover only
 * part of the diagram (a long sequence paints just what is in view): its left edge is window.originX.
 */
export function paintStrips(canvas: HTMLCanvasElement, strips: readonly StripCell[][][], h: Float64Array, T: number, H: number,
  ranges: readonly [number, number][], unitGroup: number, outline: string, window: StripWindow): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = (canvas.width / Math.max(1, parseFloat(canvas.style.width) || canvas.width)) * (window.zoom ?? 1);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, -window.originX * dpr, 0);
  for (let t = Math.max(0, window.from); t <= Math.min(strips.length - 1, window.to); t++) {
    const layers = strips[t]!;
    for (let l = 0; l < layers.length; l++) {
      const cells = layers[l]!;
      for (let g = 0; g < cells.length; g++) {
        const [a, b] = ranges[g]!;
        let sum = 0;
        for (let j = a; j < b; j++) sum += h[(l * T + t) * H + j] ?? 0;
        const c = cells[g]!;
        ctx.fillStyle = stateColor(sum / Math.max(1, b - a));
        ctx.fillRect(c.x, c.y, c.w, c.h);
      }
      const u = cells[unitGroup];
      if (u) {
        ctx.strokeStyle = outline;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(u.x + 0.75, u.y + 0.75, Math.max(0.5, u.w - 1.5), Math.max(0.5, u.h - 1.5));
      }
    }
  }
}
