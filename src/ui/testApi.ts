// A read-only window.kafkascope for e2e tests, the perf probe and curious students: what the screen
// shows, never a way to change the simulation behind the UI's back.
import type { LoggedCommand, SimView } from '../engine/index';
import type { Scenario } from '../scenarios/index';
import { lessonStore } from './lesson/lesson';
import { playback } from './playback/machine';
import { uiStore } from './store';

export interface KafkascopeTestApi {
  view(): SimView | null;
  ready(): boolean;
  /** The end of the timeline (the furthest time reached since the last fork). */
  furthestMs(): number;
  commandLog(): readonly LoggedCommand[];
  playing(): boolean;
  speed(): number;
  /** The broker card layout in use: rows, compact or cells. */
  diagramMode(): string | null;
  selectedPartition(): string | null;
  /** The scenario definition on screen (built in, from a file or from a link). */
  scenario(): Scenario | null;
  /** The guided lesson: current step, phase, recorded step start and end times (null without steps). */
  lesson(): LessonTestView | null;
}

export interface LessonTestView {
  index: number;
  phase: string;
  starts: readonly number[];
  ends: readonly number[];
  outcomes: readonly boolean[];
}

declare global {
  interface Window {
    kafkascope?: KafkascopeTestApi;
  }
}

export function installTestApi(): void {
  window.kafkascope = {
    view: () => uiStore.getState().frame?.view ?? null,
    ready: () => uiStore.getState().frame !== null,
    furthestMs: () => uiStore.getState().furthestMs,
    commandLog: () => uiStore.getState().commandLog,
    playing: () => playback.getSnapshot().matches('playing'),
    speed: () => playback.getSnapshot().context.speed,
    diagramMode: () => document.querySelector<HTMLElement>('.diagram[data-mode]')?.dataset['mode'] ?? null,
    selectedPartition: () => uiStore.getState().selectedPartition,
    scenario: () => uiStore.getState().scenario,
    lesson: () => {
      const l = lessonStore.getState();
      if (l.scenarioId === null) return null;
      const { index, phase, starts, ends, outcomes } = l;
      return { index, phase, starts, ends, outcomes };
    },
  };
}
