// Playback as a state machine: paused ⇄ playing, with speed in context. Stepping and seeking pause, so
// that the teacher stays in control after moving through time. The machine never touches the engine;
// the render loop reads its state.
import { assign, createActor, setup } from 'xstate';
import { clampSpeed } from './speed';

export const playbackMachine = setup({
  types: {
    context: {} as { speed: number },
    events: {} as
      | { type: 'PLAY' }
      | { type: 'PAUSE' }
      | { type: 'TOGGLE' }
      | { type: 'STEP' }
      | { type: 'SEEK' }
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
    playing: { on: { PAUSE: 'paused', TOGGLE: 'paused', STEP: 'paused', SEEK: 'paused' } },
    paused: { on: { PLAY: 'playing', TOGGLE: 'playing' } },
  },
});

/** The page's one playback actor, shared by the controls, the keyboard and the render loop. */
export const playback = createActor(playbackMachine).start();
