import type { BrandEntry } from '../list/types';
import { labelToUnicode } from './host';
import { deletionHash, embeddableOf, ends, ensureLookalikeTables, extendHash, labelRefs, hashEnds, hashSpan, headKey, keyHashes, mayStartKey, mayStartKeyAt, MAX_HASHED, tailKey, typoHead, typoTables, typoTail, wholeKey, type HashRuns, type LabelRef, type ListIndex, type TokenHits } from './list-index';
import { skeleton } from './skeleton';
import type { ReasonCode } from './verdict';

/** One piece of evidence that a host imitates a broker. */
export interface Finding {
  brand: BrandEntry;
  severity: 'impostor' | 'suspicious';
  reasons: ReasonCode[];
  matched: string;
}

/**
 * Keywords that turn an ordinary brand word into a securities lure. "sec-sbi…",
 * "rakuten-shoken…", "nomura-nisa…" were the shapes of 2025 (Council of Anti-Phishing Japan).
 */
const SECURITIES_KEYWORDS = new Set([
  'sec', 'secs', 'securities', 'shoken', 'syoken', 'shouken', 'kabu', 'kabushiki', 'nisa', 'ideco',
  'etgate', 'its', 'kouza', 'koza', 'stock', 'stocks', 'invest',
]);

/**
 * Generic lure words (Chrome's combo-squatting list plus Japanese habits). Next to an ordinary
 * brand word they make a host `suspicious`, not `impostor`: "matsui-support" or
 * "daiwa-member" may be a shop or a clinic.
 */
const GENERIC_KEYWORDS = new Set([
  'login', 'signin', 'logon', 'log', 'auth', 'authen', 'authentication', 'secure', 'security',
  'account', 'accounts', 'verify', 'verification', 'member', 'members', 'support', 'mypage',
  'password', 'update', 'confirm', 'www', 'jp', 'japan', 'online', 'web', 'portal', 'id', 'my',
  'service', 'center', 'official', 'trade', 'trading', 'mail', 'info', 'app', 'net',
]);

/** Generic lure words only: securities words ("sec") are parts of broker labels themselves. */
function isKeyword(t: string): boolean {
  return GENERIC_KEYWORDS.has(t);
}

interface Token {
  /** Skeleton of the token (confusables folded). */
  sk: string;
  /** Raw (Unicode) token text. */
  raw: string;
  /** Index of the host label (dot-separated) the token belongs to. */
  label: number;
}

export interface HostShape {
  host: string;
  labels: string[];
  tokens: Token[];
  /** Tokens before the public suffix. */
  nameTokens: number;
  /** Index of the registrable label (the one just before the public suffix). */
  regLabel: number;
  /** The public suffix is a private one (pages.dev, github.io, translate.goog…). */
  hosting: boolean;
  suffix: string;
}

export function shapeOf(host: string, publicSuffix: string, isPrivate: boolean): HostShape {
  const labels = host.split('.');
  const suffixLabels = publicSuffix ? countDots(publicSuffix) + 1 : 0;
  const regLabel = labels.length - suffixLabels - 1;
  const tokens: Token[] = [];
  let nameTokens = 0;
  for (let i = 0; i < labels.length; i++) {
    const ascii = labels[i];
    const uni = ascii.startsWith('xn--') ? labelToUnicode(ascii) : ascii;
    if (uni.indexOf('-') < 0) {
      if (!uni) continue;
      tokens.push({ raw: uni, sk: skeleton(uni), label: i });
      if (i <= regLabel) nameTokens++;
      continue;
    }
    for (const raw of uni.split('-')) {
      if (!raw) continue;
      tokens.push({ raw, sk: skeleton(raw), label: i });
      if (i <= regLabel) nameTokens++;
    }
  }
  return { host, labels, tokens, nameTokens, regLabel, hosting: isPrivate, suffix: publicSuffix };
}

function countDots(s: string): number {
  let n = 0;
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) n++;
  return n;
}

