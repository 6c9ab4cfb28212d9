// What the user's controls do: each goes through the engine queue and lands in the store. A command
// the engine rejects shows Kafka's own words once, where the user is looking: in the notice bar for a
// button on the screen, in the open form for a form's command. Every refusal also stays in the event
// log (a commandRejected event), the run's history. A command given in the past says that the run forked.
import type { Command } from '../../engine/index';
import type { LoadRequest } from '../../engine/worker/host';
import { playback } from '../playback/machine';
import { nextConsumerId } from '../model/ids';
import { forgetRunInAddress } from '../share/address';
import { acceptFrame, initialUiState, showNotice, uiStore } from '../store';
import { engine, engineQueue } from './bridge';

/** Tail length per replica: enough for the longest strip, shorter for huge clusters (the view crosses every frame). */
export function tailFor(replicaCount: number): number {
  return replicaCount > 600 ? 3 : 12;
}

export async function loadScenario(request: LoadRequest): Promise<void> {
  const q = engineQueue();
  const frame = await q.enqueue(() => engine().load(request));
  const replicas = frame.view.partitions.reduce((n, p) => n + p.replicas.length, 0);
  await q.enqueue(() => engine().setViewOptions({ tail: tailFor(replicas) }));
  const fresh = await q.enqueue(() => engine().view());
  // A rebuilt run (a share link) keeps its log: the timeline marks it, and sharing it again keeps it.
  const commandLog = request.log ? await q.enqueue(() => engine().commandLog()) : [];
  uiStore.setState({
    ...initialUiState(),
    scenario: frame.scenario,
    commandLog,
    tab: uiStore.getState().tab,
  });
  acceptFrame({ ...fresh, error: frame.error });
  if (!request.log) forgetRunInAddress();
}

/**
 * Who tells the user that a command was refused: the notice bar, or the caller (an open form, which
 * shows the reason beside the input it kept, so the same words do not also appear above the diagram).
 */
export type RefusalShownBy = 'notice' | 'caller';

/** Apply a command now. Returns Kafka's error text when the engine rejects it, else null. */
export async function run(
  command: Command,
  refusalShownBy: RefusalShownBy = 'notice',
): Promise<string | null> {
  const before = uiStore.getState();
  const nowMs = before.frame?.view.nowMs ?? 0;
  const forking = nowMs < before.furthestMs;
  const frame = await engineQueue().enqueue(() => engine().dispatch(command));
  if (forking) uiStore.setState({ furthestMs: frame.view.nowMs });
  const log = await engineQueue().enqueue(() => engine().commandLog());
  uiStore.setState({ commandLog: log });
  acceptFrame(refusalShownBy === 'caller' ? { ...frame, error: null } : frame);
  if (frame.error) return frame.error;
  // The run is now the user's own, no longer the shared one: a reload should not go back to the link.
  forgetRunInAddress();
  if (forking)
    showNotice(
      `You changed the past at t = ${(nowMs / 1000).toFixed(1)} s, so the run forked: the timeline after that point was discarded.`,
    );
  return null;
}

/** Apply a form's command: a refusal is the form's to show (see `RefusalShownBy`). */
export const runFromForm = (command: Command): Promise<string | null> => run(command, 'caller');

export function seekTo(ms: number): void {
  playback.send({ type: 'SEEK' });
  void engineQueue()
    .seek(Math.max(0, Math.round(ms)), (target) => engine().seek(target))
    .then(acceptFrame);
}

export function stepForward(): void {
  playback.send({ type: 'STEP' });
  void engineQueue()
    .enqueue(() => engine().step())
    .then(acceptFrame);
}

/** Follow a record: its partition's log opens, and every frame from the engine carries its trace. */
export function followRecord(recordId: number | null, partitionId?: string): void {
  uiStore.setState({ followedRecord: recordId, trace: null });
  if (recordId !== null && partitionId)
    uiStore.setState({ selectedPartition: partitionId, tab: 'partition' });
  void engineQueue()
    .enqueue(() => engine().follow(recordId))
    .then(acceptFrame);
}

/** A group card's "+ Add consumer": the next free member name in the group, added now. */
export function addNextConsumer(groupId: string, current: readonly string[]): void {
  const s = uiStore.getState();
  void run({
    type: 'addConsumer',
    groupId,
    consumerId: nextConsumerId(groupId, s.scenario, s.commandLog, current),
  });
}
