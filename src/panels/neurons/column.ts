import type { NeuronResult } from '../../store/neurons';

/** One unit's values over the passage, [T], from the answer's [T][H] values. */
export function unitColumn(r: NeuronResult, unit: number): Float64Array {
  const T = r.tokens.length;
  const H = r.hidden;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = r.values[t * H + unit]!;
  return out;
}
