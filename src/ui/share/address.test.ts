// The address of a shared run: `#run=<payload>` after the page's own path, found again in a hash.
import { describe, expect, it } from 'vitest';
import { addressWithoutRun, runPayloadFromHash, runUrl } from './address';

describe('share link addresses', () => {
  it('puts the payload after #run= on the page path, dropping the query and any older fragment', () => {
    expect(
      runUrl('http://127.0.0.1:4173/kafkascope/?scenario=sandbox&seed=3#run=v1.old', 'v1.abc.XYZ$+-'),
    ).toBe('http://127.0.0.1:4173/kafkascope/#run=v1.abc.XYZ$+-');
  });

  it('finds the payload in a run hash, and nothing in any other hash', () => {
    expect(runPayloadFromHash('#run=v1.abc.XYZ')).toBe('v1.abc.XYZ');
    expect(runPayloadFromHash('#run=')).toBe('');
    expect(runPayloadFromHash('')).toBeNull();
    expect(runPayloadFromHash('#runs=v1.abc')).toBeNull();
    expect(runPayloadFromHash('#section')).toBeNull();
  });

  it('round-trips: the hash of a built URL holds exactly the payload', () => {
    const payload = 'v1.k2j3.N4Ig$LghgFg+-9';
    expect(runPayloadFromHash(new URL(runUrl('https://x.example/a/b', payload)).hash)).toBe(payload);
  });

  it('forgets a run link but keeps the query, and leaves other addresses alone', () => {
    expect(addressWithoutRun('http://h/app/?scenario=orders#run=v1.a.b')).toBe('/app/?scenario=orders');
    expect(addressWithoutRun('http://h/app/?scenario=orders')).toBeNull();
    expect(addressWithoutRun('http://h/app/#other')).toBeNull();
  });
});
