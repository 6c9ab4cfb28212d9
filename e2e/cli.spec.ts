// The CLI tab: Kafka's tools typed against the simulated cluster change it as the forms do, print what
// the tools print, and their commands join the run (a share link would replay them).
import { expect, test } from '@playwright/test';
import { openApp, pause, view } from './app';

const B = '--bootstrap-server localhost:9092';

test('kafka-topics and the console producer act on the cluster from the CLI tab', async ({ page }) => {
  const app = await openApp(page);
  await pause(page);
  await page.getByRole('tab', { name: 'CLI' }).click();
  const line = page.getByLabel('Command line');
  const output = page.getByRole('log', { name: 'Terminal output' });

  await line.fill(`kafka-topics ${B} --describe --topic orders`);
  await line.press('Enter');
  const topicId = (await view(page)).topics.find((t) => t.name === 'orders')!.topicId;
  await expect(output).toContainText(
    `Topic: orders\tTopicId: ${topicId}\tPartitionCount: 3\tReplicationFactor: 3`,
  );
  await expect(output).toContainText('\tTopic: orders\tPartition: 0\tLeader: ');

  await line.fill(`kafka-topics ${B} --create --topic payments --partitions 2 --replication-factor 3`);
  await line.press('Enter');
  await expect(output).toContainText('Created topic payments.');
  expect((await view(page)).topics.map((t) => t.name)).toContain('payments');

  // The controller's refusal, in TopicCommand's words; the run goes on.
  await line.fill(`kafka-topics ${B} --create --topic big --replication-factor 9`);
  await line.press('Enter');
  await expect(output).toContainText(
    'Error while executing topic command : Unable to replicate the partition 9 time(s)',
  );

  // History: the arrow key brings the last command back.
  await line.press('ArrowUp');
  await expect(line).toHaveValue(`kafka-topics ${B} --create --topic big --replication-factor 9`);
  await line.fill(
    `kafka-console-producer ${B} --topic orders --property parse.key=true --property key.separator=:`,
  );
  await line.press('Enter');
  const record = page.getByLabel('Record for topic orders');
  await expect(record).toBeVisible();
  await expect(page.getByTestId('producer-console-producer')).toBeVisible();
  const before = (await view(page)).producers.find((p) => p.id === 'console-producer')!.produced;
  await record.fill('zoe:{"ride":7}');
  await record.press('Enter');
  await expect
    .poll(async () => (await view(page)).producers.find((p) => p.id === 'console-producer')?.produced)
    .toBe(before + 1);
  // Ctrl+D ends the tool: its producer closes and leaves the diagram.
  await record.press('Control+d');
  await expect(page.getByLabel('Command line')).toBeVisible();
  await expect(page.getByTestId('producer-console-producer')).toHaveCount(0);
  // The commands joined the run's log, which a share link carries (a refused one too: its refusal is
  // part of the run's story).
  const types = await page.evaluate(() => window.kafkascope!.commandLog().map((c) => c.command.type));
  expect(types).toEqual(['createTopic', 'createTopic', 'addProducer', 'produce', 'removeProducer']);
  expect(app.errors).toEqual([]);
});

test('kafka-console-consumer prints the records it polls until Ctrl+C', async ({ page }) => {
  const app = await openApp(page);
  await page.getByRole('tab', { name: 'CLI' }).click();
  const line = page.getByLabel('Command line');
  const output = page.getByRole('log', { name: 'Terminal output' });
  await line.fill(
    `kafka-console-consumer ${B} --topic orders --from-beginning --property print.key=true --property key.separator=:`,
  );
  await line.press('Enter');
  const running = page.getByLabel('kafka-console-consumer is reading orders');
  await expect(running).toBeVisible();
  await expect(page.getByTestId('group-console-consumer-1')).toBeVisible();
  // The checkout producer's keys, each printed with its value after the separator.
  await expect(output).toContainText(/(alice|bob|carol|dave|erin):\{/, { timeout: 20_000 });
  await running.press('Control+c');
  await expect(output).toContainText(/Processed a total of [1-9]\d* messages/);
  await expect(page.getByLabel('Command line')).toBeVisible();
  expect(app.errors).toEqual([]);
});
