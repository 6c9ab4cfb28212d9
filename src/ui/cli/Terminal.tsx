// The terminal tab: the Kafka command-line tools typed against the simulated cluster, so a class sees
// the commands it will use at work and the diagram answering them. Commands go through the engine
// queue like any button's, so they join the run's log and a share link replays them.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { run } from '../engine/actions';
import { uiStore } from '../store';
import { EXAMPLES, runLine, withinBounds } from './cli';
import { consumerClosed, newRecords, type ConsoleConsumer } from './consoleConsumer';
import { producerClosed, producerLine } from './consoleProducer';
import { out, type CliStep, type ConsoleProducer, type Line } from './result';

/** Lines kept: a long session scrolls the oldest away. */
const KEPT_LINES = 400;

interface TerminalState {
  lines: (Line & { input?: boolean })[];
  history: string[];
  /** The console producer reading lines, while it runs. */
  producer: ConsoleProducer | null;
  /** The console consumer printing records, while it runs. */
  consumer: ConsoleConsumer | null;
  producerLines: number;
}

/** Outside the UI store: a terminal's scrollback survives switching tabs and does not redraw the diagram. */
export const terminalStore = createStore<TerminalState>(() => ({
  lines: [],
  history: [],
  producer: null,
  consumer: null,
  producerLines: 0,
}));

/** Print what the console consumer's poll() returned in each new frame; stop at --max-messages. */
let unwatch: (() => void) | null = null;
function watchConsumer(c: ConsoleConsumer): void {
  unwatch?.();
  const look = (): void => {
    const view = uiStore.getState().frame?.view;
    if (!view || terminalStore.getState().consumer !== c) return;
    // Rewound to before it started, or another scenario opened: the tool is no longer running.
    if (!view.groups.some((g) => g.members.some((m) => m.id === c.consumerId && m.status === 'running'))) {
      unwatch?.();
      unwatch = null;
      terminalStore.setState({ consumer: null });
      return writeLines(out(`(${c.consumerId} is not running in the run on screen any more)`));
    }
    writeLines(newRecords(c, view));
    if (c.count >= c.maxMessages) void closeConsumer();
  };
  unwatch = uiStore.subscribe((s, prev) => {
    if (s.frame !== prev.frame) look();
  });
  look();
}

/** Ctrl+C: the console consumer closes and leaves its group. */
export async function closeConsumer(): Promise<void> {
  const { consumer } = terminalStore.getState();
  if (!consumer) return;
  unwatch?.();
  unwatch = null;
  terminalStore.setState({ consumer: null });
  await apply(consumerClosed(consumer));
}

function writeLines(lines: TerminalState['lines']): void {
  terminalStore.setState((s) => ({ lines: [...s.lines, ...lines].slice(-KEPT_LINES) }));
}

/** Apply a step's commands in order, as the tool sends its requests, and print its report. */
async function apply(step: CliStep): Promise<boolean> {
  const refusals: (string | null)[] = [];
  for (const command of step.commands) refusals.push(await run(command, 'caller'));
  writeLines(step.report(refusals));
  return refusals.every((r) => r === null);
}

export async function submitLine(text: string): Promise<void> {
  const { producer } = terminalStore.getState();
  const running = uiStore.getState().frame?.view.producers.some((p) => p.id === producer?.producerId);
  if (producer && !running) {
    terminalStore.setState({ producer: null });
    return writeLines(out(`(${producer.producerId} is not running in the run on screen any more)`));
  }
  if (producer) {
    const n = terminalStore.getState().producerLines + 1;
    terminalStore.setState({ producerLines: n });
    writeLines([{ text: `>${text}`, input: true }]);
    const r = withinBounds(producerLine(producer, text, n));
    writeLines(r.lines);
    if (r.step) await apply(r.step);
    return;
  }
  writeLines([{ text: `$ ${text}`, input: true }]);
  if (text.trim() !== '')
    terminalStore.setState((s) => ({ history: [...s.history.filter((h) => h !== text), text].slice(-100) }));
  const view = uiStore.getState().frame?.view;
  if (!view) return writeLines(out('The simulator is still starting.'));
  const r = runLine(text, view);
  if (r === 'clear') return terminalStore.setState({ lines: [] });
  writeLines(r.lines);
  if (!r.step) return;
  const ok = await apply(r.step);
  if (ok && r.producer) terminalStore.setState({ producer: r.producer, producerLines: 0 });
  if (ok && r.consumer) {
    terminalStore.setState({ consumer: r.consumer });
    watchConsumer(r.consumer);
  }
}

