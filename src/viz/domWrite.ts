/**
 * Writes to the DOM that skip nodes already in the wanted state: every class, attribute or text
 * change makes the browser restyle, and most of a frame's values equal the previous frame's.
 */
import type { BaseType, Selection } from 'd3';

type Value<D, T> = T | ((d: D, i: number) => T);
const valueOf = <D, T>(v: Value<D, T>, d: D, i: number): T => (typeof v === 'function' ? (v as (d: D, i: number) => T)(d, i) : v);

/** Like `selection.classed(name, on)`, touching only the nodes whose class differs. */
export function keepClass<E extends Element, D, P extends BaseType, PD>(sel: Selection<E, D, P, PD>, name: string,
  on: Value<D, boolean>): Selection<E, D, P, PD> {
  return sel.each(function (d, i) {
    const want = valueOf(on, d, i);
    if (this.classList.contains(name) !== want) this.classList.toggle(name, want);
  });
}

/** Like `selection.attr(name, value)`, touching only the nodes whose attribute differs. */
export function keepAttr<E extends Element, D, P extends BaseType, PD>(sel: Selection<E, D, P, PD>, name: string,
  value: Value<D, string | number>): Selection<E, D, P, PD> {
  return sel.each(function (d, i) {
    const want = String(valueOf(value, d, i));
    if (this.getAttribute(name) !== want) this.setAttribute(name, want);
  });
}

/** Like `selection.text(value)`, touching only the nodes whose text differs. */
export function keepText<E extends Element, D, P extends BaseType, PD>(sel: Selection<E, D, P, PD>,
  value: Value<D, string>): Selection<E, D, P, PD> {
  return sel.each(function (d, i) {
    const want = valueOf(value, d, i);
    if (this.textContent !== want) this.textContent = want;
  });
}
