// Scenarios as data: the built-in library and the format they are written in.
import type { Scenario } from './schema';
import { ordersScenario } from './library/orders';

export { parseScenario, scenarioSchema, toSetup } from './schema';
export type { Scenario, ParseResult } from './schema';

export const builtinScenarios: readonly Scenario[] = [ordersScenario];
export const DEFAULT_SCENARIO_ID = ordersScenario.id;

export function findScenario(id: string): Scenario | undefined {
  return builtinScenarios.find((s) => s.id === id);
}
