// Every way a link can be wrong gets a sentence that names the problem, for a teacher or a student.
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink, MAX_ACTIONS, MAX_LINK_CHARS, MAX_RUN_MS } from './index';
import { compress } from './lz';
import { legacyV0, rawV1 } from './testing/links';
import { orders, realisticRun } from './testing/runs';

const errorOf = (payload: string): string => {
  const result = decodeShareLink(payload);
  if (result.ok) throw new Error(`expected an error for ${payload.slice(0, 80)}`);
  return result.error;
};

/** A packed v1 run around the given action tuples. */
const withActions = (...tuples: unknown[]) => rawV1(['orders', 42, 10_000, tuples]);

const good = encodeShareLink(realisticRun(20));

describe('damaged links', () => {
  it('a link cut off when copied', () => {
    expect(errorOf(good.slice(0, good.length - 40))).toBe(
      'The link is damaged: its data could not be decompressed (was it cut off when copied?)',
    );
  });

  it('a link cut off right after its version', () => {
    expect(errorOf('v1.')).toMatch(/damaged: its check code is missing or unreadable \(was it cut off/);
    expect(errorOf(good.slice(0, 6))).toMatch(/damaged: its check code is missing or unreadable/);
  });

  it('a link with one character changed', () => {
    const i = good.length - 100;
    const changed = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
    expect(errorOf(changed)).toMatch(
      /^The link is damaged: its data (does not match its check code|could not be)/,
    );
  });

  it('a link with a character that never appears in one', () => {
    expect(errorOf(`${good.slice(0, 30)}!${good.slice(30)}`)).toMatch(
      /damaged: it contains "!", which never appears/,
    );
  });

  it('a check code that does not match', () => {
    const [, , data] = good.split('.');
    expect(errorOf(`v1.abc.${data}`)).toMatch(/does not match its check code/);
  });

  it('broken percent-encoding', () => {
    expect(errorOf(`${good}%E0%A4%A`)).toMatch(/could not be decompressed/);
    expect(errorOf('v0.%7B%22a%2')).toMatch(/its text could not be decoded/);
  });
});

describe('links that are not Kafkascope links, or not this version', () => {
  it('an empty link', () => {
    expect(errorOf('')).toBe('The link is empty: there is no run in it.');
    expect(errorOf('https://kafkascope.example/#run=')).toBe('The link is empty: there is no run in it.');
  });

  it('text without a version', () => {
    expect(errorOf('hello world')).toBe('This is not a Kafkascope run link: it should start with "v2.".');
  });

  it('a link from a newer version', () => {
    expect(errorOf(good.replace(/^v2\./, 'v3.'))).toBe(
      'This link was made by a newer version of Kafkascope (format v3); this version reads up to v2.',
    );
  });

  it('not text at all', () => {
    expect(errorOf(42 as unknown as string)).toBe('The link is not text.');
  });
});

describe('oversized links are refused before any work is done', () => {
  it('a payload longer than the cap, without decompressing it', () => {
    const huge = `v1.abc.${'A'.repeat(MAX_LINK_CHARS)}`;
    expect(errorOf(huge)).toBe(
      `The link is too long (${huge.length} characters; Kafkascope opens links of up to ${MAX_LINK_CHARS}), so it was not opened.`,
    );
  });

  it('a small payload that would unpack to too much text (a decompression bomb)', () => {
    const json = `["orders",1,0,[],"${'a'.repeat(250_000)}"]`;
    const bomb = `v1.0.${compress(json)}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(errorOf(bomb)).toMatch(/too large once unpacked \(more than 200000 characters\)/);
  });

  it('too many actions', () => {
    const tuples = Array.from({ length: MAX_ACTIONS + 1 }, () => [0, 0, 1]);
    expect(errorOf(withActions(...tuples))).toBe(
      `The link has ${MAX_ACTIONS + 1} actions; this version of Kafkascope opens links with at most ${MAX_ACTIONS}.`,
    );
  });
});

describe('data that is not a run', () => {
  it('invalid JSON', () => {
    expect(errorOf(rawV1('["orders", 1,'))).toMatch(/^The link's data is not valid JSON \(/);
    expect(errorOf('v0.not%20json')).toMatch(/^The link's data is not valid JSON \(/);
  });

  it('valid JSON of the wrong shape', () => {
    expect(errorOf(rawV1({ scenario: 'orders' }))).toMatch(
      /not a Kafkascope run \(expected \[scenario, seed, position, actions\]\): found \{"scenario":"orders"\}/,
    );
    expect(errorOf(rawV1(['orders', 1, 0, 'actions']))).toMatch(/not a Kafkascope run/);
  });

  it('a run with more parts than this version reads (a newer version added one)', () => {
    expect(errorOf(rawV1(['orders', 1, 0, [], [0, 0], 'future']))).toBe(
      'This link was made by a newer version of Kafkascope: it has 6 parts, and this version reads up to 5. Open it with the version that made it.',
    );
  });

  it('an unknown built-in scenario', () => {
    expect(errorOf(rawV1(['no-such-lesson', 1, 0, []]))).toBe(
      'The link uses the built-in scenario "no-such-lesson", which this version of Kafkascope does not have.',
    );
  });

  it('an inline scenario that is not valid names the field', () => {
    const scenario = { ...orders, topics: [{ name: 'orders', partitions: 0, replicationFactor: 3 }] };
    expect(errorOf(rawV1([scenario, 1, 0, []]))).toMatch(
      /^The scenario in the link is not valid:\n[\s\S]*topics\[0\]\.partitions/,
    );
  });

  it('a scenario that is neither an id nor a definition', () => {
    expect(errorOf(rawV1([7, 1, 0, []]))).toMatch(
      /scenario must be a built-in scenario's id or a scenario definition, not 7/,
    );
  });

  it('a bad seed or position', () => {
    expect(errorOf(rawV1(['orders', 'forty-two', 0, []]))).toBe(
      `The link's seed must be a whole number, not "forty-two".`,
    );
    expect(errorOf(rawV1(['orders', 1.5, 0, []]))).toMatch(/seed must be a whole number, not 1.5/);
    expect(errorOf(rawV1(['orders', 1, -5, []]))).toMatch(
      /position in time \(positionMs\) must be .* not -5/,
    );
    expect(errorOf(rawV1(['orders', 1, MAX_RUN_MS + 1, []]))).toMatch(
      /positionMs\) must be a whole number of milliseconds from 0 to 86400000/,
    );
    expect(errorOf(rawV1(['orders', null, 0, []]))).toMatch(/seed must be a whole number, not null/);
  });
});

