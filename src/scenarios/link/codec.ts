// Share links: a run (scenario, seed, command log, position) ⇄ the text after `#run=` in a URL.
import { ENGINE_BEHAVIOUR_VERSION } from '../../engine/index';
import { MAX_LINK_CHARS } from './limits';
import { validateLinkDoc, validateShareRun } from './validate';
import { MIGRATIONS, READERS, SHARE_LINK_VERSION } from './versions';
import { writeV2 } from './v2';
import { fail, type DecodeResult, type ShareRun } from './types';

/** A message that only a bug in this module can produce; the fuzz test checks it never appears. */
export const UNEXPECTED = 'The link could not be read because of a problem in Kafkascope itself:';

/**
 * The payload for `#run=<payload>`, stamped with this engine's behaviour version (the run on screen is
 * this engine's). Throws a RangeError naming the problem if the run is not valid, because a link that
 * cannot be opened is worse than no link.
 */
export function encodeShareLink(run: ShareRun): string {
  const checked = validateShareRun(run);
  if (!checked.ok) throw new RangeError(`This run cannot be shared: ${checked.error}`);
  return `v${SHARE_LINK_VERSION}.${writeV2(checked.value, ENGINE_BEHAVIOUR_VERSION)}`;
}

/** Never throws: any input gives a run or a sentence saying what is wrong with the link. */
export function decodeShareLink(payload: string): DecodeResult {
  try {
    return decode(payload);
  } catch (e) {
    return fail(`${UNEXPECTED} ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decode(payload: unknown): DecodeResult {
  if (typeof payload !== 'string') return fail('The link is not text.');
  // Refuse before doing any work with it.
  if (payload.length > MAX_LINK_CHARS)
    return fail(
      `The link is too long (${payload.length} characters; Kafkascope opens links of up to ${MAX_LINK_CHARS}), so it was not opened.`,
    );
  // Accept a whole pasted URL or fragment as well as the bare payload.
  const marker = payload.indexOf('#run=');
  const text = (marker >= 0 ? payload.slice(marker + '#run='.length) : payload).trim();
  if (text === '') return fail('The link is empty: there is no run in it.');
  const prefix = /^v([0-9]{1,9})\./.exec(text);
  if (!prefix)
    return fail(`This is not a Kafkascope run link: it should start with "v${SHARE_LINK_VERSION}.".`);
  const version = Number(prefix[1]);
  if (version > SHARE_LINK_VERSION)
    return fail(
      `This link was made by a newer version of Kafkascope (format v${version}); this version reads up to v${SHARE_LINK_VERSION}.`,
    );
  const read = READERS[version];
  if (!read) return fail(`This link uses format v${version}, which no version of Kafkascope ever wrote.`);
  let doc = read(text.slice(prefix[0].length));
  for (let v = version; doc.ok && v < SHARE_LINK_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    doc = migrate ? migrate(doc.value) : fail(`${UNEXPECTED} no migration from format v${v}.`);
  }
  if (!doc.ok) return doc;
  const checked = validateLinkDoc(doc.value);
  if (!checked.ok) return checked;
  const { run, engineVersion } = checked.value;
  // A different engine is not an error: the run opens, and the UI says that its numbers may differ.
  return {
    ok: true,
    run,
    ...(version < SHARE_LINK_VERSION ? { migratedFrom: version } : {}),
    ...(engineVersion !== ENGINE_BEHAVIOUR_VERSION ? { otherEngineVersion: engineVersion } : {}),
  };
}
