// Where a shared run lives in the address: `#run=<payload>` after the page's own address. The fragment
// rather than the query, because a fragment never reaches a server (no access log holds a class's runs),
// and changing it does not reload the page, so a link pasted into an open tab arrives as `hashchange`.
export const RUN_MARK = '#run=';

/** The payload of a run link in a location hash (`#run=…`), or null when the hash is not a run link. */
export function runPayloadFromHash(hash: string): string | null {
  return hash.startsWith(RUN_MARK) ? hash.slice(RUN_MARK.length) : null;
}

/**
 * The link that opens `payload`: this page's address without its query (a `?scenario=` there would only
 * confuse whoever reads the link; the run names its own scenario) and without any older fragment.
 */
export function runUrl(pageHref: string, payload: string): string {
  const url = new URL(pageHref);
  return `${url.origin}${url.pathname}${RUN_MARK}${payload}`;
}

/** The address without its run link, or null when it has none. */
export function addressWithoutRun(href: string): string | null {
  const url = new URL(href);
  if (runPayloadFromHash(url.hash) === null) return null;
  return `${url.pathname}${url.search}`;
}

/**
 * Once the user opens something else, the address stops naming the shared run, so that a reload
 * shows what they chose rather than the old link.
 */
export function forgetRunInAddress(): void {
  const next = addressWithoutRun(window.location.href);
  if (next !== null) window.history.replaceState(null, '', next);
}
