import { parse } from 'tldts';

/**
 * Registrable domain of a list host, shared by list validation (lib/list/hosts.ts: "is it a
 * public suffix?") and index building (lib/domain/list-index.ts: "which domain does the broker
 * own?"). Both ask tldts the same question about the same ~20,000 hosts of a big list, one
 * right after the other when a list is loaded; the answers are kept between the two and
 * dropped when the index is built (`forgetRegistrableDomains`), so memory holds them only for
 * the length of one list load. The input is a validated lower-case DNS name (or something the
 * validator is about to refuse): tldts need not extract or validate it again.
 */
const HOST_PARSE = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const;
const MAX_REMEMBERED = 50_000;
const remembered = new Map<string, string | null>();

/** The registrable domain ("sbisec.co.jp"), or null for a public suffix or a host without one. */
export function registrableDomain(host: string): string | null {
  const known = remembered.get(host);
  if (known !== undefined) return known;
  const p = parse(host, HOST_PARSE);
  const domain = p.domain && p.publicSuffix && p.publicSuffix !== host ? p.domain : null;
  if (remembered.size < MAX_REMEMBERED) remembered.set(host, domain);
  return domain;
}

export function forgetRegistrableDomains(): void {
  remembered.clear();
}
