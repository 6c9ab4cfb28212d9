// The forms use Kafka's config names and defaults, and a refused command says why in Kafka's words.
import { expect, test } from '@playwright/test';
import { openApp, partition, pause, setSpeed, view } from './app';

test('the topic form shows Kafka defaults, and fewer partitions is refused in Kafka’s words', async ({
  page,
}) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Configure topic orders' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure topic orders' });
  await expect(dialog.getByText("Kafka's default: 604800000 (7 days)")).toBeVisible();
  await expect(dialog.getByLabel('unclean.leader.election.enable')).not.toBeChecked();
  await expect(dialog.getByLabel('message.timestamp.type')).toHaveValue('CreateTime');
  await dialog.getByLabel('partitions').fill('2');
  await dialog.getByRole('button', { name: 'Apply to orders' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    /INVALID_PARTITIONS: Topic currently has 3 partitions, which is higher than the requested 2/,
  );
  await dialog.getByLabel('partitions').fill('4');
  await dialog.getByRole('button', { name: 'Apply to orders' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await view(page)).topics[0]!.partitions).toBe(4);
  await expect(page.getByRole('table', { name: 'Partitions of topic orders' }).getByRole('row')).toHaveCount(
    5,
  );
  // The rejected command was reported, as it should be; nothing else went wrong.
  expect(app.errors).toEqual([]);
});

test('a producer can be added, reconfigured and removed', async ({ page }) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: '+ Add producer' }).click();
  const add = page.getByRole('dialog', { name: 'Add a producer' });
  await add.getByLabel('acks').selectOption('1');
  await add.getByRole('button', { name: 'Add producer' }).click();
  await expect(page.getByTestId('producer-producer-1')).toContainText('acks=1');

  await page.getByRole('button', { name: 'Configure producer producer-1' }).click();
  const edit = page.getByRole('dialog', { name: 'Configure producer producer-1' });
  await expect(edit.getByLabel('acks')).toHaveValue('1');
  await edit.getByLabel('enable.idempotence').uncheck();
  await edit.getByLabel('Record keys').selectOption('null');
  await edit.getByRole('button', { name: 'Apply to producer-1' }).click();
  await expect(page.getByTestId('producer-producer-1')).toContainText('not idempotent');
  await expect(page.getByTestId('producer-producer-1')).toContainText('no key');

  await page.getByRole('button', { name: 'Remove producer producer-1' }).click();
  await expect(page.getByTestId('producer-producer-1')).toHaveCount(0);
  expect((await view(page)).producers.find((p) => p.id === 'producer-1')!.ratePerSec).toBe(0);
  expect(app.errors).toEqual([]);
});

test('a producer faster than its cluster blocks on buffer.memory, and its card says so', async ({ page }) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Configure producer checkout' }).click();
  const form = page.getByRole('dialog', { name: 'Configure producer checkout' });
  // Kafka's names, the simulator's defaults, and what each one does.
  await expect(form.getByLabel('buffer.memory')).toHaveValue('1048576');
  await expect(form.getByLabel('max.block.ms')).toHaveValue('60000');
  await expect(form).toContainText("Kafka's default: 33554432 (32 MiB); here 1048576 (1 MiB).");
  await form.getByRole('spinbutton', { name: 'Records per second' }).fill('10000');
  await form.getByRole('button', { name: 'Apply to checkout' }).click();
  await expect(form).toBeHidden();
  const card = page.getByTestId('producer-checkout');
  await expect(card).toContainText('10000 records/s');
  await expect(card).not.toContainText('send() blocked');
  await page.getByRole('button', { name: 'Play' }).click();
  // 10,000 records/s fill 1 MiB in about a second of virtual time; the card says so where it showed the counts.
  await expect(card.getByRole('status')).toHaveText('send() blocked: buffer.memory full', {
    timeout: 20_000,
  });
  await expect
    .poll(async () => (await view(page)).producers.find((p) => p.id === 'checkout')!.blocked)
    .toBe(true);
  // The rate went into the command log as the form's command, and nothing else was sent with it.
  const command = (await page.evaluate(() => window.kafkascope!.commandLog()))[0]!.command;
  expect(command).toEqual({
    type: 'setProducerConfig',
    producerId: 'checkout',
    // enable.idempotence is left to its default (on with acks=all), as the scenario left it.
    config: { acks: 'all' },
    ratePerSec: 10_000,
    keys: expect.anything(),
  });
  expect(app.errors).toEqual([]);
});

test('broker actions: controlled shutdown moves leadership away; isolate and slow down show on the card', async ({
  page,
}) => {
  const app = await openApp(page);
  const leads = (await view(page)).partitions.filter((p) => p.leader === 2).length;
  expect(leads).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'More actions for broker 2' }).click();
  await page.getByRole('button', { name: 'Shut down broker 2 (controlled)' }).click();
  await expect.poll(async () => (await view(page)).partitions.filter((p) => p.leader === 2).length).toBe(0);
  await expect(page.getByRole('button', { name: 'Restart broker 2' })).toBeVisible();

  await page.getByRole('button', { name: 'More actions for broker 3' }).click();
  await page.getByRole('button', { name: 'Isolate broker 3 from the network' }).click();
  await expect(page.getByRole('region', { name: /^Broker 3: isolated from the network/ })).toBeVisible();

  await page.getByRole('button', { name: 'More actions for broker 1' }).click();
  await page.getByRole('button', { name: 'Slow down broker 1…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Slow down broker 1' });
  await expect(dialog).toContainText('replica.lag.time.max.ms is 10000 ms');
  await dialog.getByRole('button', { name: 'Slow down broker 1' }).click();
  await expect(
    page.getByRole('region', { name: /^Broker 1: running · slow \(\+15 s per fetch\)/ }),
  ).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('the Simplifications list is one click away', async ({ page }) => {
  const app = await openApp(page);
  await page.getByRole('button', { name: 'Simplifications' }).click();
  const dialog = page.getByRole('dialog', { name: 'Where the simulator departs from Kafka' });
  await expect(dialog.getByRole('listitem').first()).toContainText('Network latency is exaggerated');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Simplifications' })).toBeFocused();
  expect(app.errors).toEqual([]);
});

