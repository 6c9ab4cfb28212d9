// The latest frame from the engine, in a vanilla zustand store: React components subscribe with
// selectors, and the per-frame message layer reads it without re-rendering (transient updates).
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { HostFrame } from '../engine/worker/host';
import type { Scenario } from '../scenarios/index';

export interface UiState {
  frame: HostFrame | null;
  scenario: Scenario | null;
  /** The latest message for the user (a rejected command, an invalid link), if any. */
  notice: string | null;
  /** Wall-clock time (performance.now) when the frame arrived, for smooth interpolation. */
  frameArrivedAt: number;
}

export const uiStore = createStore<UiState>(() => ({
  frame: null,
  scenario: null,
  notice: null,
  frameArrivedAt: 0,
}));

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}

export function acceptFrame(frame: HostFrame): void {
  uiStore.setState((s) => ({ frame, frameArrivedAt: performance.now(), notice: frame.error ?? s.notice }));
}
