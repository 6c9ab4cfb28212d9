// A read-only window.kafkascope for e2e tests and curious students: the latest view, never a way
// to change the simulation behind the UI's back.
import type { SimView } from '../engine/index';
import { uiStore } from './store';

declare global {
  interface Window {
    kafkascope?: { view(): SimView | null; ready(): boolean };
  }
}

export function installTestApi(): void {
  window.kafkascope = {
    view: () => uiStore.getState().frame?.view ?? null,
    ready: () => uiStore.getState().frame !== null,
  };
}
