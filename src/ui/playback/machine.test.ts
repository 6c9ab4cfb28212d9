import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { playbackMachine } from './machine';
import { formatSpeed, notchOf, speedAt, SPEEDS } from './speed';

describe('playback machine', () => {
  it('toggles between playing and paused; a step or a seek pauses', () => {
    const actor = createActor(playbackMachine).start();
    expect(actor.getSnapshot().value).toBe('playing');
    actor.send({ type: 'TOGGLE' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'SEEK' });
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

describe('speed scale', () => {
  it('runs from 0.1× to 100× in notches that grow by a roughly constant factor', () => {
    expect(SPEEDS[0]).toBe(0.1);
    expect(SPEEDS[SPEEDS.length - 1]).toBe(100);
    for (let i = 1; i < SPEEDS.length; i++) {
      const ratio = SPEEDS[i]! / SPEEDS[i - 1]!;
      expect(ratio).toBeGreaterThanOrEqual(2);
      expect(ratio).toBeLessThanOrEqual(2.5);
    }
  });

  it('maps speeds to notches and back on the log scale', () => {
    expect(speedAt(notchOf(1))).toBe(1);
    expect(speedAt(notchOf(7))).toBe(5);
    expect(speedAt(notchOf(8))).toBe(10);
    expect(speedAt(-3)).toBe(0.1);
    expect(speedAt(99)).toBe(100);
    expect(formatSpeed(0.5)).toBe('0.5×');
  });
});
