// What running one command line gives the terminal: lines to print now, and possibly engine commands
// to apply, with what to print once they are accepted or how to word a refusal.
import type { Command } from '../../engine/index';
import type { ConsoleConsumer } from './consoleConsumer';

export interface Line {
  text: string;
  /** stderr, and the tools' error lines on stdout: shown in the error colour. */
  error?: boolean;
}

export interface CliStep {
  /** Engine commands to apply, in order (one per partition for a leader election). */
  commands: Command[];
  /** What the tool prints once they ran: per command, null if the cluster accepted it, else its refusal. */
  report: (refusals: (string | null)[]) => Line[];
}

/** A step of one command: `ok` lines when accepted, or `failed` of the refusal (its error code stripped). */
export function single(command: Command, ok: Line[], failed: (message: string) => Line[]): CliStep {
  return {
    commands: [command],
    report: ([refusal]) => (refusal == null ? ok : failed(withoutCode(refusal))),
  };
}

export interface CliResult {
  lines: Line[];
  step?: CliStep;
  /** The console producer's prompt takes over: each line it reads is a record. */
  producer?: ConsoleProducer;
  /** The console consumer takes the terminal over: it prints what its poll() returns until Ctrl+C. */
  consumer?: ConsoleConsumer;
}

export interface ConsoleProducer {
  topic: string;
  /** The simulated client's id (a producer card on the diagram while it runs). */
  producerId: string;
  parseKey: boolean;
  keySeparator: string;
}

export const out = (...texts: string[]): Line[] => texts.map((text) => ({ text }));
export const err = (...texts: string[]): Line[] => texts.map((text) => ({ text, error: true }));

/** The engine's refusal without its Kafka error code ("INVALID_REPLICATION_FACTOR: …" → "…"). */
export const withoutCode = (message: string): string => message.replace(/^[A-Z][A-Z_]+: /, '');
