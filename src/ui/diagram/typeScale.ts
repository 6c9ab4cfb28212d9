// The smallest text on screen. Sizes follow the root font (rem), which is 14 px on a 1280×720 projector:
// there, the small tiers (0.72–0.9 rem) would draw text a back row cannot read, so each has a floor.
// styles.css applies the same floor as `max(<size>, var(--min-text))`; the layout, which sizes boxes from
// the type scale without measuring, uses these. Pure.

/** The smallest size of any text a student reads, px (styles.css `--min-text`). */
export const MIN_TEXT_PX = 13;

/** A text of `ratio` times `font` px, never below MIN_TEXT_PX: CSS `max(<ratio>em, var(--min-text))`. */
export const textPx = (ratio: number, font: number): number => Math.max(ratio * font, MIN_TEXT_PX);
