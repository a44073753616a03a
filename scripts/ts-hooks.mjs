// Module hooks: resolve extensionless relative imports to .ts files and strip types with TypeScript.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
  if ((specifier.startsWith('.') || specifier.startsWith('/')) && context.parentURL?.endsWith('.ts')) {
    const url = new URL(specifier, context.parentURL);
    for (const candidate of [url.href, `${url.href}.ts`, `${url.href}/index.ts`]) {
      const p = fileURLToPath(candidate);
      if (existsSync(p) && !p.endsWith('/')) {
        try { if ((await import('node:fs')).statSync(p).isFile()) return { url: candidate, shortCircuit: true }; } catch { /* next */ }
      }
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
    fileName: fileURLToPath(url),
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
