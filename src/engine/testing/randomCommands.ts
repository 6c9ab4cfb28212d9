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
