// Play / pause, step to the next event, speed on a log scale, and the virtual clock.
import { useSelector } from '@xstate/react';
import { stepForward } from '../engine/actions';
import { useUi } from '../store';
import { playback } from './machine';
import { formatSpeed, notchOf, speedAt, SPEEDS } from './speed';

export function PlaybackBar() {
  const playing = useSelector(playback, (s) => s.matches('playing'));
  const speed = useSelector(playback, (s) => s.context.speed);
  return (
    <div className="playback" role="group" aria-label="Playback">
      <button
        type="button"
        className="primary play"
        onClick={() => playback.send({ type: playing ? 'PAUSE' : 'PLAY' })}
        aria-keyshortcuts="Space"
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={stepForward} aria-keyshortcuts="ArrowRight">
        Step to next event
      </button>
      <label className="speed">
        <span>Speed</span>
        <input
          type="range"
          min={0}
          max={SPEEDS.length - 1}
          step={1}
          value={notchOf(speed)}
          aria-label="Playback speed"
          aria-valuetext={`${formatSpeed(speed)} real time`}
          onChange={(e) => playback.send({ type: 'SET_SPEED', speed: speedAt(Number(e.target.value)) })}
        />
        <output className="speed-value">{formatSpeed(speed)}</output>
      </label>
      <Clock />
    </div>
  );
}

function Clock() {
  const nowMs = useUi((s) => s.shown?.view.nowMs ?? 0);
  return (
    <span className="clock" data-testid="clock">
      <span className="sr-only">Virtual time </span>t = {(nowMs / 1000).toFixed(1)} s
    </span>
  );
}
