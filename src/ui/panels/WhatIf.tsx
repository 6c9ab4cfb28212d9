// "What if?": the run on screen beside the same run (same seed, the same actions at the same times)
// with one setting changed from the start, replayed by the worker up to now. The delivery audits and the
// consumer groups side by side answer a class's question directly: what would acks=all have saved here,
// what does min.insync.replicas=1 cost, how does the group fare under KIP-848's protocol? "Open this run" makes the variant the run on screen, paused at the same
// moment, so that it can be played, inspected and shared like any other.
import { useEffect, useState } from 'react';
import type { WhatIfResult } from '../../engine/worker/host';
import type { Variant } from '../../scenarios/variants';
import { loadScenario } from '../engine/actions';
import { engine, engineQueue } from '../engine/bridge';
import { playback } from '../playback/machine';
import { lessonStore } from '../lesson/lesson';
import { forgetRunInAddress } from '../share/address';
import { restoreLesson } from '../share/openLink';
import { lessonPartOf } from '../share/runLink';
import { showNotice, uiStore, useUi } from '../store';
import { headline, tone, whatIfRows } from './whatIfRows';

export function WhatIf() {
  const nowMs = useUi((s) => s.shown?.view.nowMs ?? 0);
  const actions = useUi((s) => s.commandLog.length);
  const result = useUi((s) => s.whatIf);
  const from = useUi((s) => s.whatIfFrom);
  const scenario = useUi((s) => s.scenario);
  const [variants, setVariants] = useState<Variant[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const request = useUi((s) => s.whatIfRequest);

  // The choices depend on the run's setup and actions (a producer added later can change them).
  useEffect(() => {
    let live = true;
    void engineQueue()
      .enqueue(() => engine().whatIfs())
      .then((list) => {
        if (!live) return;
        setVariants(list);
        setChosen((c) => (list.some((v) => v.id === c) ? c : (list[0]?.id ?? '')));
      });
    return () => {
      live = false;
    };
  }, [actions, scenario]);

  const compare = async (id = chosen): Promise<void> => {
    if (!id) return;
    setBusy(true);
    try {
      const r = await engineQueue().enqueue(() => engine().whatIf(id));
      uiStore.setState({ whatIf: r });
    } finally {
      setBusy(false);
    }
  };

  // Asked for from the audit bar: choose it and compare at once (once the choices are known).
  useEffect(() => {
    if (request === null || variants === null) return;
    uiStore.setState({ whatIfRequest: null });
    if (!variants.some((v) => v.id === request)) return;
    setChosen(request);
    void compare(request);
    // compare reads only its argument here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, variants]);

  const open = async (r: WhatIfResult): Promise<void> => {
    const before = uiStore.getState();
    if (!r.open || !before.scenario || !before.shown) return;
    const back = {
      id: r.id,
      scenario: before.scenario,
      seed: before.shown.view.seed,
      log: before.commandLog,
      lesson: lessonPartOf(before.scenario, lessonStore.getState()),
    };
    playback.send({ type: 'PAUSE' });
    await loadScenario({ ...r.open, positionMs: r.atMs });
    forgetRunInAddress();
    uiStore.setState({ whatIfFrom: back, tab: 'whatif' });
    showNotice(
      `This is now the run with ${r.id}, paused at t = ${(r.atMs / 1000).toFixed(1)} s: the same seed and the same actions at the same times. Press Play to go on; Share gives a link to it.`,
    );
  };

  const goBack = async (): Promise<void> => {
    if (!from) return;
    playback.send({ type: 'PAUSE' });
    await loadScenario({ scenario: from.scenario, seed: from.seed, log: [...from.log], positionMs: nowMs });
    forgetRunInAddress();
    // Mid-lesson, the lesson comes back at its step, as a share link brings it back.
    const lessonNote = from.lesson ? await restoreLesson(from.lesson, nowMs) : '';
    showNotice(
      `Back to the run without ${from.id}, paused at t = ${(nowMs / 1000).toFixed(1)} s.${lessonNote}`,
    );
  };

  if (variants === null) return <p className="muted">Loading…</p>;
  const current = variants.find((v) => v.id === chosen);
  return (
    <div className="what-if">
      {from ? (
        <p className="what-if-from">
          This run is the one you compared, with <code>{from.id}</code>.{' '}
          <button type="button" onClick={() => void goBack()}>
            Back to the run without it
          </button>
        </p>
      ) : null}
      <p className="what-if-intro muted">
        The same run (the same seed
        {actions === 0
          ? ''
          : actions === 1
            ? ', and your one action at its time'
            : `, and all ${actions} actions at the same times`}
        ) replayed to now with one setting changed from the start.
      </p>
      {variants.length === 0 ? (
        <p className="muted">No setting here would change: there is nothing to compare.</p>
      ) : (
        <div className="what-if-choose">
          <label>
            What if{' '}
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Setting to change">
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.id}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={() => void compare()} disabled={busy}>
            {busy ? 'Replaying…' : 'Compare'}
          </button>
        </div>
      )}
      {current ? <p className="what-if-label">{current.label}</p> : null}
      {result ? <WhatIfTable result={result} nowMs={nowMs} onOpen={() => void open(result)} /> : null}
    </div>
  );
}

function WhatIfTable({
  result: r,
  nowMs,
  onOpen,
}: {
  result: WhatIfResult;
  nowMs: number;
  onOpen: () => void;
}) {
  if (r.error || !r.variant) return <p className="what-if-error">{r.error}</p>;
  const v = r.variant;
  const rows = whatIfRows(r);
  return (
    <section className="what-if-result" aria-label={`What if ${r.id}`}>
      <p className="what-if-headline" data-testid="what-if-headline">
        {headline(r.id, rows)}
      </p>
      <table className="describe what-if-table">
        <caption>
          At t = {(r.atMs / 1000).toFixed(1)} s
          {nowMs !== r.atMs ? ' (the run has moved on: Compare again for now)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">at that moment</th>
            <th scope="col">this run</th>
            <th scope="col">
              with <code>{r.id}</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} title={row.help}>
              <th scope="row">{row.name}</th>
              <td>{row.base}</td>
              <td className={tone(row)} data-testid={`what-if-${row.name.replace(/ /g, '-')}`}>
                {row.variant}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Changed: {r.changed.join(', ')}.</p>
      {v.explanations.length > 0 ? (
        <div className="what-if-why">
          <strong>Why lost, with {r.id}:</strong>
          <ul>
            {v.explanations.slice(-3).map((x) => (
              <li key={`${x.atMs}-${x.recordId}`}>
                {(x.atMs / 1000).toFixed(1)} s · record {x.recordId}: {x.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" onClick={onOpen}>
        Open this run
      </button>
    </section>
  );
}
