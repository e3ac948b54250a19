import { getDomain } from 'tldts';
import type { BrandEntry, ListDocument } from '../list/types';
import type { StringTable } from './string-table';

/**
 * The input is a validated lower-case DNS name (or something the validator is about to refuse):
 * tldts need not extract or validate it again.
 */
const HOST_PARSE = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const;

/**
 * The registrable domain of a list host ("sbisec.co.jp"), or null for a public suffix or a host
 * without one. tldts' getDomain stops at the domain (no subdomain or suffix-less name sliced)
 * and fills one shared result object, where parse() builds a new one: validation asks this for
 * every host of the list (20,000 at 10,000 brands). A domain is a public suffix plus one label,
 * so a host that is a public suffix itself has none.
 */
export function registrableDomain(host: string): string | null {
  const domain = getDomain(host, HOST_PARSE);
  // A brand's hosts share their domain: hand out the previous host's very string then, so the
  // maps and comparisons downstream (validation, the index) meet one object, hashed once.
  if (domain !== null && domain === lastDomain) return lastDomain;
  lastDomain = domain;
  return domain;
}
let lastDomain: string | null = null;

/**
 * What list validation (lib/list/validate.ts) learns about every host of a document it found
 * valid, handed to the index built next (lib/domain/list-index.ts) so a big list is not walked,
 * hashed and parsed by tldts twice in a row: exact hosts and subtrees (wildcard bases) mapped to
 * their brand, and each host's registrable domain in list order.
 */
export interface ValidatedHosts {
  hosts: StringTable<BrandEntry>;
  subtrees: Map<string, BrandEntry>;
  hostDomains: (string | null)[];
  /** rawHash (lib/domain/string-table.ts) of each of hostDomains (null ones: anything). */
  domainHashes: Int32Array;
  /**
   * Per host, in list order: FOLDS_HOST when the host (without "*.") is not its own skeleton
   * (holds "m", "0" or "1": ownSkeleton false), FOLDS_DOMAIN when its registrable domain is not.
   */
  hostFolds: Uint8Array;
}

export const FOLDS_HOST = 1;
export const FOLDS_DOMAIN = 2;

// Keyed by the document object: only the very document that was validated can use it, and the
// entry goes with the document.
const validated = new WeakMap<object, ValidatedHosts>();

export function rememberValidatedHosts(doc: object, facts: ValidatedHosts): void {
  validated.set(doc, facts);
}

/** The facts for `doc`, once (the index takes ownership of the maps). */
export function takeValidatedHosts(doc: ListDocument): ValidatedHosts | undefined {
  const facts = validated.get(doc);
  validated.delete(doc);
  return facts;
}
