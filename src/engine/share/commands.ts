// The user's commands on share groups and share consumers. Consumer commands (add, remove, crash,
// restart, slow) share their names with consumer groups' and are routed here by the group or consumer id.
import type { SimState } from '../types';
import type { ShareGroupConfig } from './types';
import { emit } from '../sim/events';
import { addShareConsumer, shareConfigProblem } from './membership';
import { closeShareConsumer, crashShareConsumer, startShareConsumer } from './shareConsumer';

export function isShareConsumer(state: SimState, consumerId: string): boolean {
  return state.shareConsumers[consumerId] !== undefined;
}

export function addShareMember(
  state: SimState,
  groupId: string,
  consumerId: string,
  processingTimeMs: number,
): null {
  addShareConsumer(state, state.shareGroups[groupId]!, { id: consumerId, processingTimeMs });
  return null;
}

export function shareConsumerCommand(
  state: SimState,
  consumerId: string,
  action: 'remove' | 'crash' | 'restart' | 'slow',
  processingTimeMs = 0,
): string | null {
  const c = state.shareConsumers[consumerId]!;
  switch (action) {
    case 'remove':
      if (c.status !== 'running') return `Consumer ${consumerId} is not running.`;
      closeShareConsumer(state, c);
      emit(
        state,
        'shareConsumerClosed',
        `Share consumer ${consumerId} closed: it acknowledged its last batch and released the records it still held.`,
      );
      return null;
    case 'crash':
      if (c.status !== 'running') return `Consumer ${consumerId} is not running.`;
      crashShareConsumer(c);
      emit(
        state,
        'shareConsumerCrashed',
        `Share consumer ${consumerId} crashed: the records it acquired stay locked until share.record.lock.duration.ms runs out.`,
      );
      return null;
    case 'restart':
      if (c.status === 'running') return `Consumer ${consumerId} is already running.`;
      startShareConsumer(state, c);
      emit(
        state,
        'shareConsumerStarted',
        `Share consumer ${consumerId} started with a new member id and joins share group ${c.groupId}.`,
      );
      return null;
    case 'slow':
      c.processingTimeMs = Math.max(0, processingTimeMs);
      return null;
  }
}

export function setShareGroupConfig(
  state: SimState,
  groupId: string,
  config: Partial<ShareGroupConfig>,
): string | null {
  const g = state.shareGroups[groupId];
  if (!g) return `Group ${groupId} does not exist.`;
  const problem = shareConfigProblem({ ...g.config, ...config });
  if (problem) return problem;
  g.config = { ...g.config, ...config };
  emit(
    state,
    'shareGroupConfigChanged',
    `Share group ${groupId}: ${Object.entries(config)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ')}.`,
  );
  return null;
}
