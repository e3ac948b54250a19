import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, stopServiceWorker, type E2E } from './harness';
import { delayVerdicts, GuardUi, guardRoutes, judged, observed, SECRET, sleep, warmUp } from './guard-helpers';

// Genuine broker pages and genuine companies that share a broker's words (Rakuten Ichiba, SBI
// Shinsei Bank, Nomura Real Estate, Daiwa House, Mizuho Bank, SMBC, Google, Amazon, Yahoo!
// JAPAN): every character arrives, the page sees every key, nothing is shown, the page stays.

let env: E2E;
beforeAll(async () => {
  env = await startE2E({ testMode: true, routes: guardRoutes() });
  await warmUp(env);
});
afterAll(async () => {
  await env?.close();
});

const value = (page: Page, id: string) => page.evaluate((i) => (document.getElementById(i) as HTMLInputElement).value, id);

const HOSTS = [
  'www.sbisec.co.jp',
  'login.sbisec.co.jp',
  'www.rakuten-sec.co.jp',
  'www.rakuten.co.jp',
  'www.sbishinseibank.co.jp',
  'www.nomura-re.co.jp',
  'www.daiwahouse.co.jp',
  'www.mizuhobank.co.jp',
  'www.smbc.co.jp',
  'accounts.google.com',
  'www.amazon.co.jp',
  'login.yahoo.co.jp',
];

describe('typing is untouched where the guard has no concern', () => {
  it.each(HOSTS)('%s: password, PIN and OTP arrive whole, every key event is seen, no overlay', async (host) => {
    const url = `https://${host}/guard/basic.html`;
    const page = await env.open(url);
    expect(await judged(page)).toBe('open');
    await page.click('#pw');
    await page.keyboard.type(SECRET);
    await page.click('#pin');
    await page.keyboard.type('4321');
    await page.click('#otp');
    await page.keyboard.type('987654');
    expect(await value(page, 'pw')).toBe(SECRET);
    expect(await value(page, 'pin')).toBe('4321');
    expect(await value(page, 'otp')).toBe('987654');
    const o = await observed(page);
    // keydown seen at window and document, capture and bubble: 4 listeners per key.
    expect(o.count.keydown).toBe((SECRET.length + 4 + 6) * 4);
    expect(o.seen.join('')).toContain(SECRET);
    const ui = await GuardUi.of(page);
    expect((await ui.overlay()).present).toBe(false);
    expect((await ui.notice('caution')).present).toBe(false);
    await ui.dispose();
    expect(page.url()).toBe(url);
    await page.close();
  });
});

describe('typing before the verdict on a genuine page loses nothing', () => {
  it('keys, Backspace and Enter typed during a 700 ms verdict are replayed in order, and Enter submits', async () => {
    await delayVerdicts(env, 700);
    try {
      env.server.clearRequests();
      const page = await env.context.newPage();
      await page.goto('https://www.sbisec.co.jp/guard/basic.html', { waitUntil: 'commit' });
      await page.waitForSelector('#pw', { state: 'attached' });
      await page.focus('#pw');
      await page.keyboard.type(SECRET, { delay: 10 });
      await page.keyboard.press('Backspace');
      await page.keyboard.type('Q');
      const typedAt = await page.evaluate(() => performance.now());
      // Nothing has reached the page yet: the verdict is still pending.
      expect(await value(page, 'pw')).toBe('');
      await page.keyboard.press('Enter');
      const ui = await GuardUi.of(page);
      // Still pending when Enter was pressed: everything above was typed before the verdict.
      expect((await ui.stats()).mode).toBe('pending');
      const req = await env.server.waitForRequest((r) => r.path === '/guard/collect' && r.host === 'www.sbisec.co.jp', 5000);
      expect(new URLSearchParams(req.body).get('user_password')).toBe('ZQXQ');
      expect(typedAt).toBeGreaterThan(0);
      await ui.dispose();
      // Closing mid-commit of the POST navigation can hang Playwright's close(): let it land.
      await page.locator('#received').waitFor();
      await page.close();
    } finally {
      await delayVerdicts(env, 0);
    }
  });

  it('worker stopped, genuine page loaded and typed into at once: every character arrives', async () => {
    await stopServiceWorker(env);
    const page = await env.context.newPage();
    await page.goto('https://www.rakuten-sec.co.jp/guard/basic.html', { waitUntil: 'commit' });
    await page.waitForSelector('#pw', { state: 'attached' });
    await page.focus('#pw');
    await page.keyboard.type(SECRET);
    expect(await judged(page)).toBe('open');
    await sleep(50);
    expect(await value(page, 'pw')).toBe(SECRET);
    await page.keyboard.type('9');
    expect(await value(page, 'pw')).toBe(`${SECRET}9`);
    await page.close();
  });

  it('the page sees ordinary input events for the replayed text (frameworks track the value)', async () => {
    await delayVerdicts(env, 500);
    try {
      const page = await env.context.newPage();
      await page.goto('https://www.rakuten.co.jp/guard/basic.html', { waitUntil: 'commit' });
      await page.waitForSelector('#pw', { state: 'attached' });
      await page.focus('#pw');
      await page.keyboard.type(SECRET);
      expect(await judged(page)).toBe('open');
      await sleep(50);
      expect(await value(page, 'pw')).toBe(SECRET);
      const o = await observed(page);
      expect(o.count.input).toBeGreaterThanOrEqual(SECRET.length);
      expect(o.seen.filter((s) => s === SECRET).length).toBeGreaterThan(0);
      // Typing after the verdict is plain typing again.
      await page.keyboard.type('7');
      expect(await value(page, 'pw')).toBe(`${SECRET}7`);
      await page.close();
    } finally {
      await delayVerdicts(env, 0);
    }
  });
});