/** At most one edit between a and b: 'sub' | 'ins' | 'del' | 'swap' and where, else null. */
export function oneEdit(a: string, b: string): { kind: 'sub' | 'ins' | 'del' | 'swap'; at: number } | null {
  if (a === b) return null;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return null;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return { kind: 'sub', at: i };
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return { kind: 'swap', at: i };
    return null;
  }
  if (la > lb) return a.slice(i + 1) === b.slice(i) ? { kind: 'ins', at: i } : null;
  return a.slice(i) === b.slice(i + 1) ? { kind: 'del', at: i } : null;
}

function stripSeparators(s: string): string {
  return s.replace(/[.-]/g, '');
}

/** The raw text of tokens [i, j] with their real separators. */
function rawRun(shape: HostShape, i: number, j: number): string {
  let s = shape.tokens[i].raw;
  for (let k = i + 1; k <= j; k++) s += (shape.tokens[k].label === shape.tokens[k - 1].label ? '-' : '.') + shape.tokens[k].raw;
  return s;
}

/** Tokens of the same host labels as the run, outside the run (the "rest" of a combo). */
function extrasOf(shape: HostShape, i: number, j: number): Token[] {
  const first = shape.tokens[i].label;
  const last = shape.tokens[j].label;
  return shape.tokens.filter((t, k) => (k < i || k > j) && t.label >= first && t.label <= last);
}

function positionReasons(shape: HostShape, i: number, j: number, extras: Token[]): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  const inRegistrable = shape.tokens[i].label === shape.regLabel;
  if (!inRegistrable) reasons.push('label-in-subdomain');
  else if (extras.length) reasons.push('combo-squat');
  else reasons.push('suffix-swap');
  if (shape.hosting) reasons.push('hosting-platform');
  return reasons;
}

function judgeLabel(shape: HostShape, ref: LabelRef, i: number, j: number, spelling: ReasonCode[]): Finding | null {
  const extras = extrasOf(shape, i, j);
  const reasons = [...spelling, ...positionReasons(shape, i, j, extras)];
  if (ref.strength === 'distinctive') {
    return { brand: ref.brand, severity: 'impostor', reasons, matched: ref.label };
  }
  // An ordinary word (surname, common noun): evidence, not proof.
  if (extras.some((t) => SECURITIES_KEYWORDS.has(t.sk))) {
    return { brand: ref.brand, severity: 'impostor', reasons, matched: ref.label };
  }
  if (extras.every((t) => GENERIC_KEYWORDS.has(t.sk) || /^\d+$/.test(t.sk))) {
    return { brand: ref.brand, severity: 'suspicious', reasons: ['brand-word', ...reasons], matched: ref.label };
  }
  return null;
}

function spellingOf(raw: string, label: string): ReasonCode[] {
  if (raw === label) return [];
  if (stripSeparators(raw) === stripSeparators(label)) return ['hyphen-dot-change'];
  return ['confusable-skeleton'];
}

const MAX_TOKENS = 64;
const TOKEN_FROM = new Int32Array(MAX_TOKENS);
const TOKEN_TO = new Int32Array(MAX_TOKENS);

/**
 * Can findLookalikes find anything in this host? A cheap, exact-superset precheck for plain
 * ASCII hosts (no "xn--" label): it walks the host's skeleton `sk` (per-character for ASCII,
 * so its dot/hyphen tokens are the skeletons of the host's tokens) and asks, by hash, the
 * questions findLookalikes asks of each run, token and pair — does a run of up to 5 tokens
 * spell a label or embeddable key, does a name token (or two adjacent ones) hit the typo
 * tables, may a name token have a label glued on — without building the shape, slicing a
 * string or allocating. False means no finding is possible; true means look properly.
 * `suffixLabels` = labels in the public suffix (name tokens are the ones before it).
 */
