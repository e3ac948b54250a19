import type { BrandEntry, BrandNames, ListDocument } from '../list/types';
import { FOLDS_DOMAIN, FOLDS_HOST, registrableDomain, takeValidatedHosts } from './registrable';
import { skeleton } from './skeleton';
import { shapeOf, StringTable } from './string-table';

/** How much a brand label proves on its own (see classify for the rules). */
export type LabelStrength = 'distinctive' | 'word';

/**
 * One brand label in the lookalike tables. Its lookup `key` (skeleton, separators removed) is
 * hashed into the table straight from `label`; the string itself is built only when asked for
 * (an exact check of a candidate, the one-edit comparison), not for every label of the list.
 */
export class LabelRef {
  private k?: string;
  constructor(
    readonly brand: BrandEntry,
    /** The label as the list spells it ("rakuten-sec"). */
    readonly label: string,
    /** Length of the label without separators, before skeleton folding ("m" → "rn" grows it). */
    readonly length: number,
    readonly strength: LabelStrength,
    /** Length of `key`, -1 when longer than MAX_HASHED (never looked up). */
    readonly keyLength: number,
    /** Forward hash of `key` (HEAD's): its table key is ends(keyLength, keyHash). */
    readonly keyHash: number,
  ) {}
  /** Skeleton with separators removed ("rakutensec"): the lookup key. */
  get key(): string {
    return (this.k ??= keyString(this.label));
  }
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
  hosts: StringTable<BrandEntry>;
  /** Genuine host subtrees ("sc.mufg.jp" for "*.sc.mufg.jp"). */
  subtrees: Map<string, BrandEntry>;
  /** Label counts of the subtrees (3 for sc.mufg.jp). */
  subtreeDepths: number[];
  /** Registrable domains a broker owns outright (sbisec.co.jp). */
  brandDomains: StringTable<BrandEntry>;
  /** Registrable domain of every list host, in list order (for the lookalike tables, then dropped). */
  hostDomains: (string | null)[];
  /** From validation, when it validated the document: its hostFolds (ValidatedHosts), same order, dropped with hostDomains. */
  hostFolds?: Uint8Array;
  /**
   * Have the lookalike tables below (domainSkeletons … fullTails) been built? They are built
   * by ensureLookalikeTables on the first verdict that needs them, not with the index.
   */
  lookalikeReady: boolean;
  /**
   * Skeletons of owned registrable domains and genuine hosts (IDN homographs of them), where
   * the skeleton differs from the string: look up with `homographOf`. By wholeKey of the
   * skeleton → i: `skeletonBrands[i]`, `skeletonSources[i]` (the genuine string, checked exactly).
   */
  domainSkeletons: HashRuns;
  /** One bit per shapeOf() of the stored skeletons: most visited strings are turned away unhashed. */
  skeletonShapes: Int32Array;
  skeletonBrands: BrandEntry[];
  skeletonSources: string[];
  /** Genuine group companies' registrable domains: never flagged. */
  related: Map<string, BrandEntry>;
  exempt: Set<string>;
  /**
   * The keys of `related` and `exempt` (a handful), for the index builders to ask first: most
   * of the list's 10,000 domains are turned away by its shape bitmap, without hashing them.
   */
  shared: StringTable<true>;
  /**
   * No brand object is listed twice: true for a validated document (a repeated object repeats
   * its id, which validation refuses), so the typo table need not look for repeats.
   */
  distinctBrands: boolean;
  /**
   * Embeddable genuine domains, by wholeKey of their joined skeleton tokens ("sbiseccojp") →
   * i: `embeddableBrands[i]`, `embeddableDomains[i]`. Look up with `embeddableOf`.
   */
  embeddable: HashRuns;
  embeddableBrands: BrandEntry[];
  embeddableDomains: string[];
  /**
   * Brand labels by wholeKey of their key → i: `labelList[i]` (exact / hyphen-changed /
   * confusable matches, and the whole-label half of the one-edit lookups). Look up with
   * `labelRefs`.
   */
  labels: HashRuns;
  /** The labels in the order added. */
  labelList: LabelRef[];
  /** Sum of the key lengths of the labels the one-edit neighbourhood holds (its size, at most). */
  typoEntries: number;
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
  /** `maxBits`: at most 2^maxBits buckets (fewer per entry past that size). */
  constructor(entries: number, maxBits = 24) {
    let bits = 12;
    while (bits < maxBits && 1 << bits < entries * 64) bits++;
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
  /**
   * Adds every key of a HashRuns: they lie grouped by their top bits, which pick the bucket
   * here too, so the writes walk the bitmap in order instead of at random (a bitmap larger than
   * the cache then costs no miss per key).
   */
  addRuns(runs: HashRuns): void {
    const keys = runs.keys;
    for (let i = 0; i < keys.length; i++) this.add(keys[i]);
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
  /** The label table (index.labels): whole keys are not stored twice. */
  labels: HashRuns;
  /** ends(m - 1, hash of a label key without one character) → the label's number in `labelList`. */
  deletions: HashRuns;
}

/**
 * A read-only multimap from 30-bit hashes (`ends()`) to integers, built at once from
 * (key, value) pairs by one counting sort on the keys' top bits: each bucket's pairs lie side
 * by side, in the order given, and a lookup walks one bucket (about two pairs). Built after the
 * pairs are known, it is sized exactly, and every write lands in arrays that stay in cache:
 * for the one-edit neighbourhood (≈ 120,000 pairs at 10,000 brands) an open-addressing table
 * filled one insert at a time probed a 2 MB array at random and took twice as long. A hash
 * collision only adds a candidate: callers check every candidate exactly.
 */
export class HashRuns {
  /** Keys and values, grouped by bucket. */
  readonly keys: Int32Array;
  readonly values: Int32Array;
  /** Bucket b's pairs are [bounds[b], bounds[b + 1]). */
  private readonly bounds: Int32Array;
  private readonly shift: number;
  /** `values` omitted: the value of the i-th pair is i. */
  constructor(keys: Int32Array, values: Int32Array | undefined, n: number) {
    // About two pairs per bucket: half the bounds array to fill (and keep in cache) of one per
    // bucket, for one more key compared per lookup.
    let bits = 4;
    while (bits < 24 && 2 << bits < n) bits++;
    const shift = 30 - bits;
    const bounds = new Int32Array((1 << bits) + 2);
    for (let i = 0; i < n; i++) bounds[(keys[i] >>> shift) + 2]++;
    for (let b = 2; b < bounds.length; b++) bounds[b] += bounds[b - 1];
    // bounds[b + 1] is where bucket b starts; filling moves it to where b ends (b + 1 starts).
    const k = new Int32Array(n);
    const v = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const at = bounds[(keys[i] >>> shift) + 1]++;
      k[at] = keys[i];
      v[at] = values ? values[i] : i;
    }
    this.keys = k;
    this.values = v;
    this.bounds = bounds;
    this.shift = shift;
  }
  /**
   * The pairs that may hold `key` are [begin(key), end(key)), in the order they were given
   * (walk back from end - 1 for the newest first); compare `keys[i]` with `key`.
   */
  begin(key: number): number {
    return this.bounds[key >>> this.shift];
  }
  end(key: number): number {
    return this.bounds[(key >>> this.shift) + 1];
  }
  has(key: number): boolean {
    for (let i = this.begin(key), end = this.end(key); i < end; i++) if (this.keys[i] === key) return true;
    return false;
  }
}

/** Words of a shapeOf() bitmap. */
const SHAPES = 1 << (18 - 5);

/** The tables of an index whose lookalike tables are not built yet: empty. */
const NO_ENTRIES = new HashRuns(new Int32Array(0), undefined, 0);

/** Growing (key, value) pairs for a HashRuns. */
class Pairs {
  keys: Int32Array;
  values: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.keys = new Int32Array(Math.max(16, capacity));
    this.values = new Int32Array(this.keys.length);
  }
  push(key: number, value: number): void {
    if (this.n === this.keys.length) {
      const k = new Int32Array(this.n * 2);
      const v = new Int32Array(this.n * 2);
      k.set(this.keys);
      v.set(this.values);
      this.keys = k;
      this.values = v;
    }
    this.keys[this.n] = key;
    this.values[this.n++] = value;
  }
}

