import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { playbackMachine } from './machine';

describe('playback machine', () => {
  it('toggles between playing and paused, and a step pauses', () => {
    const actor = createActor(playbackMachine).start();
    expect(actor.getSnapshot().value).toBe('playing');
    actor.send({ type: 'TOGGLE' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe('paused');
  });

  it('keeps speed between 0.1× and 100×', () => {
    const actor = createActor(playbackMachine).start();
    actor.send({ type: 'SET_SPEED', speed: 1000 });
    expect(actor.getSnapshot().context.speed).toBe(100);
    actor.send({ type: 'SET_SPEED', speed: 0 });
    expect(actor.getSnapshot().context.speed).toBe(0.1);
  });
});
