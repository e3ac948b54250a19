import { parse } from 'tldts';
import type { BrandEntry, BrandNames, ListDocument } from '../list/types';
import { skeleton } from './skeleton';

/** How much a brand label proves on its own (see classify for the rules). */
export type LabelStrength = 'distinctive' | 'word';

export interface LabelRef {
  brand: BrandEntry;
  /** The label as the list spells it ("rakuten-sec"). */
  label: string;
  /** Skeleton with separators removed ("rakutensec"): the lookup key. */
  key: string;
  /** Length of the label without separators, before skeleton folding ("m" → "rn" grows it). */
  length: number;
  strength: LabelStrength;
}

export interface IndexOptions {
  /** Extra genuine https origins (managed policy). */
  extraOrigins?: string[];
  /** How those origins are named in verdicts. */
  extraOriginsName?: BrandNames;
}

/**
 * The list, indexed once so that a lookup never scans it (lessons from MetaMask's linear
 * Levenshtein scan): hash maps by host, by registrable domain, by label skeleton, and a
 * symmetric-deletion neighbourhood for one-edit lookalikes.
 */
export interface ListIndex {
  version: number;
  brands: BrandEntry[];
  byId: Map<string, BrandEntry>;
  /** Exact genuine hosts. */
  hosts: Map<string, BrandEntry>;
  /** Genuine host subtrees ("sc.mufg.jp" for "*.sc.mufg.jp"). */
  subtrees: Map<string, BrandEntry>;
  /** Label counts of the subtrees (3 for sc.mufg.jp). */
  subtreeDepths: number[];
  /** Registrable domains a broker owns outright (sbisec.co.jp). */
  brandDomains: Map<string, BrandEntry>;
  /** Skeletons of owned registrable domains and genuine hosts (IDN homographs of them). */
  domainSkeletons: Map<string, BrandEntry>;
  /** Genuine group companies' registrable domains: never flagged. */
  related: Map<string, BrandEntry>;
  exempt: Set<string>;
  /** Joined skeleton tokens of embeddable genuine domains ("sbiseccojp") → brand. */
  embeddable: Map<string, { brand: BrandEntry; domain: string }>;
  /** Label key → refs (exact / hyphen-changed / confusable matches). */
  labels: Map<string, LabelRef[]>;
  /**
   * One-deletion neighbourhood of distinctive label keys → refs (edit distance / swaps).
   * Built lazily by `deletionIndex()` on the first typo lookup: a service worker waking up for
   * a genuine or ordinary site never pays for it (it is the largest part of the index).
   */
  deletions?: Map<string, LabelRef | LabelRef[]>;
  /** Policy-added genuine hosts. */
  policyHosts: Map<string, BrandEntry>;
  minEditLength: number;
  /** Distinct key lengths (ascending) of distinctive labels long enough to be found glued. */
  labelLengths: number[];
  /** Same lengths as a set: a token more than one character away from all of them has no typo match. */
  editLengths: Set<number>;
  /**
   * Pigeonhole prefilter for one-edit lookups: hashes of (length, first k chars) and (length,
   * last k chars) of every distinctive label, k = endWidth(length): 2, or 3 from length 7.
   * A string one edit (substitution, insertion, deletion or adjacent swap at position p) away
   * from a label of length L keeps the label's first p characters and its last L-p-2 or more:
   * with L ≥ 6 that is the first two or the last two, with L ≥ 7 the first three or the last
   * three. So a token that matches neither at lengths L-1..L+1 is no typo of any label.
   */
  editEnds: Set<number>;
  /** Cache of per-token typo/glue lookups (tokens repeat across hosts); bounded. */
  tokenMemo: Map<string, TokenHits>;
  /**
   * Hashes of the first 1–4 characters of every label key and embeddable-domain key, built
   * lazily by `keyPrefixes()`: a host token whose start matches none of them cannot begin a
   * label or embedded-domain run, so most tokens skip the string joins and map lookups.
   */
  prefixes?: Set<number>;
}

/** Hash of the first `n` (≤ 4) characters of `s`, with `n` mixed in. Collisions only cost a lookup. */
export function prefixHash(s: string, n: number): number {
  let h = n;
  for (let k = 0; k < n; k++) h = (Math.imul(h, 65599) + s.charCodeAt(k)) | 0;
  return h;
}

