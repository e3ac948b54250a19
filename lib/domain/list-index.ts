import type { BrandEntry, BrandNames, ListDocument } from '../list/types';
import { registrableDomain, takeValidatedHosts } from './registrable';
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
  /** Registrable domain of every list host, in list order (for the lookalike tables, then dropped). */
  hostDomains: (string | null)[];
  /**
   * Have the lookalike tables below (domainSkeletons … fullTails) been built? They are built
   * by ensureLookalikeTables on the first verdict that needs them, not with the index.
   */
  lookalikeReady: boolean;
  /**
   * Skeletons of owned registrable domains and genuine hosts (IDN homographs of them), where
   * the skeleton differs from the string: look up with `homographOf`.
   */
  domainSkeletons: Map<string, BrandEntry>;
  /** Genuine group companies' registrable domains: never flagged. */
  related: Map<string, BrandEntry>;
  exempt: Set<string>;
  /** Joined skeleton tokens of embeddable genuine domains ("sbiseccojp") → brand. */
  embeddable: Map<string, { brand: BrandEntry; domain: string }>;
  /** Label key → refs (exact / hyphen-changed / confusable matches). */
  labels: Map<string, LabelRef[]>;
  /**
   * Typo tables: distinctive labels and their one-deletion neighbourhood, by hash (edit
   * distance / swaps). Built lazily by `typoTables()` on the first typo lookup: a service worker
   * waking up for a genuine or ordinary site never pays for them (the largest part of the index).
   */
  typo?: TypoTables;
  /** Policy-added genuine hosts. */
  policyHosts: Map<string, BrandEntry>;
  minEditLength: number;
  /** Distinct key lengths (ascending) of distinctive labels long enough to be found glued. */
  labelLengths: number[];
  /** Same lengths as a set: a token more than one character away from all of them has no typo match. */
  editLengths: Set<number>;
  /**
   * Pigeonhole prefilter for one-edit lookups: ends(m, headHash of the first h(m) chars) and
   * ends(m, tailHash of the last s(m) chars) of every distinctive label of length m (see
   * typoSplit). A token one edit away from a label keeps the label's first p characters and its
   * last m-p-2 or more (p = where the edit is), so it keeps the first h(m) or the last s(m): a
   * token that matches neither at lengths n-1..n+1 is no typo of any label.
   */
  typoHeads: HashBits;
  typoTails: HashBits;
  /** ends(m, backwards hash) of every whole distinctive label key (a token ending with one: glued labels). */
  fullTails: HashBits;
  /**
   * Hashes of the first 1–8 characters of every label key and embeddable-domain key, built
   * with the lookalike tables: a host token whose start matches none of them cannot begin a
   * label or embedded-domain run, so most tokens skip the string joins and map lookups.
   */
  prefixes: HashBits;
  /**
   * Forward hashes (wholeKey) of every label key and embeddable-domain key: does a run of
   * tokens spell one, and (as headKey(len, len) is the same hash) does a token start with one.
   */
  keys: HashBits;
}

/**
 * Polynomial hashes of every prefix (HEAD[k] = first k chars) and every suffix (TAIL[k] = last
 * k chars, read backwards) of a token, or of two tokens joined without building the string.
 * One pass each way, no allocation: the prefilters below compare any prefix or suffix of a
 * token with the list's keys by one Set probe. Equal strings give equal hashes, so a prefilter
 * never drops a real match; a collision only costs the exact lookup that follows.
 */
export const MAX_HASHED = 255;
const HEAD = new Int32Array(MAX_HASHED + 1);
const TAIL = new Int32Array(MAX_HASHED + 1);
/** Hash bases (odd, so arithmetic mod 2^32 stays invertible) and the powers of the forward one. */
const HB = 0x01000193;
const TB = 0x5bd1e995;
const POW = new Int32Array(MAX_HASHED + 1);
POW[0] = 1;
for (let k = 1; k <= MAX_HASHED; k++) POW[k] = Math.imul(POW[k - 1], HB);

