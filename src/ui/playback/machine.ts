// Playback as a state machine: paused ⇄ playing, with speed in context. The render loop reads the
// state; the machine never touches the engine itself.
import { assign, setup } from 'xstate';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export const playbackMachine = setup({
  types: {
    context: {} as { speed: number },
    events: {} as
      | { type: 'PLAY' }
      | { type: 'PAUSE' }
      | { type: 'TOGGLE' }
      | { type: 'STEP' }
      | { type: 'SET_SPEED'; speed: number },
  },
  actions: {
    setSpeed: assign({ speed: ({ event }) => (event.type === 'SET_SPEED' ? clampSpeed(event.speed) : 1) }),
  },
}).createMachine({
  id: 'playback',
  context: { speed: 1 },
  initial: 'playing',
  on: { SET_SPEED: { actions: 'setSpeed' } },
  states: {
    playing: { on: { PAUSE: 'paused', TOGGLE: 'paused', STEP: 'paused' } },
    paused: { on: { PLAY: 'playing', TOGGLE: 'playing' } },
  },
});

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(100, Math.max(0.1, speed));
}
