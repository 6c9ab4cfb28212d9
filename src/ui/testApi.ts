// A read-only window.kafkascope for e2e tests, the perf probe and curious students: what the screen
// shows, never a way to change the simulation behind the UI's back.
import type { LoggedCommand, SimView } from '../engine/index';
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
  };
}
