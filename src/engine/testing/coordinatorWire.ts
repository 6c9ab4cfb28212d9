// A test helper that watches the wire between consumers and the group coordinator: every message it saw
// while it travelled, in sending order, and which ConsumerGroupHeartbeats are unanswered at each step.
import type { Message, SimEvent } from '../types';
import type { GroupMessageBody } from '../groups/types';
import type { Simulation } from '../simulation';

export type GroupMessage<K extends GroupMessageBody['kind']> = Message & {
  body: Extract<GroupMessageBody, { kind: K }>;
};

const COORDINATOR = 'coordinator';
const node = (consumerId: string): string => `consumer-${consumerId}`;

export class CoordinatorWire {
  private readonly seen = new Map<number, Message>();

  /** Every message lives at least one hop (200 ms by default), so steps shorter than that miss none. */
  constructor(
    private readonly sim: Simulation,
    private readonly stepMs = 50,
  ) {
    this.look();
  }

  /** Advance in steps up to `untilMs`, calling `each` after every step; returns the events. */
  advanceTo(untilMs: number, each?: () => void): SimEvent[] {
    const events: SimEvent[] = [];
    while (this.sim.peekState().nowMs < untilMs) {
      events.push(...this.sim.advanceTo(Math.min(untilMs, this.sim.peekState().nowMs + this.stepMs)));
      this.look();
      each?.();
    }
    return events;
  }

  /** Note what is on the wire now (after a dispatch, say). */
  look(): void {
    for (const m of this.onWire()) this.seen.set(m.id, m);
  }

  /** What a consumer sent, of one kind, in sending order. */
  sent<K extends GroupMessageBody['kind']>(consumerId: string, kind: K): GroupMessage<K>[] {
    return [...this.seen.values()]
      .filter((m) => m.from === node(consumerId) && m.to === COORDINATOR && m.body.kind === kind)
      .sort((a, b) => a.id - b.id) as GroupMessage<K>[];
  }

  /** What the coordinator answered a consumer, of one kind, in sending order. */
  answered<K extends GroupMessageBody['kind']>(consumerId: string, kind: K): GroupMessage<K>[] {
    return [...this.seen.values()]
      .filter((m) => m.from === COORDINATOR && m.to === node(consumerId) && m.body.kind === kind)
      .sort((a, b) => a.id - b.id) as GroupMessage<K>[];
  }

  /**
   * A consumer's ConsumerGroupHeartbeats unanswered right now: requests on their way to the coordinator
   * and answers on their way back (the coordinator answers as a request arrives). Leaves (member epoch -1
   * or -2) are not answered and not counted.
   */
  heartbeatsInFlight(consumerId: string): number {
    return this.onWire().filter((m) =>
      m.body.kind === 'ConsumerGroupHeartbeatRequest'
        ? m.from === node(consumerId) && (m.body as { memberEpoch: number }).memberEpoch >= 0
        : m.body.kind === 'ConsumerGroupHeartbeatResponse' && m.to === node(consumerId),
    ).length;
  }

  private onWire(): Message[] {
    return this.sim
      .peekState()
      .timers.flatMap((t) =>
        t.timer.kind === 'deliver' &&
        (t.timer.message.to === COORDINATOR || t.timer.message.from === COORDINATOR)
          ? [t.timer.message]
          : [],
      );
  }
}
