// Makes sure a Chromium exists before the browser tests: Debian's package as root, else Playwright's.
import { execSync } from 'node:child_process';
import { chromiumPath, playwrightChromiumExists } from './browser-path.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

if (chromiumPath() || playwrightChromiumExists()) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot) {
  console.log('No Chromium found: installing Debian\'s chromium with apt-get.');
  run('apt-get -o DPkg::Lock::Timeout=900 update -qq');
  run('apt-get -o DPkg::Lock::Timeout=900 install -y -qq chromium fonts-liberation fonts-noto-cjk');
} else {
  console.log('No Chromium found: installing Playwright\'s own Chromium.');
  run('npx playwright install chromium');
}
