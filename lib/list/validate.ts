import { ownSkeleton } from '../domain/list-index';
import { FOLDS_DOMAIN, FOLDS_HOST, registrableDomain, rememberValidatedHosts } from '../domain/registrable';
import { FNV_OFFSET, FNV_PRIME, rawHash, StringTable } from '../domain/string-table';
import { hostMatches, hostProblem, domainProblem } from './hosts';
import type { BrandEntry } from './types';

/**
 * Validates a list document: the JSON Schema rules (public/list/list.schema.json) plus what a
 * schema cannot say (unique ids, host rules, loginUrl on the brand's own hosts).
 * Returns every problem found, each prefixed with its JSON path, so a publisher fixes them all
 * in one go. `strict` (the publisher CLI) also refuses unknown properties; the extension is
 * lenient there so a newer list with extra fields still reaches older installs.
 */
export interface ValidationResult {
  problems: string[];
  /** First problem's category, for the error code. */
  kind?: 'schema' | 'duplicate-brand' | 'bad-host' | 'bad-login-url';
}

export const TOP_KEYS = ['format', 'version', 'issued', 'expires', 'publisher', 'brands', 'exempt'];
export const BRAND_KEYS = ['id', 'names', 'hosts', 'loginUrl', 'labels', 'words', 'related', 'formTargets', 'confidence', 'note', 'signals'];
export const SIGNAL_KEYS = ['names', 'paths', 'logos', 'fields'];
const SIGNAL_SUFFIXES = SIGNAL_KEYS.map((k) => `.signals.${k}`);
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** What a brand id must match (checked by brandIdHashed, a scanner equivalent to it). */
export const BRAND_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NON_BLANK = /\S/;
export const MAX_BRANDS = 20_000;

type Kind = NonNullable<ValidationResult['kind']>;

/**
 * The common loginUrl, checked without the URL parser: "https://" + a host that is one of the
 * brand's (already validated) hosts, then nothing or a path/query/fragment. The URL parser
 * would accept it unchanged (lower-case DNS name, no userinfo, no port; xn-- hosts, whose
 * punycode the parser checks, take the full way). Anything else returns false: full check.
 */
function plainLoginUrlOk(url: string, hosts: string[]): boolean {
  if (!url.startsWith('https://')) return false;
  let end = 8;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // '/', '?', '#'
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46)) return false;
  }
  if (end === 8) return false;
  const xn = url.indexOf('xn--', 8);
  if (xn >= 0 && xn + 4 <= end) return false;
  for (let k = 0; k < hosts.length; k++) if (matchesAt(hosts[k], url, 8, end)) return true;
  return false;
}

/** hostMatches(pattern, s.slice(from, to)), without slicing. */
function matchesAt(pattern: string, s: string, from: number, to: number): boolean {
  const n = to - from;
  if (!pattern.startsWith('*.')) return n === pattern.length && s.startsWith(pattern, from);
  const base = pattern.length - 2; // "*.sc.mufg.jp": the host is sc.mufg.jp or ends with ".sc.mufg.jp"
  if (n < base || (n > base && s.charCodeAt(to - base - 1) !== 46)) return false;
  for (let k = 0; k < base; k++) if (s.charCodeAt(to - base + k) !== pattern.charCodeAt(2 + k)) return false;
  return true;
}

export function validateListDocument(doc: unknown, opts: { strict?: boolean } = {}): ValidationResult {
  return validate(doc, opts, false) ?? validate(doc, opts, true)!;
}

/**
 * `careful` false: the common case first — each brand id and host goes into its map by one
 * insertion, and a map that does not grow means a repeat; then the whole document is validated
 * again carefully (looking each up first, to name the earlier owner), and undefined is
 * returned. A 10,000-brand list thus hashes its 30,000 ids and hosts once, not twice.
 */
