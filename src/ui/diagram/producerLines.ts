// Which of a producer card's lines take a second line instead of being cut short. The card's height is
// the layout's; a line wraps only when its text is too long for the card's width and the height has a
// line to spare, the most important first: a blocked send() or an error, then the topic and rate, then
// the key list. Sizes are estimated in ems (as styles.css sets `.producer`), not measured. Pure.
import { textEm } from './replicaRows';
import { textPx } from './typeScale';

export type WrappingLine = 'status' | 'topic' | 'keys';

export interface ProducerTexts {
  /** The topic line as shown: `→ orders · 2 records/s`. */
  topic: string;
  keys: string | null;
  /** A blocked send() or the last error, shown in place of the sent / in-flight counts. */
  status: string | null;
}

/** The lines' font sizes in root ems (styles.css): `.client-line` 0.85rem, `.client-error` and the action
 * buttons 0.8rem, each never below MIN_TEXT_PX; line-height 1.3. */
const fontEm = (rem: number, em: number): number => textPx(rem, em) / em;
const LINE_HEIGHT = 1.3;
/** The name (1.1rem), the actions row, the gaps between the lines and the card's padding and borders. */
const FIXED_EM = 1.43 + 1.3 + 0.7 + 0.3;
const GAP_EM = 0.1;
/** The left border (6 px) and right border (2 px), and the padding (0.55rem a side). */
const SIDES_PX = 8;
const PADDING_EM = 1.1;

/** The lines' heights in root ems at root font `em`: the fixed part, a text line and a status line. */
function heights(em: number) {
  const line = fontEm(0.85, em);
  const status = fontEm(0.8, em);
  // The actions row grows with its buttons' text when the floor lifts it above 0.8rem.
  return {
    line,
    status,
    lineEm: line * LINE_HEIGHT,
    statusLineEm: status * LINE_HEIGHT,
    fixedEm: FIXED_EM + (status - 0.8) * LINE_HEIGHT,
  };
}

/**
 * A producer card's height when the column has room, in root ems: its four lines and three more, so that
 * a long topic, a long key list and a blocked send() can each take a second line rather than be cut
 * short. 12 em where the root font is large enough that no floor applies.
 */
export function producerNaturalEm(em: number): number {
  const h = heights(em);
  return Math.max(12, h.fixedEm + 7 * h.lineEm + 5 * GAP_EM + 0.01);
}

export function wrappingLines(
  texts: ProducerTexts,
  box: { width: number; height: number },
  em: number,
): Set<WrappingLine> {
  const { line, status, lineEm, statusLineEm, fixedEm } = heights(em);
  const lines = texts.keys === null ? 3 : 4;
  let spare = box.height / em - (fixedEm + lines * lineEm + (lines + 1) * GAP_EM);
  const width = (box.width - SIDES_PX) / em - PADDING_EM;
  const wrapping = new Set<WrappingLine>();
  // Widths in bold metrics: the regular-weight parts are a little narrower, so a line may be given a
  // second line it turns out not to need, never the reverse.
  const candidates: [WrappingLine, string | null, number, number][] = [
    ['status', texts.status, status, statusLineEm],
    ['topic', texts.topic, line, lineEm],
    ['keys', texts.keys, line, lineEm],
  ];
  for (const [name, text, font, height] of candidates) {
    if (text === null || textEm(text) * font <= width || spare < height) continue;
    wrapping.add(name);
    spare -= height;
  }
  return wrapping;
}
