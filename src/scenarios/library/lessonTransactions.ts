// Lesson: transactions and read_committed. A ledger writes each batch of payments in one transaction;
// an auditor reading with isolation.level=read_committed sees a transaction's payments only once it
// commits, never an aborted one, and waits behind a transaction left open until the coordinator aborts it.
// Keys: acct-5 hashes to payments-0, acct-4 to payments-1, acct-1 to payments-2 (murmur2, 3 partitions).
import type { Scenario } from '../schema';

export const lessonTransactionsScenario: Scenario = {
  version: 1,
  id: 'lesson-transactions',
  title: 'Lesson: transactions, read_committed and the last stable offset',
  description:
    'A ledger writes payments four at a time in transactions. Two auditors read them: one with isolation.level=read_committed, one with the default read_uncommitted. Abort a transaction and only one of them sees its payments; let the ledger die mid-transaction and the committed reader waits until the coordinator aborts it.',
  seed: 43,
  cluster: { brokers: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  topics: [
    {
      name: 'payments',
      partitions: 3,
      replicationFactor: 3,
      config: { 'min.insync.replicas': 2 },
      assignment: { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2] },
    },
  ],
  producers: [
    {
      id: 'ledger',
      topic: 'payments',
      ratePerSec: 4,
      keys: { kind: 'cycle', keys: ['acct-5', 'acct-4', 'acct-1'] },
      valueTemplate: '{"payment":{n},"account":"{key}","amount":"25.00"}',
      // transaction.timeout.ms is 60000 by default; 20000 lets the class see the coordinator step in.
      config: { 'transactional.id': 'ledger-1', 'transaction.timeout.ms': 20_000 },
      recordsPerTransaction: 4,
    },
    {
      id: 'refunds',
      topic: 'payments',
      ratePerSec: 1,
      keys: { kind: 'cycle', keys: ['acct-5', 'acct-4', 'acct-1'] },
      valueTemplate: '{"refund":{n},"account":"{key}"}',
    },
  ],
  groups: [
    {
      groupId: 'auditor-committed',
      topic: 'payments',
      autoOffsetReset: 'earliest',
      config: { 'isolation.level': 'read_committed' },
      consumers: [{ id: 'auditor-rc' }],
    },
    {
      groupId: 'auditor-all',
      topic: 'payments',
      autoOffsetReset: 'earliest',
      consumers: [{ id: 'auditor-ru' }],
    },
  ],
  steps: [
    {
      id: 'commit-in-fours',
      title: 'Payments commit four at a time',
      narration:
        'The ledger has transactional.id ledger-1. It calls initTransactions() once, then sends four payments and calls commitTransaction(), again and again. The coordinator writes a COMMIT marker, a C, into every partition the transaction wrote to; the marker takes an offset but no consumer ever receives it.',
      runForMs: 14_000,
      expectations: [
        { kind: 'eventHappened', type: 'transactionCommitted' },
        { kind: 'consumedAtLeast', group: 'auditor-committed', count: 20 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'Both auditors read the same payments: everything was committed. Open the partition log to see the markers between the records; the refunds, written without a transaction, sit among them.',
    },
    {
      id: 'abort',
      title: 'Abort a transaction',
      narration:
        'The ledger finds a problem in the batch it is writing and calls abortTransaction(). Its payments are already in the logs, so the coordinator writes ABORT markers, an A. The read_uncommitted auditor has processed those payments; the read_committed one skips them.',
      actions: [{ type: 'abortTransaction', producerId: 'ledger' }],
      runForMs: 5_500,
      expectations: [
        { kind: 'eventHappened', type: 'transactionAborted' },
        { kind: 'abortedAtLeast', count: 1 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'An aborted transaction is not deleted: its records stay in the log, struck through in the partition log, and the delivery audit counts them as aborted. Only read_committed consumers leave them out.',
    },
    {
      id: 'ledger-dies',
      title: 'The ledger dies mid-transaction',
      narration:
        'The ledger process stops while a transaction is open. Nobody will commit or abort it, so the last stable offset of its partitions stops at the transaction’s first record. The read_committed auditor stops there too, even for the refunds behind it; the other auditor carries on.',
      actions: [{ type: 'removeProducer', producerId: 'ledger' }],
      runForMs: 8_000,
      expectations: [
        { kind: 'lagAbove', group: 'auditor-committed', min: 6 },
        { kind: 'lagBelow', group: 'auditor-all', max: 5 },
      ],
      explanation:
        'read_committed consumers read below the last stable offset (LSO), the first offset of the oldest unfinished transaction. A hung transaction holds back everything behind it on its partitions.',
    },
    {
      id: 'timeout',
      title: 'The coordinator aborts it',
      narration:
        'After transaction.timeout.ms, 20 seconds here, the transaction coordinator aborts the open transaction itself and fences the producer id. The ABORT markers let the LSO move on, and the read_committed auditor catches up.',
      runForMs: 25_000,
      expectations: [
        { kind: 'eventHappened', type: 'transactionTimedOut' },
        { kind: 'lagBelow', group: 'auditor-committed', max: 5 },
        { kind: 'nothingLost' },
      ],
      explanation:
        'A new ledger process with the same transactional.id would have done the same at once: initTransactions() aborts its predecessor’s open transaction and fences it, so a zombie cannot commit.',
    },
  ],
};
