import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBrowserNoise, startE2E, waitForBadge, type E2E, type LoggedRequest } from './harness';

// Privacy promise (consumer install, production build, no policy): no browsing data leaves the
// browser; the only request the extension itself makes is the signed-list fetch. Every hostname
// resolves to the local server, so ANY request the extension made — to a report endpoint, a
// lookup service, a link target it "checked" — would show up in the request log.
const LIST = { host: 'lists.shoken-guard.jp', path: '/v1/list.json' };
const SECRET = 'Priv-Secret-9731';
const plain = (title: string, body: string) => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const login = (brand: string) => plain(`${brand} ログイン`, `<h1>${brand}</h1><form onsubmit="return false"><input name="user_id"><input name="user_password" type="password"></form>`);

const PAGES: Record<string, string> = {
  'https://www.sbisec.co.jp/ETGate/': login('SBI証券'),
  'https://account-check-jp.top/': login('SBI証券'),
  'https://shop.example.com/login': login('Example Shop'),
  'https://mail.google.com/mail/u/0/': plain(
    '受信トレイ',
    '<a id="p1" href="https://phish-never-visited.top/sbisec/">https://www.sbisec.co.jp/</a> <a id="p2" href="https://sbisec-login-never-visited.com/">SBI証券</a> <a href="https://www.rakuten.co.jp/never-visited">楽天市場</a>',
  ),
  'https://sbisec-login.com/': login('SBI証券'),
};

let env: E2E;
const visitedHosts = new Set(Object.keys(PAGES).map((u) => new URL(u).hostname));

beforeAll(async () => {
  env = await startE2E({
    routes: Object.entries(PAGES).map(([u, html]) => [new URL(u).hostname, new URL(u).pathname, () => html] as [string, string, () => string]),
  });
  // The install-time list update first, so the log below covers the extension's own traffic.
  await env.server.waitForRequest((r) => r.host === LIST.host, 30_000);
  for (const url of Object.keys(PAGES)) {
    const page = await env.open(url);
    const field = page.locator('input[type=password]');
    if (await field.count()) {
      await field.first().focus().catch(() => {});
      await page.keyboard.type(SECRET, { delay: 5 });
    }
    if (url.includes('mail.google.com')) await waitForBadge(env, page, '').catch(() => {});
    await new Promise((r) => setTimeout(r, 800));
    await page.close();
  }
  // Any deferred reporting/lookup gets its chance before the log is read.
  await new Promise((r) => setTimeout(r, 1500));
}, 120_000);
afterAll(async () => {
  await env?.close();
});

const own = (r: LoggedRequest) => !isBrowserNoise(r);

describe('privacy: what leaves the browser', () => {
  it('the only request to a host the user did not visit is the signed-list fetch', () => {
    const foreign = env.server.requests.filter(own).filter((r) => !visitedHosts.has(r.host));
    expect(foreign.map((r) => `${r.method} ${r.host}${r.path}`).filter((s) => s !== `GET ${LIST.host}${LIST.path}`)).toEqual([]);
  });

  it('the list fetch carries nothing about the user: a plain GET, no query, no body, no cookie, no referrer', () => {
    const fetches = env.server.requestsTo(LIST.host);
    expect(fetches.length).toBeGreaterThan(0);
    for (const r of fetches) {
      expect(r.method).toBe('GET');
      expect(r.path).toBe(LIST.path);
      expect(r.search).toBe('');
      expect(r.body).toBe('');
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
    }
  });

  it('webmail link checks never contact the link targets', () => {
    for (const h of ['phish-never-visited.top', 'sbisec-login-never-visited.com']) expect(env.server.requestsTo(h)).toEqual([]);
    expect(env.server.requestsTo('www.rakuten.co.jp')).toEqual([]);
  });

  it('the typed password appears in no request at all', () => {
    const carrying = env.server.requests.filter((r) => `${r.path}${r.search}${r.body}${JSON.stringify(r.headers)}`.includes(SECRET));
    expect(carrying.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([]);
  });
});
