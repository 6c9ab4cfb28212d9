import { describe, expect, it } from 'vitest';
import { embedCode } from './embed';

describe('embed code', () => {
  it('frames the share link at the page width in 16:9, titled after the scenario', () => {
    const code = embedCode('https://example.org/kafkascope/#run=v2.3.abc', 'Taxi booking: a broker dies');
    expect(code).toBe(
      '<iframe src="https://example.org/kafkascope/#run=v2.3.abc" title="Kafkascope: Taxi booking: a broker dies" style="width:100%;aspect-ratio:16/9;border:0" allow="clipboard-write; fullscreen" loading="lazy"></iframe>',
    );
  });

  it('keeps a title from a file as text: quotes and markup cannot leave the attribute', () => {
    const code = embedCode('https://x/#run=1', '"><script>alert(1)</script> & more');
    expect(code).toContain('title="Kafkascope: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"');
    expect(code).not.toContain('<script>');
    // One element: the title did not close the tag.
    expect(code.match(/<iframe /g)).toHaveLength(1);
    expect(code.endsWith('></iframe>')).toBe(true);
  });
});
