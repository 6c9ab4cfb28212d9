// How much a share link may ask of the browser that opens it. A link comes from anyone, so every cost is
// capped before it is paid: the text before decompression, the text after, the number of actions, and how
// far the simulation must run.

/** Longest payload (the text after `#run=`) that is read at all. A 50-action run takes about 700. */
export const MAX_LINK_CHARS = 20_000;
/** Longest text a payload may decompress to; decompression stops as soon as it would pass this. */
export const MAX_UNPACKED_CHARS = 200_000;
export const MAX_ACTIONS = 5_000;
/** Latest virtual time (24 hours) an action or the position may name, so opening a link cannot run for ever. */
export const MAX_RUN_MS = 24 * 60 * 60 * 1000;
