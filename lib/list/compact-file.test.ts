import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptSignedList, decodeList, fileBuffer, type DecodedList } from './accept';
import { SIGNING_CONTEXT } from './canonical';
import { utf8Bytes } from './signature';
import { seededRandom } from '../../test/fixtures/random';
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

describe('compact signed files received as bytes (decodeList)', () => {
  afterEach(() => vi.restoreAllMocks());
  const bytesOf = (text: string, bom = false) => {
    const body = new TextEncoder().encode(text);
    if (!bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  };
  /** Lengths of every string TextEncoder encodes while `run` runs. */
  async function encodedLengths(run: () => Promise<unknown>): Promise<number[]> {
    const lengths: number[] = [];
    const real = TextEncoder.prototype.encode;
    const spy = vi.spyOn(TextEncoder.prototype, 'encode').mockImplementation(function (this: TextEncoder, input?: string) {
      lengths.push((input ?? '').length);
      return real.call(this, input);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return lengths;
  }
  // Japanese names make the file multi-byte, so byte and character offsets differ.
  const doc = () => {
    const d = listDoc();
    d.brands[0].names.ja = 'アルファ証券株式会社';
    return d;
  };

  it('are verified over the file\'s own bytes: the list text is never encoded again', async () => {
    const { text } = await compact(doc());
    for (const bom of [false, true]) {
      let got: Awaited<ReturnType<typeof acceptSignedList>> | undefined;
      const file = bytesOf(text, bom);
      const lengths = await encodedLengths(async () => {
        got = await acceptSignedList(decodeList(file), opts);
      });
      expect(got!.doc).toEqual(doc());
      expect(Math.max(0, ...lengths), `bom ${bom}`).toBeLessThan(text.length / 2);
    }
  });

  it('a text that did not come from decodeList is checked the long way (its bytes are not trusted)', async () => {
    const { text } = await compact(doc());
    const forged: DecodedList = { text, bytes: bytesOf(text.replace('www.alpha-sec.co.jp', 'www.clpha-sec.co.jp')), bom: 0 };
    const lengths = await encodedLengths(async () => {
      expect((await acceptSignedList(forged, opts)).doc).toEqual(doc());
    });
    expect(Math.max(...lengths)).toBeGreaterThan(text.length / 2);
  });

  it('one flipped bit in the bytes is refused, and bytes that are not UTF-8 get their own error', async () => {
    const { text } = await compact(doc());
    const bytes = bytesOf(text);
    const at = text.indexOf('alpha-sec');
    bytes[at] ^= 0x01;
    await expect(acceptSignedList(decodeList(bytes), opts)).rejects.toMatchObject({ code: 'bad-signature' });
    const broken = bytesOf(text);
    broken[text.indexOf('"brands"') + 2] = 0xff;
    expect(() => decodeList(broken)).toThrow(expect.objectContaining({ code: 'not-json' }));
    // A multi-byte character cut short at the end, and a lone continuation byte: also refused.
    const cut = bytesOf(`${text}あ`).slice(0, -1);
    expect(() => decodeList(cut)).toThrow(expect.objectContaining({ code: 'not-json' }));
    expect(() => decodeList(new Uint8Array([...bytesOf(text), 0x80]))).toThrow(expect.objectContaining({ code: 'not-json' }));
  });

  /** The data of every crypto.subtle.verify call while `run` runs: its buffer, and a copy of its bytes then. */
  async function verifiedData(run: () => Promise<unknown>): Promise<{ buffer: ArrayBufferLike; bytes: Uint8Array }[]> {
    const seen: { buffer: ArrayBufferLike; bytes: Uint8Array }[] = [];
    const real = crypto.subtle.verify.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'verify').mockImplementation((algorithm, key, signature, data) => {
      seen.push({ buffer: (data as Uint8Array).buffer, bytes: (data as Uint8Array).slice() });
      return real(algorithm, key, signature, data);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return seen;
  }

  it('read into a fileBuffer, are verified in place: context and list bytes in one view of that buffer, not a copy', async () => {
    const { text } = await compact(doc());
    const listText = text.slice('{"list":'.length, text.lastIndexOf(',"signatures":'));
    const expected = new TextEncoder().encode(SIGNING_CONTEXT + listText);
    for (const bom of [false, true]) {
      const bytes = bytesOf(text, bom);
      const file = fileBuffer(bytes.length);
      file.set(bytes);
      let got: Awaited<ReturnType<typeof acceptSignedList>> | undefined;
      const data = await verifiedData(async () => {
        got = await acceptSignedList(decodeList(file), opts);
      });
      expect(got!.doc).toEqual(doc());
      expect(data.length, `bom ${bom}`).toBe(1);
      expect(data[0].buffer).toBe(file.buffer);
      expect(data[0].bytes).toEqual(expected);
      // The file's bytes are back as they were: decoded and accepted again, the same.
      expect(file).toEqual(bytes);
      expect((await acceptSignedList(decodeList(file), opts)).doc).toEqual(doc());
      // Two checks of one buffer at once: both pass, and the bytes are still the file's after.
      const both = await Promise.all([acceptSignedList(decodeList(file), opts), acceptSignedList(decodeList(file), opts)]);
      expect(both.map((a) => a.doc)).toEqual([doc(), doc()]);
      expect(file).toEqual(bytes);
      // A bit flipped in the list's bytes still fails: the view covers them.
      const flipped = fileBuffer(bytes.length);
      flipped.set(bytes);
      flipped[(bom ? 3 : 0) + new TextEncoder().encode(text.slice(0, text.indexOf('alpha-sec'))).length] ^= 0x01;
      await expect(acceptSignedList(decodeList(flipped), opts)).rejects.toMatchObject({ code: 'bad-signature' });
    }
  });

  it('any other buffer is copied: bytes before a view that did not come from fileBuffer are never written', async () => {
    const { text } = await compact(doc());
    const bytes = bytesOf(text);
    const whole = new Uint8Array(64 + bytes.length).fill(0xaa);
    whole.set(bytes, 64);
    const view = whole.subarray(64);
    const data = await verifiedData(async () => {
      expect((await acceptSignedList(decodeList(view), opts)).doc).toEqual(doc());
    });
    expect(data.map((d) => d.buffer === whole.buffer)).toEqual([false]);
    expect(data[0].bytes.subarray(0, SIGNING_CONTEXT.length)).toEqual(new TextEncoder().encode(SIGNING_CONTEXT));
    expect(whole.subarray(0, 64).every((b) => b === 0xaa)).toBe(true);
    expect(whole.subarray(64)).toEqual(bytes);
  });

  it('the byte count of the file\'s tail is what TextEncoder writes, for any text (surrogate pairs, lone surrogates)', () => {
    const r = seededRandom(12);
    const units = ['a', '"', '\u00e9', '\u07ff', '\u0800', 'あ', '\uffff', '\ud83d', '\ude00', '\ud83d\ude00', '\udbff\udfff'];
    for (let i = 0; i < 3_000; i++) {
      let s = '';
      for (let n = Math.floor(r() * 12); n > 0; n--) s += units[Math.floor(r() * units.length)];
      const from = Math.floor(r() * (s.length + 1));
      const to = from + Math.floor(r() * (s.length - from + 1));
      expect(utf8Bytes(s, from, to), JSON.stringify([s, from, to])).toBe(new TextEncoder().encode(s.slice(from, to)).length);
    }
  });

  it('a list that really contains U+FFFD (valid UTF-8: EF BF BD) is read as it is, not refused', async () => {
    const d = doc();
    d.brands[0].names.ja = 'アルファ\uFFFD証券';
    const { text } = await compact(d);
    const got = await acceptSignedList(decodeList(bytesOf(text)), opts);
    expect(got.doc.brands[0].names.ja).toBe('アルファ\uFFFD証券');
  });
});
