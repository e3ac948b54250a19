import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTypingBuffer } from './buffer';
import { REUSE, reuseTag } from './digest';
import { createReuseStore, REUSE_KEY, type LocalArea } from './store';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
function memoryArea(): LocalArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(k) {
      return k in data ? { [k]: structuredClone(data[k]) } : {};
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
  };
}
const deps = (area = memoryArea(), iterations = 1000) => ({
  area,
  subtle,
  random: (n: number) => webcrypto.getRandomValues(new Uint8Array(n)),
  now: () => 1_700_000_000_000,
  iterations,
});

describe('reuse digest', () => {
  it('is a salted, truncated tag: below 2^28, different per salt, stable per salt', async () => {
    const a = new Uint8Array(16).fill(1);
    const b = new Uint8Array(16).fill(2);
    const t1 = await reuseTag(subtle, 'Correct-Horse-9', a, 1000);
    expect(t1).toBeLessThan(2 ** REUSE.bits);
    expect(await reuseTag(subtle, 'Correct-Horse-9', a, 1000)).toBe(t1);
    expect(await reuseTag(subtle, 'Correct-Horse-9', b, 1000)).not.toBe(t1);
  });
});

describe('reuse store', () => {
  it('stores only brand, length, a 28-bit tag and a time — never the password', async () => {
    const area = memoryArea();
    const store = createReuseStore(deps(area));
    await store.remember('sbi', ['Tr0ub4dor&3x']);
    const raw = JSON.stringify(area.data[REUSE_KEY]);
    expect(raw).not.toContain('Tr0ub4dor');
    const st = area.data[REUSE_KEY] as { entries: object[] };
    expect(st.entries).toEqual([{ brand: 'sbi', len: 12, tag: expect.any(Number), at: 1_700_000_000_000 }]);
  });

  it('finds the password at the end of what was typed, whatever came before', async () => {
    const store = createReuseStore(deps());
    await store.remember('rakuten-sec', ['Tr0ub4dor&3x']);
    expect(await store.check('Tr0ub4dor&3x')).toMatchObject({ brand: 'rakuten-sec' });
    expect(await store.check('taro@example.jpTr0ub4dor&3x')).toMatchObject({ brand: 'rakuten-sec' });
    expect(await store.check('Tr0ub4dor&3')).toBeNull();
    expect(await store.check('Tr0ub4dor&3xy')).toBeNull();
    expect(await store.check('tr0ub4dor&3x')).toBeNull();
  });

  it('ignores passwords shorter than the minimum, keeps at most MAX_ENTRIES, and survives a restart', async () => {
    const area = memoryArea();
    const store = createReuseStore(deps(area));
    expect(await store.remember('sbi', ['short7!'])).toBe(0);
    for (let i = 0; i < REUSE.maxEntries + 2; i++) await store.remember('sbi', [`password-${i}-xyz`]);
    expect(await store.count()).toBe(REUSE.maxEntries);
    const again = createReuseStore(deps(area));
    expect(await again.check(`password-${REUSE.maxEntries + 1}-xyz`)).toMatchObject({ brand: 'sbi' });
    expect(await again.check('password-0-xyz')).toBeNull(); // the oldest was dropped
  });

  it('garbage in storage loses nothing else and starts clean', async () => {
    const area = memoryArea();
    area.data[REUSE_KEY] = { v: 1, salt: 'x', entries: 'nope' };
    const store = createReuseStore(deps(area));
    expect(await store.check('anything-at-all')).toBeNull();
    expect(await store.remember('sbi', ['Tr0ub4dor&3x'])).toBe(1);
  });

  it('does one digest per distinct stored length per check (constant work per keystroke)', async () => {
    let derives = 0;
    const counting = { importKey: subtle.importKey.bind(subtle), deriveBits: (...a: Parameters<SubtleCrypto['deriveBits']>) => (derives++, subtle.deriveBits(...a)) };
    const store = createReuseStore({ ...deps(), subtle: counting as unknown as SubtleCrypto });
    await store.remember('sbi', ['aaaaaaaa1', 'bbbbbbbb2', 'cccccccccc3']);
    derives = 0;
    await store.check('x'.repeat(64));
    expect(derives).toBe(2); // lengths 9 and 11
    derives = 0;
    await store.check('x'.repeat(10));
    expect(derives).toBe(1); // only length 9 fits
  });
});

describe('typing buffer', () => {
  it('needs the minimum length, follows backspace and paste, caps its size and forgets on idle', () => {
    let t = 0;
    const b = createTypingBuffer({ now: () => t });
    for (const c of 'abcdefg') b.type(c);
    expect(b.tail()).toBeNull();
    b.type('h');
    expect(b.tail()).toBe('abcdefgh');
    b.backspace();
    expect(b.tail()).toBeNull();
    b.insert('XYZ\n');
    expect(b.tail()).toBe('abcdefgXYZ');
    b.insert('z'.repeat(100));
    expect(b.length).toBe(REUSE.maxLength);
    t += REUSE.idleMs + 1;
    expect(b.tail()).toBeNull();
    b.type('q');
    expect(b.length).toBe(1);
  });
});