describe('caution on a suspicious page', () => {
  it('a broker word on a foreign domain gets a visible caution at the field, typing still arrives', async () => {
    const page = await env.open('https://matsui-info.com/guard/basic.html');
    expect(await judged(page)).toBe('caution');
    await page.click('#pw');
    await page.keyboard.type(SECRET);
    expect(await value(page, 'pw')).toBe(SECRET);
    const ui = await GuardUi.of(page);
    const n = await ui.notice('caution');
    expect(n.present).toBe(true);
    expect(n.text).toContain('松井証券');
    expect((await ui.overlay()).present).toBe(false);
    await ui.dispose();
    await page.close();
  });
});

describe('hold for page identity (hooks.holdCredentialInput)', () => {
  it('credential input typed during a hold arrives whole when the hold ends', async () => {
    const page = await env.open('https://blog-platform.example/guard/basic.html');
    expect(await judged(page)).toBe('open');
    const ui = await GuardUi.of(page);
    await ui.isolated('globalThis.__shokenGuardReady().then((g) => (g.hooks.holdCredentialInput(new Promise((r) => setTimeout(r, 600))), 1))');
    await page.click('#pw');
    await page.keyboard.type(SECRET);
    expect(await value(page, 'pw')).toBe('');
    // The login id (not a credential) is never held.
    await page.click('#user');
    await page.keyboard.type('taro');
    expect(await value(page, 'user')).toBe('taro');
    await expect.poll(() => value(page, 'pw'), { timeout: 3000 }).toBe(SECRET);
    await ui.dispose();
    await page.close();
  });

  it('a lock arriving during the hold drops what was typed: the page never sees it', async () => {
    const page = await env.open('https://blog-platform.example/guard/basic.html');
    expect(await judged(page)).toBe('open');
    const ui = await GuardUi.of(page);
    await ui.isolated('globalThis.__shokenGuardReady().then((g) => (g.hooks.holdCredentialInput(new Promise((r) => setTimeout(r, 2000))), 1))');
    await page.click('#pw');
    await page.keyboard.type(SECRET);
    // What the background pushes after a page-identity upgrade (guard.upgradeFrame).
    await ui.isolated(`globalThis.__shokenGuardReady().then((g) => { const s = g.hooks.status();
      g.apply({ ...s, action: 'lock', verdict: { kind: 'impostor', reasons: ['page-identity'], listVersion: 1,
        brand: 'rakuten-sec', brandNames: { ja: '楽天証券', en: 'Rakuten Securities' }, imitates: 'https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html' } });
      return 1; })`);
    await sleep(2200);
    const o = await observed(page);
    expect(o.seen.join('')).not.toMatch(/[ZQXJ]/);
    expect(await value(page, 'pw')).toBe('');
    expect((await ui.stats()).mode).toBe('lock');
    await ui.dispose();
    await page.close();
  });
});
