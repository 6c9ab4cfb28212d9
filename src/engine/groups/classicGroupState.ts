// The classic group's states and the transitions between them (ClassicGroupState; kafka-reference.md §4.1).
import type { GroupState, GroupStateName } from './types';

const VALID_PREVIOUS: Record<GroupStateName, GroupStateName[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
  Assigning: [],
  Reconciling: [],
};

export function transition(g: GroupState, to: GroupStateName): void {
  // A broken transition is a bug in the simulator, not a user error.
  if (!VALID_PREVIOUS[to].includes(g.state))
    throw new Error(`group ${g.groupId}: illegal transition ${g.state} → ${to}`);
  g.state = to;
}