test('a topic is created from a form with Kafka’s defaults; a replication factor above the broker count is refused', async ({
  page,
}) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Create topic…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a topic' });
  await expect(dialog.getByLabel('--partitions')).toHaveValue('1');
  await expect(dialog.getByLabel('--replication-factor')).toHaveValue('1');
  await expect(dialog).toContainText("Kafka's default: 1 (default.replication.factor)");
  await dialog.getByLabel('--topic').fill('payments');
  await dialog.getByLabel('--partitions').fill('2');
  await dialog.getByLabel('--replication-factor').fill('4');
  await dialog.getByRole('button', { name: 'Create topic' }).click();
  // The KRaft controller's words (ZooKeeper-era AdminUtils said "Replication factor: 4 larger than available brokers: 3.").
  const reason =
    'INVALID_REPLICATION_FACTOR: Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered.';
  await expect(dialog.getByRole('alert')).toHaveText(reason);
  expect((await view(page)).topics.map((t) => t.name)).toEqual(['orders']);
  // Said once, where the user is looking: the form stays open with what was typed, and the notice bar
  // above the diagram stays quiet. The event log, the run's history, keeps its line as for any refusal.
  await expect(dialog.getByLabel('--topic')).toHaveValue('payments');
  await expect(dialog.getByLabel('--partitions')).toHaveValue('2');
  await expect(dialog.getByLabel('--replication-factor')).toHaveValue('4');
  await expect(page.getByRole('alert'), 'only the form says why').toHaveCount(1);
  await expect(page.getByRole('log', { name: 'Events, newest first' })).toContainText(reason);

  await dialog.getByLabel('--replication-factor').fill('3');
  await dialog.getByLabel('min.insync.replicas').fill('2');
  await expect(dialog).toContainText("Kafka's default: CreateTime");
  await dialog.getByLabel('message.timestamp.type').selectOption('LogAppendTime');
  await dialog.getByRole('button', { name: 'Create topic' }).click();
  await expect(dialog).toBeHidden();
  const t = (await view(page)).topics.find((x) => x.name === 'payments')!;
  expect([t.partitions, t.replicationFactor, t.config['min.insync.replicas']]).toEqual([2, 3, 2]);
  expect(t.config['message.timestamp.type']).toBe('LogAppendTime');
  // kafka-topics --describe lists the config the topic overrides.
  await expect(page.getByRole('region', { name: 'Topic payments' })).toContainText(
    'Configs: min.insync.replicas=2,message.timestamp.type=LogAppendTime',
  );
  const table = page.getByRole('table', { name: 'Partitions of topic payments' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('broker-1')).toContainText('payments-0');

  // The name is taken now.
  await page.getByRole('button', { name: 'Create topic…' }).click();
  await dialog.getByLabel('--topic').fill('payments');
  await dialog.getByRole('button', { name: 'Create topic' }).click();
  await expect(dialog.getByRole('alert')).toContainText("Topic 'payments' already exists.");
  expect(app.errors).toEqual([]);
});

test('a command refused outside a form is said in the notice bar, and logged like every refusal', async ({
  page,
}) => {
  const app = await openApp(page);
  await setSpeed(page, 10);
  const p = await partition(page, 'orders-0');
  await page.getByRole('button', { name: `Kill broker ${p.preferredLeader}` }).click();
  const elect = page.getByRole('button', { name: /^Elect preferred leader for orders-0/ });
  await expect(elect).toBeVisible({ timeout: 20_000 });
  await pause(page);
  // The preferred replica's broker is down, so the controller refuses, in its words.
  await elect.click();
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('PREFERRED_LEADER_NOT_AVAILABLE');
  await expect(page.getByRole('log', { name: 'Events, newest first' })).toContainText(
    'PREFERRED_LEADER_NOT_AVAILABLE',
  );
  await notice.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(notice).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('a hand-written record goes where murmur2 says, and the form says so before it is sent', async ({
  page,
}) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('button', { name: 'Send a record from producer checkout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a record from checkout to orders' });
  await dialog.getByRole('textbox', { name: /Key/ }).fill('foobar');
  await dialog.getByRole('textbox', { name: /Value/ }).fill('{"orderId":"O-9999"}');
  // "foobar" -> murmur2 1357151166 -> partition 0 of 3 (kafka-reference.md 1.1).
  await expect(dialog.getByRole('status')).toContainText('orders-0: murmur2("foobar") modulo 3 partitions.');
  const before = await view(page);
  const leo = (v: typeof before) =>
    v.partitions
      .find((p) => p.id === 'orders-0')!
      .replicaLogs.find((r) => r.brokerId === v.partitions[0]!.leader)!;
  await dialog.getByRole('button', { name: 'Send record' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(async () => {
      const v = await view(page);
      return leo(v).tail.some((r) => r.key === 'foobar' && r.value === '{"orderId":"O-9999"}');
    })
    .toBe(true);
  expect(leo(before).tail.some((r) => r.key === 'foobar')).toBe(false);
  expect(app.errors).toEqual([]);
});