function validate(doc: unknown, opts: { strict?: boolean }, careful: boolean): ValidationResult | undefined {
  let repeat = false;
  const problems: string[] = [];
  let kind: Kind | undefined;
  const add = (k: Kind, path: string, msg: string) => {
    problems.push(`${path}: ${msg}`);
    kind ??= k;
  };
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  // Paths are built only when a problem is found (a 10,000-brand list has ~200,000 strings):
  // a path is where(at, id) + suffix — the document root for at = -1, else brand `at` — so the
  // common (valid) case allocates no closure and no string per brand or field.
  const where = (at: number, id: unknown) => (at < 0 ? '$' : typeof id === 'string' ? `$.brands[${at}] (${id})` : `$.brands[${at}]`);
  const str = (v: unknown, at: number, id: unknown, suffix: string, max = 2000) => {
    // Common case without a regex: first character visible.
    if (typeof v === 'string' && v.length <= max && v.length > 0 && (v.charCodeAt(0) > 32 || NON_BLANK.test(v))) return;
    if (typeof v !== 'string' || !NON_BLANK.test(v)) add('schema', where(at, id) + suffix, 'must be a non-empty string');
    else add('schema', where(at, id) + suffix, `longer than ${max} characters`);
  };
  const strArray = (v: unknown, at: number, id: unknown, suffix: string, max = 200) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) return add('schema', where(at, id) + suffix, 'must be an array of strings');
    if (v.length > max) add('schema', where(at, id) + suffix, `more than ${max} entries`);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' && x.length > 0 && x.length <= 200 && x.charCodeAt(0) > 32) continue;
      str(x, at, id, `${suffix}[${i}]`, 200);
    }
  };
  // Called only in strict mode (the publisher CLI): its path arguments are built lazily.
  const unknownKeys = (o: Record<string, unknown>, allowed: string[], path: string) => {
    if (!opts.strict) return;
    for (const k of Object.keys(o)) if (!allowed.includes(k)) add('schema', `${path}.${k}`, 'unknown property (typo?)');
  };

  // The rare paths of a brand, out of the loop (their closures would otherwise be allocated per brand).
  const loginUrlProblem = (url: string, hosts: string[], i: number, id: unknown) => {
    let u: URL | undefined;
    try {
      u = new URL(url);
    } catch {
      add('bad-login-url', `${where(i, id)}.loginUrl`, `"${url}" is not a URL`);
    }
    if (u && u.protocol !== 'https:') add('bad-login-url', `${where(i, id)}.loginUrl`, `"${url}" must be https`);
    else if (u && (u.username || u.password || u.port)) add('bad-login-url', `${where(i, id)}.loginUrl`, 'must not carry credentials or a port');
    else if (u && hosts.length && !hosts.some((h) => hostMatches(h, u.hostname))) {
      add('bad-login-url', `${where(i, id)}.loginUrl`, `host "${u.hostname}" is not one of the brand's hosts`);
    }
  };
  const formTargetProblems = (targets: unknown[], i: number, id: unknown) => {
    targets.forEach((o, j) => {
      if (typeof o !== 'string') return;
      const m = /^https:\/\/([^/]+)$/.exec(o);
      const p = m ? hostProblem(m[1]) : 'must be an https origin like https://auth.example.co.jp';
      if (p) add('bad-host', `${where(i, id)}.formTargets[${j}] "${o}"`, p);
    });
  };

  if (!isObj(doc)) return { problems: ['$: the list must be a JSON object'], kind: 'schema' };
  unknownKeys(doc, TOP_KEYS, '$');
  if (doc.format !== 1) add('schema', '$.format', 'must be 1');
  if (!Number.isSafeInteger(doc.version) || (doc.version as number) < 1) add('schema', '$.version', 'must be an integer >= 1');
  const time = (k: 'issued' | 'expires') => {
    const v = doc[k];
    if (typeof v !== 'string' || !ISO_UTC.test(v) || Number.isNaN(Date.parse(v))) {
      add('schema', `$.${k}`, 'must be an ISO 8601 UTC timestamp like 2026-11-22T00:00:00Z');
      return NaN;
    }
    return Date.parse(v);
  };
  const issued = time('issued');
  const expires = time('expires');
  if (expires <= issued) add('schema', '$.expires', 'must be later than issued');
  if (doc.publisher !== undefined) str(doc.publisher, -1, undefined, '.publisher', 200);
  if (doc.exempt !== undefined) {
    strArray(doc.exempt, -1, undefined, '.exempt', 1000);
    if (Array.isArray(doc.exempt)) doc.exempt.forEach((d, i) => {
      const p = typeof d === 'string' ? domainProblem(d) : null;
      if (p) add('bad-host', `$.exempt[${i}] "${d}"`, p);
    });
  }

  if (!Array.isArray(doc.brands) || doc.brands.length === 0) {
    add('schema', '$.brands', 'must be a non-empty array');
    return { problems, kind };
  }
  if (doc.brands.length > MAX_BRANDS) add('schema', '$.brands', `more than ${MAX_BRANDS} brands`);

  const brands: unknown[] = doc.brands;
  const ids = new StringTable<number>(doc.brands.length);
  // Hosts and subtree bases → brand, and registrable domains in list order: checked here for
  // duplicates, then handed to the index when the document is valid (rememberValidatedHosts).
  // Sized once from the hosts listed (no table or array grows while filled).
  let hostCount = 0;
  for (let i = 0; i < brands.length; i++) {
    const b = brands[i];
    if (isObj(b) && Array.isArray(b.hosts)) hostCount += b.hosts.length;
  }
  const hostOwner = new StringTable<BrandEntry>(hostCount);
  const subtreeOwner = new Map<string, BrandEntry>();
  const facts: HostFacts = { domains: new Array<string | null>(hostCount), hashes: new Int32Array(hostCount), folds: new Uint8Array(hostCount), n: 0 };
  // One brand, by a function made once per validation (not per brand) in which no closure
  // captures a local: a call allocates nothing but what the brand's problems need, and, like the
  // forEach callback before it, it is compiled by call count in a cold worker (with the loop body
  // inline in this large function instead, the worker's wake with a 10,000-brand list measured
  // slower). Returns true on a repeated id or host (the fast pass stops).
  const checkBrand = (b: unknown, i: number): boolean => {
    if (!isObj(b)) {
      add('schema', `$.brands[${i}]`, 'must be an object');
      return false;
    }
    if (opts.strict) unknownKeys(b, BRAND_KEYS, `$.brands[${i}]`);
    const id = b.id;
    if (typeof id !== 'string' || !brandIdHashed(id)) add('schema', `$.brands[${i}].id`, 'must match [a-z0-9][a-z0-9-]{0,63}');
    else if (!careful) {
      const size = ids.size;
      if (ids.setHashed(id, SCANNED[0], i).size === size) {
        repeat = true;
        return true;
      }
    } else if (ids.has(id)) add('duplicate-brand', `$.brands[${i}].id`, `duplicate brand id "${id}" (also $.brands[${ids.get(id)}])`);
    else ids.set(id, i);

    if (!isObj(b.names)) add('schema', `${where(i, id)}.names`, 'must be an object {ja, en}');
    else {
      if (opts.strict) unknownKeys(b.names, ['ja', 'en'], `${where(i, id)}.names`);
      str(b.names.ja, i, id, '.names.ja', 200);
      str(b.names.en, i, id, '.names.en', 200);
    }

    // The brand's hosts that have no problem: b.hosts itself until one has (the common case
    // allocates no array).
    let hosts: string[] = [];
    if (!Array.isArray(b.hosts) || b.hosts.length === 0) add('schema', `${where(i, id)}.hosts`, 'must be a non-empty array of host names');
    else if (b.hosts.length > 500) add('schema', `${where(i, id)}.hosts`, 'more than 500 hosts');
    else for (let j = 0, all = true; j < b.hosts.length; j++) {
      if (all) hosts = b.hosts;
      const h: unknown = b.hosts[j];
      const p = listHostProblem(h, facts);
      if (p) {
        add(typeof h === 'string' ? 'bad-host' : 'schema', `${where(i, id)}.hosts[${j}] "${String(h)}"`, p);
        if (all) hosts = b.hosts.slice(0, j);
        all = false;
        continue;
      }
      const pattern = h as string;
      const wildcard = pattern.startsWith('*.');
      const owners = wildcard ? subtreeOwner : hostOwner;
      const host = wildcard ? pattern.slice(2) : pattern;
      if (!careful) {
        const size = owners.size;
        if ((wildcard ? subtreeOwner.set(host, b as unknown as BrandEntry) : hostOwner.setHashed(host, SCANNED[0], b as unknown as BrandEntry)).size === size) {
          repeat = true;
          return true;
        }
        if (!all) hosts.push(pattern);
        continue;
      }
      const owner = owners.get(host);
      if (owner !== undefined && owner.id !== id) add('bad-host', `${where(i, id)}.hosts[${j}] "${pattern}"`, `already listed by brand "${owner.id}"`);
      owners.set(host, b as unknown as BrandEntry);
      if (!all) hosts.push(pattern);
    }

    if (typeof b.loginUrl !== 'string') add('schema', `${where(i, id)}.loginUrl`, 'must be an https URL string');
    else if (!plainLoginUrlOk(b.loginUrl, hosts)) loginUrlProblem(b.loginUrl, hosts, i, id);

    strArray(b.labels, i, id, '.labels');
    strArray(b.words, i, id, '.words');
    strArray(b.related, i, id, '.related');
    if (Array.isArray(b.related)) {
      const related: unknown[] = b.related;
      for (let j = 0; j < related.length; j++) {
        if (!(j in related)) continue;
        const d = related[j];
        const p = typeof d === 'string' ? domainProblem(d) : null;
        if (p) add('bad-host', `${where(i, id)}.related[${j}] "${d}"`, p);
      }
    }
    if (b.formTargets !== undefined) {
      strArray(b.formTargets, i, id, '.formTargets');
      if (Array.isArray(b.formTargets)) formTargetProblems(b.formTargets, i, id);
    }
    if (b.confidence !== 'high' && b.confidence !== 'medium' && b.confidence !== 'low') add('schema', `${where(i, id)}.confidence`, 'must be "high", "medium" or "low"');
    if (b.note !== undefined) str(b.note, i, id, '.note');
    if (b.signals !== undefined) {
      if (!isObj(b.signals)) add('schema', `${where(i, id)}.signals`, 'must be an object');
      else {
        if (opts.strict) unknownKeys(b.signals, SIGNAL_KEYS, `${where(i, id)}.signals`);
        for (let k = 0; k < SIGNAL_KEYS.length; k++) strArray(b.signals[SIGNAL_KEYS[k]], i, id, SIGNAL_SUFFIXES[k]);
      }
    }
    return false;
  };
  for (let i = 0; i < brands.length; i++) {
    if (!(i in brands)) continue; // a hole (never in parsed JSON): skipped, as forEach does
    if (checkBrand(brands[i], i)) break;
  }
  if (repeat) return undefined;
  if (problems.length) return { problems, kind };
  const hostDomains = facts.domains;
  hostDomains.length = facts.n; // the hosts that had no problem: all of them
  rememberValidatedHosts(doc, { hosts: hostOwner, subtrees: subtreeOwner, hostDomains, domainHashes: facts.hashes, hostFolds: facts.folds });
  return { problems, kind };
}

