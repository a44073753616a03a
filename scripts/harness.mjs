// Shared pieces of the scripts that drive the built page outside Playwright's test runner
// (budgets, the UI benchmark, the soak run): Chromium's flags, a free port, the static server.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Chromium's flags here: headless, no sandbox (root), nothing that reaches for the network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A TCP port nobody listens on right now, or the number in the environment variable `envName` when set. */
export function freePort(envName) {
  if (envName && process.env[envName]) return Promise.resolve(Number(process.env[envName]));
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts scripts/serve-static.mjs on `dir` at `subPath`; resolves with the child once it listens. */
export function serveStatic(dir, port, subPath) {
  const child = spawn(process.execPath, ['scripts/serve-static.mjs', dir, String(port), subPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error('static server did not start')); }, 10_000);
    child.once('error', reject);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`static server exited (${code})`)); });
    child.stdout.on('data', (d) => { if (String(d).includes('serving')) { clearTimeout(timer); resolve(child); } });
  });
}
