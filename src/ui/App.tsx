// The main screen: playback and the timeline on top, the cluster diagram in the middle, Kafka's
// readouts and the narrated event log beside it, the delivery audit along the bottom.
import { useEffect, useState } from 'react';
import { ClusterDiagram } from './diagram/ClusterDiagram';
import { loadScenario } from './engine/actions';
import { Dialogs } from './forms/Dialogs';
import { listenForRunLinks, openRunInAddress } from './share/openLink';
import { ShareControls } from './share/ShareControls';
import { ScenarioPicker } from './ScenarioPicker';
import { AuditBar } from './panels/AuditBar';
import { EventLog } from './panels/EventLog';
import { SidePanel } from './panels/SidePanel';
import { startLoop } from './playback/loop';
import { PlaybackBar } from './playback/PlaybackBar';
import { Timeline } from './playback/Timeline';
import { useKeyboard } from './playback/useKeyboard';
import { openDialog, uiStore, useUi } from './store';
import { installTestApi } from './testApi';
import { installLesson } from './lesson/lesson';
import { LessonPanel } from './lesson/LessonPanel';

function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    const onChange = (): void => setReduced(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return reduced;
}

export function App() {
  const reducedMotion = usePrefersReducedMotion();
  useKeyboard();

  useEffect(() => {
    installTestApi();
    installLesson();
    const stop = startLoop();
    const params = new URLSearchParams(window.location.search);
    const seed = params.get('seed');
    // A shared run (#run=…) wins over ?scenario=: it names its own scenario and seed.
    if (!openRunInAddress())
      void loadScenario({
        scenario: params.get('scenario') ?? 'orders',
        ...(seed !== null && /^\d+$/.test(seed) ? { seed: Number(seed) } : {}),
      });
    const stopLinks = listenForRunLinks();
    return () => {
      stop();
      stopLinks();
    };
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Kafkascope</h1>
        <ScenarioPicker />
        <PlaybackBar />
        <button type="button" className="quiet" onClick={() => openDialog({ kind: 'simplifications' })}>
          Simplifications
        </button>
        <ShareControls />
      </header>
      <Timeline />
      <NoticeBar />
      <main className="stage">
        <LessonPanel />
        <section className="diagram-area" aria-label="Cluster diagram">
          <ClusterDiagram reducedMotion={reducedMotion} />
          <Legend />
        </section>
        <aside className="side" aria-label="Readouts and events">
          <SidePanel />
          <EventLog />
        </aside>
      </main>
      <AuditBar />
      <Dialogs />
      <FollowHighlight />
    </div>
  );
}

function NoticeBar() {
  const notice = useUi((s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`notice tone-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" onClick={() => uiStore.setState({ notice: null })}>
        Dismiss message
      </button>
    </div>
  );
}

/** Outlines the followed record wherever it is drawn, without re-rendering the strips that show it. */
function FollowHighlight() {
  const id = useUi((s) => s.followedRecord);
  if (id === null) return null;
  return (
    // The same amber halo as the path drawn on the diagram (diagram/FollowPath.tsx), so they read as one.
    <style>{`.rec[data-rid="${id}"] { outline: 3px solid #1d2433; outline-offset: 1px; z-index: 1; box-shadow: 0 0 0 7px rgb(242 177 52 / 0.7); }
.plog-cell[data-rid="${id}"] rect { stroke: #1d2433; stroke-width: 4; }`}</style>
  );
}

function Legend() {
  // Transaction markers and aborted records appear only with a transactional producer: so does their key.
  const transactions = useUi((s) => s.model?.producers.some((p) => p.transactionalId !== null) ?? false);
  return (
    <p className="legend diagram-legend">
      <span className="role-badge role-leader">leader</span>{' '}
      <span className="role-badge role-isr">in ISR</span>{' '}
      <span className="role-badge role-out">out of ISR</span>{' '}
      <span className="role-badge role-offline">offline</span> ★ preferred leader ·{' '}
      <span className="swatch hollow" /> not yet committed · dots are records, coloured by key ·{' '}
      <span className="ack">●</span> ack · <span className="nack">✕</span> rejected ·{' '}
      <span className="group-dot">●</span> group protocol · click a record to follow it
      {transactions ? (
        <>
          {' '}
          · <span className="rec marker legend-chip">C</span>{' '}
          <span className="rec marker marker-abort legend-chip">A</span> transaction markers ·{' '}
          <span className="legend-struck">struck</span>: aborted
        </>
      ) : null}
    </p>
  );
}