/** Ctrl+D at the ">" prompt: the console producer closes and leaves the diagram. */
export async function closeProducer(): Promise<void> {
  const { producer } = terminalStore.getState();
  if (!producer) return;
  terminalStore.setState({ producer: null });
  await apply(producerClosed(producer));
}

export function Terminal() {
  const lines = useStore(terminalStore, (s) => s.lines);
  const producer = useStore(terminalStore, (s) => s.producer);
  const consumer = useStore(terminalStore, (s) => s.consumer);
  const [input, setInput] = useState('');
  const [back, setBack] = useState(0);
  const end = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [lines]);
  const recall = (step: number): void => {
    const history = terminalStore.getState().history;
    const next = Math.min(history.length, Math.max(0, back + step));
    setBack(next);
    setInput(next === 0 ? '' : history[history.length - next]!);
  };
  const onKey = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (consumer) {
      // The running tool owns the terminal: only Ctrl+C reaches it.
      if (e.ctrlKey && e.key === 'c') {
        e.preventDefault();
        void closeConsumer();
      }
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      const text = input;
      setInput('');
      setBack(0);
      void submitLine(text);
    } else if (e.key === 'ArrowUp' && !producer) {
      e.preventDefault();
      recall(1);
    } else if (e.key === 'ArrowDown' && !producer) {
      e.preventDefault();
      recall(-1);
    } else if (e.ctrlKey && (e.key === 'd' || (e.key === 'c' && producer !== null))) {
      e.preventDefault();
      if (producer) void closeProducer();
    } else if (e.ctrlKey && e.key === 'l') {
      e.preventDefault();
      terminalStore.setState({ lines: [] });
    }
  };
  return (
    <div className="terminal" onClick={() => field.current?.focus()}>
      {lines.length === 0 ? (
        <div className="terminal-intro">
          <p>
            Kafka&apos;s command-line tools, run against this cluster. Type <code>help</code>, or pick one:
          </p>
          {EXAMPLES.map((e) => (
            <button
              key={e}
              type="button"
              className="link terminal-example"
              onClick={() => {
                setInput(e);
                field.current?.focus();
              }}
            >
              {e}
            </button>
          ))}
        </div>
      ) : null}
      <pre className="terminal-out" role="log" aria-label="Terminal output" aria-live="polite">
        {lines.map((l, i) => (
          <span key={i} className={l.input ? 'terminal-in' : l.error ? 'terminal-err' : undefined}>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
      <div className="terminal-prompt" ref={end}>
        <label htmlFor="terminal-input">{consumer ? '' : producer ? '>' : '$'}</label>
        <input
          id="terminal-input"
          ref={field}
          aria-label={
            consumer
              ? `kafka-console-consumer is reading ${consumer.topic}`
              : producer
                ? `Record for topic ${producer.topic}`
                : 'Command line'
          }
          readOnly={consumer !== null}
          autoComplete="off"
          spellCheck={false}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKey}
        />
        {producer ? (
          <button type="button" onClick={() => void closeProducer()}>
            Stop producer (Ctrl+D)
          </button>
        ) : null}
        {consumer ? (
          <button type="button" onClick={() => void closeConsumer()}>
            Stop consumer (Ctrl+C)
          </button>
        ) : null}
      </div>
    </div>
  );
}
