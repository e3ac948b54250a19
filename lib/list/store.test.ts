import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbStore, HISTORY_LIMIT, type StoredList } from './store';

let n = 0;
const fresh = () => createIdbStore(`test-store-${++n}`);
const list = (version: number): StoredList => ({
  source: 'publisher', text: `{"v":${version}}`, version, issued: '2026-11-30T00:00:00Z', expires: '2027-05-30T00:00:00Z',
  keyIds: ['k'], acceptedAt: version, url: 'https://lists.example/v1/list.json',
});

describe('list store (IndexedDB)', () => {
  it('starts empty with zero failures', async () => {
    const s = await fresh().get('publisher');
    expect(s.current).toBeUndefined();
    expect(s.meta.failures).toBe(0);
  });

  it('installs an accepted list and keeps the previous one as last-known-good', async () => {
    const store = fresh();
    await store.commit('publisher', { accepted: list(2), meta: { source: 'publisher', failures: 0, etag: '"a"' }, event: { at: 1, source: 'publisher', outcome: 'accepted', version: 2, message: 'ok' } });
    await store.commit('publisher', { accepted: list(3), meta: { source: 'publisher', failures: 0, etag: '"b"' }, event: { at: 2, source: 'publisher', outcome: 'accepted', version: 3, message: 'ok' } });
    const s = await store.get('publisher');
    expect(s.current?.version).toBe(3);
    expect(s.previous?.version).toBe(2);
    expect(s.meta.etag).toBe('"b"');
    expect((await store.get('firm')).current).toBeUndefined();
  });

  it('a failed attempt changes metadata and history only', async () => {
    const store = fresh();
    await store.commit('publisher', { accepted: list(2), meta: { source: 'publisher', failures: 0 }, event: { at: 1, source: 'publisher', outcome: 'accepted', message: 'ok' } });
    await store.commit('publisher', { meta: { source: 'publisher', failures: 1 }, event: { at: 2, source: 'publisher', outcome: 'refused', code: 'rollback', message: 'no' } });
    const s = await store.get('publisher');
    expect(s.current?.version).toBe(2);
    expect(s.meta.failures).toBe(1);
    expect((await store.history()).map((h) => h.outcome)).toEqual(['refused', 'accepted']);
  });

  it('a commit that fails half-way leaves the old list, metadata and history untouched', async () => {
    const store = fresh();
    await store.commit('publisher', { accepted: list(2), meta: { source: 'publisher', failures: 0, etag: '"old"' }, event: { at: 1, source: 'publisher', outcome: 'accepted', message: 'ok' } });
    // The history line cannot be stored (structured clone fails) AFTER the list and meta writes.
    const poison = { at: 2, source: 'publisher', outcome: 'accepted', message: 'x', oops: () => 0 } as never;
    await expect(store.commit('publisher', { accepted: list(3), meta: { source: 'publisher', failures: 0, etag: '"new"' }, event: poison })).rejects.toThrow();
    const s = await store.get('publisher');
    expect(s.current?.version).toBe(2);
    expect(s.previous).toBeUndefined();
    expect(s.meta.etag).toBe('"old"');
    expect(await store.history()).toHaveLength(1);
  });

  it(`keeps only the last ${HISTORY_LIMIT} history lines, newest first`, async () => {
    const store = fresh();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      await store.commit('publisher', { meta: { source: 'publisher', failures: i }, event: { at: i, source: 'publisher', outcome: 'failed', message: `try ${i}` } });
    }
    const h = await store.history();
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0].message).toBe(`try ${HISTORY_LIMIT + 4}`);
    expect(h.at(-1)!.message).toBe('try 5');
  });

  it('a second store object on the same database sees the committed state (service worker restart)', async () => {
    const name = `test-store-restart`;
    await createIdbStore(name).commit('publisher', { accepted: list(7), meta: { source: 'publisher', failures: 0 }, event: { at: 1, source: 'publisher', outcome: 'accepted', message: 'ok' } });
    expect((await createIdbStore(name).get('publisher')).current?.version).toBe(7);
  });
});
