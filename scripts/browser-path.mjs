// Where is a Chromium to drive? CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** @returns {string | undefined} an executable path, or undefined to let Playwright choose its own. */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return undefined;
}

/** True when Playwright's own downloaded Chromium is present. */
export function playwrightChromiumExists() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const p = chromium.executablePath();
    return Boolean(p && existsSync(p));
  } catch {
    return false;
  }
}
