/**
 * Builds the SVG elements of the unrolled diagram for one layout: per step an input box, one cell
 * box per layer (with a strip of unit groups), the LSTM cell-state highway, an output box, a loss
 * mark where the step carries one, the shared-weight arrows, the gradient ribbons and the bar of
 * the step's contribution to ∂L/∂W_hh. Only called when the shape changes; values are set elsewhere.
 */
import * as d3 from 'd3';
import type { UnrolledLayout } from './unrolledLayout';
import { stepX, tokenOffset } from './unrolledLayout';

type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type Rect = d3.Selection<SVGRectElement, unknown, null, undefined>;
type Text = d3.Selection<SVGTextElement, unknown, null, undefined>;
type Line = d3.Selection<SVGLineElement, unknown, null, undefined>;
type Circle = d3.Selection<SVGCircleElement, unknown, null, undefined>;

/** Row and legend labels, already translated. */
export interface UnrolledLabels {
  loss: string;
  y: string;
  h: string;
  c: string;
  x: string;
  /** Row label of layer {n} in a stack. */
  layer: string;
  contrib: string;
  sum: string;
  window: string;
  /** When the drawing is magnified past the width: which steps are in view ({from}, {to}, {T}; counted from 1). */
  more?: string;
}

/** Where one unit group's strip cell is painted, in SVG coordinates. */
export interface StripCell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The elements of one step, kept so values can be restyled without a rebuild. */
export interface StepNodes {
  column: Rect;
  x: Text;
  xBox: Rect;
  /** [layer][group] strip cells inside each cell box (painted on the canvas above the SVG). */
  strips: StripCell[][];
  cNodes: Circle[];
  y: Text;
  yBox: Rect;
  loss: Circle | null;
  lossText: Text | null;
  ribbon: Line | null;
  highwayRibbon: Line | null;
  bar: Rect;
  sumPart: Rect;
}

export interface Structure {
  root: G;
  window: Rect;
  windowText: Text;
  /** The steps built so far, in order (all T once {@link complete}). */
  steps: StepNodes[];
  /** [T][layers][groups] strip cells of every step, built or not (the canvas paints them all at once). */
  strips: StripCell[][][];
  labels: Text[];
  /** Builds steps.length … to − 1 (at most T − 1); the sum label follows the last step. Mutates the structure. */
  extend(to: number): void;
  /** Every step is built. */
  complete(): boolean;
}

export interface StructureInput {
  layout: UnrolledLayout;
  T: number;
  layers: number;
  lstm: boolean;
  /** Number of unit groups drawn per cell box. */
  groups: number;
  losses: boolean[];
  realInputs: boolean[];
  labels: UnrolledLabels;
}

/**
 * SVG elements per step at most (labels drawn): the input, output, loss and gradient rows, and per
 * layer a box and links with their labels (an LSTM adds its highway). What a build in parts counts
 * to keep each part short.
 */
export function nodesPerStep(layers: number, lstm: boolean): number {
  return 21 + layers * (lstm ? 10 : 6);
}

/**
 * Draws the diagram into `svg` (its previous content is removed): the frame, the row labels and
 * steps 0 … `count` − 1 (all by default); {@link Structure.extend} builds the rest, so a long
 * sequence can be built over several frames. Built in parts or at once, the elements end up the
 * same and in the same order.
 */
