import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIdbStore } from './store';
import { runUpdate, type SourceConfig } from './updater';
import { listDoc, NOW, signedText, TEST_PUBLIC } from '../../test/fixtures/lists/make';

const URL_ = 'https://lists.example-publisher.jp/v1/list.json';
let n = 0;

type Handler = (url: string, init: RequestInit) => Promise<Response> | Response;
function setup(handler: Handler, over: Partial<SourceConfig> = {}) {
  const store = createIdbStore(`updater-${++n}`);
  const calls: { url: string; headers: Record<string, string> }[] = [];
  let clock = NOW;
  const deps = {
    store,
    now: () => clock,
    random: () => 0,
    timeoutMs: 50,
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: { ...(init.headers as Record<string, string>) } });
      return handler(url, init);
    }) as unknown as typeof fetch,
  };
  const cfg: SourceConfig = { source: 'publisher', url: URL_, keys: [TEST_PUBLIC], floorVersion: 1, ...over };
  return { store, calls, deps, cfg, run: () => runUpdate(cfg, deps), tick: (ms: number) => (clock += ms) };
}
const ok = (text: string, headers: Record<string, string> = {}) => new Response(text, { status: 200, headers });
function withUrl(res: Response, url: string): Response {
  Object.defineProperty(res, 'url', { value: url });
  Object.defineProperty(res, 'redirected', { value: true });
  return res;
}

describe('updater: good updates', () => {
  it('accepts a newer signed list, stores it with its ETag, then asks conditionally', async () => {
    const text = await signedText(listDoc({ version: 2 }));
    let etagSeen: string | undefined;
    const t = setup((_u, init) => {
      const h = init.headers as Record<string, string>;
      etagSeen = h['if-none-match'];
      return etagSeen === '"v2"' ? new Response(null, { status: 304 }) : ok(text, { etag: '"v2"', 'last-modified': 'Mon, 30 Nov 2026 00:00:00 GMT' });
    });
    const first = await t.run();
    expect(first.outcome).toBe('accepted');
    expect(first.version).toBe(2);
    const s = await t.store.get('publisher');
    expect(s.current?.text).toBe(text);
    expect(s.meta.etag).toBe('"v2"');
    expect(first.nextCheckAt).toBe(NOW + 6 * 3_600_000);

    t.tick(1000);
    const second = await t.run();
    expect(second.outcome).toBe('not-modified');
    expect(t.calls[1].headers['if-modified-since']).toBe('Mon, 30 Nov 2026 00:00:00 GMT');
    expect(etagSeen).toBe('"v2"');
    expect((await t.store.get('publisher')).current?.version).toBe(2);
  });

  it('treats the same file again (server without ETag) as not modified, not an error', async () => {
    const text = await signedText(listDoc({ version: 2 }));
    const t = setup(() => ok(text));
    await t.run();
    const r = await t.run();
    expect(r.outcome).toBe('not-modified');
    expect((await t.store.get('publisher')).meta.failures).toBe(0);
  });

  it('treats a list at the bundled floor version as nothing new', async () => {
    const t = setup(async () => ok(await signedText(listDoc({ version: 1 }))));
    expect((await t.run()).outcome).toBe('not-modified');
    expect((await t.store.get('publisher')).current).toBeUndefined();
  });

  it('follows a redirect that stays on the list origin', async () => {
    const text = await signedText(listDoc({ version: 3 }));
    const t = setup(() => withUrl(ok(text), 'https://lists.example-publisher.jp/v1/list-2026.json'));
    expect((await t.run()).outcome).toBe('accepted');
  });

  it('sends no cookies and no referrer', async () => {
    let init: RequestInit | undefined;
    const t = setup((_u, i) => ((init = i), new Response('', { status: 404 })));
    await t.run();
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
  });
});

