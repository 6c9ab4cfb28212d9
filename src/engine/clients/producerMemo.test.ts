// The producer's remembered work gives exactly what the plain computation gives.
import { describe, expect, it } from 'vitest';
import { partitionForKey } from './murmur2';
import { partitionOfKey, renderTemplate } from './producerMemo';

describe('renderTemplate', () => {
  const templates = ['{"n":{n}}', '{n}', '{key}', '', 'x', '{key}{n}{key}', '{{n}}', '{ke{n}y}', '{key{n}}'];
  const more = ['{n}{n}', 'a{key}b{n}c{key}', '{n{key}}', '{{key}}', '{keyy}{key', '}{n}{'];
  it.each([...templates, ...more])('renders %j as replaceAll("{n}") then replaceAll("{key}") would', (t) => {
    for (const key of [null, 'k', '{n}', '{key}', 'a{n}b'])
      expect(renderTemplate(t, 42, key)).toBe(t.replaceAll('{n}', '42').replaceAll('{key}', key ?? 'null'));
  });
});

describe('partitionOfKey', () => {
  it('agrees with partitionForKey, also when the partition count changes', () => {
    for (const partitions of [1, 3, 6, 3])
      for (const key of ['alice', 'bob', '', 'héllo', '\ud800x'])
        expect(partitionOfKey(key, partitions)).toBe(partitionForKey(key, partitions));
  });
});