/**
 * The one-edit neighbourhood: every distinctive label long enough for typo checks under the
 * hashes of its key without one character. Labels go in key by key, keys in the order first
 * added (what iterating a Map of key → labels gave), so candidates keep the order they always
 * had. Whole keys are not stored again: the label table is keyed by the same hash (wholeKey).
 */
export function typoTables(index: ListIndex): TypoTables {
  if (index.typo) return index.typo;
  ensureLookalikeTables(index);
  const keys = new Int32Array(index.typoEntries);
  const values = new Int32Array(index.typoEntries);
  // One label per call of a small function, optimised by call count (see ensureLookalikeTables).
  let count = 0;
  for (let e = 0, n = index.labelList.length; e < n; e++) count = addDeletions(index, e, keys, values, count);
  index.typo = { labels: index.labels, deletions: new HashRuns(keys, values, count) };
  return index.typo;
}

/**
 * typoTables for label e: the one-deletion hashes of its key's labels (e first), written from
 * `count` on, unless an earlier label has that key (then e went in with it); returns the count.
 */
function addDeletions(index: ListIndex, e: number, keys: Int32Array, values: Int32Array, count: number): number {
  const labels = index.labels;
  const list = index.labelList;
  const min = index.minEditLength;
  const first = list[e];
  const hash = ends(first.keyLength, first.keyHash);
  const begin = labels.begin(hash);
  const end = labels.end(hash);
  // Usually e is alone in its bucket.
  for (let i = begin; i < end; i++) {
    const o = labels.values[i];
    if (o < e && labels.keys[i] === hash && sameKey(list[o], first)) return count;
  }
  for (let i = begin; i < end; i++) {
    const o = labels.values[i];
    const ref = list[o];
    if (o < e || labels.keys[i] !== hash || (o !== e && !sameKey(ref, first))) continue;
    if (ref.strength !== 'distinctive' || ref.length < min || (end - begin > 1 && !index.distinctBrands && isRepeat(list, labels, begin, i, ref))) continue;
    const m = keyCodes(ref.label, false);
    hashCodes(m, false); // deletions read HEAD only
    for (let d = 0; d < m; d++) {
      keys[count] = ends(m - 1, deletionHash(m, d));
      values[count++] = o;
    }
  }
  return count;
}

