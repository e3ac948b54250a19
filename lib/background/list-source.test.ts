import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { classify } from '../domain/classify';
import { toBase64 } from '../list/base64';
import { createIdbStore } from '../list/store';
import { signList } from '../list/sign';
import { createListSource, type ListPolicy, type ListSourceDeps } from './list-source';
import { brand, listDoc, NOW, otherKey, signedText, TEST_PUBLIC } from '../../test/fixtures/lists/make';

let n = 0;
const LIST_URL = 'https://lists.example-publisher.jp/v1/list.json';

async function setup(over: Partial<ListSourceDeps> & { serve?: () => Promise<Response> | Response } = {}) {
  const bundled = await signList(listDoc({ version: 10 }), [(await import('../../test/fixtures/lists/make')).TEST_PRIVATE]);
  const store = createIdbStore(`list-source-${++n}`);
  const fetches: string[] = [];
  const scheduled: number[] = [];
  const deps: ListSourceDeps = {
    store,
    bundled,
    keys: [TEST_PUBLIC],
    now: () => NOW,
    random: () => 0,
    defaultUrl: LIST_URL,
    fetch: (async (url: string) => {
      fetches.push(url);
      return over.serve ? over.serve() : new Response('', { status: 404 });
    }) as unknown as typeof fetch,
    schedule: (at) => void scheduled.push(at),
    ...over,
  };
  return { store, deps, fetches, scheduled, source: createListSource(deps) };
}

const v11 = () => signedText(listDoc({ version: 11, brands: [...listDoc().brands, brand('gamma', 'www.gamma-sec.co.jp')] }));

