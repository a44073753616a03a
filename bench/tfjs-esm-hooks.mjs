// Module hooks for the benchmark: tfjs-core ships its gradient registrations only as ES modules with
// extensionless imports (dist/register_all_gradients.js); these hooks let Node load them.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CORE = '/@tensorflow/tfjs-core/dist/';
const isFile = (p) => existsSync(p) && statSync(p).isFile();

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('.') && context.parentURL?.includes(CORE)) {
    const url = new URL(specifier, context.parentURL);
    for (const candidate of [url.href, `${url.href}.js`, `${url.href}/index.js`]) {
      if (isFile(fileURLToPath(candidate))) return { url: candidate, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.includes(CORE) && url.endsWith('.js') && !/\/tf-core[^/]*\.js$/.test(url)) {
    const result = await next(url, { ...context, format: 'module' });
    return { ...result, format: 'module', shortCircuit: true };
  }
  return next(url, context);
}
