// Consumer groups under trouble: a crashed member stays until its session expires and then loses its
// partitions to the others; the assignor and the protocol change from a form with Kafka's names.
import { expect, test } from '@playwright/test';
import { openApp, pause, setSpeed, view } from './app';

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

test('fetch.min.bytes and fetch.max.wait.ms from the form reach the group’s fetches', async ({ page }) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await page.getByRole('button', { name: 'Configure group billing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure group billing' });
  await expect(dialog).toContainText("Kafka's default: 1.");
  await expect(dialog).toContainText("Kafka's default: 500.");
  await dialog.getByLabel('fetch.min.bytes').fill('2000');
  await dialog.getByLabel('fetch.max.wait.ms').fill('3000');
  await dialog.getByRole('button', { name: 'Apply to billing' }).click();
  await expect(dialog).toBeHidden();
  const g = await billing(page);
  expect([g.fetchMinBytes, g.fetchMaxWaitMs]).toEqual([2000, 3000]);
  // The change is narrated with Kafka's names, and the next fetches carry it.
  await expect
    .poll(async () => (await view(page)).events.some((e) => e.text.includes('fetch.min.bytes=2000')))
    .toBe(true);
  // Reopened, the form shows the group's values rather than the defaults.
  await page.getByRole('button', { name: 'Configure group billing' }).click();
  await expect(dialog.getByLabel('fetch.min.bytes')).toHaveValue('2000');
  expect(app.errors).toEqual([]);
});

test('reset offsets is refused in Kafka’s words while the group is active, and applied once it is Empty', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await expect.poll(async () => (await billing(page)).state, { timeout: 20_000 }).toBe('Stable');
  await page.getByRole('button', { name: 'More actions for group billing' }).click();
  await page.getByRole('button', { name: 'Reset offsets of group billing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset offsets of group billing' });
  await expect(dialog.getByTestId('reset-state')).toHaveText('Stable');
  await dialog.getByRole('radio', { name: /--to-earliest/ }).check();
  await expect(dialog).toContainText(
    'kafka-consumer-groups --group billing --topic orders --reset-offsets --to-earliest --execute',
  );
  await dialog.getByRole('button', { name: 'Reset offsets of billing' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    "Error: Assignments can only be reset if the group 'billing' is inactive, but the current state is Stable.",
  );

  // Stop the application: its consumer leaves the group, which becomes Empty.
  await dialog.getByRole('button', { name: 'Close every consumer of group billing' }).click();
  await expect(dialog.getByTestId('reset-state')).toHaveText('Empty', { timeout: 20_000 });
  await expect
    .poll(async () => (await billing(page)).partitions.every((p) => (p.committed ?? 0) > 0))
    .toBe(true);
  await dialog.getByRole('button', { name: 'Reset offsets of billing' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await billing(page)).partitions.map((p) => p.committed)).toEqual([0, 0, 0]);
  await page.getByRole('tab', { name: 'Consumer groups' }).click();
  await expect(page.getByTestId('empty-billing')).toHaveText(
    "Consumer group 'billing' has no active members.",
  );
  await expect(page.getByTestId('committed-billing-orders-0')).toHaveText('0');
  // The lag is now the whole log: the group will replay it.
  const g = await billing(page);
  expect(g.partitions.every((p) => p.highWatermark > 0 && p.lag === p.highWatermark)).toBe(true);
  await expect(page.getByRole('log', { name: 'Events, newest first' })).toContainText(
    'group billing will start from earliest',
  );
  expect(app.errors).toEqual([]);
});

