import { defineConfig, devices } from '@playwright/test';
import { systemChromium } from './scripts/browser-path.mjs';

const executablePath: string | undefined = systemChromium();
// E2E_PORT lets several checkouts (or helpers) run the journeys at once without sharing a server,
// a build directory or an output directory.
const PORT = Number(process.env['E2E_PORT'] ?? 4273);
const OWN = process.env['E2E_PORT'] !== undefined;
const DIST = OWN ? `.e2e-dist/${PORT}` : 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: OWN ? `test-results/port-${PORT}` : 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [
    ['list'],
    ['json', { outputFile: OWN ? `.e2e-dist/${PORT}.json` : '.ci/reports/playwright.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1920, height: 1080 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1920, height: 1080 } } },
  ],
  webServer: {
    command: `npx --no-install vite build --outDir ${DIST} && npx --no-install vite preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
