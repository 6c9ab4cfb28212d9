// Follow a record: where it sits on every replica, when it was acknowledged and committed, and which
// groups have processed it.
import { expect, test } from '@playwright/test';
import { openApp, setSpeed } from './app';

test('following a record shows its offset on each replica, its acknowledgement, commit and consumption', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  await page.getByRole('button', { name: 'Show the log of orders-0' }).first().click();
  await expect(page.getByRole('tab', { name: 'Partition log' })).toHaveAttribute('aria-selected', 'true');
  const pick = page.getByLabel('Follow a record:');
  await expect(pick.locator('option')).not.toHaveCount(1, { timeout: 20_000 });
  const value = await pick.locator('option').nth(1).getAttribute('value');
  await pick.selectOption(value!);
  const trace = page.getByTestId('record-trace');
  await expect(trace).toContainText(`Following record ${value}`);
  await expect(trace).toContainText('✓ acknowledged to the producer', { timeout: 20_000 });
  await expect(trace).toContainText('✓ committed');
  await expect(trace).toContainText('✓ processed by group billing', { timeout: 20_000 });
  await expect(
    trace.getByRole('listitem').filter({ hasText: /^broker \d: offset \d+, committed$/ }),
  ).toHaveCount(3);
  await trace.getByRole('button', { name: `Stop following record ${value}` }).click();
  await expect(trace).toBeHidden();
  expect(app.errors).toEqual([]);
});