/**
 * The raw hash (StringTable's rawHash) left by the last brandIdHashed or listHostProblem that
 * passed, in a typed array: a 32-bit hash is no small integer, and a module variable holding
 * one may be boxed anew on every store (30,000 of them at 10,000 brands).
 */
const SCANNED = new Int32Array(1);

/** BRAND_ID.test(id), by one scan that also leaves rawHash(id) in SCANNED. */
export function brandIdHashed(id: string): boolean {
  const n = id.length;
  if (n < 1 || n > 64) return false;
  let h = FNV_OFFSET;
  for (let i = n - 1; i >= 0; i--) {
    const c = id.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 45 && i > 0))) return false;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  SCANNED[0] = h;
  return true;
}

/** Registrable domains of the hosts without a problem, in list order, with their raw hashes (handed to the index). */
interface HostFacts {
  domains: (string | null)[];
  hashes: Int32Array;
  /** FOLDS_HOST | FOLDS_DOMAIN (see ValidatedHosts.hostFolds). */
  folds: Uint8Array;
  /** How many of them so far. */
  n: number;
}

/** Where each label of the host last scanned by hashHost starts, and the raw hash of the host from there on. */
const LABEL_AT = new Int32Array(128);
const SUFFIX_HASH = new Int32Array(128);
/** 1 where the suffix from LABEL_AT holds a character that is not its own skeleton ("m", "0", "1"). */
const SUFFIX_FOLDS = new Uint8Array(128);
let labelCount = 0;

