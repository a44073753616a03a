/**
 * Typesets the page's fixed formulas once, when the page is built, instead of in every visitor's
 * browser: every term of every cell's equations (src/viz/equationTerms.ts) and every `$…$` segment
 * of the string tables (src/i18n) goes through KaTeX here, and the HTML lands in index.html as a JSON
 * data block `<script type="application/json" id="tex-prerendered">` ({ [tex]: html }). The page
 * (src/panels/texRender.ts) uses that table and loads KaTeX itself only for a formula not in it.
 */
import katex from 'katex';
import { runnerImport, type Plugin } from 'vite';

/** The id of the data block in index.html. */
export const TEX_TABLE_ID = 'tex-prerendered';

/** The options the page typesets with (see src/panels/texRender.ts); both must agree. */
const TEX_OPTIONS = { throwOnError: false, trust: false, output: 'htmlAndMathml' } as const;

interface EquationTermsModule {
  equationRows: (cell: 'rnn' | 'lstm' | 'gru', nonlinearity?: 'tanh' | 'relu') => { terms: { tex: string }[] }[];
}
interface I18nModule {
  tables: Record<string, Record<string, string>>;
}

/** The `$…$` segments of a text, as the page splits them (an unmatched `$` means none). */
export function texSegments(text: string): string[] {
  const parts = text.split('\n').flatMap((line) => {
    const pieces = line.split('$');
    return pieces.length % 2 === 0 ? [] : pieces.filter((_, i) => i % 2 === 1);
  });
  return parts.filter((p) => p !== '');
}

/** Every TeX string the page can show: equation terms of all cells, and TeX in all languages. */
async function collectTex(root: string): Promise<Set<string>> {
  const opts = { configFile: false as const, root, logLevel: 'silent' as const };
  const { module: eq } = await runnerImport<EquationTermsModule>(`${root}/src/viz/equationTerms.ts`, opts);
  const { module: i18n } = await runnerImport<I18nModule>(`${root}/src/i18n/index.ts`, opts);
  const all = new Set<string>();
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const fn of ['tanh', 'relu'] as const) {
      for (const row of eq.equationRows(cell, fn)) for (const term of row.terms) all.add(term.tex);
    }
  }
  for (const table of Object.values(i18n.tables)) {
    for (const text of Object.values(table)) for (const tex of texSegments(text)) all.add(tex);
  }
  return all;
}

/** The Vite plugin (build only; in dev the page typesets with KaTeX itself). */
export function prerenderTexPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'unrolled-prerender-tex',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async transformIndexHtml() {
      const table: Record<string, string> = {};
      for (const tex of [...(await collectTex(root))].sort()) table[tex] = katex.renderToString(tex, TEX_OPTIONS);
      // `<` escaped so no `</script>` can close the block early.
      const json = JSON.stringify(table).replace(/</g, '\\u003c');
      return [{ tag: 'script', attrs: { type: 'application/json', id: TEX_TABLE_ID }, children: json, injectTo: 'body' }];
    },
  };
}
