// Journeys through the cluster: records flow to the consumer group; killing the leader of a partition
// moves leadership and shrinks the ISR in the kafka-topics table; restarting it grows the ISR back;
// adding a consumer rebalances the group.
import { expect, test } from '@playwright/test';
import { openApp, partition, setSpeed, view } from './app';

test('records flow: the consumer group commits advancing offsets, and messages travel', async ({ page }) => {
  const app = await openApp(page);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('orders');
  await expect(page.getByTestId('broker-1')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Partitions of topic orders' })).toBeVisible();
  await expect(page.getByTestId('producer-checkout')).toBeVisible();
  await expect(page.getByTestId('consumer-billing-1')).toBeVisible();
  await setSpeed(page, 10);
  await expect
    .poll(async () => (await view(page)).groups[0]!.partitions.reduce((n, p) => n + (p.committed ?? 0), 0), {
      timeout: 20_000,
    })
    .toBeGreaterThan(5);
  await expect.poll(async () => (await view(page)).messages.length).toBeGreaterThan(0);
  await expect(page.getByTestId('audit-acknowledged')).not.toHaveText('0');
  expect(app.errors).toEqual([]);
});

test('killing the leader moves leadership and shrinks the ISR; restarting the broker grows it back', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  const before = await partition(page, 'orders-0');
  const oldLeader = before.leader;
  await expect(page.getByTestId('leader-orders-0')).toHaveText(String(oldLeader));

  await page.getByRole('button', { name: `Kill broker ${oldLeader}` }).click();
  await expect(page.getByRole('region', { name: new RegExp(`^Broker ${oldLeader}: stopped`) })).toBeVisible();
  await expect(page.getByTestId('leader-orders-0')).not.toHaveText(String(oldLeader), { timeout: 20_000 });
  const after = await partition(page, 'orders-0');
  expect(before.isr).toContain(after.leader);
  expect(after.isr).not.toContain(oldLeader);
  await expect(page.getByTestId('isr-orders-0')).toHaveText(after.isr.join(','));
  await expect(page.getByTestId('urp-orders')).toContainText('3 under-replicated');
  // The old leader is the preferred leader of orders-0, so the table offers a preferred election.
  if (before.preferredLeader === oldLeader)
    await expect(page.getByRole('button', { name: /^Elect preferred leader for orders-0/ })).toBeVisible();

  await page.getByRole('button', { name: `Restart broker ${oldLeader}` }).click();
  await expect(page.getByTestId('isr-orders-0')).toContainText(String(oldLeader), { timeout: 20_000 });
  await expect(page.getByTestId('urp-orders')).toContainText('0 under-replicated', { timeout: 20_000 });
  expect(app.errors).toEqual([]);
});

test('adding a consumer rebalances the group: partitions split, and the group is Stable again', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 5);
  await page.getByRole('button', { name: 'Add consumer to group billing' }).click();
  await expect(page.getByTestId('consumer-billing-2')).toBeVisible();
  await expect
    .poll(
      async () => {
        const g = (await view(page)).groups.find((x) => x.groupId === 'billing')!;
        return g.members.map((m) => m.assigned.length).sort();
      },
      { timeout: 20_000 },
    )
    .toEqual([1, 2]);
  await page.getByRole('tab', { name: 'Consumer groups' }).click();
  await expect(page.getByTestId('state-billing')).toHaveText('Stable', { timeout: 20_000 });
  const g = (await view(page)).groups.find((x) => x.groupId === 'billing')!;
  const owners = new Set(g.partitions.map((p) => p.owner));
  expect(owners).toEqual(new Set(['billing-1', 'billing-2']));
  // Each member shows its own partitions in the diagram.
  for (const m of g.members)
    await expect(page.getByTestId(`consumer-${m.id}`)).toContainText(
      m.assigned.map((p) => p.slice(p.lastIndexOf('-') + 1)).join(', '),
    );

  await page.getByRole('button', { name: 'Actions for consumer billing-2' }).click();
  await page.getByRole('button', { name: 'Remove consumer billing-2' }).click();
  await expect(page.getByTestId('consumer-billing-2')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a produce the ISR cannot satisfy is rejected with NOT_ENOUGH_REPLICAS, shown at the producer', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  // min.insync.replicas=3 on a 3-broker topic: one broker down blocks every acks=all write.
  await page.getByRole('button', { name: 'Configure topic orders' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure topic orders' });
  await dialog.getByLabel('min.insync.replicas').fill('3');
  await dialog.getByRole('button', { name: 'Apply to orders' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/replication factor ≤ min.insync.replicas/)).toBeVisible();
  await page.getByRole('button', { name: 'Kill broker 3' }).click();
  await expect(page.getByTestId('producer-checkout')).toContainText('NOT_ENOUGH_REPLICAS', {
    timeout: 25_000,
  });
  await expect(page.getByRole('log', { name: 'Events, newest first' })).toContainText('NOT_ENOUGH_REPLICAS');
  expect(app.errors).toEqual([]);
});