/**
 * dnsNameLastLabel (lib/list/hosts.ts) — labels of 1–63 [a-z0-9-] not starting or ending with
 * "-", at least two — scanned last character first: returns where the last label starts, or -1.
 * Leaves the raw hash of every suffix of the host that starts a label in SUFFIX_HASH (the whole
 * host's last), which is how a host and its registrable domain are hashed in this one pass.
 */
export function hashHost(host: string): number {
  let h = FNV_OFFSET;
  let end = host.length;
  let last = -1;
  let folds = 0;
  labelCount = 0;
  for (let i = host.length - 1; i >= -1; i--) {
    const c = i >= 0 ? host.charCodeAt(i) : 46;
    if (c === 46) {
      const start = i + 1;
      const len = end - start;
      if (len < 1 || len > 63 || host.charCodeAt(start) === 45 || host.charCodeAt(end - 1) === 45) return -1;
      if (last < 0) last = start;
      LABEL_AT[labelCount] = start;
      SUFFIX_FOLDS[labelCount] = folds;
      SUFFIX_HASH[labelCount++] = h;
      h = Math.imul(h ^ 46, FNV_PRIME);
      end = i;
      continue;
    }
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return -1;
    if (c === 109 || c === 48 || c === 49) folds = 1; // skeleton "rn", "o", "l" (lib/domain/list-index.ts ownSkeleton)
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return labelCount >= 2 ? last : -1;
}

/**
 * hostProblem(pattern, domains) (lib/list/hosts.ts) for a brand's host, which also leaves the
 * raw hash of the host (without "*.") in SCANNED and appends its registrable domain's to
 * `hashes`. The common host takes one scan (hashHost), the numeric check and one tldts call,
 * exactly what hostProblem does; anything else is hostProblem's to judge and word.
 */
function listHostProblem(pattern: unknown, facts: HostFacts): string | null {
  if (typeof pattern === 'string' && pattern.length > 0) {
    const from = pattern.startsWith('*.') ? 2 : 0;
    const host = from ? pattern.slice(2) : pattern;
    const last = host.length <= 253 ? hashHost(host) : -1;
    const c = last < 0 ? 0 : host.charCodeAt(last);
    if (last >= 0 && !(c >= 48 && c <= 57 && /^(0x[0-9a-f]*|[0-9]+)$/.test(host.slice(last)))) {
      const domain = registrableDomain(host);
      if (domain) {
        SCANNED[0] = SUFFIX_HASH[labelCount - 1];
        const at = suffixAt(host, domain);
        const folds = SUFFIX_FOLDS[labelCount - 1] | ((at < 0 ? !ownSkeleton(domain) : SUFFIX_FOLDS[at] === 1) ? FOLDS_DOMAIN : 0);
        addDomain(facts, domain, at < 0 ? rawHash(domain) : SUFFIX_HASH[at], folds);
        return null;
      }
    }
  }
  const domains: (string | null)[] = [];
  const p = hostProblem(pattern, domains);
  if (p === null) {
    // Not reached by a host hashHost refused (hostProblem refuses it too); kept exact anyway.
    const host = (pattern as string).startsWith('*.') ? (pattern as string).slice(2) : (pattern as string);
    SCANNED[0] = rawHash(host);
    const d = domains[0] ?? '';
    addDomain(facts, domains[0], rawHash(d), (ownSkeleton(host) ? 0 : FOLDS_HOST) | (ownSkeleton(d) ? 0 : FOLDS_DOMAIN));
  }
  return p;
}

/** Where `domain`, a suffix of the host hashHost last scanned, is in its scratch (-1: not a label-starting suffix, never from tldts). */
function suffixAt(host: string, domain: string): number {
  const start = host.length - domain.length;
  for (let k = 0; k < labelCount; k++) if (LABEL_AT[k] === start) return k;
  return -1;
}

function addDomain(facts: HostFacts, domain: string | null, hash: number, folds: number): void {
  const at = facts.n++;
  if (at >= facts.hashes.length) {
    // More hosts than counted (a hosts array changed while validated: never from JSON).
    const hashes = new Int32Array(facts.hashes.length * 2 + 8);
    hashes.set(facts.hashes);
    facts.hashes = hashes;
    const grown = new Uint8Array(hashes.length);
    grown.set(facts.folds);
    facts.folds = grown;
  }
  facts.domains[at] = domain;
  facts.hashes[at] = hash;
  facts.folds[at] = folds;
}
