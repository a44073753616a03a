// A small static server that mounts a folder at a sub-path, as a course host would:
//   node scripts/serve-static.mjs <dir> <port> <subPath>
// Anything outside the sub-path is a 404, so a request that escapes the base shows up as a failure.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const [dir = 'dist', port = '4173', subPath = '/'] = process.argv.slice(2);
const root = resolve(dir);
const base = subPath.endsWith('/') ? subPath : `${subPath}/`;
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.ttf': 'font/ttf', '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = decodeURIComponent(url.pathname);
  if (path === base.slice(0, -1)) { res.writeHead(301, { location: base }); res.end(); return; }
  if (!path.startsWith(base)) { res.writeHead(404); res.end('not under the sub-path'); return; }
  let file = normalize(join(root, path.slice(base.length)));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404); res.end('not found');
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
