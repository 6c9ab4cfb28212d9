// What happened, newest first, in the engine's plain words: each line says what changed and why.
import { useUi } from '../store';
import { eventLines, eventTone } from './events';

export function EventLog() {
  const events = useUi((s) => s.shown?.view.events ?? null);
  if (!events) return null;
  const lines = eventLines(events, 30);
  return (
    <section className="panel events" aria-labelledby="events-title">
      <h2 id="events-title">What happened</h2>
      <div role="log" aria-label="Events, newest first" className="event-scroll">
        <ol>
          {lines.map((l) => (
            <li key={l.key} className={`event tone-${eventTone(l.type)}`}>
              <time>{(l.atMs / 1000).toFixed(1)} s</time> {l.text}
              {l.count > 1 ? <span className="repeat"> ×{l.count}</span> : null}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
