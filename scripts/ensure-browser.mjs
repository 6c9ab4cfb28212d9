// Make sure the e2e tests have a browser, downloading only npm or Debian packages:
// CHROMIUM_PATH or a system Chromium when present; as root on Debian, apt's chromium package;
// otherwise Playwright's own browser install (which works on an ordinary laptop).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { systemChromium } from './browser-path.mjs';

function isDebian() {
  try {
    return /^ID=debian$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function run(cmd, args) {
  console.log(`ensure-browser: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const found = systemChromium();
if (found) {
  console.log(`ensure-browser: using ${found}`);
} else if (process.getuid?.() === 0 && isDebian()) {
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation']);
  console.log(`ensure-browser: installed ${systemChromium() ?? 'chromium (path not found!)'}`);
} else {
  run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
}
