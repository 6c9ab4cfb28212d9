// Consumer groups under trouble: a crashed member stays until its session expires and then loses its
// partitions to the others; the assignor and the protocol change from a form with Kafka's names.
import { expect, test } from '@playwright/test';
import { openApp, setSpeed, view } from './app';

const billing = async (page: Parameters<typeof view>[0]) =>
  (await view(page)).groups.find((g) => g.groupId === 'billing')!;

test('a crashed consumer is shown crashed, and after session.timeout.ms its partitions move to the others', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await page.getByRole('button', { name: 'Add consumer to group billing' }).click();
  await expect
    .poll(async () => (await billing(page)).members.map((m) => m.assigned.length).sort(), { timeout: 20_000 })
    .toEqual([1, 2]);

  await page.getByRole('button', { name: 'Actions for consumer billing-2' }).click();
  await page.getByRole('button', { name: 'Crash consumer billing-2' }).click();
  await expect(page.getByTestId('consumer-billing-2')).toContainText('crashed');
  await expect(page.getByRole('button', { name: 'Actions for consumer billing-2' })).toBeVisible();
  // The coordinator notices only when the session expires (45 s by default), then rebalances.
  await expect
    .poll(async () => (await billing(page)).partitions.every((p) => p.owner === 'billing-1'), {
      timeout: 30_000,
    })
    .toBe(true);
  await page.getByRole('tab', { name: 'Consumer groups' }).click();
  await expect(page.getByTestId('state-billing')).toHaveText('Stable', { timeout: 20_000 });
  expect(app.errors).toEqual([]);
});

test('changing the assignor rebalances the group with the new ASSIGNMENT-STRATEGY', async ({ page }) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await page.getByRole('button', { name: 'Configure group billing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure group billing' });
  await expect(dialog).toContainText("Kafka's default: classic");
  await expect(dialog).toContainText("Kafka's default: range, cooperative-sticky");
  await dialog.getByLabel('partition.assignment.strategy').selectOption('roundrobin');
  await dialog.getByRole('button', { name: 'Apply to billing' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await billing(page)).assignor, { timeout: 20_000 }).toBe('roundrobin');
  await page.getByRole('tab', { name: 'Consumer groups' }).click();
  await expect(page.getByRole('region', { name: 'Consumer group billing' }).last()).toContainText(
    'ASSIGNMENT-STRATEGY roundrobin',
  );
  expect(app.errors).toEqual([]);
});