export function mayLookAlike(sk: string, suffixLabels: number, index: ListIndex): boolean {
  ensureLookalikeTables(index);
  const n = sk.length;
  let labels = 1;
  for (let i = 0; i < n; i++) if (sk.charCodeAt(i) === 46) labels++;
  const nameLabels = labels - suffixLabels; // labels 0 .. nameLabels-1 hold name tokens
  // Token boundaries, and how many tokens are name tokens.
  let count = 0;
  let names = 0;
  let label = 0;
  let from = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? sk.charCodeAt(i) : 46;
    if (c !== 46 && c !== 45) continue;
    if (i > from) {
      if (count === MAX_TOKENS) return true;
      TOKEN_FROM[count] = from;
      TOKEN_TO[count++] = i;
      if (label < nameLabels) names = count;
    }
    from = i + 1;
    if (c === 46) label++;
  }
  const keys = keyHashes(index);
  const min = index.minEditLength;
  for (let t = 0; t < count; t++) {
    const a = TOKEN_FROM[t];
    const b = TOKEN_TO[t];
    // Runs of 1–5 tokens spelling a label or embeddable key (findLookalikes steps 1 and 2).
    if (mayStartKeyAt(sk, a, b, index)) {
      let h = 0;
      let len = 0;
      for (let u = t; u < count && u < t + 5; u++) {
        h = extendHash(h, sk, TOKEN_FROM[u], TOKEN_TO[u]);
        len += TOKEN_TO[u] - TOKEN_FROM[u];
        if (len <= MAX_HASHED && keys.has(ends(len, h))) return true;
      }
    }
    if (t >= names) continue;
    // Typos and glued labels of a name token, and typos across two of them (step 3).
    const len = hashSpan(sk, a, b);
    if (len < 0) return true;
    if (len >= min - 1 && mayBeTypoHashed(len, index) && hasTypoCandidate(len, index)) return true;
    if (len > min && mayBeGlued(len, index)) return true;
    if (t + 1 < names) {
      const pair = hashSpan(sk, a, b, TOKEN_FROM[t + 1], TOKEN_TO[t + 1]);
      if (pair < 0 || (pair >= min - 1 && mayBeTypoHashed(pair, index) && hasTypoCandidate(pair, index))) return true;
    }
  }
  return false;
}

/**
 * Does the token whose hashes are current (length n) hit the typo tables at all? The lookups of
 * editMatches without the exact check: a hit may still be no typo (two edits that hash alike,
 * a first-letter substitution), never the other way round. Leaves the hashes in place.
 */
function hasTypoCandidate(n: number, index: ListIndex): boolean {
  const typo = index.typo;
  if (!typo) return true; // tables not built yet: the full lookup builds them
  if (typo.deletions.has(wholeKey(n))) return true;
  for (let i = 0; i < n; i++) {
    const d = ends(n - 1, deletionHash(n, i));
    if (typo.labels.has(d) || typo.deletions.has(d)) return true;
  }
  return false;
}

/**
 * All lookalike evidence for a host that is neither genuine nor a related/exempt domain.
 * Work is bounded by the host's token count (runs of ≤ 5 tokens), never by the list size.
 */
