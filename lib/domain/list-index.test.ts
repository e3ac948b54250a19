import { describe, expect, it } from 'vitest';
import bundled from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { validateListDocument } from '../list/validate';
import { buildIndex, classify } from './classify';
import { allDomainSkeletons, allEmbeddable, allLabelRefs, ensureLookalikeTables, hashEnds, headKey, homographOf, keyHashes, keyPrefixes, MIN_EDIT_LENGTH, ownSkeleton, tailKey, typoHead, typoTail, wholeKey, type LabelRef, type ListIndex } from './list-index';
import { seededRandom } from '../../test/fixtures/random';
import { skeleton } from './skeleton';

const doc = bundled as unknown as ListDocument;

/** Label refs grouped by key, keys in the order first added. */
function labelsByKey(index: ListIndex): Map<string, LabelRef[]> {
  const out = new Map<string, LabelRef[]>();
  for (const ref of allLabelRefs(index)) out.set(ref.key, [...(out.get(ref.key) ?? []), ref]);
  return out;
}

/** The index's tables by brand id, comparable across documents that are copies of each other. */
function tables(index: ListIndex) {
  ensureLookalikeTables(index);
  const ids = (m: Iterable<[string, { id: string }]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.id]).sort());
  return {
    hosts: ids(index.hosts),
    subtrees: ids(index.subtrees),
    brandDomains: ids(index.brandDomains),
    embeddable: Object.fromEntries([...allEmbeddable(index)].map(([k, v]) => [k, `${v.brand.id} ${v.domain}`]).sort()),
    labels: Object.fromEntries([...labelsByKey(index)].map(([k, refs]) => [k, refs.map((r) => `${r.brand.id} ${r.label} ${r.strength}`)]).sort()),
    skeletons: ids(allDomainSkeletons(index)),
  };
}

describe('buildIndex', () => {
  it('takes over what validation learnt about the hosts, and ends up with the same index as from scratch', () => {
    const validated = structuredClone(doc);
    expect(validateListDocument(validated).problems).toEqual([]);
    const fromValidation = buildIndex(validated);
    const fromScratch = buildIndex(structuredClone(doc));
    expect(fromValidation.hosts.size).toBeGreaterThan(20);
    expect(fromValidation.subtrees.size).toBeGreaterThan(0);
    expect(tables(fromValidation)).toEqual(tables(fromScratch));
    for (const url of ['https://www.sbisec.co.jp/', 'https://x.sc.mufg.jp/', 'https://sbisec.co.jp.x.top/', 'https://rakuten-sec.net/', 'https://www.nomura-re.co.jp/']) {
      expect(classify(url, fromValidation), url).toEqual(classify(url, fromScratch));
    }
  });

  it('derives the label of each registrable domain alike with and without validation: listed as a label or a word, a word one character short, or not listed', () => {
    const brand = (id: string, host: string, extra: Partial<ListDocument['brands'][number]>) => ({ id, names: { ja: id, en: id }, hosts: [host], loginUrl: `https://${host}/`, confidence: 'low' as const, ...extra });
    const validated = structuredClone(doc);
    validated.brands.push(
      brand('x-label', 'www.alpha-sec.co.jp', { labels: ['alpha-sec'] }),
      brand('x-word', 'bravo.jp', { words: ['bravo'] }),
      brand('x-near', 'charlie-shoken.com', { words: ['charlie'], labels: ['charlie-shokenx'] }),
      brand('x-none', 'www.delta.co.jp', {}),
      brand('x-second', 'echo.co.jp', { labels: ['foxtrot', 'echo'] }),
      brand('x-short', 'hotels.jp', { words: ['hotel'], labels: ['hotel'] }),
      brand('x-fold', 'login.mike0.co.jp', { labels: ['mike0'], words: ['mike'] }),
    );
    expect(validateListDocument(validated).problems).toEqual([]);
    const fromValidation = buildIndex(validated);
    const fromScratch = buildIndex(structuredClone(validated));
    ensureLookalikeTables(fromValidation);
    ensureLookalikeTables(fromScratch);
    const labels = (index: ListIndex) => index.labelList.map((r) => `${r.brand.id} ${r.label} ${r.strength} ${r.length}`);
    expect(labels(fromValidation)).toEqual(labels(fromScratch));
    expect(labels(fromValidation)).toContain('x-short hotels distinctive 6');
    expect(labels(fromValidation)).not.toContain('x-word bravo distinctive 5');
  });

  it('finds every host and owned domain it took over from validation (their hashes came from the validation scan)', () => {
    const validated = structuredClone(doc);
    // Hosts that are their own registrable domain, deep hosts, subtrees, .com and .jp suffixes.
    validated.brands.push(
      { id: 'x-apex', names: { ja: 'x', en: 'x' }, hosts: ['xapex-sec.co.jp', 'a.b.c.xapex-sec.co.jp'], loginUrl: 'https://xapex-sec.co.jp/', confidence: 'low' },
      { id: 'x-deep', names: { ja: 'x', en: 'x' }, hosts: ['login.trade.xdeep.com', '*.sub.xdeep.jp'], loginUrl: 'https://login.trade.xdeep.com/', confidence: 'low' },
    );
    expect(validateListDocument(validated).problems).toEqual([]);
    const index = buildIndex(validated);
    const scratch = buildIndex(structuredClone(validated));
    expect(index.brandDomains.size).toBeGreaterThan(10);
    for (const [host, brand] of scratch.hosts) expect(index.hosts.get(host)?.id, host).toBe(brand.id);
    for (const [domain, brand] of scratch.brandDomains) expect(index.brandDomains.get(domain)?.id, domain).toBe(brand.id);
    expect(index.brandDomains.get('xdeep.com')?.id).toBe('x-deep');
    expect(index.brandDomains.get('xdeep.jp')?.id).toBe('x-deep');
    expect(index.brandDomains.get('xapex-sec.co.jp')?.id).toBe('x-apex');
  });

  it('uses the validation facts once: a second index of the same document is built from scratch, the same', () => {
    const validated = structuredClone(doc);
    validateListDocument(validated);
    const first = buildIndex(validated);
    const second = buildIndex(validated);
    expect(second.hosts).not.toBe(first.hosts);
    expect(tables(second)).toEqual(tables(first));
  });

  it('takes nothing from a validation that found problems', () => {
    const bad = structuredClone(doc);
    bad.brands[0].hosts.push('co.jp'); // a public suffix
    expect(validateListDocument(bad).problems.length).toBeGreaterThan(0);
    bad.brands[0].hosts.pop();
    expect(tables(buildIndex(bad))).toEqual(tables(buildIndex(structuredClone(doc))));
  });
});

