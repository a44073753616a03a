import 'katex/dist/katex.min.css';

/** The options every formula is typeset with (the build typesets the page's formulas with the same). */
const TEX_OPTIONS = { throwOnError: false, trust: false, output: 'htmlAndMathml' } as const;

let prerendered: Record<string, string> | null = null;
/** The formula each element was last asked to show (a late KaTeX load must not overwrite a newer one). */
const wanted = new WeakMap<HTMLElement, string>();

/** The formulas typeset when the page was built: index.html's `#tex-prerendered` block, else none. */
function table(): Record<string, string> {
  if (prerendered) return prerendered;
  const text = typeof document === 'undefined' ? null : document.getElementById('tex-prerendered')?.textContent;
  try {
    prerendered = text ? (JSON.parse(text) as Record<string, string>) : {};
  } catch {
    prerendered = {};
  }
  return prerendered;
}

/**
 * Typesets `tex` into `el` (untrusted commands refused; errors shown in place, never thrown). The
 * page's own formulas come typeset from the build; any other loads KaTeX first.
 */
export function renderTex(el: HTMLElement, tex: string): void {
  wanted.set(el, tex);
  const html = table()[tex];
  if (html !== undefined) {
    el.innerHTML = html; // typeset at build time from the page's own formulas
    return;
  }
  void import('katex').then(({ default: katex }) => {
    // the element may have left the page (a chapter closed) while the typesetter loaded
    if (wanted.get(el) === tex && el.isConnected) katex.render(tex, el, TEX_OPTIONS);
  });
}