test('a consumer group can be added with its assignor, and its members share the partitions', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await page.getByRole('button', { name: '+ Add consumer group' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a consumer group' });
  await expect(dialog).toContainText("Kafka's default: latest");
  await dialog.getByLabel('group.id').fill('audit');
  await dialog.getByLabel('partition.assignment.strategy').selectOption('roundrobin');
  await dialog.getByLabel('auto.offset.reset').selectOption('earliest');
  await dialog.getByLabel('Consumers to start').fill('2');
  await dialog.getByRole('button', { name: 'Add group' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('group-audit')).toBeVisible();
  const audit = async () => (await view(page)).groups.find((g) => g.groupId === 'audit')!;
  await expect
    .poll(async () => (await audit()).members.map((m) => m.assigned.length).sort(), { timeout: 20_000 })
    .toEqual([1, 2]);
  expect((await audit()).assignor).toBe('roundrobin');
  await expect(page.getByTestId('consumer-audit-1')).toBeVisible();
  await expect(page.getByTestId('consumer-audit-2')).toBeVisible();

  // The same group id again is refused.
  await page.getByRole('button', { name: '+ Add consumer group' }).click();
  await dialog.getByLabel('group.id').fill('audit');
  await dialog.getByRole('button', { name: 'Add group' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Group audit already exists.');
  await page.keyboard.press('Escape');
  expect(app.errors).toEqual([]);
});

test('a static member (group.instance.id) that restarts in time gets its partitions back without a rebalance', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await page.getByRole('button', { name: 'More actions for group billing' }).click();
  await page.getByRole('button', { name: 'Add a static consumer to group billing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add consumer billing-2 to group billing' });
  await expect(dialog.getByLabel('group.instance.id value')).toHaveValue('billing-2-instance');
  await dialog.getByRole('button', { name: 'Add consumer billing-2' }).click();
  await expect(page.getByTestId('consumer-billing-2')).toContainText('static');
  await expect
    .poll(async () => (await billing(page)).members.map((m) => m.assigned.length).sort(), { timeout: 20_000 })
    .toEqual([1, 2]);
  const member = (await billing(page)).members.find((m) => m.id === 'billing-2')!;
  expect(member.groupInstanceId).toBe('billing-2-instance');
  const generation = (await billing(page)).generation;

  await page.getByRole('button', { name: 'Actions for consumer billing-2' }).click();
  await page.getByRole('button', { name: 'Crash consumer billing-2' }).click();
  await page.getByRole('button', { name: 'Actions for consumer billing-2' }).click();
  await page.getByRole('button', { name: 'Restart consumer billing-2' }).click();
  await expect(page.getByRole('log', { name: 'Events, newest first' })).toContainText(
    'Static member billing-2-instance (group.instance.id) came back to group billing',
    { timeout: 20_000 },
  );
  const after = (await billing(page)).members.find((m) => m.id === 'billing-2')!;
  expect(after.assigned).toEqual(member.assigned);
  expect((await billing(page)).generation).toBe(generation);
  expect(app.errors).toEqual([]);
});

test('a consumer is made a static member and back from its menu, restarting with or without group.instance.id', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 20);
  await expect.poll(async () => (await billing(page)).state, { timeout: 20_000 }).toBe('Stable');
  const generation = (await billing(page)).generation;
  const member = async () => (await billing(page)).members.find((m) => m.id === 'billing-1')!;
  expect((await member()).groupInstanceId).toBeNull();

  await page.getByRole('button', { name: 'Actions for consumer billing-1' }).click();
  await page.screenshot({ path: 'test-results/screens/static-toggle-menu-1920x1080.png' });
  await page.getByRole('button', { name: 'Make billing-1 a static member' }).click();
  // It left with LeaveGroup and joined again with group.instance.id=billing-1: a new generation.
  await expect.poll(async () => (await member()).groupInstanceId, { timeout: 20_000 }).toBe('billing-1');
  await expect
    .poll(async () => (await billing(page)).generation, { timeout: 20_000 })
    .toBeGreaterThan(generation);
  const tag = page.getByTestId('consumer-billing-1').locator('.static-tag');
  await expect(tag).toHaveText('static');
  await expect(tag).toHaveAttribute('title', 'group.instance.id=billing-1');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Actions for consumer billing-1' }).click();
  await expect(page.getByRole('button', { name: 'Make billing-1 a dynamic member' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/static-toggle-menu-1280x720.png' });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Actions for consumer billing-1' }).click();
  await page.getByRole('button', { name: 'Make billing-1 a dynamic member' }).click();
  await expect.poll(async () => (await member()).groupInstanceId, { timeout: 20_000 }).toBeNull();
  await expect(tag).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a group with no committed offsets shows its lag as "-", as kafka-consumer-groups does, then a number', async ({
  page,
}) => {
  const app = await openApp(page);
  await pause(page);
  const lag = page.getByTestId('group-billing').locator('.group-lag');
  // Nothing is committed before the first auto-commit (auto.commit.interval.ms, 5 s).
  expect((await billing(page)).partitions.every((p) => p.committed === null)).toBe(true);
  await expect(lag).toHaveText('· lag -');
  await setSpeed(page, 20);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(async () => (await billing(page)).partitions.some((p) => p.committed !== null), { timeout: 20_000 })
    .toBe(true);
  await expect(lag).toHaveText(/· lag \d+/);
  expect(app.errors).toEqual([]);
});