/** Do two labels have the same key? Compared in the scratch buffers, no string built. */
function sameKey(a: LabelRef, b: LabelRef): boolean {
  if (a.keyLength !== b.keyLength || a.keyHash !== b.keyHash) return false;
  const n = keyCodes(a.label, false);
  for (let i = 0; i < n; i++) CODES2[i] = CODES[i]; // no subarray view allocated per call
  keyCodes(b.label, false);
  for (let i = 0; i < n; i++) if (CODES2[i] !== CODES[i]) return false;
  return true;
}

/**
 * Is the label at pair i of `labels` the same brand's same label as one at an earlier pair of
 * its bucket (a brand object listed twice)? Such a repeat was never a second label.
 */
function isRepeat(list: LabelRef[], labels: HashRuns, begin: number, i: number, ref: LabelRef): boolean {
  for (let j = begin; j < i; j++) {
    const o = list[labels.values[j]];
    if (o.brand === ref.brand && o.label === ref.label) return true;
  }
  return false;
}

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Skeletons of printable ASCII characters (UTS #39 maps a few: "m" → "rn", "0" → "o", upper
 * case…), as char codes; undefined where a character is its own skeleton. skeleton() of a
 * printable ASCII string is these, character by character, so a key is hashed from the list's
 * string without building its skeleton.
 */
const ASCII_SKELETON: (number[] | undefined)[] = [];
/** Per ASCII code: 0 its own skeleton, 1 a separator ("." "-"), 2 folded (ASCII_SKELETON), 3 not printable. */
const ASCII_KIND = new Uint8Array(128).fill(3);
for (let c = 0x20; c < 0x7f; c++) {
  const sk = skeleton(String.fromCharCode(c));
  ASCII_KIND[c] = c === 46 || c === 45 ? 1 : sk === String.fromCharCode(c) ? 0 : 2;
  if (ASCII_KIND[c] === 2) ASCII_SKELETON[c] = [...sk].map((ch) => ch.charCodeAt(0));
}
/** Longest skeleton of one printable ASCII character ("%" → "º/₀"): bounds a key's growth. */
const MAX_FOLD = Math.max(1, ...ASCII_SKELETON.map((sk) => sk?.length ?? 1));

/** Scratch for keyCodes: the key being indexed, as UTF-16 code units (and a second one). */
const CODES = new Uint16Array(MAX_HASHED);
const CODES2 = new Uint16Array(MAX_HASHED);
/** Did the last keyCodes call fold any character (is the string not its own skeleton)? */
let folded = false;

/**
 * Fills CODES with skeleton(s) — without "." and "-" unless `separators` — and returns its
 * length, or -1 when longer than MAX_HASHED (longer than any DNS name: never looked up).
 * Sets `folded`. Printable ASCII (every list host) is folded character by character; anything
 * else takes skeleton() itself.
 */
function keyCodes(s: string, separators: boolean): number {
  const len = s.length;
  if (len * MAX_FOLD > MAX_HASHED) return longKeyCodes(s, separators);
  let n = 0;
  folded = false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const kind = c < 128 ? ASCII_KIND[c] : 3;
    if (kind === 0 || (kind === 1 && separators)) CODES[n++] = c;
    else if (kind === 2) {
      folded = true;
      const sk = ASCII_SKELETON[c]!;
      for (let j = 0; j < sk.length; j++) CODES[n++] = sk[j];
    } else if (kind === 3) return unicodeKeyCodes(s, separators);
  }
  return n;
}

