import { describe, expect, it } from 'vitest';
import bundled from '../list/data/brokers.json';
import type { BrandEntry, ListDocument } from '../list/types';
import { buildIndex, classify } from './classify';
import { allLabelRefs, embeddableOf, ensureLookalikeTables, homographOf, labelRefs, MIN_EDIT_LENGTH, type LabelRef } from './list-index';
import { parse } from 'tldts';
import { findLookalikes, mayLookAlike, oneEdit, shapeOf, tokenHits } from './lookalike';
import { skeleton } from './skeleton';
import { generator } from '../../test/fixtures/random';

// The typo and glue lookups, the precheck that skips hosts with nothing to find, and the label,
// embeddable-domain and skeleton tables run on rolling hashes with prefilters and tables keyed
// by hash (lib/domain/list-index.ts). These tests compare them with a brute-force scan of every
// label, with Maps of strings built from the document alone, and with the full lookup, so a
// prefilter that drops a real match, a table that loses an entry, or a hash that stands for the
// wrong string, fails here.

const LETTERS = 'abcdefghijklnopqrstuvwxyz'; // no "m": its skeleton is "rn", so no host token holds it
const { r, pick, word } = generator(7, ['ka', 'ki', 'ku', 'ke', 'ko', 'sa', 'shi', 'su', 'se', 'so', 'ta', 'to', 'na', 'ni', 'no', 'ha', 'hi', 'ra', 'ri', 'wa']);

function listOf(n: number): ListDocument {
  const real = bundled as ListDocument;
  const brands: BrandEntry[] = [...real.brands];
  const seen = new Set(brands.map((b) => b.id));
  while (brands.length < n) {
    const label = `${word(4)}-${pick(['sec', 'shoken', 'kabu', 'trade'])}`;
    if (seen.has(label)) continue;
    seen.add(label);
    brands.push({ id: label, names: { ja: label, en: label }, hosts: [`www.${label}.co.jp`], loginUrl: `https://www.${label}.co.jp/`, confidence: 'high' });
  }
  return { ...real, brands };
}

function mutate(s: string): string {
  const c = [...s];
  const at = Math.floor(r() * c.length);
  const op = r();
  if (op < 0.25) c.splice(at, 1);
  else if (op < 0.5) c.splice(at, 0, pick([...LETTERS]));
  else if (op < 0.75) c[at] = pick([...LETTERS]);
  else if (at < c.length - 1) [c[at], c[at + 1]] = [c[at + 1], c[at]];
  return c.join('');
}

const doc = listOf(400);
const index = buildIndex(doc);
ensureLookalikeTables(index);
const typoLabels: LabelRef[] = allLabelRefs(index).filter((ref) => ref.strength === 'distinctive' && ref.length >= MIN_EDIT_LENGTH);

/** What the lookups must find, by scanning every label. */
function bruteForce(token: string): { edits: string[]; glued: string[] } {
  const edits = new Set<string>();
  const glued = new Set<string>();
  for (const ref of typoLabels) {
    const e = oneEdit(token, ref.key);
    if (e && !(e.kind === 'sub' && e.at === 0)) edits.add(`${ref.brand.id}:${ref.label}`);
    if (token.length > ref.key.length && token.length > MIN_EDIT_LENGTH) {
      const lure = (rest: string) => /\d/.test(rest) || rest === 'login' || rest === 'sec';
      if (token.startsWith(ref.key) && lure(token.slice(ref.key.length))) glued.add(`${ref.brand.id}:${ref.label}`);
      if (token.endsWith(ref.key) && lure(token.slice(0, -ref.key.length))) glued.add(`${ref.brand.id}:${ref.label}`);
    }
  }
  return { edits: [...edits].sort(), glued: [...glued].sort() };
}

function found(token: string): { edits: string[]; glued: string[] } {
  const hits = tokenHits(token, index);
  return {
    edits: [...new Set(hits.edits.map((e) => `${e.ref.brand.id}:${e.ref.label}`))].sort(),
    glued: [...new Set(hits.glued.map((g) => `${g.brand.id}:${g.label}`))].sort(),
  };
}

