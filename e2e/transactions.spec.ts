// Transactions on screen: a transactional producer's card shows where its application is in its loop
// of transactions and can abort the open one; markers take an offset in the partition rows, and the
// delivery audit counts aborted records once there are any.
import { expect, test } from '@playwright/test';
import { openApp, pause, setSpeed, view } from './app';

test('a transaction aborted from the producer card: ABORT markers, and the audit counts its records', async ({
  page,
}) => {
  const app = await openApp(page, '?scenario=lesson-transactions');
  // A lesson's clock waits for its first step.
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await setSpeed(page, 5);
  await panel.getByRole('button', { name: 'Next step' }).click();
  const card = page.getByTestId('producer-ledger');
  await expect(card).toContainText('transactional');
  // initTransactions(), then the loop: the card names the transaction and its progress.
  const abort = page.getByRole('button', { name: 'Abort the transaction of producer ledger' });
  await expect(abort).toBeVisible({ timeout: 20_000 });
  await pause(page);
  await expect(card).toContainText(/txn \d+: (\d\/4 sent|committing…)/);
  // Step on until a record of the open transaction is in a leader's log (after that partition's last
  // marker) and the transaction is not committing yet: otherwise the abort would throw away only records
  // still in the producer, or Kafka would refuse it (COMMITTING_TRANSACTION).
  const inALog = (v: Awaited<ReturnType<typeof view>>): boolean =>
    v.partitions.some((p) => {
      const tail = p.replicaLogs.find((r) => r.brokerId === p.leader)?.tail ?? [];
      const kinds = tail.map((x) => x.txn);
      return kinds.lastIndexOf('data') > Math.max(kinds.lastIndexOf('COMMIT'), kinds.lastIndexOf('ABORT'));
    });
  const abortable = async (): Promise<boolean> =>
    /txn \d+: [1-3]\/4 sent/.test((await card.textContent()) ?? '') && inALog(await view(page));
  for (let i = 0; i < 400 && !(await abortable()); i++)
    await page.getByRole('button', { name: 'Step to next event' }).click();
  expect(await abortable()).toBe(true);
  await abort.click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await view(page)).audit.aborted, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('audit-aborted')).toBeVisible();
  // The ABORT markers are in the logs, as control records with an offset of their own.
  await expect
    .poll(async () =>
      (await view(page)).partitions.some((p) =>
        p.replicaLogs.some((r) => r.tail.some((x) => x.txn === 'ABORT')),
      ),
    )
    .toBe(true);
  expect(app.errors).toEqual([]);
});
