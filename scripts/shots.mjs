// Screenshots of the built page for a review by eye: every chapter and the default view, at 1280×720 and
// 1440×900, in both languages, and in presentation mode. Run `npm run shots` (builds dist/ first);
// the PNGs land in `shots/` (not committed). SHOTS_ONLY=<part of a name> takes only matching shots;
// SHOTS_WAIT=<ms> waits that long after the first snapshot (default 2500) so a chapter's scene settles;
// SHOTS_PLAY=1 presses the chapter's "try this" once before waiting.
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { chromiumPath } from './browser-path.mjs';
import { CHROMIUM_ARGS, freePort, serveStatic } from './harness.mjs';

const SUB_PATH = '/courses/rnn/';
const OUT = process.env.SHOTS_DIR ?? 'shots';
const WAIT = Number(process.env.SHOTS_WAIT ?? 2500);
const ONLY = process.env.SHOTS_ONLY ?? '';
const PLAY = process.env.SHOTS_PLAY === '1';
const CHAPTERS = ['why', 'shapes', 'recurrence', 'loss', 'bptt', 'vanishing', 'clipping', 'lstm', 'highway', 'gru', 'race', 'units'];
const VIEWPORTS = [{ width: 1280, height: 720 }, { width: 1440, height: 900 }];
const LANGS = ['en', 'zh-CN'];

const shots = [];
for (const lang of LANGS) {
  for (const vp of VIEWPORTS) {
    const size = `${vp.width}x${vp.height}`;
    shots.push({ name: `${lang}-${size}-00-default`, query: `?lang=${lang}`, vp });
    shots.push({ name: `${lang}-${size}-00-present`, query: `?lang=${lang}&present=1`, vp });
    CHAPTERS.forEach((id, i) => {
      const n = String(i + 1).padStart(2, '0');
      shots.push({ name: `${lang}-${size}-${n}-${id}`, query: `?lang=${lang}&lesson=${id}`, vp, chapter: true });
      shots.push({ name: `${lang}-${size}-${n}-${id}-present`, query: `?lang=${lang}&lesson=${id}&present=1`, vp, chapter: true });
    });
  }
}
shots.push({ name: 'en-1920x1080-present-vanishing', query: '?lesson=vanishing&present=1', vp: { width: 1920, height: 1080 }, chapter: true });

const chosen = shots.filter((s) => s.name.includes(ONLY));
await mkdir(OUT, { recursive: true });
const port = await freePort('SHOTS_PORT');
const server = await serveStatic('dist', port, SUB_PATH);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const shot of chosen) {
    const page = await browser.newPage({ viewport: shot.vp });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}${SUB_PATH}${shot.query}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="readout-chance"]')?.textContent, null, { timeout: 30_000 });
    if (PLAY && shot.chapter) await page.getByTestId('lesson-try').click().catch(() => {});
    await page.waitForTimeout(WAIT);
    await page.screenshot({ path: `${OUT}/${shot.name}.png` });
    if (errors.length) console.log(`${shot.name}: ${errors.join(' | ')}`);
    await page.close();
    console.log(`${OUT}/${shot.name}.png`);
  }
} finally {
  await browser.close();
  server.kill();
}
