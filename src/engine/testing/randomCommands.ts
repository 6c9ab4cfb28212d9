// Seeded random command logs for determinism and fault-schedule tests. The generator uses the engine's
// own PRNG, so a failing seed reproduces exactly.
import type { Command } from '../sim/commands';
import type { LoggedCommand } from '../simulation';
import { createRng, nextInt } from '../rng';

export function randomCommandLog(
  seed: number,
  brokers: number[],
  untilMs: number,
  count: number,
): LoggedCommand[] {
  const rng = createRng(seed);
  const log: LoggedCommand[] = [];
  const times = Array.from({ length: count }, () => nextInt(rng, untilMs)).sort((a, b) => a - b);
  let consumerN = 0;
  for (const atMs of times) {
    const broker = brokers[nextInt(rng, brokers.length)]!;
    const choice = nextInt(rng, 9);
    let command: Command;
    switch (choice) {
      case 0:
        command = { type: 'killBroker', brokerId: broker };
        break;
      case 1:
        command = { type: 'restartBroker', brokerId: broker };
        break;
      case 2:
        command = { type: 'isolateBroker', brokerId: broker };
        break;
      case 3:
        command = { type: 'reconnectBroker', brokerId: broker };
        break;
      case 4:
        command = { type: 'slowBroker', brokerId: broker, fetchDelayMs: nextInt(rng, 3) * 1_000 };
        break;
      case 5:
        command = { type: 'produce', producerId: 'p', key: `k${nextInt(rng, 5)}`, value: `v${atMs}` };
        break;
      case 6:
        command = { type: 'addConsumer', groupId: 'g', consumerId: `extra-${++consumerN}` };
        break;
      case 7:
        command = { type: 'removeConsumer', consumerId: consumerN > 0 ? `extra-${consumerN}` : 'c1' };
        break;
      default:
        command = { type: 'shutdownBroker', brokerId: broker };
    }
    log.push({ atMs, command });
  }
  return log;
}

/**
 * The same log, with commands on share group `q`'s consumers mixed in (from a generator of their own,
 * so the brokers' part is the same as randomCommandLog's): crashes, restarts, closes, new members and
 * config changes.
 */
export function randomShareCommandLog(
  seed: number,
  brokers: number[],
  untilMs: number,
  count: number,
): LoggedCommand[] {
  const rng = createRng(seed + 1_000_003);
  const log = randomCommandLog(seed, brokers, untilMs, count);
  let extra = 0;
  for (let i = 0; i < count; i++) {
    const atMs = nextInt(rng, untilMs);
    const member = `s${1 + nextInt(rng, 2)}`;
    const choice = nextInt(rng, 5);
    const command: Command =
      choice === 0
        ? { type: 'crashConsumer', consumerId: member }
        : choice === 1
          ? { type: 'restartConsumer', consumerId: member }
          : choice === 2
            ? { type: 'removeConsumer', consumerId: member }
            : choice === 3
              ? {
                  type: 'addConsumer',
                  groupId: 'q',
                  consumerId: `share-extra-${++extra}`,
                  processingTimeMs: 100,
                }
              : {
                  type: 'setShareGroupConfig',
                  groupId: 'q',
                  config: { 'share.acknowledgement.mode': nextInt(rng, 2) === 0 ? 'explicit' : 'implicit' },
                };
    log.push({ atMs, command });
  }
  // Stable: at equal times the brokers' commands come first, as they were generated first.
  return log.sort((a, b) => a.atMs - b.atMs);
}
