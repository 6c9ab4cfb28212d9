// Where a Chromium for Playwright lives on this machine, if anywhere outside Playwright's own cache.
// CHROMIUM_PATH wins; then the usual system paths. Undefined means "use Playwright's own browser".
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable'];

export function systemChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p));
}