/** keyCodes for a string that may grow past MAX_HASHED. */
function longKeyCodes(s: string, separators: boolean): number {
  let n = 0;
  folded = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const kind = c < 128 ? ASCII_KIND[c] : 3;
    if (kind === 3) return unicodeKeyCodes(s, separators);
    if (kind === 1 && !separators) continue;
    const sk = kind === 2 ? ASCII_SKELETON[c]! : undefined;
    if (sk) folded = true;
    for (let j = 0; j < (sk ? sk.length : 1); j++) {
      if (n === MAX_HASHED) return -1;
      CODES[n++] = sk ? sk[j] : c;
    }
  }
  return n;
}

function unicodeKeyCodes(s: string, separators: boolean): number {
  const sk = skeleton(s);
  folded = sk !== s;
  let n = 0;
  for (let i = 0; i < sk.length; i++) {
    const c = sk.charCodeAt(i);
    if (!separators && (c === 46 || c === 45)) continue;
    if (n === MAX_HASHED) return -1;
    CODES[n++] = c;
  }
  return n;
}

/** The lookup key of a label or domain as a string: skeleton without "." and "-". */
function keyString(s: string): string {
  const n = keyCodes(s, false);
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(CODES[i]);
  return n < 0 ? stripSeparators(skeleton(s)) : out;
}

/** Removes "." and "-". */
function stripSeparators(s: string): string {
  return s.replace(/[.-]/g, '');
}

/** Is s[from, to) the key (skeleton without separators, or with them if `separators`) of `source`? */
function isKeyOf(s: string, from: number, to: number, source: string, separators: boolean): boolean {
  const n = keyCodes(source, separators);
  if (n !== to - from) return false;
  for (let i = 0; i < n; i++) if (CODES[i] !== s.charCodeAt(from + i)) return false;
  return true;
}

/** HEAD (see hashEnds) of CODES[0, n), and TAIL unless `tails` is false. */
function hashCodes(n: number, tails = true): void {
  let h = 0;
  for (let k = 0; k < n; k++) {
    h = (Math.imul(h, HB) + CODES[k]) | 0;
    HEAD[k + 1] = h;
  }
  if (!tails) return;
  h = 0;
  for (let k = n - 1; k >= 0; k--) {
    h = (Math.imul(h, TB) + CODES[k]) | 0;
    TAIL[n - k] = h;
  }
}

/** TAIL (see hashEnds) of CODES[0, n) alone. */
function tailsOfCodes(n: number): void {
  let h = 0;
  for (let k = n - 1; k >= 0; k--) {
    h = (Math.imul(h, TB) + CODES[k]) | 0;
    TAIL[n - k] = h;
  }
}

