// Which of a producer card's lines take a second line instead of being cut short. The card's height is
// the layout's; a line wraps only when its text is too long for the card's width and the height has a
// line to spare, the most important first: a blocked send() or an error, then the topic and rate, then
// the key list. Sizes are estimated in ems (as styles.css sets `.producer`), not measured. Pure.
import { textEm } from './replicaRows';

export type WrappingLine = 'status' | 'topic' | 'keys';

export interface ProducerTexts {
  /** The topic line as shown: `→ orders · 2 records/s`. */
  topic: string;
  keys: string | null;
  /** A blocked send() or the last error, shown in place of the sent / in-flight counts. */
  status: string | null;
}

/** Line heights in root ems: `.client-line` is 0.85rem, `.client-error` 0.8rem, both line-height 1.3. */
const LINE_EM = 0.85 * 1.3;
const STATUS_LINE_EM = 0.8 * 1.3;
/** The name (1.1rem), the actions row, the gaps between the lines and the card's padding and borders. */
const FIXED_EM = 1.43 + 1.3 + 0.7 + 0.3;
const GAP_EM = 0.1;
/** The left border (6 px) and right border (2 px), and the padding (0.55rem a side). */
const SIDES_PX = 8;
const PADDING_EM = 1.1;

export function wrappingLines(
  texts: ProducerTexts,
  box: { width: number; height: number },
  em: number,
): Set<WrappingLine> {
  const lines = texts.keys === null ? 3 : 4;
  let spare = box.height / em - (FIXED_EM + lines * LINE_EM + (lines + 1) * GAP_EM);
  const width = (box.width - SIDES_PX) / em - PADDING_EM;
  const wrapping = new Set<WrappingLine>();
  // Widths in bold metrics: the regular-weight parts are a little narrower, so a line may be given a
  // second line it turns out not to need, never the reverse.
  const candidates: [WrappingLine, string | null, number, number][] = [
    ['status', texts.status, 0.8, STATUS_LINE_EM],
    ['topic', texts.topic, 0.85, LINE_EM],
    ['keys', texts.keys, 0.85, LINE_EM],
  ];
  for (const [line, text, font, height] of candidates) {
    if (text === null || textEm(text) * font <= width || spare < height) continue;
    wrapping.add(line);
    spare -= height;
  }
  return wrapping;
}