describe('typo and glue lookups by hash', () => {
  it('find exactly the labels a brute-force scan finds, for one-edit variants of every kind', () => {
    let withEdits = 0;
    for (let i = 0; i < 3000; i++) {
      const token = mutate(pick(typoLabels).key);
      const want = bruteForce(token);
      if (want.edits.length) withEdits++;
      expect(found(token).edits, token).toEqual(want.edits);
    }
    expect(withEdits).toBeGreaterThan(2000); // the stream really is made of typos
  });

  it('find nothing a brute-force scan does not find, for random words', () => {
    for (let i = 0; i < 3000; i++) {
      const token = word(5 + Math.floor(r() * 6));
      expect(found(token).edits, token).toEqual(bruteForce(token).edits);
    }
  });

  it('find labels glued to digits or lure words, at either end', () => {
    for (let i = 0; i < 1000; i++) {
      const key = pick(typoLabels).key;
      const lure = pick(['login', '2f9k', '7', 'sec']);
      const token = r() < 0.5 ? key + lure : lure + key;
      const want = bruteForce(token).glued;
      expect(want.length).toBeGreaterThan(0);
      expect(found(token).glued, token).toEqual(expect.arrayContaining(want));
    }
  });

  it('give the same verdict on a fresh index (tables built on first use) as on a used one', () => {
    const hosts = ['rakutensec7.com', 'rakutensec1.com', 'sbisec2f9k.top', 'rakuten-secc.com', 'wwwsbisec.net', 'sbiisec-login.com', 'matsui-secc.jp', 'monexx.co.jp'];
    for (const host of hosts) {
      const fresh = buildIndex(doc);
      expect(classify(host, fresh), host).toEqual(classify(host, index));
    }
    // One extra character that is also a digit glued on: both lookups must see it, on first use too.
    const first = classify('rakutensec7.com', buildIndex(doc));
    expect(first).toMatchObject({ kind: 'impostor', brand: 'rakuten-sec', reasons: expect.arrayContaining(['edit-distance', 'combo-squat']) });
  });
});

describe('the precheck that skips hosts with nothing to find (mayLookAlike)', () => {
  const domains = doc.brands.flatMap((b) => b.hosts.map((h) => h.replace(/^\*\./, '')));
  const keys = typoLabels.map((ref) => ref.label);
  const tlds = ['com', 'co.jp', 'jp', 'net', 'top', 'shop', 'pages.dev', 'web.app', 'github.io'];
  const shapes: (() => string)[] = [
    () => `${word(5)}.${pick(tlds)}`,
    () => `${pick(['www', 'cdn', 'api', 'mail'])}.${word(4)}-${word(3)}.${pick(tlds)}`,
    () => `${pick(keys)}.${pick(tlds)}`,
    () => `${mutate(pick(keys))}.${pick(tlds)}`,
    () => `${pick(keys)}-${pick(['login', 'secure', 'jp', word(3)])}.${pick(tlds)}`,
    () => `${pick(keys)}${pick(['login', '7', 'x9k'])}.${pick(tlds)}`,
    () => `${pick(domains)}.${word(4)}.${pick(tlds)}`,
    () => `${pick(domains).replace(/\./g, '-')}.${pick(tlds)}`,
    () => `${pick(keys)}.${word(5)}.${pick(tlds)}`,
    () => {
      const k = pick(keys).replace(/-/g, '');
      const at = 2 + Math.floor(r() * (k.length - 3));
      return `${mutate(k.slice(0, at))}-${k.slice(at)}.${pick(tlds)}`; // a typo across a hyphen
    },
    () => `${word(3)}${pick(['m', '0', '1'])}${word(3)}.${pick(tlds)}`,
  ];

  it('never says "nothing to find" for a host in which the full lookup finds something', () => {
    let skipped = 0;
    let withFindings = 0;
    for (let i = 0; i < 20000; i++) {
      const host = pick(shapes)();
      const p = parse(host, { allowPrivateDomains: true });
      if (!p.domain || !p.publicSuffix) continue;
      const findings = findLookalikes(shapeOf(host, p.publicSuffix, p.isPrivate === true), index);
      if (findings.length) withFindings++;
      if (!mayLookAlike(skeleton(host), p.publicSuffix.split('.').length, index)) {
        skipped++;
        expect(findings, host).toEqual([]);
      }
    }
    // The precheck must also be worth having: most ordinary hosts are skipped.
    expect(withFindings).toBeGreaterThan(5000);
    expect(skipped).toBeGreaterThan(3000);
  });
});