describe('homographOf', () => {
  const index = buildIndex(structuredClone(doc));
  it('finds genuine strings whose skeleton differs from them, also for a visited string that is its own skeleton', () => {
    // "rn" for "m": rnonex.co.jp has no confusable letter itself, but is monex.co.jp's skeleton.
    expect(skeleton('rnonex.co.jp')).toBe('rnonex.co.jp');
    expect(homographOf('rnonex.co.jp', 'rnonex.co.jp', index)?.id).toBe('monex');
    expect(homographOf(skeleton('www.rnatsui.co.jp'), 'www.rnatsui.co.jp', index)?.id).toBe('matsui');
  });
  it('finds genuine strings that are their own skeleton when the visited string differs from its skeleton', () => {
    const cyrillic = 'www.\u0455bisec.co.jp'; // Cyrillic dze for "s"
    expect(skeleton(cyrillic)).toBe('www.sbisec.co.jp');
    expect(homographOf(skeleton(cyrillic), cyrillic, index)?.id).toBe('sbi');
  });
  it('finds nothing for ordinary hosts', () => {
    expect(homographOf('example.com', 'example.com', index)).toBeUndefined();
    expect(homographOf('www.sbisec.co.jp.evil', 'www.sbisec.co.jp.evil', index)).toBeUndefined();
  });
});

describe('ownSkeleton', () => {
  it('accepts exactly the strings /^[a-ln-z2-9.-]*$/ matches (hosts whose skeleton is themselves)', () => {
    const r = seededRandom(9);
    const alphabet = 'abklmnoz0129.-_A\u0430é';
    const strings = ['', 'www.sbisec.co.jp', 'monex.co.jp', 'a1.jp', 'a0.jp', 'l.jp', 'n.jp'];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      for (let n = Math.floor(r() * 12); n > 0; n--) s += alphabet[Math.floor(r() * alphabet.length)];
      strings.push(s);
    }
    for (const s of strings) expect(ownSkeleton(s), s).toBe(/^[a-ln-z2-9.-]*$/.test(s));
  });
});

describe('lookalike prefilters', () => {
  it('hold every label and embeddable key, its prefixes and its one-edit ends, also past their size cap (4,000 brands)', () => {
    const big = structuredClone(doc);
    const r = seededRandom(4000);
    const syllables = ['ka', 'mi', 'so', 'ra', 'to', 'ne', 'ru', 'ho', 'ki', 'ma', 'no', 'shi'];
    for (let i = 0; big.brands.length < 4000; i++) {
      let w = '';
      for (let k = 0; k < 3 + Math.floor(r() * 3); k++) w += syllables[Math.floor(r() * syllables.length)];
      const label = `${w}${i.toString(36)}-sec`;
      big.brands.push({ id: `g${i}`, names: { ja: label, en: label }, hosts: [`www.${label}.co.jp`], loginUrl: `https://www.${label}.co.jp/`, labels: r() < 0.5 ? [label] : undefined, words: r() < 0.2 ? [w] : undefined, confidence: 'low' });
    }
    expect(validateListDocument(big).problems).toEqual([]);
    const index = buildIndex(big);
    ensureLookalikeTables(index);
    const keys = keyHashes(index);
    const prefixes = keyPrefixes(index);
    let checked = 0;
    const check = (key: string, typo: boolean) => {
      const n = hashEnds(key);
      expect(keys.has(wholeKey(n)), key).toBe(true);
      for (let p = 1; p <= Math.min(n, 8); p++) expect(prefixes.has(headKey(p, p)), `${key} ${p}`).toBe(true);
      if (typo) {
        expect(index.typoHeads.has(headKey(n, typoHead(n))), key).toBe(true);
        expect(index.typoTails.has(tailKey(n, typoTail(n))), key).toBe(true);
        expect(index.fullTails.has(tailKey(n, n)), key).toBe(true);
      }
      checked++;
    };
    for (const key of allEmbeddable(index).keys()) check(key, false);
    for (const ref of allLabelRefs(index)) check(ref.key, ref.strength === 'distinctive' && ref.length >= MIN_EDIT_LENGTH);
    expect(checked).toBeGreaterThan(8000);
  });
});