/** Forward hash of CODES[0, n) alone. */
function headOfCodes(n: number): number {
  let h = 0;
  for (let k = 0; k < n; k++) h = (Math.imul(h, HB) + CODES[k]) | 0;
  return h;
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

/**
 * The brand labels whose key is s[from, to) (a token, or a run of tokens joined), in the order
 * they were added; undefined when none. `hash` is extendHash(0, s, from, to) when the caller
 * has it already.
 */
export function labelRefs(index: ListIndex, s: string, from = 0, to = s.length, hash = extendHash(0, s, from, to)): LabelRef[] | undefined {
  ensureLookalikeTables(index);
  const n = to - from;
  if (n > MAX_HASHED) return undefined;
  const table = index.labels;
  const key = ends(n, hash);
  let out: LabelRef[] | undefined;
  for (let i = table.begin(key), end = table.end(key); i < end; i++) {
    if (table.keys[i] !== key) continue;
    const ref = index.labelList[table.values[i]];
    if (ref.keyLength !== n || !isKeyOf(s, from, to, ref.label, false)) continue;
    if (out?.some((o) => o.brand === ref.brand && o.label === ref.label)) continue; // a brand listed twice
    (out ??= []).push(ref);
  }
  return out;
}

/** The embeddable genuine domain whose key is s[from, to) (the last added, as a Map would keep it). */
export function embeddableOf(index: ListIndex, s: string, from = 0, to = s.length, hash = extendHash(0, s, from, to)): { brand: BrandEntry; domain: string } | undefined {
  ensureLookalikeTables(index);
  const n = to - from;
  if (n > MAX_HASHED) return undefined;
  const table = index.embeddable;
  const key = ends(n, hash);
  for (let i = table.end(key) - 1, begin = table.begin(key); i >= begin; i--) {
    if (table.keys[i] !== key) continue;
    const domain = index.embeddableDomains[table.values[i]];
    if (isKeyOf(s, from, to, domain, false)) return { brand: index.embeddableBrands[table.values[i]], domain };
  }
  return undefined;
}

/** Every label of the tables, in the order added (a brand's repeated label once; tests, tools). */
export function allLabelRefs(index: ListIndex): LabelRef[] {
  ensureLookalikeTables(index);
  return index.labelList.filter((ref, i) => !index.labelList.some((o, j) => j < i && o.brand === ref.brand && o.label === ref.label));
}

/** Every embeddable domain key → the entry a lookup returns (tests, tools). */
export function allEmbeddable(index: ListIndex): Map<string, { brand: BrandEntry; domain: string }> {
  ensureLookalikeTables(index);
  const out = new Map<string, { brand: BrandEntry; domain: string }>();
  index.embeddableDomains.forEach((domain, i) => out.set(keyString(domain), { brand: index.embeddableBrands[i], domain }));
  return out;
}

/** Every stored genuine skeleton → the brand a lookup returns (tests, tools). */
export function allDomainSkeletons(index: ListIndex): Map<string, BrandEntry> {
  ensureLookalikeTables(index);
  const out = new Map<string, BrandEntry>();
  index.skeletonSources.forEach((s, i) => out.set(OWN_SKELETON.test(s) ? s : skeleton(s), index.skeletonBrands[i]));
  return out;
}

const OWN_SKELETON = /^[a-ln-z2-9.-]*$/;
/** Per ASCII code: does OWN_SKELETON accept the character? */
const OWN_CHAR = new Uint8Array(128).map((_, c) => (OWN_SKELETON.test(String.fromCharCode(c)) ? 1 : 0));

/** OWN_SKELETON.test(s), by a loop over a table (no regex call per host of the list). */
export function ownSkeleton(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || OWN_CHAR[c] === 0) return false;
  }
  return true;
}

/**
 * The brand whose genuine host or domain has skeleton `sk`, the skeleton of the visited string
 * `s`. Genuine strings that are not their own skeleton ("monex.co.jp" → "rnonex.co.jp") are in
 * domainSkeletons, so "rnonex.co.jp" is found although it is its own skeleton. Genuine strings
 * that are their own skeleton are found in the host, subtree and brand-domain maps — asked only
 * when `sk` differs from `s`: otherwise `s` is that genuine string itself, which classify
 * answered before asking for homographs.
 */
export function homographOf(sk: string, s: string, index: ListIndex): BrandEntry | undefined {
  ensureLookalikeTables(index);
  let other: BrandEntry | undefined;
  const shape = shapeOf(sk);
  if (sk.length <= MAX_HASHED && (index.skeletonShapes[shape >>> 5] & (1 << (shape & 31))) !== 0) {
    const table = index.domainSkeletons;
    const key = ends(sk.length, extendHash(0, sk, 0, sk.length));
    for (let i = table.end(key) - 1, begin = table.begin(key); i >= begin; i--) {
      // Newest first: the last added wins, as in a Map.
      if (table.keys[i] === key && isKeyOf(sk, 0, sk.length, index.skeletonSources[table.values[i]], true)) {
        other = index.skeletonBrands[table.values[i]];
        break;
      }
    }
  }
  if (other || sk === s) return other;
  return index.hosts.get(sk) ?? index.subtrees.get(sk) ?? index.brandDomains.get(sk);
}

/**
 * Builds the lookalike tables (skeletons, embeddable domains, labels, prefilters) on the first
 * verdict that needs them: a worker woken for a genuine broker page answers without them.
 * Every entry point of the lookalike search calls this; it is a flag check once built.
 *
 * One pass over the list: each key is folded and hashed straight from the list's string into a
 * scratch buffer (no skeleton or separator-free string is built), then goes into its hash table
 * and the prefilters from the same hashes. Candidates found by hash are checked exactly.
 */
