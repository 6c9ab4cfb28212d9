// Scenarios as data: the built-in library, the format they are written in, and the lesson runner.
import type { Scenario } from './schema';
import { ordersScenario } from './library/orders';
import { taxiBookingScenario } from './library/taxiBooking';
import { evChargingScenario } from './library/evCharging';
import { ecommerceOrdersScenario } from './library/ecommerceOrders';
import { cardFraudScenario } from './library/cardFraud';
import { streamingActivityScenario } from './library/streamingActivity';
import { iotTelemetryScenario } from './library/iotTelemetry';
import { lessonKeysOrderingScenario } from './library/lessonKeysOrdering';
import { lessonReplicationScenario } from './library/lessonReplication';
import { lessonAcksDataLossScenario } from './library/lessonAcksDataLoss';
import { lessonUncleanElectionScenario } from './library/lessonUncleanElection';
import { lessonGroupScalingScenario } from './library/lessonGroupScaling';
import { lessonRetentionReplayScenario } from './library/lessonRetentionReplay';
import { lessonAddPartitionsScenario } from './library/lessonAddPartitions';
import { lessonKip848Scenario } from './library/lessonKip848';
import { lessonDeadLetterScenario } from './library/lessonDeadLetter';
import { lessonHeadOfLineScenario } from './library/lessonHeadOfLine';
import { lessonFetchBatchingScenario } from './library/lessonFetchBatching';
import { lessonTransactionsScenario } from './library/lessonTransactions';
import { lessonExactlyOnceScenario } from './library/lessonExactlyOnce';
import { lessonShareGroupsScenario } from './library/lessonShareGroups';
import { sandboxScenario } from './library/sandbox';

export { parseScenario, scenarioSchema, toSetup } from './schema';
export type { Scenario, ParseResult } from './schema';
export { stepSchema, waitForSchema, MAX_STEP_RUN_MS } from './step';
export type { Step, WaitFor } from './step';
export { expectationSchema, EXPECTATION_KINDS } from './expectations';
export type { Expectation, ExpectationKind } from './expectations';
export { checkExpectation, describeExpectation } from './check';
export type { CheckResult, CheckContext } from './check';
export {
  runScenario,
  playStep,
  stepTimeline,
  stepIndexAt,
  scriptedCommands,
  checkAll,
  failures,
} from './runner';
export type { StepTime, StepResult, ExpectationResult, ScenarioRunResult, RunOptions } from './runner';
export { scenarioJsonSchema } from './jsonSchema';

/** The built-in library: the default playground first, then the stories, the lessons and the sandbox. */
export const builtinScenarios: readonly Scenario[] = [
  ordersScenario,
  taxiBookingScenario,
  evChargingScenario,
  ecommerceOrdersScenario,
  cardFraudScenario,
  streamingActivityScenario,
  iotTelemetryScenario,
  lessonKeysOrderingScenario,
  lessonReplicationScenario,
  lessonAcksDataLossScenario,
  lessonUncleanElectionScenario,
  lessonGroupScalingScenario,
  lessonRetentionReplayScenario,
  lessonAddPartitionsScenario,
  lessonKip848Scenario,
  lessonDeadLetterScenario,
  lessonHeadOfLineScenario,
  lessonFetchBatchingScenario,
  lessonTransactionsScenario,
  lessonExactlyOnceScenario,
  lessonShareGroupsScenario,
  sandboxScenario,
];
export const DEFAULT_SCENARIO_ID = ordersScenario.id;

export function findScenario(id: string): Scenario | undefined {
  return builtinScenarios.find((s) => s.id === id);
}
