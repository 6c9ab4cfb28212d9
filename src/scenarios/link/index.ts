// Share links that reproduce an exact run: the public surface of src/scenarios/link.
export { encodeShareLink, decodeShareLink } from './codec';
export { validateShareRun } from './validate';
export { SHARE_LINK_VERSION } from './versions';
export { MAX_LINK_CHARS, MAX_UNPACKED_CHARS, MAX_ACTIONS, MAX_RUN_MS } from './limits';
export type { ShareRun, ShareLesson, DecodeResult } from './types';
