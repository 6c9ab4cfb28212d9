// The main screen: playback controls on top, the cluster diagram in the middle, Kafka's readouts and
// the narrated event log beside it.
import { useEffect, useState } from 'react';
import { useMachine } from '@xstate/react';
import { engine } from './engine/bridge';
import { playbackMachine, SPEEDS } from './playback/machine';
import { startLoop } from './playback/loop';
import { acceptFrame, uiStore, useUi } from './store';
import { ClusterDiagram } from './components/ClusterDiagram';
import { AuditBar, EventLog, GroupDescribe, TopicDescribe } from './components/Tables';
import { installTestApi } from './testApi';

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
  const [playback, send, actor] = useMachine(playbackMachine);
  const playing = playback.matches('playing');
  const speed = playback.context.speed;
  const reducedMotion = usePrefersReducedMotion();
  const scenario = useUi((s) => s.scenario);
  const notice = useUi((s) => s.notice);
  const nowMs = useUi((s) => s.frame?.view.nowMs ?? 0);

  useEffect(() => {
    installTestApi();
    const params = new URLSearchParams(window.location.search);
    const seed = params.get('seed');
    void engine()
      .load({
        scenario: params.get('scenario') ?? 'orders',
        ...(seed !== null && /^\d+$/.test(seed) ? { seed: Number(seed) } : {}),
      })
      .then((frame) => {
        uiStore.setState({ scenario: frame.scenario });
        acceptFrame(frame);
      });
  }, []);

  useEffect(() => {
    if (!scenario) return;
    return startLoop(() => {
      const snap = actor.getSnapshot();
      return { playing: snap.matches('playing'), speed: snap.context.speed };
    });
  }, [scenario, actor]);

  const step = (): void => {
    send({ type: 'STEP' });
    void engine().step().then(acceptFrame);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName)) return;
      if (e.key === ' ') {
        e.preventDefault();
        send({ type: 'TOGGLE' });
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        send({ type: 'STEP' });
        void engine().step().then(acceptFrame);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Kafkascope</h1>
        <span className="scenario-title">{scenario?.title ?? 'Loading…'}</span>
        <div className="playback" role="group" aria-label="Playback">
          <button
            type="button"
            className="primary"
            onClick={() => send({ type: playing ? 'PAUSE' : 'PLAY' })}
            aria-keyshortcuts="Space"
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" onClick={step} aria-keyshortcuts="ArrowRight">
            Step to next event
          </button>
          <label className="speed">
            Speed
            <select
              value={speed}
              onChange={(e) => send({ type: 'SET_SPEED', speed: Number(e.target.value) })}
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <span className="clock" aria-label="Virtual time" data-testid="clock">
            t = {(nowMs / 1000).toFixed(1)} s
          </span>
        </div>
      </header>
      {notice ? (
        <div className="notice" role="alert">
          <span>{notice}</span>
          <button type="button" onClick={() => uiStore.setState({ notice: null })}>
            Dismiss message
          </button>
        </div>
      ) : null}
      <main className="stage">
        <div className="left">
          <ClusterDiagram speed={speed} reducedMotion={reducedMotion} />
          <AuditBar />
        </div>
        <aside className="right">
          <TopicDescribe />
          <GroupDescribe />
          <EventLog />
        </aside>
      </main>
    </div>
  );
}
