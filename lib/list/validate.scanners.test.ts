import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/random';
import { StringTable, rawHash } from '../domain/string-table';
import { dnsNameLastLabel, hostMatches } from './hosts';
import type { ListDocument } from './types';
import { BRAND_ID, brandIdHashed, hashHost, validateListDocument } from './validate';
import { listDoc } from '../../test/fixtures/lists/make';

// Validation checks ids and hosts with hand-written scanners that also hash them (lib/list/validate.ts):
// these pin that each accepts exactly what the rule it replaces accepts.

function randomStrings(seed: number, alphabet: string, count: number, maxLength: number): string[] {
  const r = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(r() * maxLength);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(r() * alphabet.length)];
    out.push(s);
  }
  return out;
}

describe('validation scanners', () => {
  it('hashHost finds the last label exactly where dnsNameLastLabel does, on random and edge-case hosts', () => {
    const edges = ['a.b', 'a', '', '.', 'a.', '.a', 'a..b', '-a.b', 'a-.b', 'a.-b', 'a.b-', 'a-b.c-d', `${'a'.repeat(63)}.jp`, `${'a'.repeat(64)}.jp`, `x.${'b'.repeat(63)}`, `x.${'b'.repeat(64)}`, 'www.sbisec.co.jp', 'A.jp', 'a_b.jp', 'a.b.c.d.e.f.g', '1.2.3.4'];
    const hosts = [...edges, ...randomStrings(1, 'ab0-.', 20_000, 12), ...randomStrings(2, 'abcxyz019-._A*é', 20_000, 30)];
    for (const h of hosts) expect(hashHost(h), h).toBe(dnsNameLastLabel(h));
  });

  it('brandIdHashed accepts exactly what BRAND_ID matches', () => {
    const ids = ['a', '-', '-a', 'a-', '0', 'a'.repeat(64), 'a'.repeat(65), 'sbi', 'rakuten-sec', 'A', 'a_b', 'a b', 'a\n', '', ...randomStrings(3, 'az09-_A.\n', 20_000, 70), ...randomStrings(4, 'ab-', 5_000, 6)];
    for (const id of ids) expect(brandIdHashed(id), JSON.stringify(id)).toBe(BRAND_ID.test(id));
  });

  it('StringTable: a key set with the raw hash a scan computed is found by an ordinary lookup', () => {
    const table = new StringTable<number>(4);
    const keys = randomStrings(5, 'abc.-0', 3_000, 20);
    keys.forEach((k, i) => table.setHashed(k, rawHash(k), i));
    const map = new Map(keys.map((k, i) => [k, i]));
    for (const k of keys) expect(table.get(k)).toBe(map.get(k));
    expect(table.size).toBe(map.size);
    // A wrong hash is not found by lookups (what the tests of the index rely on to catch a bad one).
    table.setHashed('stray.example', rawHash('stray.example') ^ 1, -1);
    expect(table.has('stray.example')).toBe(false);
  });

  it('the loginUrl shortcut agrees with the URL parser on which URLs are on the brand\'s hosts', () => {
    const r = seededRandom(6);
    // xn--a.jp: a DNS name whose punycode the URL parser refuses ("is not a URL").
    const patterns = ['www.alpha-sec.co.jp', '*.alpha-sec.co.jp', '*.sc.alpha.jp', 'alpha.jp', 'x.alpha.jp', 'xn--a.jp', '*.xn--a.jp'];
    const hostsOf = ['www.alpha-sec.co.jp', 'alpha-sec.co.jp', 'a.alpha-sec.co.jp', 'xalpha-sec.co.jp', 'sc.alpha.jp', 'x.sc.alpha.jp', 'xsc.alpha.jp', 'alpha.jp', 'x.alpha.jp', 'y.x.alpha.jp', 'www.alpha-sec.co.j', 'ww.alpha-sec.co.jp', 'xn--lpha-sec.co.jp', 'xn--a.jp', 'x.xn--a.jp'];
    const tails = ['', '/', '/login?x=1', '?a', '#b', ':443/', '@evil.jp/', '.'];
    for (let i = 0; i < 600; i++) {
      const hosts = patterns.filter(() => r() < 0.4);
      if (!hosts.length) continue;
      const host = hostsOf[Math.floor(r() * hostsOf.length)];
      const url = `https://${host}${tails[Math.floor(r() * tails.length)]}`;
      const d = listDoc() as ListDocument;
      d.brands = [{ ...d.brands[0], hosts, loginUrl: url }];
      const problems = validateListDocument(d).problems;
      // The reference: the URL parser's reading of the same URL, as the full check does.
      let expected: string | undefined;
      let u: URL | undefined;
      try {
        u = new URL(url);
      } catch {
        expected = `"${url}" is not a URL`;
      }
      if (u && (u.port || u.username)) expected = 'must not carry credentials or a port';
      else if (u && !hosts.some((h) => hostMatches(h, u.hostname))) expected = `host "${u.hostname}" is not one of the brand's hosts`;
      expect(problems, `${url} on ${hosts.join(' ')}`).toEqual(expected ? [`$.brands[0] (alpha).loginUrl: ${expected}`] : []);
    }
  });
});