describe('updater: bad updates keep the old list and record a clear error', () => {
  async function withGoodList(handler: Handler) {
    const good = await signedText(listDoc({ version: 5 }));
    let first = true;
    const t = setup((u, i) => (first ? ((first = false), ok(good)) : handler(u, i)));
    expect((await t.run()).outcome).toBe('accepted');
    return t;
  }
  async function expectKept(t: Awaited<ReturnType<typeof withGoodList>>, outcome: string, code: string, message: RegExp) {
    const r = await t.run();
    expect(r).toMatchObject({ outcome, code });
    expect(r.message).toMatch(message);
    const s = await t.store.get('publisher');
    expect(s.current?.version).toBe(5);
    expect(s.meta.failures).toBe(1);
    expect(s.meta.lastError?.code).toBe(code);
    const [last] = await t.store.history(1);
    expect(last).toMatchObject({ outcome, code });
    return r;
  }

  it('404', async () => {
    const t = await withGoodList(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const r = await expectKept(t, 'failed', 'http-status', /HTTP 404 Not Found/);
    expect(r.nextCheckAt).toBe(NOW + 15 * 60_000);
  });

  it('500, with exponential back-off on repeated failures', async () => {
    const t = await withGoodList(() => new Response('', { status: 500 }));
    await expectKept(t, 'failed', 'http-status', /HTTP 500/);
    const again = await t.run();
    expect(again.nextCheckAt).toBe(NOW + 30 * 60_000);
    expect((await t.store.get('publisher')).meta.failures).toBe(2);
  });

  it('timeout', async () => {
    const t = await withGoodList((_u, init) => new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    await expectKept(t, 'failed', 'timeout', /no complete answer/);
  });

  it('TLS / connection error', async () => {
    const t = await withGoodList(() => Promise.reject(new TypeError('fetch failed: certificate has expired')));
    await expectKept(t, 'failed', 'network', /TLS certificate[\s\S]*certificate has expired/);
  });

  it('redirect to another host', async () => {
    const evil = await signedText(listDoc({ version: 9 }));
    const t = await withGoodList(() => withUrl(ok(evil), 'https://evil.example/list.json'));
    await expectKept(t, 'failed', 'redirect', /another host \(evil\.example\)/);
  });

  it('oversized (announced)', async () => {
    const t = await withGoodList(() => ok('{}', { 'content-length': String(50 * 1024 * 1024) }));
    await expectKept(t, 'refused', 'too-large', /announces/);
  });

  it('oversized (streamed without a length)', async () => {
    const big = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(1024 * 1024).fill(32));
      },
    });
    const t = await withGoodList(() => new Response(big, { status: 200 }));
    await expectKept(t, 'refused', 'too-large', /stopped reading/);
  });

  it('a flipped bit', async () => {
    const text = (await signedText(listDoc({ version: 6 }))).replace('"version": 6', '"version": 7');
    const t = await withGoodList(() => ok(text));
    await expectKept(t, 'refused', 'bad-signature', /altered/);
  });

  it('rollback to an older validly signed list', async () => {
    const old = await signedText(listDoc({ version: 4 }));
    const t = await withGoodList(() => ok(old));
    await expectKept(t, 'refused', 'rollback', /version 4 is not above/);
  });

  it('an HTML captive-portal page', async () => {
    const t = await withGoodList(() => ok('<html><body>Log in to Hotel Wi-Fi</body></html>'));
    await expectKept(t, 'refused', 'not-json', /not valid JSON/);
  });

  it('an http: list URL is refused before any request', async () => {
    const t = setup(() => ok(''), { url: 'http://lists.example-publisher.jp/v1/list.json' });
    const r = await t.run();
    expect(r).toMatchObject({ outcome: 'failed', code: 'bad-url' });
    expect(t.calls).toHaveLength(0);
  });
});

describe('updater: firm list chain', () => {
  it('a different firm binding (new URL or key) starts a new version chain', async () => {
    const t = setup(async () => ok(await signedText(listDoc({ version: 3 }))), { source: 'firm', binding: 'a', floorVersion: 0 });
    expect((await t.run()).outcome).toBe('accepted');
    const t2 = { ...t.cfg, binding: 'b' };
    const r = await runUpdate(t2, t.deps);
    expect(r.outcome).toBe('accepted'); // version 3 again, but under a new binding
    expect(t.calls[1].headers['if-none-match']).toBeUndefined();
  });
});
