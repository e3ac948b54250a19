import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, toolbarState, waitForBadge, type E2E } from './harness';

// The toolbar button tells genuine broker sites from impostors at a glance, per tab, on the
// real hostnames (served locally), in real Chromium with the production build.
let env: E2E;
// A page whose load never ends: an image request the server never answers.
const neverLoads = (title: string) => () => ({ type: 'text/html', body: `<!doctype html><title>${title}</title><p>${title}<img src="/never-answered.png">` });
beforeAll(async () => {
  env = await startE2E({
    routes: [
      ['www.sbisec.co.jp', '/still-loading', neverLoads('SBI証券')],
      ['sbi-info.example', '/still-loading', neverLoads('SBI info')],
      ['www.sbisec.co.jp', '/never-answered.png', () => new Promise(() => {})],
      ['sbi-info.example', '/never-answered.png', () => new Promise(() => {})],
    ],
  });
});
afterAll(async () => {
  await env?.close();
});

describe('toolbar on genuine broker origins', () => {
  it.each([
    ['https://www.sbisec.co.jp/', 'SBI証券'],
    ['https://www.rakuten-sec.co.jp/', '楽天証券'],
    ['https://www.monex.co.jp/', 'マネックス証券'],
  ])('%s shows the genuine mark and names the broker', async (url, brand) => {
    const page = await env.open(url);
    try {
      // The page really was served for that hostname by the local server.
      expect(await page.evaluate(() => location.hostname)).toBe(new URL(url).hostname);
      const s = await waitForBadge(env, page, '✓');
      expect(s.title).toContain(brand);
      expect(s.title).toContain('正規');
    } finally {
      await page.close();
    }
  });
});

describe('toolbar on impostors', () => {
  it.each([
    'https://www.sbisec.co.jp.secure-login.top/',
    'https://sbisec-login.com/',
    'https://rakuten-sec.co.jp.account-verify.com/',
  ])('%s shows the warning mark naming the imitated broker', async (url) => {
    env.server.clearRequests();
    const page = await env.open(url);
    try {
      // The tab shows the lookalike or the guard's warning page standing in for it.
      await expect.poll(() => page.url().startsWith(url) || page.url().startsWith(env.extensionUrl('warning.html')), { timeout: 10_000 }).toBe(true);
      const s = await waitForBadge(env, page, '!');
      expect(s.title).toMatch(/SBI証券|楽天証券/);
      expect(s.title).not.toContain('正規サイト');
    } finally {
      await page.close();
    }
  });
});

describe('toolbar elsewhere', () => {
  it.each(['https://www.rakuten.co.jp/', 'https://example.com/', 'https://www.sbishinseibank.co.jp/'])(
    '%s shows no mark',
    async (url) => {
      const s = await toolbarState(env, url);
      expect(s.text).toBe('');
    },
  );

  it('http://www.sbisec.co.jp/ is never shown as genuine', async () => {
    env.server.clearRequests();
    const page = await env.open('http://www.sbisec.co.jp/');
    try {
      expect(page.url()).toMatch(/^http:\/\/www\.sbisec\.co\.jp\//);
      expect(env.server.requestsTo('www.sbisec.co.jp').some((r) => r.scheme === 'http')).toBe(true);
      const s = await toolbarState(env, page);
      expect(s.text).not.toBe('✓');
      expect(s.title).not.toContain('正規サイト');
    } finally {
      await page.close();
    }
  });

  it('keeps a separate state per tab, and follows a tab that navigates', async () => {
    const genuine = await env.open('https://www.sbisec.co.jp/');
    const fake = await env.open('https://sbisec-login.com/');
    try {
      await waitForBadge(env, genuine, '✓');
      await waitForBadge(env, fake, '!');
      await genuine.goto('https://example.com/');
      expect((await toolbarState(env, genuine)).text).toBe('');
      expect((await toolbarState(env, fake)).text).toBe('!');
    } finally {
      await genuine.close();
      await fake.close();
    }
  });
});

describe('toolbar on a page that never finishes loading', () => {
  // Chromium clears the button when the new document commits, which can be after the tab's
  // 'loading' event; the tab's 'complete' event never comes for these pages. The mark must be
  // painted at the commit (webNavigation.onCommitted of the top frame).
  it.each([
    ['https://www.sbisec.co.jp/still-loading', '✓'],
    ['https://sbi-info.example/still-loading', '?'],
  ])('%s shows its mark while it is still loading', async (url, mark) => {
    const page = await env.context.newPage();
    try {
      await page.goto(url, { waitUntil: 'commit' });
      const s = await waitForBadge(env, page, mark, 5_000);
      expect(s.title).toContain('SBI証券');
      // Still loading: the mark did not wait for the load to end.
      expect(await page.evaluate(() => document.readyState)).not.toBe('complete');
    } finally {
      await page.close();
    }
  });
});
