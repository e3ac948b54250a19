import { afterAll, describe, expect, it } from 'vitest';
import { startE2E, isBrowserNoise, type E2E } from './harness';

// Firm incident reports (policy reportEndpoint) in real Chromium with a real policy file:
// the firm's endpoint receives the blocked ORIGIN and verdict only; a consumer install (no
// policy) sends nothing but the list fetch.
const ENDPOINT_HOST = 'soc.example-sec.co.jp';
const IMPOSTOR = 'https://sbisec-login.com/ETGate/?user=taro1234';

describe('firm incident report', () => {
  let env: E2E | undefined;
  afterAll(async () => {
    await env?.close();
  });

  it('posts {origin, kind, brand, reasons, listVersion} to the firm endpoint, without path, query or cookies', async () => {
    env = await startE2E({ policy: { reportEndpoint: `https://${ENDPOINT_HOST}/report` } });
    env.server.route(ENDPOINT_HOST, '/report', () => ({ status: 204, body: '' }));
    const page = await env.context.newPage();
    await page.goto(IMPOSTOR).catch(() => {}); // the guard may send the tab to its warning page
    const req = await env.server.waitForRequest((r) => r.host === ENDPOINT_HOST && r.path === '/report', 20_000);
    expect(req.method).toBe('POST');
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ origin: 'https://sbisec-login.com', kind: 'impostor', brand: 'sbi' });
    expect(Object.keys(body).sort()).toEqual(['at', 'brand', 'extensionVersion', 'kind', 'listVersion', 'origin', 'reasons']);
    expect(req.body).not.toContain('taro1234');
    expect(req.body).not.toContain('ETGate');
    expect(req.headers.cookie).toBeUndefined();
    await env.close();
    env = undefined;
  });

  it('a consumer install (no policy) makes no request but the list fetch', async () => {
    env = await startE2E();
    env.server.clearRequests();
    const page = await env.context.newPage();
    await page.goto(IMPOSTOR).catch(() => {});
    await page.goto('https://www.sbisec.co.jp/').catch(() => {});
    await new Promise((r) => setTimeout(r, 3000));
    const pages = new Set(['sbisec-login.com', 'www.sbisec.co.jp']);
    const extra = env.server.requests.filter((r) => !isBrowserNoise(r) && !pages.has(r.host) && !r.path.endsWith('list.json'));
    expect(extra.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([]);
  });
});