export function findLookalikes(shape: HostShape, index: ListIndex): Finding[] {
  ensureLookalikeTables(index);
  const found: Finding[] = [];
  const { tokens } = shape;
  const n = tokens.length;

  // 1. A genuine domain embedded, dotted, dashed or run together:
  //    www.sbisec.co.jp.x.top, www-sbisec-co-jp.translate.goog, sbiseccojp.example.
  for (let i = 0; i < n; i++) {
    if (!mayStartKey(tokens[i].sk, index)) continue; // no embeddable key starts like this token
    let joined = '';
    let h = 0;
    for (let j = i; j < n && j < i + 5; j++) {
      const sk = tokens[j].sk;
      joined += sk;
      h = extendHash(h, sk, 0, sk.length);
      const hit = embeddableOf(index, joined, 0, joined.length, h);
      if (hit) {
        const reasons: ReasonCode[] = ['embedded-domain'];
        if (shape.hosting) reasons.push('hosting-platform');
        found.push({ brand: hit.brand, severity: 'impostor', reasons, matched: hit.domain });
      }
    }
  }

  // 2. Broker labels and words, exact or confusable or with hyphens/dots moved.
  let exact: Set<string> | undefined; // label keys found exactly (rare: created on demand)
  for (let i = 0; i < shape.nameTokens; i++) {
    if (!mayStartKey(tokens[i].sk, index)) continue; // no label key starts like this token
    let joined = '';
    let h = 0;
    for (let j = i; j < shape.nameTokens && j < i + 3; j++) {
      const sk = tokens[j].sk;
      joined += sk;
      h = extendHash(h, sk, 0, sk.length);
      const refs = labelRefs(index, joined, 0, joined.length, h);
      if (!refs) continue;
      (exact ??= new Set()).add(joined);
      const raw = rawRun(shape, i, j);
      for (const ref of refs) {
        const f = judgeLabel(shape, ref, i, j, spellingOf(raw, ref.label));
        if (f) found.push(f);
      }
    }
  }

  // 3. One edit / adjacent swap (symmetric deletion lookup), and a distinctive label glued to
  //    lure characters inside one token ("sbisec2f9k", "wwwsbisec", "sbiseclogin").
  for (let i = 0; i < shape.nameTokens; i++) {
    const t = tokens[i].sk;
    if (!exact?.has(t)) {
      const hits = tokenHits(t, index);
      for (const { ref, kind } of hits.edits) {
        const f = judgeLabel(shape, ref, i, i, [kind === 'swap' ? 'adjacent-swap' : 'edit-distance']);
        if (f) found.push(f);
      }
      for (const ref of hits.glued) {
        const reasons: ReasonCode[] = ['combo-squat'];
        if (tokens[i].label !== shape.regLabel) reasons.push('label-in-subdomain');
        if (shape.hosting) reasons.push('hosting-platform');
        found.push({ brand: ref.brand, severity: 'impostor', reasons, matched: ref.label });
      }
    }
    // Typos across a hyphen ("sbi-secc", "rakuten-sek"). A generic keyword on either side
    // ("www-…", "…-login") makes it a combo, judged on the other token alone.
    const next = tokens[i + 1];
    if (next && i + 1 < shape.nameTokens && !isKeyword(t) && !isKeyword(next.sk) && t.length + next.sk.length >= index.minEditLength - 1 && mayBeTypo(t, next.sk, index)) {
      const joined = t + next.sk;
      if (!exact?.has(joined)) {
        for (const { ref, kind } of tokenHits(joined, index).edits) {
          const f = judgeLabel(shape, ref, i, i + 1, [kind === 'swap' ? 'adjacent-swap' : 'edit-distance']);
          if (f) found.push(f);
        }
      }
    }
  }
  return found;
}

/**
 * Can a + b (a token, or two tokens across a hyphen) be one edit away from some label?
 * Pigeonhole on its first / last characters (see ListIndex.typoHeads), without joining the
 * strings.
 */
function mayBeTypo(a: string, b: string, index: ListIndex): boolean {
  const n = hashEnds(a, b);
  return n < 0 || mayBeTypoHashed(n, index); // too long to hash: let the exact lookup decide
}

/** mayBeTypo for the token whose hashes are current (length n). */
function mayBeTypoHashed(n: number, index: ListIndex): boolean {
  for (let m = n - 1; m <= n + 1; m++) {
    if (!index.editLengths.has(m)) continue;
    if (index.typoHeads.has(headKey(m, typoHead(m))) || index.typoTails.has(tailKey(m, typoTail(m)))) return true;
  }
  return false;
}

const NO_REFS: LabelRef[] = [];
const NO_EDITS: TokenHits['edits'] = [];
const NO_HITS: TokenHits = { edits: NO_EDITS, glued: NO_REFS };

/**
 * Typo and glue matches of one token. The token is hashed once (hashEnds); the prefilters and
 * lookups below read those hashes, so most tokens cost a few Set probes and allocate nothing.
 */
export function tokenHits(token: string, index: ListIndex): TokenHits {
  ensureLookalikeTables(index);
  const n = hashEnds(token);
  if (n < 0) return NO_HITS; // longer than any DNS label
  const edits = n >= index.minEditLength - 1 && mayBeTypoHashed(n, index) ? editMatches(token, n, index) : NO_EDITS;
  const glued = n > index.minEditLength ? gluedLabels(token, n, index) : NO_REFS;
  return edits.length || glued.length ? { edits, glued } : NO_HITS;
}

/**
 * Labels one edit away from `key` (whose hashes are current, length n): symmetric deletion
 * lookups by hash, no string built.
 */