export function ensureLookalikeTables(index: ListIndex): void {
  if (index.lookalikeReady) return;
  index.lookalikeReady = true;
  // Sizes first (array lengths only): the tables are fixed-size typed arrays.
  let hostCount = 0;
  let labelCount = 0;
  let domainCount = 0;
  {
    let k = 0;
    for (let b = 0; b < index.brands.length; b++) {
      const brand = index.brands[b];
      hostCount += brand.hosts.length;
      labelCount += (brand.labels?.length ?? 0) + (brand.words?.length ?? 0);
      let lastDomain: string | null = '';
      for (let j = 0; j < brand.hosts.length; j++) {
        const domain = index.hostDomains[k++];
        if (domain && domain !== lastDomain) domainCount++;
        lastDomain = domain;
      }
    }
  }
  labelCount += domainCount;
  const t: Tables = {
    index,
    skeletons: new Pairs(hostCount >> 2),
    skeletonShapes: new Int32Array(SHAPES),
    skeletonBrands: [],
    skeletonSources: [],
    embeddable: new Pairs(domainCount),
    // Sized from the counts above (written by index, trimmed at the end): no growth copies.
    embeddableBrands: new Array<BrandEntry>(domainCount),
    embeddableDomains: new Array<string>(domainCount),
    labels: new Pairs(labelCount),
    labelList: new Array<LabelRef>(labelCount),
    // Prefix filter at 2 entries per key: most of the PREFIX_MAX prefixes of a key are shared.
    // It and the one-edit filters stop at 2^20 bits (128 KB each; reached at a few thousand brands):
    // filled by random writes, their full size (1.5 MB at 10,000 brands, with `keys`) missed the
    // cache on nearly every write (≈ 3.7 ms of a worker CPU profile, ≈ 1 ms at this size), while
    // the share of ordinary hosts that pass the lookalike precheck stays the same (17.2 % of a
    // generated stream at 10,000 brands; `keys` keeps its size: capped, it raised that to 20 %).
    prefixes: new HashBits((labelCount + domainCount) * 2, FILTER_BITS),
    keys: new HashBits(labelCount + domainCount),
    typoHeads: new HashBits(labelCount, FILTER_BITS),
    typoTails: new HashBits(labelCount, FILTER_BITS),
    fullTails: new HashBits(labelCount, FILTER_BITS),
    lengths: new Set(),
    typoEntries: 0,
    brandLabels: [],
    brandLabelCount: 0,
  };
  // One brand per call of a small function (not a loop body inside this one): it is optimised
  // by call count like any hot function, where a long loop here ran on-stack-replaced code that
  // was thrown away again when the loop ended (a worker CPU trace showed deopts there every run).
  const brands = index.brands;
  for (let b = 0, k = 0; b < brands.length; b++) k = addBrandTables(t, brands[b], k);
  index.hostDomains = []; // read once
  index.hostFolds = undefined;
  index.domainSkeletons = new HashRuns(t.skeletons.keys, undefined, t.skeletons.n);
  index.skeletonShapes = t.skeletonShapes;
  index.skeletonBrands = t.skeletonBrands;
  index.skeletonSources = t.skeletonSources;
  index.embeddable = new HashRuns(t.embeddable.keys, undefined, t.embeddable.n);
  t.embeddableBrands.length = t.embeddable.n;
  t.embeddableDomains.length = t.embeddable.n;
  t.labelList.length = t.labels.n;
  index.embeddableBrands = t.embeddableBrands;
  index.embeddableDomains = t.embeddableDomains;
  index.labels = new HashRuns(t.labels.keys, undefined, t.labels.n);
  index.labelList = t.labelList;
  index.typoEntries = t.typoEntries;
  index.prefixes = t.prefixes;
  // wholeKey of every label and embeddable key: exactly the keys of those two tables.
  t.keys.addRuns(index.labels);
  t.keys.addRuns(index.embeddable);
  index.keys = t.keys;
  index.typoHeads = t.typoHeads;
  index.typoTails = t.typoTails;
  index.fullTails = t.fullTails;
  index.labelLengths = [...t.lengths].sort((a, b) => a - b);
  index.editLengths = t.lengths;
}

/**
 * ensureLookalikeTables for one brand whose first host is host number `k` of the list (in
 * hostDomains / hostFolds order); returns the number of the brand's next host.
 */
