// The UI's state in a vanilla zustand store: the latest frame from the engine (read every animation
// frame by the message canvas, without React), the model derived from it (read by React components
// through selectors), and what the user has chosen to look at.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { LoggedCommand, RecordTrace } from '../engine/index';
import type { HostFrame, WhatIfResult } from '../engine/worker/host';
import type { Scenario } from '../scenarios/index';
import type { ShareLesson, ShareRun } from '../scenarios/link/index';
import { buildModel, type Model } from './model/model';
import { removedClients } from './model/producerSettings';
import { addSample, type Sample } from './metrics/samples';

export interface Notice {
  text: string;
  tone: 'error' | 'info';
}

export type Tab = 'topics' | 'groups' | 'partition' | 'metrics' | 'cli' | 'whatif';

/** The one form open at a time, if any. */
export type DialogRequest =
  | { kind: 'share'; run: ShareRun }
  | { kind: 'topic'; topic: string }
  | { kind: 'producer'; producerId: string | null }
  | { kind: 'slowBroker'; brokerId: number }
  | { kind: 'group'; groupId: string }
  | { kind: 'slowConsumer'; consumerId: string }
  | { kind: 'resetOffsets'; groupId: string }
  | { kind: 'addConsumer'; groupId: string }
  | { kind: 'addGroup' }
  | { kind: 'shareGroup'; groupId: string }
  | { kind: 'addShareGroup' }
  | { kind: 'createTopic' }
  | { kind: 'sendRecord'; producerId: string }
  | { kind: 'simplifications' };

export interface UiState {
  /** The latest frame: the message canvas draws it every animation frame; the test API reads it. */
  frame: HostFrame | null;
  /**
   * The frame React shows (clock, tables, cards). The same as `frame`, except while a big cluster plays:
   * then it is refreshed ten times a second, because re-rendering readouts for every view costs frames
   * and nobody reads numbers that change sixty times a second.
   */
  shown: HostFrame | null;
  model: Model | null;
  scenario: Scenario | null;
  /** The latest message for the user (a rejected command in Kafka's words, a fork), if any. */
  notice: Notice | null;
  /** Wall-clock time (performance.now) when the frame arrived, for smooth interpolation. */
  frameArrivedAt: number;
  commandLog: readonly LoggedCommand[];
  /** The furthest virtual time this run has reached: the end of the timeline until a fork cuts it. */
  furthestMs: number;
  selectedPartition: string | null;
  tab: Tab;
  samples: readonly Sample[];
  dialog: DialogRequest | null;
  /** The record the user follows (by its audit id), and where it is now. */
  followedRecord: number | null;
  trace: RecordTrace | null;
  /** The latest what-if comparison (panels/WhatIf.tsx), kept while other tabs are shown. */
  whatIf: WhatIfResult | null;
  /** A what-if asked for from elsewhere (the audit bar's suggestion): the What if? tab runs it. */
  whatIfRequest: string | null;
  /** After "Open this run": the run it was compared from, and the setting changed, to go back to. */
  whatIfFrom: {
    id: string;
    scenario: Scenario;
    seed: number;
    log: readonly LoggedCommand[];
    /** Where its lesson stood, if it had one (as a share link carries it). */
    lesson: ShareLesson | undefined;
  } | null;
}

export const initialUiState = (): UiState => ({
  frame: null,
  shown: null,
  model: null,
  scenario: null,
  notice: null,
  frameArrivedAt: 0,
  commandLog: [],
  furthestMs: 0,
  selectedPartition: null,
  tab: 'topics',
  samples: [],
  dialog: null,
  followedRecord: null,
  trace: null,
  whatIf: null,
  whatIfRequest: null,
  whatIfFrom: null,
});

export const uiStore = createStore<UiState>(initialUiState);

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}

/** A view this big (replicas plus messages in flight) refreshes the readouts at most every SHOWN_EVERY_MS while playing. */
export const BIG_VIEW = 200;
export const SHOWN_EVERY_MS = 100;

export function viewLoad(frame: HostFrame | null): number {
  if (!frame) return 0;
  let replicas = 0;
  for (const p of frame.view.partitions) replicas += p.replicas.length;
  return replicas + frame.view.messages.length;
}

let shownAt = 0;

/**
 * Take a frame from the engine. `fromPlayback` frames of a big cluster may leave the readouts as they
 * are (see `shown`); frames that answer the user (a command, a step, a seek) always show at once.
 */
export function acceptFrame(frame: HostFrame, fromPlayback = false): void {
  const now = performance.now();
  const show = !fromPlayback || now - shownAt >= SHOWN_EVERY_MS || viewLoad(frame) < BIG_VIEW;
  if (!show) {
    uiStore.setState({ frame, frameArrivedAt: now });
    return;
  }
  shownAt = now;
  uiStore.setState((s) => {
    const hidden = removedClients(s.commandLog, frame.view.nowMs);
    return {
      frame,
      shown: frame,
      model: buildModel(frame.view, s.model, hidden),
      samples: addSample(s.samples, frame.view),
      furthestMs: Math.max(s.furthestMs, frame.view.nowMs, frame.knownEndMs),
      frameArrivedAt: now,
      // Only the followed record's trace: a frame asked for before the user switched records carries the old one.
      trace: frame.trace !== null && frame.trace.recordId === s.followedRecord ? frame.trace : s.trace,
      notice: frame.error ? { text: frame.error, tone: 'error' } : s.notice,
    };
  });
}

export function showNotice(text: string, tone: Notice['tone'] = 'info'): void {
  uiStore.setState({ notice: { text, tone } });
}

export function selectPartition(partitionId: string | null): void {
  uiStore.setState(
    partitionId ? { selectedPartition: partitionId, tab: 'partition' } : { selectedPartition: null },
  );
}

export function openDialog(dialog: DialogRequest | null): void {
  uiStore.setState({ dialog });
}
