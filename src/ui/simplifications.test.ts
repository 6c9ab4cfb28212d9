import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSimplifications, SIMPLIFICATIONS, spans } from './simplifications';

describe('simplifications list', () => {
  it('is the same list as ARCHITECTURE.md (update both together)', () => {
    const doc = readFileSync(new URL('../../ARCHITECTURE.md', import.meta.url), 'utf8');
    const items = parseSimplifications(doc);
    expect(items.length).toBeGreaterThan(0);
    expect(SIMPLIFICATIONS).toEqual(items);
  });

  it('renders bold and code spans', () => {
    expect(spans('**One thing** is `x.y` here')).toEqual([
      { kind: 'bold', text: 'One thing' },
      { kind: 'text', text: ' is ' },
      { kind: 'code', text: 'x.y' },
      { kind: 'text', text: ' here' },
    ]);
  });
});
