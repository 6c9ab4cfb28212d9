// What the welcome notice of an opened link says about where the link came from. A link carries its
// actions, not their outcomes, so one made with a different engine behaviour (src/engine/version.ts)
// replays the same actions here and may show different numbers: the viewer is told, calmly, rather than
// left to find out. Pure, so that every case is unit-tested.
import { ENGINE_BEHAVIOUR_VERSION } from '../../engine/index';
import type { DecodeResult } from '../../scenarios/link/index';

/** What decoding said about the link's versions. */
export type LinkOrigin = Pick<Extract<DecodeResult, { ok: true }>, 'migratedFrom' | 'otherEngineVersion'>;

/** A sentence for a link made with another engine behaviour, or '' for one made with this one's. */
export function engineNote(
  linkVersion: number | undefined,
  running: number = ENGINE_BEHAVIOUR_VERSION,
): string {
  if (linkVersion === undefined || linkVersion === running) return '';
  const which = linkVersion < running ? 'an earlier' : 'a newer';
  return `This link was made with ${which} version of Kafkascope (engine behaviour ${linkVersion}; this one is ${running}). It replays the same actions, but some numbers may differ from what its sender saw.`;
}

/**
 * The welcome notice's sentence about the link's versions: the engine note when the engine differs, else
 * a note that an older link format was converted, else ''. A different engine says everything the format
 * note would (every link in an older format is from an earlier engine too), so only one is shown.
 */
export function originNote(origin: LinkOrigin, running: number = ENGINE_BEHAVIOUR_VERSION): string {
  const engine = engineNote(origin.otherEngineVersion, running);
  if (engine !== '') return engine;
  return origin.migratedFrom === undefined
    ? ''
    : `The link was made by an older version of Kafkascope (format v${origin.migratedFrom}) and was converted.`;
}