export function buildStructure(svg: d3.Selection<SVGSVGElement, unknown, null, undefined>, s: StructureInput,
  count = s.T): Structure {
  const { layout: L, T, layers, lstm, groups, losses, realInputs, labels } = s;
  svg.selectAll('*').remove();
  svg.attr('width', L.width).attr('height', L.height).attr('viewBox', `0 0 ${L.width} ${L.height}`);
  const defs = svg.append('defs');
  for (const [id, cls] of [['ur-arrow', 'arrow-head'], ['ur-arrow-grad', 'arrow-head grad']] as const) {
    defs.append('marker').attr('id', id).attr('viewBox', '0 0 8 8').attr('refX', 7).attr('refY', 4)
      .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', id === 'ur-arrow' ? 7 : 10)
      .attr('markerHeight', id === 'ur-arrow' ? 7 : 10).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0 L8,4 L0,8 z').attr('class', cls);
  }
  const narrow = L.stepWidth < 20;
  const root = svg.append('g').attr('class', 'ur-root').classed('narrow', narrow);
  const head = (id: string) => (narrow ? null : `url(#${id})`);
  const bg = root.append('g').attr('class', 'ur-columns');
  const win = root.append('g').attr('class', 'ur-window');
  const links = root.append('g').attr('class', 'ur-links');
  const grads = root.append('g').attr('class', 'ur-grads');
  const nodes = root.append('g').attr('class', 'ur-nodes');
  const rowLabels = root.append('g').attr('class', 'ur-row-labels');
  const sw = L.stepWidth;
  const half = L.boxW / 2;
  const hh = L.boxH / 2;
  const top = L.rows.layers[layers - 1]!;
  const window = win.append('rect').attr('class', 'ur-window-rect').attr('y', L.rows.y - 18)
    .attr('height', L.rows.x - L.rows.y + 30).attr('rx', 6).attr('display', 'none');
  const windowText = win.append('text').attr('class', 'ur-window-text').attr('y', L.rows.y - 22);

  const weightLabel = (g: G, x: number, y: number, text: string, cls: string, t: number) => {
    if (!L.showText || (sw < 60 && t % Math.ceil(60 / sw) !== 0)) return;
    const label = g.append('text').attr('class', `ur-wlabel ${cls}`).attr('data-part', cls).attr('x', x).attr('y', y);
    label.append('tspan').text(text.slice(0, 1));
    label.append('tspan').attr('class', 'sub').attr('dy', 3).text(text.slice(2));
  };
  const arrow = (g: G, x1: number, y1: number, x2: number, y2: number, part: string, t: number): Line =>
    g.append('line').attr('class', `ur-link ${part}`).attr('data-part', part).attr('data-step', t)
      .attr('x1', x1).attr('y1', y1).attr('x2', x2).attr('y2', y2).attr('marker-end', head('ur-arrow'));

  const stripsOf = (t: number): StripCell[][] => {
    const cx = stepX(L, t);
    // unit groups side by side in a wide box; stacked (a units × time picture) in a narrow one
    const gw = (L.boxW - 4) / groups;
    const gh = (L.boxH - 4) / groups;
    return Array.from({ length: layers }, (_, l) => {
      const y = L.rows.layers[l]!;
      return Array.from({ length: groups }, (_, g) => (narrow
        ? { x: cx - half, y: y - hh + 2 + g * gh, w: L.boxW, h: gh }
        : { x: cx - half + 2 + g * gw, y: y - hh + 3, w: Math.max(0.5, gw - (gw > 3 ? 0.5 : 0)), h: L.boxH - 6 }));
    });
  };
  const strips = Array.from({ length: T }, (_, t) => stripsOf(t));

  const steps: StepNodes[] = [];
  const buildStep = (t: number) => {
    const cx = stepX(L, t);
    const column = bg.append('rect').attr('class', 'ur-column').attr('data-step', t)
      .attr('x', cx - sw / 2).attr('y', 0).attr('width', sw).attr('height', L.height);
    const step = nodes.append('g').attr('class', 'ur-step').attr('data-step', t);
    const linkG = links.append('g').attr('class', 'ur-step-links').attr('data-step', t);
    // input x_t → bottom layer
    const dy = tokenOffset(L, t);
    const xBox = step.append('rect').attr('class', `ur-box ur-x${realInputs[t] ? '' : ' fed'}`).attr('data-part', 'x')
      .attr('x', cx - L.tokenBoxW / 2).attr('y', L.rows.x + dy - 11).attr('width', L.tokenBoxW).attr('height', 22).attr('rx', 3);
    const x = step.append('text').attr('class', 'ur-token').attr('x', cx).attr('y', L.rows.x + dy + 4);
    arrow(linkG, cx, L.rows.x + dy - 11, cx, L.rows.layers[0]! + hh + 2, 'Wxh', t);
    // between the layer and the input box (a raised box when staggered)
    weightLabel(linkG, cx + 4, (L.stagger > 0 ? L.rows.x - L.stagger - 11 + L.rows.layers[0]! + hh : L.rows.x + L.rows.layers[0]! + hh) / 2 + 3, 'W_xh', 'Wxh', t);
    const cNodes: Circle[] = [];
    for (let l = 0; l < layers; l++) {
      const y = L.rows.layers[l]!;
      step.append('rect').attr('class', 'ur-box ur-h').attr('data-part', 'h').attr('data-layer', l)
        .attr('x', cx - half).attr('y', y - hh).attr('width', L.boxW).attr('height', L.boxH).attr('rx', 4);
      if (t > 0) {
        arrow(linkG, cx - sw + half + 1, y, cx - half - 2, y, 'Whh', t);
        weightLabel(linkG, cx - sw / 2, sw >= 70 ? y - 4 : y - hh - 4, 'W_hh', 'Whh', t);
      }
      if (l > 0) arrow(linkG, cx, L.rows.layers[l - 1]! - hh, cx, y + hh + 2, 'Wxh', t);
      if (lstm) {
        const hy = L.rows.highway![l]!;
        if (t > 0) {
          const hx = cx - L.boxW * 0.2;
          linkG.append('line').attr('class', 'ur-highway').attr('data-part', 'c')
            .attr('x1', hx - sw + 5).attr('y1', hy).attr('x2', hx - 5).attr('y2', hy);
        }
        linkG.append('line').attr('class', 'ur-link ur-ch').attr('data-part', 'c')
          .attr('x1', cx - L.boxW * 0.2).attr('y1', hy + 4).attr('x2', cx - L.boxW * 0.2).attr('y2', y - hh);
        cNodes.push(step.append('circle').attr('class', 'ur-c').attr('data-part', 'c').attr('data-layer', l)
          .attr('cx', cx - L.boxW * 0.2).attr('cy', hy).attr('r', Math.min(5, sw / 3)));
      }
    }
    // top layer's h_t → output y_t (beside the highway's connector for LSTM) → loss
    const ox = lstm ? cx + L.boxW * 0.3 : cx;
    arrow(linkG, ox, top - hh, ox, L.rows.y + dy + 11 + 2, 'Why', t);
    weightLabel(linkG, ox + 3, L.rows.y + L.stagger + 24, 'W_hy', 'Why', t);
    // an output no loss scores (many-to-one: every step but the answer's) is drawn faint: it is computed, never trained
    const yBox = step.append('rect').attr('class', `ur-box ur-y${losses[t] ? '' : ' unscored'}`).attr('data-part', 'y')
      .attr('x', cx - L.tokenBoxW / 2).attr('y', L.rows.y + dy - 11).attr('width', L.tokenBoxW).attr('height', 22).attr('rx', 3);
    const y = step.append('text').attr('class', `ur-token${losses[t] ? '' : ' unscored'}`).attr('x', cx).attr('y', L.rows.y + dy + 4);
    let loss: Circle | null = null;
    let lossText: Text | null = null;
    if (losses[t]) {
      linkG.append('line').attr('class', 'ur-link ur-to-loss').attr('data-part', 'L')
        .attr('x1', cx).attr('y1', L.rows.y + dy - 11).attr('x2', cx).attr('y2', L.rows.loss + 4);
      loss = step.append('circle').attr('class', 'ur-loss').attr('data-part', 'L').attr('cx', cx).attr('cy', L.rows.loss);
      lossText = step.append('text').attr('class', 'ur-loss-text').attr('x', cx + 11).attr('y', L.rows.loss + 3);
    }
    const gy = top + hh + 7;
    const ribbon = grads.append('line').attr('class', 'ur-grad').attr('data-step', t)
      .attr('x1', cx + half - 2).attr('y1', gy).attr('x2', cx - sw + half + 6).attr('y2', gy).attr('marker-end', head('ur-arrow-grad'));
    const highwayRibbon = lstm
      ? grads.append('line').attr('class', 'ur-grad ur-grad-c').attr('data-step', t)
        .attr('x1', cx - L.boxW * 0.2 - 6).attr('y1', L.rows.highway![layers - 1]! - 9)
        .attr('x2', cx - L.boxW * 0.2 - sw + 8).attr('y2', L.rows.highway![layers - 1]! - 9).attr('marker-end', head('ur-arrow-grad'))
      : null;
    const bar = nodes.append('rect').attr('class', 'ur-bar').attr('data-step', t).attr('x', cx - Math.min(8, sw / 3))
      .attr('width', Math.max(1, Math.min(16, (sw * 2) / 3)));
    const sumPart = nodes.append('rect').attr('class', 'ur-sum-part').attr('data-step', t)
      .attr('x', L.sumX - 8).attr('width', 16);
    steps.push({ column, x, xBox, strips: strips[t]!, cNodes, y, yBox, loss, lossText, ribbon, highwayRibbon, bar, sumPart });
  };
  const extend = (to: number) => {
    if (steps.length >= T) return;
    for (let t = steps.length; t < Math.min(T, to); t++) buildStep(t);
    // after the last step, as in a build at once
    if (steps.length === T) {
      nodes.append('text').attr('class', 'ur-sum-label').attr('x', L.sumX).attr('y', L.rows.contrib + L.contribHeight / 2 + 11)
        .text(labels.sum);
    }
  };
  const label = (y: number, text: string) => rowLabels.append('text').attr('class', 'ur-row-label').attr('x', 6).attr('y', y + 4).text(text);
  const texts: Text[] = [label(L.rows.loss, labels.loss), label(L.rows.y, labels.y), label(L.rows.x, labels.x),
    label(L.rows.contrib, labels.contrib)];
  for (let l = 0; l < layers; l++) {
    texts.push(label(L.rows.layers[l]!, layers > 1 ? labels.layer.replace('{n}', String(l + 1)) : labels.h));
    if (lstm) texts.push(label(L.rows.highway![l]!, labels.c));
  }
  extend(count);
  return { root, window, windowText, steps, strips, labels: texts, extend, complete: () => steps.length === T };
}