/** Could a run of tokens starting with `token` spell a label or embeddable key? (exact prefilter) */
export function mayStartKey(token: string, index: ListIndex): boolean {
  return keyPrefixes(index).has(prefixHash(token, token.length < 4 ? token.length : 4));
}

export function keyPrefixes(index: ListIndex): Set<number> {
  if (index.prefixes) return index.prefixes;
  const set = new Set<number>();
  const add = (key: string) => {
    const m = key.length < 4 ? key.length : 4;
    for (let n = 1; n <= m; n++) set.add(prefixHash(key, n));
  };
  for (const key of index.labels.keys()) add(key);
  for (const key of index.embeddable.keys()) add(key);
  index.prefixes = set;
  return set;
}

export interface TokenHits {
  edits: { ref: LabelRef; kind: 'sub' | 'ins' | 'del' | 'swap' }[];
  glued: LabelRef[];
}

/** Labels shorter than this are not searched for one-edit typos (too many real words). */
export const MIN_EDIT_LENGTH = 6;

export const POLICY_BRAND_ID = 'policy';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Splits a host (or label) into its dot/hyphen separated tokens. */
export function tokensOf(host: string): string[] {
  return host.split(/[.-]+/).filter(Boolean);
}

/** The one-deletion neighbourhood of every distinctive label long enough for typo checks. */
export function deletionIndex(index: ListIndex): Map<string, LabelRef | LabelRef[]> {
  if (index.deletions) return index.deletions;
  const map = new Map<string, LabelRef | LabelRef[]>();
  for (const refs of index.labels.values()) {
    for (const ref of refs) {
      if (ref.strength !== 'distinctive' || ref.length < MIN_EDIT_LENGTH) continue;
      const key = ref.key;
      for (let i = 0; i < key.length; i++) {
        const d = key.slice(0, i) + key.slice(i + 1);
        const prev = map.get(d);
        // Single refs stay unwrapped: most neighbourhoods are unique, arrays cost allocations.
        if (prev === undefined) map.set(d, ref);
        else if (Array.isArray(prev)) prev.push(ref);
        else map.set(d, [prev, ref]);
      }
    }
  }
  index.deletions = map;
  return map;
}

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** How many characters of each end the prefilter keys on, for a label of `length` (see editEnds). */
export function endWidth(length: number): number {
  return length >= 7 ? 3 : 2;
}

/** Hash of (length, two or three char codes; c2 = -1 for two): no string allocation on the hot path. */
export function endHash(length: number, c0: number, c1: number, c2: number): number {
  let h = Math.imul(length + 1, 0x9e3779b1) ^ c0;
  h = Math.imul(h, 0x85ebca6b) ^ c1;
  h = Math.imul(h, 0xc2b2ae35) ^ c2;
  return h | 0;
}

/** Key of the first endWidth(length) chars of `s`. */
export function startKey(length: number, s: string): number {
  return endHash(length, s.charCodeAt(0), s.charCodeAt(1), length >= 7 ? s.charCodeAt(2) : -1);
}

/** Key of the last endWidth(length) chars of `s` (distinct from start keys by END_SUFFIX). */
export function finalKey(length: number, s: string): number {
  const n = s.length;
  return length >= 7
    ? endHash(length, s.charCodeAt(n - 3), s.charCodeAt(n - 2), s.charCodeAt(n - 1)) + END_SUFFIX
    : endHash(length, s.charCodeAt(n - 2), s.charCodeAt(n - 1), -1) + END_SUFFIX;
}
export const END_SUFFIX = 0.5;

/**
 * List hosts are validated lower-case DNS names (lib/list/hosts.ts), so tldts need not extract
 * or validate them again (the same options as the list's own public-suffix check).
 */
const HOST_PARSE = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const;

/** Removes "." and "-" (what /[.-]+/g removes), without a regex; the string itself when absent. */
function stripSeparators(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && c !== 45) continue;
    if (i > from) out += s.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Length of `s` without "." and "-". */
function lengthWithoutSeparators(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && c !== 45) n++;
  }
  return n;
}

