import { describe, expect, it } from 'vitest';
import { acceptSignedList } from './accept';
import { ListError } from './errors';
import { formatSignedList, signList } from './sign';
import { listDoc, NOW, TEST_PRIVATE, TEST_PUBLIC } from '../../test/fixtures/lists/make';

/**
 * Compact files ({"list":…,"signatures":[…]} without whitespace) are verified over the list's
 * own bytes in the file (signature.ts rememberListText). These pin that the shortcut accepts
 * exactly what the canonical check accepts and cannot be steered to verify one list and use
 * another.
 */
const opts = { keys: [TEST_PUBLIC], now: NOW, currentVersion: 5 };

async function compact(doc = listDoc()) {
  const signed = await signList(doc, [TEST_PRIVATE]);
  return { text: formatSignedList(signed, true), signed };
}

async function code(text: string): Promise<string> {
  try {
    await acceptSignedList(text, opts);
  } catch (e) {
    if (e instanceof ListError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('compact signed files', () => {
  it('are accepted, with the document the file holds', async () => {
    const { text } = await compact();
    expect(text.startsWith('{"list":{')).toBe(true);
    const got = await acceptSignedList(text, opts);
    expect(got.doc).toEqual(listDoc());
    expect(got.keyIds).toEqual([TEST_PRIVATE.keyId]);
  });
  it('one changed character in the list is refused', async () => {
    const { text } = await compact();
    expect(await code(text.replace('www.alpha-sec.co.jp', 'www.clpha-sec.co.jp'))).toBe('bad-signature');
  });
  it('a second "list" key after the signatures (JSON.parse keeps the last) is refused', async () => {
    const { text, signed } = await compact();
    const evil = JSON.stringify({ ...listDoc(), version: 99 });
    const forged = `${text.trimEnd().slice(0, -1)},"list":${evil}}`;
    expect((JSON.parse(forged) as { list: { version: number } }).list.version).toBe(99);
    expect(await code(forged)).toBe('bad-signature');
    expect(signed.signatures.length).toBe(1);
  });
  it('a second "list" key before the signatures is refused', async () => {
    const { text } = await compact();
    const evil = JSON.stringify({ ...listDoc(), version: 99 });
    const at = text.indexOf(',"signatures":');
    const forged = `${text.slice(0, at)},"list":${evil}${text.slice(at)}`;
    expect((JSON.parse(forged) as { list: { version: number } }).list.version).toBe(99);
    expect(await code(forged)).toBe('bad-signature');
  });
  it('a compact file whose list keys are out of canonical order still verifies (canonical fallback)', async () => {
    const { signed } = await compact();
    const reordered = { ...(signed.list as object) };
    const list = Object.fromEntries(Object.entries(reordered).reverse());
    const text = JSON.stringify({ list, signatures: signed.signatures });
    expect(await code(text)).toBe('accepted');
  });
});
