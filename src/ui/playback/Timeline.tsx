// The timeline: scrub backwards and forwards through the run. Seeking backwards restores the nearest
// checkpoint and replays (the engine's job); a command given in the past forks the run, and the
// timeline then ends at that point. Commands are marked along it. A seek takes tens of milliseconds,
// but one into the history of a very long run can take a second (past the checkpoint budget, older
// checkpoints are kept sparsely: ARCHITECTURE.md "Memory, within a budget"), so a seek that is still on
// its way after SLOW_SEEK_MS says so, rather than leaving an unchanged screen.
import { useEffect, useState } from 'react';
import { seekTo } from '../engine/actions';
import { useUi } from '../store';

/** How long a seek may take before the timeline says it is still replaying. */
export const SLOW_SEEK_MS = 400;

export function Timeline() {
  const nowMs = useUi((s) => s.shown?.view.nowMs ?? 0);
  const endMs = useUi((s) => Math.max(s.furthestMs, s.shown?.view.nowMs ?? 0));
  const log = useUi((s) => s.commandLog);
  const [target, setTarget] = useState<number | null>(null);
  // While a seek is on its way, the thumb stays where the user put it.
  const shown = target !== null && target !== nowMs ? target : nowMs;
  if (target !== null && target === nowMs) setTarget(null);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (target === null) return;
    const timer = setTimeout(() => setSlow(true), SLOW_SEEK_MS);
    return () => clearTimeout(timer);
  }, [target]);
  const go = (ms: number): void => {
    const clamped = Math.max(0, Math.min(endMs, Math.round(ms)));
    setTarget(clamped);
    seekTo(clamped);
  };
  const onKey = (e: React.KeyboardEvent): void => {
    const steps: Record<string, number> = {
      ArrowLeft: -1000,
      ArrowRight: 1000,
      PageDown: -10_000,
      PageUp: 10_000,
    };
    if (e.key in steps) go(shown + steps[e.key]!);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(endMs);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <section className="timeline" aria-label="Timeline">
      <span className="timeline-label" aria-hidden="true">
        0 s
      </span>
      <div className="timeline-track">
        <input
          type="range"
          min={0}
          max={Math.max(1, endMs)}
          step={1}
          value={shown}
          aria-label="Timeline"
          aria-valuetext={`${(shown / 1000).toFixed(1)} s of ${(endMs / 1000).toFixed(1)} s`}
          onChange={(e) => go(Number(e.target.value))}
          onKeyDown={onKey}
        />
        <div className="timeline-marks" aria-hidden="true">
          {log.map((c, i) => (
            <span
              key={i}
              className="mark"
              style={{ left: `${(100 * c.atMs) / Math.max(1, endMs)}%` }}
              title={`${(c.atMs / 1000).toFixed(1)} s: ${c.command.type}`}
            />
          ))}
        </div>
      </div>
      <span className="timeline-label" aria-hidden="true">
        {(endMs / 1000).toFixed(1)} s
      </span>
      {slow && target !== null ? (
        <p className="timeline-seeking" role="status">
          Replaying to {(target / 1000).toFixed(1)} s from the nearest saved point…
        </p>
      ) : null}
    </section>
  );
}