describe('bad actions reject the whole link, naming the action', () => {
  it('a missing field', () => {
    const tuples = Array.from({ length: 6 }, () => [100, 13, 'checkout', 'alice', 'o-1']);
    expect(errorOf(withActions(...tuples, [100, 0]))).toBe('Action 7 (killBroker) has no brokerId.');
  });

  it('a field of the wrong type, or out of range', () => {
    expect(errorOf(withActions([0, 0, 'two']))).toBe(
      'Action 1 (killBroker) has brokerId "two", but it must be a number.',
    );
    expect(errorOf(withActions([0, 0, 1.5]))).toBe(
      'Action 1 (killBroker) has brokerId 1.5, but it must be a whole number.',
    );
    expect(errorOf(withActions([0, 7, 'orders', 5000]))).toBe(
      'Action 1 (addPartitions) has partitions 5000, but it must be at most 1000.',
    );
    expect(errorOf(withActions([0, 12, 'checkout', { acks: 2 }]))).toBe(
      'Action 1 (setProducerConfig) has config.acks 2, but it must be one of 0, 1, "all".',
    );
    expect(errorOf(withActions([0, 8, 'orders', { 'min.insync.replicas': 0 }]))).toBe(
      'Action 1 (alterTopicConfig) has config["min.insync.replicas"] 0, but it must be at least 1.',
    );
    expect(errorOf(withActions([0, 8, 'orders', { 'message.timestamp.type': 'createtime' }]))).toBe(
      'Action 1 (alterTopicConfig) has config["message.timestamp.type"] "createtime", but it must be one of "CreateTime", "LogAppendTime".',
    );
    expect(errorOf(withActions([0, 12, 'checkout', {}, 1, { kind: 'sometimes' }]))).toMatch(
      /^Action 1 \(setProducerConfig\) has keys.kind "sometimes", but it must be one of "cycle", "random", "null", "unique"\.$/,
    );
  });

  it('an unexpected field', () => {
    expect(errorOf(withActions([0, 8, 'orders', { 'retention.minutes': 5 }]))).toBe(
      'Action 1 (alterTopicConfig) has an unexpected field "retention.minutes" in config.',
    );
    expect(errorOf(withActions([0, 0, 1, 2]))).toBe(
      'Action 1 (killBroker) has 1 value too many. The link may have been made by a newer version of Kafkascope.',
    );
  });

  it('an unknown command', () => {
    expect(errorOf(withActions([0, 99, 1]))).toBe(
      'Action 1 has an unknown command code 99. The link may have been made by a newer version of Kafkascope.',
    );
    expect(errorOf(withActions([0, -1, 1]))).toBe('Action 1 has an unknown command code -1.');
    expect(errorOf(withActions([0, 'x', 1]))).toBe('Action 1 has an unknown command code "x".');
    expect(
      errorOf(
        legacyV0({
          scenario: 'orders',
          seed: 1,
          position: 0,
          log: [{ at: 0, command: { type: 'deleteTopic' } }],
        }),
      ),
    ).toBe('Action 1 has an unknown command type "deleteTopic".');
  });

  it('a bad time step or an action that is not a tuple', () => {
    expect(errorOf(withActions([-5, 0, 1]))).toBe(
      'Action 1 has time step -5, but it must be a whole number of milliseconds, 0 or more.',
    );
    expect(errorOf(withActions([0, 0, 1], 'kill'))).toMatch(
      /^Action 2 is not written as \[time step, command code, …fields\]/,
    );
  });

  it('actions out of time order (only possible in a verbose log)', () => {
    const log = [
      { at: 500, command: { type: 'killBroker', brokerId: 1 } },
      { at: 200, command: { type: 'restartBroker', brokerId: 1 } },
    ];
    expect(errorOf(legacyV0({ scenario: 'orders', seed: 1, position: 0, log }))).toBe(
      'Action 2 happens at 200 ms, before the action ahead of it (at 500 ms); actions must be in time order.',
    );
  });

  it('a time past the end of what a link may run', () => {
    expect(errorOf(withActions([MAX_RUN_MS + 1, 0, 1]))).toMatch(
      /^Action 1 has time \(atMs\) 86400001, but it must be/,
    );
  });

  it('several bad actions: the first is named and the rest are counted, none dropped', () => {
    expect(errorOf(withActions([0, 0, 1], [0, 0], [0, 1], [0, 15]))).toBe(
      'Action 2 (killBroker) has no brokerId. (2 more actions are invalid too.)',
    );
  });
});
