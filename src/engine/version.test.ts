// The guard that makes ENGINE_BEHAVIOUR_VERSION's rule hold: a fixed run of the default scenario (the one
// most links name) is pinned by its state hash together with the version. A change that alters what a
// replay produces alters the hash, and this test fails until the version is bumped with it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_ID, findScenario, toSetup } from '../scenarios/index';
import { ENGINE_BEHAVIOUR_VERSION, Simulation, type LoggedCommand } from './index';

/** Change both together, and only as the failure message says. */
const PINNED = { engineBehaviourVersion: 4, hash: 'a8b0091b' };

const UNTIL_MS = 20_000;

/** The Share journey's actions (a broker dies, a partition is added, a consumer joins), then a restart. */
const LOG: LoggedCommand[] = [
  { atMs: 3_000, command: { type: 'killBroker', brokerId: 2 } },
  { atMs: 7_000, command: { type: 'addPartitions', topic: 'orders', partitions: 4 } },
  { atMs: 11_000, command: { type: 'addConsumer', groupId: 'billing', consumerId: 'billing-2' } },
  { atMs: 15_000, command: { type: 'restartBroker', brokerId: 2 } },
];

function pinnedRunHash(): string {
  const scenario = findScenario(DEFAULT_SCENARIO_ID)!;
  return Simulation.replay(toSetup(scenario), scenario.seed, LOG, UNTIL_MS).hash();
}

const pinText = (version: number, hash: string) => `{ engineBehaviourVersion: ${version}, hash: '${hash}' }`;

describe('engine behaviour version', () => {
  it('is a positive integer', () => {
    expect(Number.isSafeInteger(ENGINE_BEHAVIOUR_VERSION) && ENGINE_BEHAVIOUR_VERSION > 0).toBe(true);
  });

  it(`is bumped with every change to what a replay produces (the default scenario at ${UNTIL_MS / 1000} s, pinned)`, () => {
    const hash = pinnedRunHash();
    expect(
      PINNED.engineBehaviourVersion,
      `ENGINE_BEHAVIOUR_VERSION is ${ENGINE_BEHAVIOUR_VERSION} but the pinned run is for version ${PINNED.engineBehaviourVersion}.\n` +
        `Set PINNED in src/engine/version.test.ts to ${pinText(ENGINE_BEHAVIOUR_VERSION, hash)}.`,
    ).toBe(ENGINE_BEHAVIOUR_VERSION);
    const next = ENGINE_BEHAVIOUR_VERSION + 1;
    expect(
      hash,
      `The engine's behaviour changed: the pinned run of the default scenario now hashes to '${hash}', not ` +
        `'${PINNED.hash}' as under engine behaviour version ${ENGINE_BEHAVIOUR_VERSION}, so share links made before ` +
        `this change replay differently.\n` +
        `If the change is intended, in the same commit:\n` +
        `  1. set ENGINE_BEHAVIOUR_VERSION in src/engine/version.ts to ${next}, with a line on what changed;\n` +
        `  2. set PINNED in src/engine/version.test.ts to ${pinText(next, hash)}.\n` +
        `Links made before it then open with a note that their numbers may differ from what their sender saw.\n` +
        `If it is not intended, the change altered a replay by accident (or broke determinism).\n`,
    ).toBe(PINNED.hash);
  });
});
