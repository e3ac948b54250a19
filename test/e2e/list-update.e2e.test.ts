import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { startE2E, startServiceWorker, stopServiceWorker, toolbarState, type E2E } from './harness';
import { brand, signedText } from '../fixtures/lists/make';
import brokers from '../../lib/list/data/brokers.json';
import type { ListDocument } from '../../lib/list/types';
import type { ListStatus } from '../../lib/messaging/protocol';

// Signed-list updates in real Chromium (QA build: trusts the TEST-ONLY key) against a local
// HTTPS list server standing in for https://lists.shoken-guard.jp (host-resolver mapping).
const LIST_HOST = 'lists.shoken-guard.jp';
const NEW_HOST = 'www.newsec-e2e.co.jp';
const base = brokers as unknown as ListDocument;
const issued = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

function doc(version: number, extra = true): ListDocument {
  const brands = extra ? [...base.brands, brand('newsec-e2e', NEW_HOST, { names: { ja: 'ニューセック証券', en: 'NewSec Securities' } })] : base.brands;
  return { ...base, version, issued, brands };
}

type Serve = { status?: number; headers?: Record<string, string>; body?: string; gate?: Promise<void> };
let serve: Serve = { status: 404, body: 'not yet' };
let env: E2E;

declare const __shokenListTest: {
  updateNow(): Promise<ListStatus>;
  status(): Promise<ListStatus>;
  verdicts(urls: string[]): Promise<unknown[]>;
};
const sw = () => env.serviceWorker();
const status = async () => (await sw()).evaluate(() => __shokenListTest.status());
const updateNow = async () => (await sw()).evaluate(() => __shokenListTest.updateNow());

beforeAll(async () => {
  env = await startE2E({
    testMode: true,
    routes: [
      [LIST_HOST, '/v1/list.json', async () => {
        const s = serve;
        await s.gate;
        return { type: 'application/json', status: s.status ?? 200, headers: s.headers, body: s.body ?? '' };
      }],
      [NEW_HOST, '/', () => ({ type: 'text/html', body: '<!doctype html><title>NewSec</title><h1>NewSec login</h1>' })],
      ['evil-lists.example', '/v1/list.json', async () => ({ type: 'application/json', body: await signedText(doc(50)) })],
    ],
  });
  // The install-time update has run (404): the bundled list is in use.
  await env.server.waitForRequest((r) => r.host === LIST_HOST, 20_000);
  for (let i = 0; i < 50 && !(await status()).attempts.length; i++) await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await env?.close();
});

describe('signed list updates in the service worker', () => {
  it('records the install-time attempt and keeps the bundled list when the server has none', async () => {
    const s = await status();
    expect(s).toMatchObject({ version: base.version, source: 'bundled', url: `https://${LIST_HOST}/v1/list.json` });
    expect(s.attempts[0]).toMatchObject({ ok: false, code: 'http-status' });
    expect((await toolbarState(env, `https://${NEW_HOST}/`)).text).not.toBe('✓');
  });

  it('a good update makes a new broker genuine without reinstalling', async () => {
    serve = { body: await signedText(doc(base.version + 1)), headers: { etag: '"v2"' } };
    const s = await updateNow();
    expect(s).toMatchObject({ version: base.version + 1, source: 'stored', failures: 0 });
    const t = await toolbarState(env, `https://${NEW_HOST}/`);
    expect(t.text).toBe('✓');
    expect(t.title).toContain('ニューセック証券');
    // Existing brokers are still genuine.
    expect((await toolbarState(env, 'https://www.sbisec.co.jp/')).text).toBe('✓');
  });

  it('asks conditionally next time (If-None-Match) and accepts a 304', async () => {
    const good = serve;
    serve = { status: 304 };
    env.server.clearRequests();
    const s = await updateNow();
    expect(env.server.requestsTo(LIST_HOST, '/v1/list.json')[0].headers['if-none-match']).toBe('"v2"');
    expect(s.attempts[0]).toMatchObject({ ok: true, outcome: 'not-modified' });
    serve = good;
  });

  it.each([
    ['a flipped bit', async () => ({ body: (await signedText(doc(base.version + 5))).replace(NEW_HOST, 'www.nfwsec-e2e.co.jp') }), 'bad-signature'],
    ['a rollback to an older validly signed list', async () => ({ body: await signedText(doc(base.version, false)) }), 'rollback'],
    ['HTTP 500', async () => ({ status: 500, body: 'oops' }), 'http-status'],
    ['a redirect to another host', async () => ({ status: 302, headers: { location: 'https://evil-lists.example/v1/list.json' } }), 'redirect'],
    ['an HTML page', async () => ({ body: '<html>captive portal</html>' }), 'not-json'],
  ])('%s keeps the list in use and records a clear error', async (_what, make, code) => {
    serve = await make();
    const s = await updateNow();
    expect(s.version).toBe(base.version + 1);
    expect(s.lastError?.code).toBe(code);
    expect(s.attempts[0]).toMatchObject({ ok: false, code });
    expect((await toolbarState(env, `https://${NEW_HOST}/`)).text).toBe('✓');
  });

  it('after the service worker is stopped, it reloads the list from IndexedDB and judges the same', async () => {
    const urls = [`https://${NEW_HOST}/`, 'https://www.sbisec.co.jp/', 'https://sbisec-login.com/', 'https://example.com/', `http://${NEW_HOST}/`];
    const before = await (await sw()).evaluate((u) => __shokenListTest.verdicts(u), urls);
    serve = { status: 500 }; // no fresh copy to be had: the list must come from IndexedDB
    await stopServiceWorker(env);
    const fresh: Worker = await startServiceWorker(env);
    const after = await fresh.evaluate((u) => __shokenListTest.verdicts(u), urls);
    expect(after).toEqual(before);
    expect((before[0] as { kind: string }).kind).toBe('genuine');
    expect(await fresh.evaluate(() => __shokenListTest.status())).toMatchObject({ version: base.version + 1, source: 'stored' });
    expect((await toolbarState(env, `https://${NEW_HOST}/`)).text).toBe('✓');
  });

  it('a service worker stopped in the middle of an update leaves the old list working', async () => {
    const urls = [`https://${NEW_HOST}/`, 'https://www.sbisec.co.jp/', 'https://sbisec-login.com/'];
    const before = await (await sw()).evaluate((u) => __shokenListTest.verdicts(u), urls);
    let release!: () => void;
    serve = { body: await signedText(doc(base.version + 7, false)), gate: new Promise<void>((r) => (release = r)) };
    env.server.clearRequests();
    await (await sw()).evaluate(() => void __shokenListTest.updateNow());
    await env.server.waitForRequest((r) => r.host === LIST_HOST, 10_000);
    await stopServiceWorker(env); // the update is in flight: response not yet received
    release();
    serve = { status: 500 };
    const fresh = await startServiceWorker(env);
    expect(await fresh.evaluate((u) => __shokenListTest.verdicts(u), urls)).toEqual(before);
    expect((await fresh.evaluate(() => __shokenListTest.status())).version).toBe(base.version + 1);
  });

  it('an expired (but newer) list is still used, marked stale, and the toolbar tooltip says so', async () => {
    const expired = { ...doc(base.version + 2), issued: '2026-01-01T00:00:00Z', expires: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z') };
    serve = { body: await signedText(expired) };
    const s = await updateNow();
    expect(s).toMatchObject({ version: base.version + 2, stale: true });
    const t = await toolbarState(env, `https://${NEW_HOST}/`);
    expect(t.text).toBe('✓');
    expect(t.title).toContain('期限切れ');
    expect(t.title).toContain('out of date');
  });
});