describe('list source', () => {
  it('starts from the bundled list without any network request', async () => {
    const t = await setup();
    expect((await t.source.index()).version).toBe(10);
    expect(classify('https://www.alpha-sec.co.jp/', await t.source.index()).kind).toBe('genuine');
    expect(t.fetches).toHaveLength(0);
    const s = await t.source.status();
    expect(s).toMatchObject({ version: 10, source: 'bundled', stale: false, url: LIST_URL, attempts: [] });
  });

  it('a good update makes a new broker genuine at once, and survives a service-worker restart', async () => {
    const text = await v11();
    const onChange = vi.fn();
    const t = await setup({ serve: () => new Response(text), onChange });
    expect(classify('https://www.gamma-sec.co.jp/', await t.source.index()).kind).not.toBe('genuine');
    const s = await t.source.updateNow();
    expect(s).toMatchObject({ version: 11, source: 'stored', failures: 0 });
    expect(s.attempts[0]).toMatchObject({ ok: true, outcome: 'accepted', version: 11, source: 'publisher' });
    expect(classify('https://www.gamma-sec.co.jp/', await t.source.index())).toMatchObject({ kind: 'genuine', brand: 'gamma', listVersion: 11 });
    expect(onChange).toHaveBeenCalledOnce();
    expect(t.scheduled).toEqual([NOW + 6 * 3_600_000]);

    // A new service worker: same store, fresh memory, no network.
    const restarted = createListSource({ ...t.deps, fetch: undefined });
    const v = classify('https://www.gamma-sec.co.jp/', await restarted.index());
    expect(v).toMatchObject({ kind: 'genuine', brand: 'gamma', listVersion: 11 });
  });

  it('a bad update keeps the list in use and reports why', async () => {
    const text = (await v11()).replace('www.gamma-sec.co.jp', 'www.evil-sec.co.jp');
    const t = await setup({ serve: () => new Response(text) });
    const s = await t.source.updateNow();
    expect(s.version).toBe(10);
    expect(s.lastError).toMatchObject({ code: 'bad-signature' });
    expect(s.attempts[0]).toMatchObject({ ok: false, outcome: 'refused', code: 'bad-signature' });
    expect(classify('https://www.evil-sec.co.jp/', await t.source.index()).kind).not.toBe('genuine');
    expect(t.scheduled[0]).toBe(NOW + 15 * 60_000);
  });

  it('never goes below the bundled list even if storage holds an older one', async () => {
    const t = await setup();
    const old = await signedText(listDoc({ version: 9 }));
    await t.store.commit('publisher', { accepted: { source: 'publisher', text: old, version: 9, issued: '', expires: '', keyIds: [], acceptedAt: 0, url: LIST_URL }, meta: { source: 'publisher', failures: 0 }, event: { at: 0, source: 'publisher', outcome: 'accepted', message: '' } });
    expect((await createListSource(t.deps).index()).version).toBe(10);
  });

  it('drops a stored list whose key this build no longer trusts, back to the bundled floor', async () => {
    const { privateFile, publicKey } = await otherKey('test-only-retired');
    const t = await setup({ keys: [TEST_PUBLIC, publicKey], serve: async () => new Response(await signedText(listDoc({ version: 12 }), [privateFile])) });
    expect((await t.source.updateNow()).version).toBe(12);
    const newBuild = createListSource({ ...t.deps, keys: [TEST_PUBLIC] });
    const s = await newBuild.status();
    expect(s.version).toBe(10);
    expect(s.loadError).toMatch(/no longer verifies.*test-only-retired/);
  });

  it('falls back to the previous stored list when the current one no longer verifies', async () => {
    const { privateFile, publicKey } = await otherKey('test-only-retired2');
    let serve = await v11();
    const t = await setup({ keys: [TEST_PUBLIC, publicKey], serve: () => new Response(serve) });
    await t.source.updateNow();
    serve = await signedText(listDoc({ version: 12 }), [privateFile]);
    expect((await t.source.updateNow()).version).toBe(12);
    expect((await createListSource({ ...t.deps, keys: [TEST_PUBLIC] }).index()).version).toBe(11);
  });

  it('marks an expired list stale (still used)', async () => {
    const t = await setup({ serve: async () => new Response(await signedText(listDoc({ version: 11, issued: '2026-01-01T00:00:00Z', expires: '2026-06-01T00:00:00Z' }))) });
    const s = await t.source.updateNow();
    expect(s).toMatchObject({ version: 11, stale: true });
    expect(t.source.isStale()).toBe(true);
  });

  it('runs one update at a time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const text = await v11();
    const t = await setup({ serve: async () => (await gate, new Response(text)) });
    const a = t.source.updateNow();
    const b = t.source.updateNow();
    release();
    await Promise.all([a, b]);
    expect(t.fetches).toHaveLength(1);
  });

  it('fetches from the managed policy listUrl when set', async () => {
    const t = await setup({ policy: async () => ({ listUrl: 'https://mirror.firm.example/list.json' }) });
    await t.source.updateNow();
    expect(t.fetches).toEqual(['https://mirror.firm.example/list.json']);
  });

  it('adds a firm list (managed policy firmList) without removing publisher origins', async () => {
    const firmKey = await otherKey('firm-key-1', 'Ed25519');
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await crypto.subtle.importKey('jwk', firmKey.publicKey.jwk, { name: 'Ed25519' }, true, ['verify'])));
    const policy: ListPolicy = { firmList: { url: 'https://lists.firm.example/firm.json', publicKey: toBase64(spki), keyId: 'firm-key-1', algorithm: 'Ed25519' } };
    const firmText = await signedText(listDoc({ version: 1, brands: [brand('nisa', 'nisa.firm-sec.co.jp'), brand('alpha', 'www.alpha-sec.co.jp', { names: { ja: '偽', en: 'Fake' } })] }), [firmKey.privateFile]);
    const store = createIdbStore(`list-source-firm-${++n}`);
    const t = await setup({
      store,
      policy: async () => policy,
      fetch: (async (url: string) => (url === policy.firmList!.url ? new Response(firmText) : new Response('', { status: 304 }))) as unknown as typeof fetch,
    });
    const s = await t.source.updateNow();
    expect(s.firm).toMatchObject({ url: policy.firmList!.url, version: 1, brands: 2 });
    const index = await t.source.index();
    expect(classify('https://nisa.firm-sec.co.jp/', index)).toMatchObject({ kind: 'genuine', brand: 'firm-nisa' });
    expect(classify('https://www.alpha-sec.co.jp/', index)).toMatchObject({ kind: 'genuine', brand: 'alpha', brandNames: { ja: 'alpha 証券' } });
    // Policy removed: the firm's origins go with it.
    const noFirm = createListSource({ ...t.deps, policy: async () => ({}) });
    expect(classify('https://nisa.firm-sec.co.jp/', await noFirm.index()).kind).not.toBe('genuine');
  });

  it('refuses a firm list signed by another key than the policy names', async () => {
    const firmKey = await otherKey('firm-key-2');
    const stranger = await otherKey('firm-key-2');
    const policy: ListPolicy = { firmList: { url: 'https://lists.firm.example/firm.json', publicKey: JSON.stringify(firmKey.publicKey.jwk), keyId: 'firm-key-2', algorithm: 'ECDSA-P256' } };
    const text = await signedText(listDoc({ version: 1, brands: [brand('nisa', 'nisa.firm-sec.co.jp')] }), [stranger.privateFile]);
    const t = await setup({ policy: async () => policy, fetch: (async (u: string) => (u === policy.firmList!.url ? new Response(text) : new Response('', { status: 404 }))) as unknown as typeof fetch });
    const s = await t.source.updateNow();
    expect(s.firm?.lastError?.code).toBe('bad-signature');
    expect(classify('https://nisa.firm-sec.co.jp/', await t.source.index()).kind).not.toBe('genuine');
  });
});
