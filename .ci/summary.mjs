// Sum the test runners' JSON reports into the one line CI reads: "N passed, N failed, N skipped".
// Exits non-zero when a report is missing, anything failed, or nothing ran.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const vitest = '.ci/reports/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A file that fails to load fails no test but fails its suite: count it so it cannot pass silently.
  const failedTests = r.numFailedTests ?? 0;
  failed += failedTests > 0 ? failedTests : (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else missing.push('unit (vitest)');

const playwright = '.ci/reports/playwright.json';
if (existsSync(playwright)) {
  const s = JSON.parse(readFileSync(playwright, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
} else missing.push('e2e (playwright)');

if (missing.length > 0) {
  console.log(`No report from: ${missing.join(', ')} (an earlier step failed, or the runner did not start).`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