/** Fills HEAD/TAIL for a + b; returns its length, or -1 when longer than MAX_HASHED. */
export function hashEnds(a: string, b = ''): number {
  const la = a.length;
  const n = la + b.length;
  if (n > MAX_HASHED) return -1;
  let h = 0;
  for (let k = 0; k < n; k++) {
    h = (Math.imul(h, HB) + (k < la ? a.charCodeAt(k) : b.charCodeAt(k - la))) | 0;
    HEAD[k + 1] = h;
  }
  h = 0;
  for (let k = n - 1; k >= 0; k--) {
    h = (Math.imul(h, TB) + (k < la ? a.charCodeAt(k) : b.charCodeAt(k - la))) | 0;
    TAIL[n - k] = h;
  }
  return n;
}

/**
 * hashEnds for s[from, to) + s[from2, to2) (two tokens of one string, the separator between
 * them skipped); returns the length, or -1 when longer than MAX_HASHED.
 */
export function hashSpan(s: string, from: number, to: number, from2 = to, to2 = to): number {
  const la = to - from;
  const n = la + (to2 - from2);
  if (n > MAX_HASHED) return -1;
  let h = 0;
  for (let k = 0; k < n; k++) {
    h = (Math.imul(h, HB) + s.charCodeAt(k < la ? from + k : from2 + k - la)) | 0;
    HEAD[k + 1] = h;
  }
  h = 0;
  for (let k = n - 1; k >= 0; k--) {
    h = (Math.imul(h, TB) + s.charCodeAt(k < la ? from + k : from2 + k - la)) | 0;
    TAIL[n - k] = h;
  }
  return n;
}

/**
 * A set of hashes as one bit per bucket (a one-hash Bloom filter): the index's prefilters ask
 * "may this hash be present?", and a false "yes" only costs the exact check that follows. Sized
 * at ≥ 64 buckets per entry (≤ ~1.6 % false yes), it is built and probed by plain array
 * arithmetic: for a 10,000-brand list, a few hundred kilobytes filled in a millisecond or two,
 * where hash Sets of the same keys took megabytes and tens of milliseconds.
 * Takes the 30-bit values of `ends()` and uses their top bits (the well-mixed ones).
 */
export class HashBits {
  private readonly words: Int32Array;
  private readonly shift: number;
  constructor(entries: number) {
    let bits = 12;
    while (bits < 24 && 1 << bits < entries * 64) bits++;
    this.words = new Int32Array(1 << (bits - 5));
    this.shift = 30 - bits;
  }
  add(hash: number): void {
    const i = hash >>> this.shift;
    this.words[i >>> 5] |= 1 << (i & 31);
  }
  has(hash: number): boolean {
    const i = hash >>> this.shift;
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }
}
const NO_BITS = new HashBits(0);

/** Set key of (label length, hash): 30 bits, a small integer in every engine (no boxing). */
export function ends(length: number, hash: number): number {
  return Math.imul(hash ^ Math.imul(length, 0x01000193), 0x9e3779b1) >>> 2;
}

/** Key of the first `k` chars of the last hashed token, for labels of `length`. */
export function headKey(length: number, k: number): number {
  return ends(length, HEAD[k]);
}

/** Key of the last `k` chars of the last hashed token, for labels of `length`. */
export function tailKey(length: number, k: number): number {
  return ends(length, TAIL[k]);
}

/**
 * Forward hash of the last hashed token (length n) without its character i: the symmetric
 * deletion neighbourhood of a token, computed from HEAD alone (no string is built).
 */
export function deletionHash(n: number, i: number): number {
  return (Math.imul(HEAD[i] - HEAD[i + 1], POW[n - 1 - i]) + HEAD[n]) | 0;
}

/** Set/Map key of the whole last hashed token (length n). */
export function wholeKey(n: number): number {
  return ends(n, HEAD[n]);
}

/** How many leading (head) and trailing (tail) chars of a label of length m any one-edit variant keeps one of. */
export function typoHead(m: number): number {
  return (m - 1) >> 1;
}
export function typoTail(m: number): number {
  return m - 1 - typoHead(m);
}

/** Key prefixes are indexed up to this many characters (see keyPrefixes). */
const PREFIX_MAX = 8;

