/**
 * The equations of each cell as rows of terms (TeX strings tagged with the part of the diagram they
 * name), and the numbers plugged in for one step and unit. Pure: the panel typesets with KaTeX.
 */
import { ALL_GATE_NAMES, gateNames, type GateName } from '../engine/cells';
import type { CellType } from '../engine/types';
import type { ModelTrace } from './trace';
import { at3 } from './trace';

/** A quantity of the network that a term, a diagram element or a heatmap stands for. */
export type Quantity = 'x' | 'h' | 'c' | GateName | 'y' | 'p' | 'L' | 'Wxh' | 'Whh' | 'Why';

/** Every {@link Quantity}: the states, every cell's gates (from the cell descriptors), output and weights. */
export const QUANTITIES: readonly Quantity[] = ['x', 'h', 'c', ...ALL_GATE_NAMES, 'y', 'p', 'L', 'Wxh', 'Whh', 'Why'];

/** One typeset piece of an equation; `part` null for operators and brackets. */
export interface Term {
  tex: string;
  part: Quantity | null;
}

/** One equation: the quantity it defines and its terms in order. */
export interface EquationRow {
  defines: Quantity;
  terms: Term[];
}

const q = (tex: string, part: Quantity | null = null): Term => ({ tex, part });
const op = (tex: string): Term => q(tex);

function gate(name: Quantity, fn: string, wx: string, wh: string, b: string): EquationRow {
  return {
    defines: name,
    terms: [q(`${name}_t`, name), op('='), op(`${fn}(`), q(wx, 'Wxh'), q('x_t', 'x'), op('+'), q(wh, 'Whh'),
      q('h_{t-1}', 'h'), op('+'), op(`${b})`)],
  };
}

const OUTPUT: EquationRow[] = [
  { defines: 'y', terms: [q('y_t', 'y'), op('='), q('W_{hy}', 'Why'), q('h_t', 'h'), op('+'), op('b_y')] },
  { defines: 'p', terms: [q('p_t', 'p'), op('='), op('\\operatorname{softmax}('), q('y_t', 'y'), op(')')] },
  { defines: 'L', terms: [q('L', 'L'), op('='), op('\\textstyle\\sum_t'), op('-\\log'), q('p_t[\\text{target}_t]', 'p')] },
];

/** The equations of `cell` (PyTorch's forms), then the readout, softmax and cross-entropy. */
export function equationRows(cell: CellType, nonlinearity: 'tanh' | 'relu' = 'tanh'): EquationRow[] {
  const S = '\\sigma';
  if (cell === 'lstm') {
    return [
      gate('i', S, 'W_{xi}', 'W_{hi}', 'b_i'),
      gate('f', S, 'W_{xf}', 'W_{hf}', 'b_f'),
      gate('g', '\\tanh', 'W_{xg}', 'W_{hg}', 'b_g'),
      gate('o', S, 'W_{xo}', 'W_{ho}', 'b_o'),
      { defines: 'c', terms: [q('c_t', 'c'), op('='), q('f_t', 'f'), op('\\odot'), q('c_{t-1}', 'c'), op('+'), q('i_t', 'i'), op('\\odot'), q('g_t', 'g')] },
      { defines: 'h', terms: [q('h_t', 'h'), op('='), q('o_t', 'o'), op('\\odot'), op('\\tanh('), q('c_t', 'c'), op(')')] },
      ...OUTPUT,
    ];
  }
  if (cell === 'gru') {
    return [
      gate('r', S, 'W_{xr}', 'W_{hr}', 'b_r'),
      gate('z', S, 'W_{xz}', 'W_{hz}', 'b_z'),
      {
        defines: 'n',
        terms: [q('n_t', 'n'), op('='), op('\\tanh('), q('W_{xn}', 'Wxh'), q('x_t', 'x'), op('+ b_{xn} +'), q('r_t', 'r'),
          op('\\odot ('), q('W_{hn}', 'Whh'), q('h_{t-1}', 'h'), op('+ b_{hn}))')],
      },
      { defines: 'h', terms: [q('h_t', 'h'), op('='), op('(1 -'), q('z_t', 'z'), op(')\\odot'), q('n_t', 'n'), op('+'), q('z_t', 'z'), op('\\odot'), q('h_{t-1}', 'h')] },
      ...OUTPUT,
    ];
  }
  const fn = nonlinearity === 'relu' ? '\\operatorname{relu}' : '\\tanh';
  return [
    {
      defines: 'a',
      terms: [q('a_t', 'a'), op('='), q('W_{hh}', 'Whh'), q('h_{t-1}', 'h'), op('+'), q('W_{xh}', 'Wxh'), q('x_t', 'x'), op('+'), op('b')],
    },
    { defines: 'h', terms: [q('h_t', 'h'), op('='), op(`${fn}(`), q('a_t', 'a'), op(')')] },
    ...OUTPUT,
  ];
}

