import { describe, expect, it } from 'vitest';
import { acceptSignedList, MAX_LIST_BYTES } from './accept';
import { canonicalJson, signedBytes } from './canonical';
import { ListError } from './errors';
import { formatSignedList, signList } from './sign';
import { brand, listDoc, manyBrands, NOW, otherKey, signedText, TEST_PRIVATE, TEST_PUBLIC } from '../../test/fixtures/lists/make';

const keys = [TEST_PUBLIC];
const opts = { keys, now: NOW, currentVersion: 5 };

async function refused(text: string, o: Partial<Parameters<typeof acceptSignedList>[1]> = {}): Promise<ListError> {
  try {
    await acceptSignedList(text, { ...opts, ...o });
  } catch (e) {
    if (e instanceof ListError) return e;
    throw e;
  }
  throw new Error('list was accepted');
}

/** Flips one bit of the byte at `index` in the text's UTF-8 form. */
function flipBit(text: string, index: number, bit = 0): string {
  const bytes = new TextEncoder().encode(text);
  bytes[index] ^= 1 << bit;
  return new TextDecoder().decode(bytes);
}

describe('canonical bytes', () => {
  it('sorts keys, drops whitespace, keeps array order, and prefixes the context', () => {
    expect(canonicalJson({ b: [2, 1], a: { d: 'x', c: null } })).toBe('{"a":{"c":null,"d":"x"},"b":[2,1]}');
    const bytes = new TextDecoder().decode(signedBytes({ z: 1 }));
    expect(bytes).toBe('shoken-guard-list/v1\u0000{"z":1}');
  });
  it('gives the same bytes for the same document whatever its key order or spacing', () => {
    const a = JSON.parse('{"version": 3, "brands": [ {"id":"x","hosts":["a.co.jp"]} ]}');
    const b = JSON.parse('{"brands":[{"hosts":["a.co.jp"],"id":"x"}],"version":3}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe('acceptSignedList accepts', () => {
  it('a list signed by a trusted key, above the current version, issued in the past', async () => {
    const r = await acceptSignedList(await signedText(listDoc()), opts);
    expect(r.doc.version).toBe(10);
    expect(r.keyIds).toEqual(['test-only-list-key-1']);
    expect(r.stale).toBe(false);
  });
  it('an expired list, marked stale (still better than nothing)', async () => {
    const r = await acceptSignedList(await signedText(listDoc({ expires: '2026-11-30T12:00:00Z' })), opts);
    expect(r.stale).toBe(true);
  });
  it('a reformatted file (signature covers the parsed document, not the whitespace)', async () => {
    const text = await signedText(listDoc());
    const r = await acceptSignedList(JSON.stringify(JSON.parse(text)), opts);
    expect(r.doc.brands).toHaveLength(2);
  });
  it('a file whose keys are not in canonical order (verified over the canonical form)', async () => {
    const env = JSON.parse(await signedText(listDoc()));
    const list: Record<string, unknown> = Object.fromEntries(Object.entries(env.list).reverse());
    list.brands = (list.brands as object[]).map((b) => Object.fromEntries(Object.entries(b).reverse()));
    const reordered = { signatures: env.signatures, list };
    expect(JSON.stringify(reordered.list)).not.toBe(canonicalJson(env.list));
    expect((await acceptSignedList(JSON.stringify(reordered), opts)).doc.version).toBe(10);
  });
  it('a list signed by an old and a new key when only one is trusted (rotation)', async () => {
    const { privateFile } = await otherKey('test-only-next');
    const text = formatSignedList(await signList(listDoc(), [privateFile, TEST_PRIVATE]));
    expect((await acceptSignedList(text, opts)).keyIds).toEqual(['test-only-list-key-1']);
  });
  it('an Ed25519-signed list under an Ed25519 key', async () => {
    const { privateFile, publicKey } = await otherKey('test-only-ed', 'Ed25519');
    const r = await acceptSignedList(await signedText(listDoc(), [privateFile]), { ...opts, keys: [publicKey] });
    expect(r.keyIds).toEqual(['test-only-ed']);
  });
  it('an issue time slightly ahead of the local clock (skew)', async () => {
    const r = await acceptSignedList(await signedText(listDoc({ issued: new Date(NOW + 5 * 60_000).toISOString().replace('.000', '') })), opts);
    expect(r.doc.version).toBe(10);
  });
});

describe('acceptSignedList refuses, each with its own error', () => {
  it('not JSON', async () => {
    const e = await refused('this is <html> not json');
    expect(e.code).toBe('not-json');
  });
  it('a truncated file', async () => {
    const text = await signedText(listDoc());
    const e = await refused(text.slice(0, Math.floor(text.length * 0.7)));
    expect(e.code).toBe('not-json');
    expect(e.message).toMatch(/truncated/);
  });
  it('an unsigned list', async () => {
    const e = await refused(JSON.stringify(listDoc()));
    expect(e.code).toBe('envelope');
    expect(e.message).toMatch(/npm run list -- sign/);
  });
  it('an unknown algorithm', async () => {
    const env = JSON.parse(await signedText(listDoc()));
    env.signatures[0].algorithm = 'RSA-PSS';
    env.signatures[0].keyId = 'someone-else';
    expect((await refused(JSON.stringify(env))).code).toBe('unknown-algorithm');
  });
  it('an algorithm that does not match the trusted key', async () => {
    const env = JSON.parse(await signedText(listDoc()));
    env.signatures[0].algorithm = 'Ed25519';
    expect((await refused(JSON.stringify(env))).code).toBe('algorithm-mismatch');
  });
  it('a list signed by a key this build does not trust (wrong key)', async () => {
    const { privateFile } = await otherKey('test-only-stranger');
    const e = await refused(await signedText(listDoc(), [privateFile]));
    expect(e.code).toBe('unknown-key');
    expect(e.message).toContain('test-only-stranger');
  });
  it('a signature by another key that claims the trusted key id', async () => {
    const { privateFile } = await otherKey(TEST_PRIVATE.keyId);
    expect((await refused(await signedText(listDoc(), [privateFile]))).code).toBe('bad-signature');
  });
  it('one flipped bit in the body (a host name changed)', async () => {
    const text = await signedText(listDoc());
    const at = new TextEncoder().encode(text.slice(0, text.indexOf('www.alpha-sec'))).length + 4;
    const tampered = flipBit(text, at, 1); // 'a' → 'c'
    expect(tampered).toContain('www.clpha-sec.co.jp');
    const e = await refused(tampered);
    expect(e.code).toBe('bad-signature');
  });
  it('one flipped bit in the version number', async () => {
    const text = await signedText(listDoc({ version: 10 }));
    const at = text.indexOf('"version": 10') + '"version": '.length + 1; // "10" → "11"
    expect((await refused(flipBit(text, at, 0))).code).toBe('bad-signature');
  });
  it('one flipped bit in the signature', async () => {
    const env = JSON.parse(await signedText(listDoc()));
    const sig = Uint8Array.from(atob(env.signatures[0].signature), (c) => c.charCodeAt(0));
    sig[17] ^= 0x08;
    env.signatures[0].signature = btoa(String.fromCharCode(...sig));
    expect((await refused(JSON.stringify(env))).code).toBe('bad-signature');
  });
  it('schema violations, naming the path', async () => {
    const bad = listDoc();
    (bad as unknown as Record<string, unknown>).version = '11';
    delete (bad.brands[0] as unknown as Record<string, unknown>).confidence;
    const e = await refused(await signedText(bad));
    expect(e.code).toBe('schema');
    expect(e.problems.join('\n')).toMatch(/\$\.version: must be an integer/);
    expect(e.problems.join('\n')).toMatch(/\$\.brands\[0\] \(alpha\)\.confidence/);
  });
  it('duplicated brand ids', async () => {
    const e = await refused(await signedText(listDoc({ brands: [brand('alpha', 'a.alpha.co.jp'), brand('alpha', 'b.alpha2.co.jp')] })));
    expect(e.code).toBe('duplicate-brand');
    expect(e.message).toMatch(/duplicate brand id "alpha"/);
  });
  it('the same version as the one in use', async () => {
    const e = await refused(await signedText(listDoc({ version: 5 })));
    expect(e.code).toBe('rollback');
  });
  it('a lower version (rollback to an older, validly signed list)', async () => {
    const e = await refused(await signedText(listDoc({ version: 4 })));
    expect(e.code).toBe('rollback');
    expect(e.message).toMatch(/version 4 is not above the version in use \(5\)/);
  });
  it('an issue time in the future beyond the skew', async () => {
    const e = await refused(await signedText(listDoc({ issued: '2026-12-02T00:00:00Z' })));
    expect(e.code).toBe('future-issued');
  });
  it('an oversized file', async () => {
    const text = await signedText(listDoc({ brands: manyBrands(3000) }));
    const e = await refused(text, { maxBytes: 100_000 });
    expect(e.code).toBe('too-large');
    expect(MAX_LIST_BYTES).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });
  it.each([
    ['an IPv4 address', '192.0.2.7', /IP address/],
    ['an IPv6 address', '[2001:db8::1]', /IP address|host name/],
    ['a hex IPv4 address', '0x7f.0.0.1', /IP address/],
    ['a numeric-last-label host (parsed as IPv4 by browsers)', 'login.alpha.1', /IP address/],
    ['a public suffix', 'co.jp', /public suffix/],
    ['a public-suffix subtree', '*.co.jp', /public suffix/],
    ['a private public suffix (user content)', '*.github.io', /public suffix/],
    ['an http: origin', 'http://www.alpha-sec.co.jp', /http: origin/],
    ['an https origin instead of a host', 'https://www.alpha-sec.co.jp', /without scheme/],
    ['non-punycode Unicode', 'www.証券.jp', /punycode \("www\.xn--/],
    ['a port', 'www.alpha-sec.co.jp:8443', /bare host name/],
    ['upper case', 'WWW.alpha-sec.co.jp', /lower case/],
    ['a wildcard in the middle', 'www.*.alpha-sec.co.jp', /wildcard/],
  ])('a host that is %s', async (_what, host, message) => {
    const e = await refused(await signedText(listDoc({ brands: [brand('alpha', 'www.alpha-sec.co.jp', { hosts: ['www.alpha-sec.co.jp', host] })] })));
    expect(e.code).toBe('bad-host');
    expect(e.message).toMatch(message);
  });
  it('a host claimed by two brands', async () => {
    const e = await refused(await signedText(listDoc({ brands: [brand('alpha', 'www.alpha-sec.co.jp'), brand('beta', 'www.alpha-sec.co.jp')] })));
    expect(e.code).toBe('bad-host');
    expect(e.message).toMatch(/already listed by brand "alpha"/);
  });
  it('a public suffix in exempt or related domains', async () => {
    expect((await refused(await signedText(listDoc({ exempt: ['jp'] })))).code).toBe('bad-host');
    const e = await refused(await signedText(listDoc({ brands: [brand('alpha', 'www.alpha-sec.co.jp', { related: ['ne.jp'] })] })));
    expect(e.code).toBe('bad-host');
  });
  it.each([
    ['http', 'http://www.alpha-sec.co.jp/login', /must be https/],
    ['on another host', 'https://www.alpha-sec.co.jp.evil.example/login', /not one of the brand's hosts/],
    ['not a URL', 'alpha login', /not a URL/],
  ])('a loginUrl that is %s', async (_w, loginUrl, message) => {
    const e = await refused(await signedText(listDoc({ brands: [brand('alpha', 'www.alpha-sec.co.jp', { loginUrl })] })));
    expect(e.code).toBe('bad-login-url');
    expect(e.message).toMatch(message);
  });
  it('accepts a loginUrl inside a host subtree and punycode hosts', async () => {
    const b = brand('gamma', 'xn--wgv71a.gamma-sec.jp', { hosts: ['*.gamma-sec.jp', 'xn--wgv71a.gamma.co.jp'], loginUrl: 'https://login.gamma-sec.jp/' });
    const r = await acceptSignedList(await signedText(listDoc({ brands: [b] })), opts);
    expect(r.doc.brands[0].id).toBe('gamma');
  });
});