function editMatches(key: string, n: number, index: ListIndex): TokenHits['edits'] {
  const out: TokenHits['edits'] = [];
  const seen: LabelRef[] = []; // a handful at most: an array beats a Set here
  let typo = index.typo;
  if (!typo) {
    typo = typoTables(index); // first typo lookup: building the tables reuses the hash buffers
    hashEnds(key);
  }
  addDeletionEdits(key, typo.deletions, wholeKey(n), index, seen, out); // key lacks one character of a label
  for (let i = 0; i < n; i++) {
    const d = ends(n - 1, deletionHash(n, i));
    addLabelEdits(key, d, index, seen, out); // key has one extra character
    addDeletionEdits(key, typo.deletions, d, index, seen, out); // substitution or swap
  }
  return out;
}

/** Labels whose whole key hashes to `hash` (newest first). */
function addLabelEdits(key: string, hash: number, index: ListIndex, seen: LabelRef[], out: TokenHits['edits']): void {
  const table = index.labels;
  for (let i = table.end(hash) - 1, begin = table.begin(hash); i >= begin; i--) {
    if (table.keys[i] === hash) addEdit(key, index.labelList[table.values[i]], index, seen, out);
  }
}

/** Labels with a one-deletion variant that hashes to `hash` (newest first). */
function addDeletionEdits(key: string, deletions: HashRuns, hash: number, index: ListIndex, seen: LabelRef[], out: TokenHits['edits']): void {
  const labels = index.labelList;
  for (let i = deletions.end(hash) - 1, begin = deletions.begin(hash); i >= begin; i--) {
    if (deletions.keys[i] === hash) addEdit(key, labels[deletions.values[i]], index, seen, out);
  }
}

function addEdit(key: string, ref: LabelRef, index: ListIndex, seen: LabelRef[], out: TokenHits['edits']): void {
  if (ref.strength !== 'distinctive' || ref.length < index.minEditLength) return;
  for (const o of seen) if (o.brand === ref.brand && o.label === ref.label) return; // also a brand listed twice
  seen.push(ref);
  const edit = oneEdit(key, ref.key);
  if (!edit || (edit.kind === 'sub' && edit.at === 0)) return; // hank/tank: a different word
  out.push({ ref, kind: edit.kind });
}

/**
 * Is the rest of a glued token lure-like? A keyword ("sbiseclogin"), or random-looking with
 * digits ("sbisec2f9k", the masked "sbiisec****" shapes of 2025). Plain letters are not
 * enough: "clicksecret", "kabucommunity" are ordinary words.
 */
function lureRemainder(rest: string): boolean {
  return GENERIC_KEYWORDS.has(rest) || SECURITIES_KEYWORDS.has(rest) || /\d/.test(rest);
}

/** Distinctive labels (≥ MIN_EDIT_LENGTH) a token (hashes current, length n) starts or ends with, glued to a lure. */
function gluedLabels(token: string, n: number, index: ListIndex): LabelRef[] {
  let out: LabelRef[] | undefined;
  for (const len of index.labelLengths) {
    if (len >= n) break;
    // Whole-label hashes of the token's first and last `len` chars: a cut that matches no
    // label's hash cannot be one, so most tokens never slice.
    if (index.keys.has(headKey(len, len))) out = gluedCut(token.slice(0, len), token.slice(len), index, out);
    if (index.fullTails.has(tailKey(len, len))) out = gluedCut(token.slice(n - len), token.slice(0, n - len), index, out);
  }
  return out ?? NO_REFS;
}

/** gluedLabels' prefilter alone: may the token (hashes current, length n) start or end with a label? */
function mayBeGlued(n: number, index: ListIndex): boolean {
  for (const len of index.labelLengths) {
    if (len >= n) break;
    if (index.keys.has(headKey(len, len)) || index.fullTails.has(tailKey(len, len))) return true;
  }
  return false;
}

function gluedCut(part: string, rest: string, index: ListIndex, out: LabelRef[] | undefined): LabelRef[] | undefined {
  const refs = labelRefs(index, part);
  if (!refs || !lureRemainder(rest)) return out;
  for (const r of refs) if (r.strength === 'distinctive' && r.length >= index.minEditLength) (out ??= []).push(r);
  return out;
}
