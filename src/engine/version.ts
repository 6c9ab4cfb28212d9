// Which behaviour of the engine a run was made with. A share link carries a run's scenario, seed and
// commands, never its outcomes, so a link opened after the engine has changed replays the same commands
// and may show different numbers from the ones its sender saw. Links record this version so that the UI
// can say so instead of differing silently.
//
// The rule: bump ENGINE_BEHAVIOUR_VERSION in the same commit as any change that changes what a replay of
// the same scenario + seed + commands produces: a new default (linger.ms), an exact rate, a fetch size,
// the order of events, a draw from a PRNG. Built-in scenarios travel in links by id, so a change to one
// that changes its runs counts too. A change that leaves every replay the same (a refactor, a speed-up)
// keeps the version; when unsure, bump it: a needless bump only shows old links a note, a missing one
// lets their numbers differ silently. version.test.ts pins a run of the default scenario by its state
// hash together with this number, and fails, saying what to do, when a change forgets it.
//
// 1: links made before versions were recorded (no version in the link; read as 1).
// 2: the engine when versions were first recorded (after exact producer rates and 1 MiB fetches).
// 3: a consumer's fetch carries its own fetch.min.bytes and fetch.max.wait.ms, where it used to wait the
//    cluster's replica.fetch.wait.max.ms (scenarios that changed that setting replay differently);
//    transactions (transactional.id, isolation.level) and share groups (KIP-932) arrive, which change no
//    earlier run's outcome (the state gains fields, so the pinned hash moved within version 3).
// 4: fidelity fixes from a review against Kafka's source: a new classic group waits one more
//    group.initial.rebalance.delay.ms when members joined during the first (groups form later); a default
//    enable.idempotence turns itself off for acks 0/1 or retries=0, and an explicit one refuses them
//    (links with acks=1 and an explicit enable.idempotence=true now show the refusal); the eager sticky
//    assignor remembers its last assignment (StickyAssignor user data); a KIP-848 group assigns partitions
//    added to its topic at the next heartbeat; a producer that saw a dead broker's connection close stops
//    sending there until the broker is back or another broker leads (acks=0 loses far less in a crash);
//    a broker restarted within broker.session.timeout.ms waits for its old process to be fenced; a
//    compacted topic refuses keyless records (INVALID_RECORD); a stopped broker's log is not cleaned;
//    retention.bytes leaves the log at or above the limit; a follower takes its leader's high watermark;
//    a produce request past request.timeout.ms closes its connection, failing every request on it; retries
//    back off exponentially with jitter (retry.backoff.max.ms, a seeded stream of their own), and not at
//    all for a partition with a new leader; producers and classic group leaders see partitions added to
//    a topic at their next metadata refresh (metadata.max.age.ms), not at once; a batch in flight fails
//    at its delivery.timeout.ms ("Expiring N record(s) for …"), a late answer ignored; exactly_once_v2
//    services read_committed, and an instance whose producer is fenced recovers (TaskMigratedException);
//    topics get a seeded topic id (the state gains a field; no outcome changes).

/** The behaviour version of this engine; a positive integer that only grows. */
export const ENGINE_BEHAVIOUR_VERSION = 4;