/** One line of numbers: the symbol and the arithmetic with the current values, both plain text. */
export interface Readout {
  part: Quantity;
  label: string;
  text: string;
  /** The number the line ends with, at full precision (the panel exposes it as data-value). */
  value: number;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** A non-negative integer in Unicode subscript digits. */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUB[Number(d)]!);
}

/**
 * The numbers plugged in at step t, unit j, layer l of the trace, formatted with `fmt`. The recurrent
 * share of the RNN pre-activation uses trace.Whh (the shown layer's, so pass that layer).
 */
export function readouts(trace: ModelTrace, l: number, t: number, j: number, fmt: (v: number) => string,
  nonlinearity: 'tanh' | 'relu' = 'tanh'): Readout[] {
  const { T, hidden: H } = trace;
  const v = (a: Float64Array | null | undefined, tt = t) => at3(a, T, H, l, tt, j);
  const idx = `${subscript(t + 1)}[${j + 1}]`;
  const prev = `${subscript(t)}[${j + 1}]`;
  const hPrev = t > 0 ? v(trace.h, t - 1) : 0;
  const out: Readout[] = [];
  const add = (part: Quantity, label: string, text: string, value: number) => out.push({ part, label, text, value });
  if (trace.cell === 'lstm') {
    const [i, f, g, o] = gateNames('lstm').map((k) => v(trace.gates[k]));
    const cPrev = t > 0 ? v(trace.c, t - 1) : 0;
    const c = v(trace.c);
    add('i', `i${idx}`, `= σ(…) = ${fmt(i!)}`, i!);
    add('f', `f${idx}`, `= σ(…) = ${fmt(f!)}`, f!);
    add('g', `g${idx}`, `= tanh(…) = ${fmt(g!)}`, g!);
    add('o', `o${idx}`, `= σ(…) = ${fmt(o!)}`, o!);
    add('c', `c${prev}`, `= ${fmt(cPrev)}`, cPrev);
    add('c', `c${idx}`, `= ${fmt(f!)} × ${fmt(cPrev)} + ${fmt(i!)} × ${fmt(g!)} = ${fmt(c)}`, c);
    add('h', `h${idx}`, `= ${fmt(o!)} × tanh(${fmt(c)}) = ${fmt(v(trace.h))}`, v(trace.h));
  } else if (trace.cell === 'gru') {
    const [r, z, n] = gateNames('gru').map((k) => v(trace.gates[k]));
    add('r', `r${idx}`, `= σ(…) = ${fmt(r!)}`, r!);
    add('z', `z${idx}`, `= σ(…) = ${fmt(z!)}`, z!);
    add('n', `n${idx}`, `= tanh(…) = ${fmt(n!)}`, n!);
    add('h', `h${prev}`, `= ${fmt(hPrev)}`, hPrev);
    add('h', `h${idx}`, `= (1 − ${fmt(z!)}) × ${fmt(n!)} + ${fmt(z!)} × ${fmt(hPrev)} = ${fmt(v(trace.h))}`, v(trace.h));
  } else {
    const a = v(trace.gates.a);
    let rec = 0;
    if (t > 0) for (let k = 0; k < H; k++) rec += (trace.Whh[j * H + k] ?? 0) * at3(trace.h, T, H, l, t - 1, k);
    add('Whh', `(W_hh h${subscript(t)})[${j + 1}]`, `= ${fmt(rec)}`, rec);
    add('Wxh', `(W_xh x${subscript(t + 1)} + b)[${j + 1}]`, `= ${fmt(a - rec)}`, a - rec);
    add('a', `a${idx}`, `= ${fmt(a)}`, a);
    add('h', `h${idx}`, `= ${nonlinearity}(${fmt(a)}) = ${fmt(v(trace.h))}`, v(trace.h));
  }
  const target = trace.targets[t] ?? -1;
  if (target >= 0) {
    const p = trace.targetProb[t] ?? NaN;
    add('p', `p${subscript(t + 1)}[target]`, `= ${fmt(p)}`, p);
    add('L', `−log p${subscript(t + 1)}[target]`, `= ${fmt(trace.stepLoss[t] ?? -Math.log(p))}`, trace.stepLoss[t] ?? -Math.log(p));
  }
  return out;
}