describe('label, embeddable-domain and skeleton tables by hash (labelRefs, embeddableOf, homographOf)', () => {
  // A list that exercises every path of the tables: labels and words, skeleton folding ("m",
  // "0", "1", upper case, Cyrillic), shared group domains, several hosts per domain, the same
  // label for two brands (one key, two labels) and a label that differs only by a hyphen.
  const brands: BrandEntry[] = [...(bundled as ListDocument).brands];
  const seen = new Set(brands.map((b) => b.id));
  while (brands.length < 600) {
    const base = `${word(3)}${pick(['m', '0', '1', '', '', ''])}${word(2)}`;
    const id = `${base}-${pick(['sec', 'shoken', 'kabu'])}`;
    if (seen.has(id) || !/^[a-z0-9][a-z0-9-]*$/.test(id)) continue;
    seen.add(id);
    const hosts = [`www.${id}.co.jp`, ...(r() < 0.4 ? [`login.${id}.co.jp`, `*.trade.${id}.${pick(['com', 'io', 'co.uk', 'net', 'info', 'jp'])}`] : []), ...(r() < 0.1 ? [`${id}.mufg.jp`] : []), ...(r() < 0.2 ? [`members-area.mypage.${id}.co.jp`] : [])]; // long skeletons too
    // Another brand's domain with its hyphen dropped: two domains, one key (the last one counts).
    if (r() < 0.1 && brands.length > 20) hosts.push(`www.${brands[brands.length - 1].id.replace(/-/g, '')}.co.jp`);
    const extra: Partial<BrandEntry> = {};
    if (r() < 0.3) extra.labels = [pick([base, id.replace('-', ''), `${base.toUpperCase()}x`, 'ѕbіsес'])];
    if (r() < 0.3) extra.words = [pick([word(5), 'nomura', base])];
    brands.push({ id, names: { ja: id, en: id }, hosts, loginUrl: `https://${hosts[0]}/`, confidence: 'high', ...extra });
  }
  const doc: ListDocument = { ...(bundled as ListDocument), brands };
  const index = buildIndex(structuredClone(doc));
  const key = (s: string) => skeleton(s).replace(/[.-]/g, '');

  // What the tables must hold, from the document alone, as Maps of strings (what the index
  // kept before it was keyed by hash): label key → labels in order, embeddable key → the last
  // domain added, genuine skeleton → the last brand added.
  const labels = new Map<string, string[]>();
  const embeddable = new Map<string, string>();
  const skeletons = new Map<string, string>();
  const related = new Set(doc.brands.flatMap((b) => b.related ?? []));
  const exempt = new Set(doc.exempt ?? []);
  const addLabel = (b: BrandEntry, label: string, strength: string) => {
    const list = labels.get(key(label)) ?? [];
    const entry = `${b.id} ${label} ${strength}`;
    if (!list.some((e) => e.startsWith(`${b.id} ${label} `))) labels.set(key(label), [...list, entry]);
  };
  for (const b of doc.brands) {
    let last = '';
    for (const h of b.hosts) {
      const host = h.replace(/^\*\./, '');
      if (skeleton(host) !== host) skeletons.set(skeleton(host), b.id);
      const domain = parse(host, { allowPrivateDomains: true }).domain!;
      if (related.has(domain) || exempt.has(domain)) {
        const part = host.replace(/^www\./, '');
        skeletons.set(skeleton(part), b.id);
        embeddable.set(key(part), `${b.id} ${part}`);
      } else if (domain !== last) {
        last = domain;
        if (skeleton(domain) !== domain) skeletons.set(skeleton(domain), b.id);
        embeddable.set(key(domain), `${b.id} ${domain}`);
        const derived = domain.slice(0, domain.indexOf('.'));
        if (!(b.words ?? []).includes(derived)) addLabel(b, derived, 'distinctive');
      }
    }
    for (const l of b.labels ?? []) addLabel(b, l, 'distinctive');
    for (const w of b.words ?? []) addLabel(b, w, 'word');
  }
  const found = (k: string) => labelRefs(index, k)?.map((ref) => `${ref.brand.id} ${ref.label} ${ref.strength}`);

  it('find every label under its key, in the order added, and nothing else', () => {
    expect(labels.size).toBeGreaterThan(700);
    expect([...labels.values()].some((l) => l.length > 1)).toBe(true); // shared keys are covered
    for (const [k, want] of labels) expect(found(k), k).toEqual(want);
    for (let i = 0; i < 5000; i++) {
      const k = mutate(pick([...labels.keys()]));
      expect(found(k), k).toEqual(labels.get(k));
    }
    // A key found inside a longer string (a run of tokens) by its offsets.
    const [k] = labels.keys();
    expect(labelRefs(index, `xx${k}yy`, 2, 2 + k.length)?.length).toBe(labels.get(k)!.length);
  });

  it('find every embeddable domain under its key (the last one added), and nothing else', () => {
    const look = (k: string) => {
      const hit = embeddableOf(index, k);
      return hit && `${hit.brand.id} ${hit.domain}`;
    };
    expect(embeddable.size).toBeGreaterThan(600);
    expect(doc.brands.some((b) => b.hosts.some((h) => h.startsWith('www.') && !h.includes('-')))).toBe(true);
    for (const [k, want] of embeddable) expect(look(k), k).toBe(want);
    for (let i = 0; i < 5000; i++) {
      const k = mutate(pick([...embeddable.keys()]));
      expect(look(k), k).toBe(embeddable.get(k));
    }
  });

  it('find every genuine skeleton that is not its own string, and nothing else', () => {
    expect(skeletons.size).toBeGreaterThan(100);
    for (const [sk, want] of skeletons) expect(homographOf(sk, sk, index)?.id, sk).toBe(want);
    for (let i = 0; i < 5000; i++) {
      const sk = mutate(pick([...skeletons.keys()]));
      expect(homographOf(sk, sk, index)?.id, sk).toBe(skeletons.get(sk));
    }
  });

  it('hold each label of a brand listed twice once', () => {
    const twice = buildIndex({ ...doc, brands: [...doc.brands, doc.brands[0]] });
    const ids = (ix: typeof index) => labelRefs(ix, 'sbisec')?.map((ref) => ref.brand.id);
    expect(ids(twice)?.filter((id) => id === 'sbi')).toEqual(['sbi']);
    expect(ids(twice)).toEqual(ids(index));
    expect(classify('https://sbisec-login.com/', twice)).toEqual(classify('https://sbisec-login.com/', buildIndex(doc)));
  });
});
