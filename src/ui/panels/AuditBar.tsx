// The delivery audit, always on screen: what the producers were told (acknowledged), what is safely
// replicated (committed), and what went wrong (lost, duplicated, reordered), with the reason for the
// latest loss in plain words.
import { uiStore, useUi } from '../store';
import { suggestedWhatIf } from './whatIfRows';

export function AuditBar() {
  const audit = useUi((s) => s.shown?.view.audit ?? null);
  if (!audit) return <section className="audit" aria-label="Delivery audit" />;
  const items: [string, number, string, string][] = [
    ['produced', audit.produced, '', 'records the producers created'],
    ['acknowledged', audit.acknowledged, '', 'a producer was told the write succeeded'],
    ['committed', audit.committed, '', 'below the high watermark on every in-sync replica'],
    ['failed', audit.failed, audit.failed > 0 ? 'warn' : '', 'the producer gave up and told the application'],
    ['lost', audit.lost, audit.lost > 0 ? 'bad' : '', 'acknowledged or committed, then gone'],
    ['duplicated', audit.duplicated, audit.duplicated > 0 ? 'warn' : '', 'written twice by retries'],
    ['reordered', audit.reordered, audit.reordered > 0 ? 'warn' : '', 'a key committed out of order'],
  ];
  // Only runs with transactions have aborted records: the column appears with the first.
  if (audit.aborted > 0)
    items.splice(4, 0, [
      'aborted',
      audit.aborted,
      '',
      'written in a transaction that was aborted: in the log, never read by read_committed consumers',
    ]);
  const latest = audit.explanations[audit.explanations.length - 1];
  // The setting that would have kept the latest lost record, one click from the comparison.
  const suggestion = latest ? suggestedWhatIf(latest.text) : null;
  return (
    <section className="audit" aria-label="Delivery audit">
      <h2 className="sr-only">Delivery audit</h2>
      <dl className="audit-items">
        {items.map(([label, n, cls, help]) => (
          <div key={label} className={`audit-item ${cls}`} title={help}>
            <dt className="audit-label">{label}</dt>
            <dd className="audit-n" data-testid={`audit-${label}`}>
              {n}
            </dd>
          </div>
        ))}
      </dl>
      <div className="audit-why">
        {suggestion ? (
          <button
            type="button"
            className="audit-what-if"
            onClick={() => uiStore.setState({ tab: 'whatif', whatIfRequest: suggestion })}
          >
            What if {suggestion}?
          </button>
        ) : null}
        {latest ? (
          <details>
            <summary>
              <strong>Why lost:</strong> {latest.text}
            </summary>
            <ol>
              {audit.explanations
                .slice()
                .reverse()
                .map((x) => (
                  <li key={`${x.atMs}-${x.recordId}`}>
                    {(x.atMs / 1000).toFixed(1)} s · record {x.recordId}: {x.text}
                  </li>
                ))}
            </ol>
          </details>
        ) : (
          <span className="muted">No acknowledged record has been lost.</span>
        )}
      </div>
    </section>
  );
}
