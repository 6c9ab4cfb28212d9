// Kafka's readouts beside the diagram, one at a time in tabs so the screen stays calm: the topics table,
// the consumer groups table, one partition's log, the metrics charts, a terminal for Kafka's tools, and
// "what if": the same run with one setting changed.
import { useRef } from 'react';
import { Terminal } from '../cli/Terminal';
import { Metrics } from '../metrics/Metrics';
import { uiStore, useUi, type Tab } from '../store';
import { GroupDescribe } from './GroupDescribe';
import { PartitionLog } from './PartitionLog';
import { TopicDescribe } from './TopicDescribe';
import { WhatIf } from './WhatIf';

/** `short`: what a narrow column (beside a lesson at 1280×720) shows; the tab keeps `label` as its name. */
const TABS: { id: Tab; label: string; short?: string }[] = [
  { id: 'topics', label: 'Topics' },
  { id: 'groups', label: 'Consumer groups', short: 'Groups' },
  { id: 'partition', label: 'Partition log', short: 'Log' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'cli', label: 'CLI' },
  { id: 'whatif', label: 'What if?' },
];

export function SidePanel() {
  const tab = useUi((s) => s.tab);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // The tabs pattern: one tab stop, arrow keys move between tabs.
  const onKey = (e: React.KeyboardEvent, i: number): void => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    const next = (i + d + TABS.length) % TABS.length;
    uiStore.setState({ tab: TABS[next]!.id });
    refs.current[next]?.focus();
  };
  return (
    <section className="panel tabs">
      <div role="tablist" aria-label="Readouts">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => uiStore.setState({ tab: t.id })}
            onKeyDown={(e) => onKey(e, i)}
            aria-label={t.short ? t.label : undefined}
          >
            {t.short ? (
              <>
                <span className="tab-long">{t.label}</span>
                <span className="tab-short" aria-hidden="true">
                  {t.short}
                </span>
              </>
            ) : (
              t.label
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="tab-body"
        tabIndex={0}
      >
        {tab === 'topics' ? <TopicDescribe /> : null}
        {tab === 'groups' ? <GroupDescribe /> : null}
        {tab === 'partition' ? <PartitionLog /> : null}
        {tab === 'metrics' ? <Metrics /> : null}
        {tab === 'cli' ? <Terminal /> : null}
        {tab === 'whatif' ? <WhatIf /> : null}
      </div>
    </section>
  );
}