function addLabel(index: ListIndex, brand: BrandEntry, label: string, strength: LabelStrength): void {
  const key = stripSeparators(skeleton(label));
  const refs = index.labels.get(key);
  if (refs) {
    // One brand may name the same label twice (derived from two domains, and listed): keep one.
    for (const r of refs) if (r.brand === brand && r.label === label) return;
  }
  const ref: LabelRef = { brand, label, key, length: lengthWithoutSeparators(label), strength };
  if (refs) refs.push(ref);
  else index.labels.set(key, [ref]);
}

function addEmbeddable(index: ListIndex, brand: BrandEntry, domain: string): void {
  const sk = skeleton(domain);
  index.embeddable.set(stripSeparators(sk), { brand, domain });
  index.domainSkeletons.set(sk, brand);
}

export function buildIndex(doc: ListDocument, opts: IndexOptions = {}): ListIndex {
  const index: ListIndex = {
    version: doc.version,
    brands: doc.brands,
    byId: new Map(),
    hosts: new Map(),
    subtrees: new Map(),
    subtreeDepths: [],
    brandDomains: new Map(),
    domainSkeletons: new Map(),
    related: new Map(),
    exempt: new Set(doc.exempt ?? []),
    embeddable: new Map(),
    labels: new Map(),
    policyHosts: new Map(),
    minEditLength: MIN_EDIT_LENGTH,
    labelLengths: [],
    editLengths: new Set(),
    editEnds: new Set(),
    tokenMemo: new Map(),
  };
  for (const brand of doc.brands) for (const d of brand.related ?? []) index.related.set(d, brand);

  for (const brand of doc.brands) {
    index.byId.set(brand.id, brand);
    const words = brand.words ?? [];
    let lastDomain = '';
    for (const entry of brand.hosts) {
      const subtree = entry.startsWith('*.');
      const host = subtree ? entry.slice(2) : entry;
      (subtree ? index.subtrees : index.hosts).set(host, brand);
      index.domainSkeletons.set(skeleton(host), brand);
      const p = parse(host, HOST_PARSE);
      if (!p.domain || !p.domainWithoutSuffix) continue;
      if (index.related.has(p.domain) || index.exempt.has(p.domain)) {
        // A shared group domain (mufg.jp, dmm.com): only the broker's own part is embeddable.
        addEmbeddable(index, brand, host.startsWith('www.') ? host.slice(4) : host);
      } else if (p.domain !== lastDomain) {
        lastDomain = p.domain;
        index.brandDomains.set(p.domain, brand);
        addEmbeddable(index, brand, p.domain);
        const derived = p.domainWithoutSuffix;
        if (!words.includes(derived)) addLabel(index, brand, derived, 'distinctive');
      }
    }
    for (const l of brand.labels ?? []) addLabel(index, brand, l, 'distinctive');
    for (const w of words) addLabel(index, brand, w, 'word');
  }

  index.subtreeDepths = [...new Set([...index.subtrees.keys()].map((h) => h.split('.').length))];
  const lengths = new Set<number>();
  for (const refs of index.labels.values()) {
    for (const r of refs) if (r.strength === 'distinctive' && r.length >= MIN_EDIT_LENGTH) lengths.add(r.key.length);
  }
  index.labelLengths = [...lengths].sort((a, b) => a - b);
  index.editLengths = lengths;
  for (const refs of index.labels.values()) {
    for (const r of refs) {
      if (r.strength !== 'distinctive' || r.length < MIN_EDIT_LENGTH) continue;
      index.editEnds.add(startKey(r.key.length, r.key));
      index.editEnds.add(finalKey(r.key.length, r.key));
    }
  }

  if (opts.extraOrigins?.length) {
    const policyBrand: BrandEntry = {
      id: POLICY_BRAND_ID,
      names: opts.extraOriginsName ?? { ja: '組織が指定したサイト', en: 'Site added by your organisation' },
      hosts: [],
      loginUrl: '',
      confidence: 'high',
    };
    for (const origin of opts.extraOrigins) {
      const host = hostOf(origin);
      if (host) {
        policyBrand.hosts.push(host);
        index.policyHosts.set(host, policyBrand);
      }
    }
    if (policyBrand.hosts.length) policyBrand.loginUrl = `https://${policyBrand.hosts[0]}/`;
  }
  return index;
}
