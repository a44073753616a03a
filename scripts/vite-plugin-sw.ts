/**
 * Emits `sw.js` into the build: a service worker that precaches every file of the build (pages,
 * chunks, the worker chunk, styles, fonts, public files) so the page works offline after the first
 * visit, from whatever sub-path it is served. The cache name carries a version hashed from the
 * contents of all files, so a new deployment installs a new worker and drops the old cache.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** The file name of the emitted worker, relative to the build root. */
export const SW_FILE = 'sw.js';

/** Files of the public folder, as paths relative to it with forward slashes. */
function listFiles(dir: string, root = dir): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path, root));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/** Font file name without its content hash and extension: `assets/KaTeX_Main-Regular`. */
const fontStem = (name: string): string => name.replace(/-[\w-]{8}\.(woff2?|ttf)$/, '');

/**
 * `files` without the .woff/.ttf copies of fonts that also come as .woff2: every browser with service
 * workers reads woff2, so the older formats would only fill the cache.
 */
export function withoutFontFallbacks(files: readonly string[]): string[] {
  const woff2 = new Set(files.filter((f) => f.endsWith('.woff2')).map(fontStem));
  return files.filter((f) => !/\.(woff|ttf)$/.test(f) || !woff2.has(fontStem(f)));
}

/** The worker's source: install caches `files`, activate drops other caches, fetch is cache-first; only the app's own page falls back to the app. */
export function serviceWorkerSource(version: string, files: readonly string[]): string {
  return `// Offline copy of this page, version ${version}.
const CACHE = 'unrolled-${version}';
const FILES = ${JSON.stringify(['./', ...files])};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('unrolled-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
// Only a navigation to the app's own page (the folder, or its index.html) is answered with the app;
// any other address in scope is served as the file it names (cached, else from the network) or
// gets a 404: a page under the wrong folder would load nothing (its relative assets miss).
const SCOPE = new URL(self.registration.scope).pathname;
const isAppPage = (url) => url.pathname === SCOPE || url.pathname === SCOPE + 'index.html';
const notFound = () => new Response('Not found', { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const page = request.mode === 'navigate' && isAppPage(url);
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(page ? './' : request, { ignoreSearch: page });
    if (hit) return hit;
    let response;
    try {
      response = await fetch(request);
    } catch {
      return notFound();
    }
    if (response.ok && !page && request.mode !== 'navigate') cache.put(request, response.clone());
    return response;
  }).catch(() => fetch(request).catch(notFound)));
});
`;
}

/** The Vite plugin: after the bundle is written, emits `sw.js` listing every output file. */
export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'unrolled-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const name of Object.keys(bundle).sort()) {
        if (name === SW_FILE || name.endsWith('.map') || name.startsWith('.')) continue;
        const item = bundle[name]!;
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
        if (name !== 'index.html') files.push(name);
      }
      const publicDir = config.publicDir;
      for (const name of publicDir ? listFiles(publicDir).sort() : []) {
        if (name === SW_FILE || name.startsWith('.')) continue;
        hash.update(name).update(readFileSync(join(publicDir, name)));
        files.push(name);
      }
      const version = hash.digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: SW_FILE, source: serviceWorkerSource(version, withoutFontFallbacks(files)) });
    },
  };
}
