import { describe, expect, it } from 'vitest';
import { generator } from '../../test/fixtures/random';
import { StringTable } from './string-table';

describe('StringTable', () => {
  it('behaves as a Map under random sets, overwrites and lookups, growing past its expected size', () => {
    const { r, pick, word } = generator(3);
    for (const expected of [0, 8, 1000]) {
      const table = new StringTable<number>(expected);
      const map = new Map<string, number>();
      const keys: string[] = ['', 'a', 'é', '\u{1F600}', 'www.sbisec.co.jp'];
      for (let i = 0; i < 5000; i++) {
        const key = r() < 0.3 && keys.length ? pick(keys) : `${word(2 + Math.floor(r() * 8))}.${pick(['co.jp', 'com', 'jp'])}`;
        keys.push(key);
        if (r() < 0.6) {
          expect(table.set(key, i)).toBe(table);
          map.set(key, i);
        }
        const probe = pick(keys);
        expect(table.get(probe), probe).toBe(map.get(probe));
        expect(table.has(probe), probe).toBe(map.has(probe));
        expect(table.get(`${probe}x`)).toBe(map.get(`${probe}x`));
      }
      expect(table.size).toBe(map.size);
      expect([...table]).toEqual([...map]); // insertion order, values replaced in place
      expect([...table.keys()]).toEqual([...map.keys()]);
    }
  });
});