function addBrandTables(t: Tables, brand: BrandEntry, k: number): number {
  const index = t.index;
  const folds = index.hostFolds;
  const words = brand.words;
  let lastDomain = '';
  t.brandLabelCount = 0;
  for (let j = 0; j < brand.hosts.length; j++) {
    const entry = brand.hosts[j];
    const host = entry.startsWith('*.') ? entry.slice(2) : entry;
    const at = k++;
    addSkeleton(t, brand, host, false, folds ? (folds[at] & FOLDS_HOST) === 0 : undefined);
    const domain = index.hostDomains[at];
    // The brand's last own domain again (lastDomain is never a shared one): nothing new. Asked
    // first: validation hands out one string per run of equal domains, so this is one compare.
    if (!domain || domain === lastDomain) continue;
    if (index.shared.has(domain) && (index.related.has(domain) || index.exempt.has(domain))) {
      // A shared group domain (mufg.jp, dmm.com): only the broker's own part is embeddable.
      addEmbeddable(t, brand, host.startsWith('www.') ? host.slice(4) : host, true);
    } else {
      lastDomain = domain;
      const hashed = addEmbeddable(t, brand, domain, false, folds ? (folds[at] & FOLDS_DOMAIN) === 0 : undefined);
      // The registrable domain is one label on the public suffix: that label is the broker's.
      // In a validated document (arrays of strings, a domain with a dot) it is compared in
      // place with the brand's words and labels: a brand usually lists it, and then the listed
      // string (equal content) is used instead of a slice of the domain.
      const dot = domain.indexOf('.');
      let derived: string | undefined;
      if (folds && dot > 0) {
        if (words && listedPrefix(words, domain, dot) !== undefined) continue;
        derived = listedPrefix(brand.labels, domain, dot) ?? domain.slice(0, dot);
      } else {
        derived = domain.slice(0, dot);
        if (words?.includes(derived)) continue;
      }
      addLabel(t, brand, derived, 'distinctive', hashed ? dot : -1);
    }
  }
  const labels = brand.labels;
  if (labels) for (let j = 0; j < labels.length; j++) addLabel(t, brand, labels[j], 'distinctive');
  if (words) for (let j = 0; j < words.length; j++) addLabel(t, brand, words[j], 'word');
  return k;
}

/** The string of `list` equal to s.slice(0, n), without slicing `s` (undefined: none). */
function listedPrefix(list: readonly string[] | undefined, s: string, n: number): string | undefined {
  if (list) {
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      if (typeof x === 'string' && x.length === n && s.startsWith(x)) return x;
    }
  }
  return undefined;
}

/** Largest lookalike prefilter bitmap but `keys` (see ensureLookalikeTables): 2^20 bits. */
const FILTER_BITS = 20;

/** The lookalike tables while ensureLookalikeTables fills them. */
interface Tables {
  index: ListIndex;
  /** Hashes, in the order of the entries in the arrays beside them. */
  skeletons: Pairs;
  skeletonShapes: Int32Array;
  skeletonBrands: BrandEntry[];
  skeletonSources: string[];
  embeddable: Pairs;
  embeddableBrands: BrandEntry[];
  embeddableDomains: string[];
  labels: Pairs;
  labelList: LabelRef[];
  prefixes: HashBits;
  keys: HashBits;
  typoHeads: HashBits;
  typoTails: HashBits;
  fullTails: HashBits;
  lengths: Set<number>;
  typoEntries: number;
  /** Labels of the brand being indexed so far. */
  brandLabels: string[];
  brandLabelCount: number;
}

/**
 * Skeleton of a genuine host or domain, for whole-domain homographs. A skeleton equal to the
 * string itself (most ASCII hosts) is not stored: `homographOf` finds those in the host,
 * subtree and brand-domain maps, which hold the same strings. `always` stores it anyway, for a
 * string no such map holds (a broker's part of a shared group domain).
 */
function addSkeleton(t: Tables, brand: BrandEntry, s: string, always: boolean, own?: boolean): void {
  if (!always && (own ?? ownSkeleton(s))) return; // validation's scan (own), else one scan, decides most hosts
  const n = keyCodes(s, true);
  if (n < 0 || !(always || folded)) return;
  t.skeletons.push(ends(n, headOfCodes(n)), 0);
  const shape = n === 0 ? 0 : ((n & 63) << 12) | ((CODES[0] & 63) << 6) | (CODES[n - 1] & 63); // shapeOf(the skeleton)
  t.skeletonShapes[shape >>> 5] |= 1 << (shape & 31);
  t.skeletonBrands.push(brand);
  t.skeletonSources.push(s);
}

/** Returns whether CODES and HEAD now hold the domain's key, no character of it folded. */
function addEmbeddable(t: Tables, brand: BrandEntry, domain: string, shared: boolean, own?: boolean): boolean {
  addSkeleton(t, brand, domain, shared, own);
  const n = keyCodes(domain, false);
  if (n < 0) return false; // longer than any host: never looked up
  const plain = !folded;
  hashCodes(n, false); // its prefilters read HEAD only
  const at = t.embeddable.n; // past the presized length (a shared domain's hosts): appended
  t.embeddableBrands[at] = brand;
  t.embeddableDomains[at] = domain;
  t.embeddable.push(wholeKey(n), 0);
  addKeyFilters(t, n, false);
  return plain;
}

/**
 * `inDomain` ≥ 0: the label is the registrable domain just added by addEmbeddable up to its
 * first dot (at `inDomain`), and nothing in it folded: CODES and HEAD already hold its key at
 * their start, and the domain put the key's prefixes into the prefix filter.
 */
