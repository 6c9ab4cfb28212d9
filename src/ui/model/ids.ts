// Names for things the user adds. The engine refuses a name it has seen before, even for a member that
// has since left, so the scenario and the command log (up to now) are consulted as well.
import type { LoggedCommand } from '../../engine/index';
import type { Scenario } from '../../scenarios/index';

export function nextConsumerId(
  groupId: string,
  scenario: Scenario | null,
  log: readonly LoggedCommand[],
  current: readonly string[],
): string {
  const taken = new Set(current);
  for (const g of scenario?.groups ?? []) for (const c of g.consumers) taken.add(c.id);
  for (const { command } of log) if (command.type === 'addConsumer') taken.add(command.consumerId);
  for (let n = 1; ; n++) if (!taken.has(`${groupId}-${n}`)) return `${groupId}-${n}`;
}

export function nextProducerId(
  scenario: Scenario | null,
  log: readonly LoggedCommand[],
  current: readonly string[],
): string {
  const taken = new Set(current);
  for (const p of scenario?.producers ?? []) taken.add(p.id);
  for (const { command } of log) if (command.type === 'addProducer') taken.add(command.producer.id);
  for (let n = 1; ; n++) if (!taken.has(`producer-${n}`)) return `producer-${n}`;
}
