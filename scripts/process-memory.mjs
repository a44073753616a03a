// The resident memory of a browser's processes, for the soak run and the end-to-end memory test.
import { readFileSync } from 'node:fs';

/**
 * Resident memory (bytes) of every process of `browser` (a Playwright Browser; its own list, through
 * CDP), summed from /proc; null where /proc cannot be read (not Linux).
 */
export async function browserRss(browser) {
  if (process.platform !== 'linux') return null;
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  let sum = 0;
  for (const { id } of processInfo) {
    try {
      sum += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch { /* gone */ }
  }
  return sum;
}