function addLabel(t: Tables, brand: BrandEntry, label: string, strength: LabelStrength, inDomain = -1): void {
  // The same label of the same brand again (derived from a domain, and listed): kept once.
  // Asked of the brand's few labels before any hashing (lookups drop the repeats of a brand
  // object listed twice).
  for (let i = 0; i < t.brandLabelCount; i++) if (t.brandLabels[i] === label) return;
  t.brandLabels[t.brandLabelCount++] = label;
  let n: number;
  let length: number;
  if (inDomain >= 0) {
    n = length = lengthWithoutSeparators(label); // the label's characters, hyphens dropped
  } else {
    n = keyCodes(label, false);
    if (n < 0) return; // longer than any host: never looked up
    length = folded ? lengthWithoutSeparators(label) : n; // unfolded: the key is the label without separators
  }
  const typo = strength === 'distinctive' && length >= MIN_EDIT_LENGTH;
  if (inDomain < 0) hashCodes(n, typo); // the typo and glue prefilters read TAIL
  else if (typo) tailsOfCodes(n);
  const ref = new LabelRef(brand, label, length, strength, n, HEAD[n]);
  t.labelList[t.labels.n] = ref;
  t.labels.push(wholeKey(n), 0);
  if (typo) t.typoEntries += n;
  addKeyFilters(t, n, typo, inDomain >= 0);
}

/** Prefilters of the key whose hashes are current (length n); `typo`: also the one-edit and glue ones. */
function addKeyFilters(t: Tables, n: number, typo: boolean, prefixesDone = false): void {
  const m = n < PREFIX_MAX ? n : PREFIX_MAX;
  if (!prefixesDone) for (let p = 1; p <= m; p++) t.prefixes.add(headKey(p, p));
  if (!typo) return; // `keys` is filled from the label and embeddable tables at the end
  t.lengths.add(n);
  t.typoHeads.add(headKey(n, typoHead(n)));
  t.typoTails.add(tailKey(n, typoTail(n)));
  t.fullTails.add(tailKey(n, n));
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
    hosts: new StringTable(doc.brands.length * 2),
    subtrees: new Map(),
    subtreeDepths: [],
    brandDomains: new StringTable(doc.brands.length),
    hostDomains: [],
    lookalikeReady: false,
    domainSkeletons: NO_ENTRIES,
    skeletonShapes: new Int32Array(SHAPES),
    skeletonBrands: [],
    skeletonSources: [],
    related: new Map(),
    exempt: new Set(doc.exempt ?? []),
    shared: new StringTable(8),
    distinctBrands: false,
    embeddable: NO_ENTRIES,
    embeddableBrands: [],
    embeddableDomains: [],
    labels: NO_ENTRIES,
    labelList: [],
    typoEntries: 0,
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
  const brands = doc.brands;
  for (let b = 0; b < brands.length; b++) {
    const related = brands[b].related;
    if (related) for (let j = 0; j < related.length; j++) index.related.set(related[j], brands[b]);
  }
  // Strings only: a domain asked about is one, and Map/Set never match a string to anything else.
  for (const d of index.related.keys()) if (typeof d === 'string') index.shared.set(d, true);
  for (const d of index.exempt) if (typeof d === 'string') index.shared.set(d, true);

  // What a genuine verdict needs: hosts, subtrees and the domains brokers own. The lookalike
  // tables follow on first use (ensureLookalikeTables). A document just validated comes with
  // its hosts already mapped and parsed (takeValidatedHosts): they are taken over as they are.
  const validated = takeValidatedHosts(doc);
  if (validated) {
    index.distinctBrands = true;
    index.hosts = validated.hosts;
    index.subtrees = validated.subtrees;
    index.hostDomains = validated.hostDomains;
    index.hostFolds = validated.hostFolds;
  }
  let k = 0;
  for (let b = 0; b < brands.length; b++) {
    const brand = brands[b];
    let lastDomain = '';
    for (let j = 0; j < brand.hosts.length; j++) {
      const entry = brand.hosts[j];
      let domain: string | null;
      if (validated) domain = index.hostDomains[k++];
      else {
        const subtree = entry.startsWith('*.');
        const host = subtree ? entry.slice(2) : entry;
        (subtree ? index.subtrees : index.hosts).set(host, brand);
        domain = registrableDomain(host);
        index.hostDomains.push(domain);
      }
      if (!domain || domain === lastDomain || (index.shared.has(domain) && (index.related.has(domain) || index.exempt.has(domain)))) continue;
      lastDomain = domain;
      if (validated) index.brandDomains.setHashed(domain, validated.domainHashes[k - 1], brand);
      else index.brandDomains.set(domain, brand);
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