/**
 * Could a run of tokens starting with `token` spell a label or embeddable key? Only if the
 * whole token is a prefix of one: its first min(length, PREFIX_MAX) characters must be.
 */
export function mayStartKey(token: string, index: ListIndex): boolean {
  return mayStartKeyAt(token, 0, token.length, index);
}

/** mayStartKey for the token s[from, to). */
export function mayStartKeyAt(s: string, from: number, to: number, index: ListIndex): boolean {
  const k = to - from < PREFIX_MAX ? to - from : PREFIX_MAX;
  return keyPrefixes(index).has(ends(k, extendHash(0, s, from, from + k)));
}

/**
 * The forward hash (HEAD's, hence wholeKey's) of what `h` hashed so far followed by s[from, to):
 * a run of tokens is hashed token by token without joining them.
 */
export function extendHash(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = (Math.imul(h, HB) + s.charCodeAt(i)) | 0;
  return h;
}

export function keyPrefixes(index: ListIndex): HashBits {
  ensureLookalikeTables(index);
  return index.prefixes;
}

/** wholeKey of every label key and embeddable-domain key. */
export function keyHashes(index: ListIndex): HashBits {
  ensureLookalikeTables(index);
  return index.keys;
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

/**
 * Typo lookup tables, by hash (see hashEnds): every distinctive label long enough for typo
 * checks (`labels`, key ends(m, hash)) and its one-deletion neighbourhood (`deletions`, key
 * ends(m - 1, hash of the label without one character)). Candidates are checked exactly
 * (oneEdit) afterwards, so a hash collision costs one comparison, never a wrong verdict.
 */
export interface TypoTables {
  labels: HashMulti<LabelRef>;
  deletions: HashMulti<LabelRef>;
}

/**
 * A multimap from 30-bit hashes (`ends()`) to items, in typed arrays: open addressing on the
 * top bits, items of one key chained. For the one-edit neighbourhood of a big list (≈ 120,000
 * entries at 10,000 brands) it is filled by array writes in a few milliseconds and a few
 * megabytes, where a Map of the same entries took ~10 ms and several times the memory.
 */
export class HashMulti<T> {
  private readonly keys: Int32Array;
  /** Per slot: 1 + index of the slot's last item, 0 = empty slot. */
  private readonly heads: Int32Array;
  /** Per item (from 1): the previous item of the same key, 0 = none. */
  readonly next: Int32Array;
  readonly items: T[];
  private count = 0;
  private readonly shift: number;
  private readonly mask: number;
  constructor(capacity: number) {
    let bits = 4;
    while (bits < 26 && 1 << bits < capacity * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.heads = new Int32Array(1 << bits);
    this.next = new Int32Array(capacity + 1);
    this.items = new Array<T>(capacity + 1);
    this.shift = 30 - bits;
    this.mask = (1 << bits) - 1;
  }
  private slot(key: number): number {
    let i = key >>> this.shift;
    while (this.heads[i] !== 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }
  add(key: number, item: T): void {
    if (this.count + 1 >= this.next.length) throw new Error('HashMulti: over capacity');
    const i = this.slot(key);
    const e = ++this.count;
    this.keys[i] = key;
    this.items[e] = item;
    this.next[e] = this.heads[i];
    this.heads[i] = e;
  }
  /** The last item added under `key` (follow `next` for the others), 0 when none. */
  first(key: number): number {
    return this.heads[this.slot(key)];
  }
}

export function typoTables(index: ListIndex): TypoTables {
  if (index.typo) return index.typo;
  ensureLookalikeTables(index);
  const refs: LabelRef[] = [];
  let entries = 0;
  index.labels.forEach((list) => {
    for (const ref of list) {
      if (ref.strength !== 'distinctive' || ref.length < MIN_EDIT_LENGTH || ref.key.length > MAX_HASHED) continue;
      refs.push(ref);
      entries += ref.key.length;
    }
  });
  const tables: TypoTables = { labels: new HashMulti(refs.length), deletions: new HashMulti(entries) };
  for (const ref of refs) {
    const m = hashEnds(ref.key);
    tables.labels.add(wholeKey(m), ref);
    for (let i = 0; i < m; i++) tables.deletions.add(ends(m - 1, deletionHash(m, i)), ref);
  }
  index.typo = tables;
  return tables;
}

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}


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
  const key = stripSeparators(OWN_SKELETON.test(label) ? label : skeleton(label));
  const refs = index.labels.get(key);
  if (refs) {
    // One brand may name the same label twice (derived from two domains, and listed): keep one.
    for (const r of refs) if (r.brand === brand && r.label === label) return;
  }
  const ref: LabelRef = { brand, label, key, length: lengthWithoutSeparators(label), strength };
  if (refs) refs.push(ref);
  else index.labels.set(key, [ref]);
}

/**
 * Skeleton of a genuine host or domain, for whole-domain homographs. A skeleton equal to the
 * string itself (most ASCII hosts) is not stored: `homographOf` finds those in the host,
 * subtree and brand-domain maps, which hold the same strings. `always` stores it anyway, for a
 * string no such map holds (a broker's part of a shared group domain).
 */
function addSkeleton(index: ListIndex, brand: BrandEntry, s: string, always: boolean): string {
  // Lower-case a-z, digits 2-9, "." and "-" are their own skeletons: one native scan, not a loop.
  const sk = OWN_SKELETON.test(s) ? s : skeleton(s);
  if (always || sk !== s) index.domainSkeletons.set(sk, brand);
  return sk;
}

const OWN_SKELETON = /^[a-ln-z2-9.-]*$/;

/**
 * The brand whose genuine host or domain has skeleton `sk`, the skeleton of the visited string
 * `s` (see addSkeleton). Genuine strings that are not their own skeleton ("monex.co.jp" →
 * "rnonex.co.jp") are in domainSkeletons, so "rnonex.co.jp" is found although it is its own
 * skeleton. Genuine strings that are their own skeleton are found in the host, subtree and
 * brand-domain maps — asked only when `sk` differs from `s`: otherwise `s` is that genuine
 * string itself, which classify answered before asking for homographs.
 */
export function homographOf(sk: string, s: string, index: ListIndex): BrandEntry | undefined {
  ensureLookalikeTables(index);
  const other = index.domainSkeletons.get(sk);
  if (other || sk === s) return other;
  return index.hosts.get(sk) ?? index.subtrees.get(sk) ?? index.brandDomains.get(sk);
}

function addEmbeddable(index: ListIndex, brand: BrandEntry, domain: string, shared: boolean): void {
  const sk = addSkeleton(index, brand, domain, shared);
  index.embeddable.set(stripSeparators(sk), { brand, domain });
}

/**
 * Builds the lookalike tables (skeletons, embeddable domains, labels, typo prefilters) on the
 * first verdict that needs them: a worker woken for a genuine broker page answers without them.
 * Every entry point of the lookalike search calls this; it is a flag check once built.
 */
export function ensureLookalikeTables(index: ListIndex): void {
  if (index.lookalikeReady) return;
  index.lookalikeReady = true;
  let k = 0;
  for (const brand of index.brands) {
    const words = brand.words ?? [];
    let lastDomain = '';
    for (const entry of brand.hosts) {
      const host = entry.startsWith('*.') ? entry.slice(2) : entry;
      addSkeleton(index, brand, host, false);
      const domain = index.hostDomains[k++];
      if (!domain) continue;
      if (index.related.has(domain) || index.exempt.has(domain)) {
        // A shared group domain (mufg.jp, dmm.com): only the broker's own part is embeddable.
        addEmbeddable(index, brand, host.startsWith('www.') ? host.slice(4) : host, true);
      } else if (domain !== lastDomain) {
        lastDomain = domain;
        addEmbeddable(index, brand, domain, false);
        // The registrable domain is one label on the public suffix: that label is the broker's.
        const derived = domain.slice(0, domain.indexOf('.'));
        if (!words.includes(derived)) addLabel(index, brand, derived, 'distinctive');
      }
    }
    for (const l of brand.labels ?? []) addLabel(index, brand, l, 'distinctive');
    for (const w of words) addLabel(index, brand, w, 'word');
  }
  index.hostDomains = []; // read once

  // One hash pass per key: prefix and whole-key hashes of every label and embeddable key, and
  // the typo prefilters of the distinctive labels long enough for typo checks.
  const lengths = new Set<number>();
  const keyCount = index.labels.size + index.embeddable.size;
  index.prefixes = new HashBits(keyCount * 2); // most of the PREFIX_MAX prefixes of a key are shared with others
  index.keys = new HashBits(keyCount);
  index.typoHeads = new HashBits(index.labels.size);
  index.typoTails = new HashBits(index.labels.size);
  index.fullTails = new HashBits(index.labels.size);
  const addKey = (key: string, typo: boolean) => {
    const n = hashEnds(key);
    if (n < 0) return; // longer than any DNS label: never a token
    const m = n < PREFIX_MAX ? n : PREFIX_MAX;
    for (let p = 1; p <= m; p++) index.prefixes.add(headKey(p, p));
    index.keys.add(wholeKey(n));
    if (!typo) return;
    lengths.add(n);
    index.typoHeads.add(headKey(n, typoHead(n)));
    index.typoTails.add(tailKey(n, typoTail(n)));
    index.fullTails.add(tailKey(n, n));
  };
  // forEach, not for…of over entries: no [key, value] pair per entry, and quick in the cold,
  // unoptimised code a freshly woken worker runs.
  index.labels.forEach((refs, key) => {
    let typo = false;
    for (let i = 0; i < refs.length; i++) if (refs[i].strength === 'distinctive' && refs[i].length >= MIN_EDIT_LENGTH) typo = true;
    addKey(key, typo);
  });
  index.embeddable.forEach((_, key) => addKey(key, false));
  index.labelLengths = [...lengths].sort((a, b) => a - b);
  index.editLengths = lengths;
}

export function buildIndex(doc: ListDocument, opts: IndexOptions = {}): ListIndex {
  let byId: Map<string, BrandEntry> | undefined;
  const index: ListIndex = {
    version: doc.version,
    brands: doc.brands,
    // Read by the UI and a few handlers, never by the verdict: built on first read.
    get byId() {
      return (byId ??= new Map(doc.brands.map((b) => [b.id, b])));
    },
    hosts: new Map(),
    subtrees: new Map(),
    subtreeDepths: [],
    brandDomains: new Map(),
    hostDomains: [],
    lookalikeReady: false,
    domainSkeletons: new Map(),
    related: new Map(),
    exempt: new Set(doc.exempt ?? []),
    embeddable: new Map(),
    labels: new Map(),
    policyHosts: new Map(),
    minEditLength: MIN_EDIT_LENGTH,
    labelLengths: [],
    editLengths: new Set(),
    typoHeads: NO_BITS,
    typoTails: NO_BITS,
    fullTails: NO_BITS,
    prefixes: NO_BITS,
    keys: NO_BITS,
  };
  for (const brand of doc.brands) for (const d of brand.related ?? []) index.related.set(d, brand);

  // What a genuine verdict needs: hosts, subtrees and the domains brokers own. The lookalike
  // tables follow on first use (ensureLookalikeTables). A document just validated comes with
  // its hosts already mapped and parsed (takeValidatedHosts): they are taken over as they are.
  const validated = takeValidatedHosts(doc);
  if (validated) {
    index.hosts = validated.hosts;
    index.subtrees = validated.subtrees;
    index.hostDomains = validated.hostDomains;
  }
  let k = 0;
  for (const brand of doc.brands) {
    let lastDomain = '';
    for (const entry of brand.hosts) {
      let domain: string | null;
      if (validated) domain = index.hostDomains[k++];
      else {
        const subtree = entry.startsWith('*.');
        const host = subtree ? entry.slice(2) : entry;
        (subtree ? index.subtrees : index.hosts).set(host, brand);
        domain = registrableDomain(host);
        index.hostDomains.push(domain);
      }
      if (!domain || domain === lastDomain || index.related.has(domain) || index.exempt.has(domain)) continue;
      lastDomain = domain;
      index.brandDomains.set(domain, brand);
    }
  }
  index.subtreeDepths = [...new Set([...index.subtrees.keys()].map((h) => h.split('.').length))];

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
