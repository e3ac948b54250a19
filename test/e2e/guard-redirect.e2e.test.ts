import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { GuardUi, guardRoutes, judged, sleep, warmUp } from './guard-helpers';

// Strong lookalikes (impostor by domain) never get used: the tab is sent to the extension's
// warning page ("did you mean …?") as the navigation starts. The toolbar keeps the warning.

let env: E2E;
beforeAll(async () => {
  env = await startE2E({ testMode: true, routes: guardRoutes() });
  await warmUp(env);
});
afterAll(async () => {
  await env?.close();
});

async function landOnWarning(url: string) {
  const page = await env.context.newPage();
  await page.goto(url, { waitUntil: 'commit' }).catch(() => {});
  // (polled: the aborted original navigation makes waitForURL throw ERR_ABORTED)
  await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/\/warning\.html\?target=/);
  await page.waitForLoadState('domcontentloaded').catch(() => {});
  return page;
}

describe('redirect of strong lookalikes', () => {
  it.each([
    ['https://www.sbisec.co.jp.secure-login.top/guard/basic.html', 'SBI証券'],
    ['https://sbisec-login.com/guard/basic.html', 'SBI証券'],
    ['https://rakuten-sec.co.jp.verify-account.cn/guard/basic.html', '楽天証券'],
  ])('%s goes to the warning page naming %s', async (url, brand) => {
    const page = await landOnWarning(url);
    const u = new URL(page.url());
    expect(u.protocol).toBe('chrome-extension:');
    expect(u.host).toBe(env.extensionId);
    expect(u.searchParams.get('target')).toBe(url);
    await page.waitForLoadState('domcontentloaded');
    await expect.poll(() => page.locator('body').innerText(), { timeout: 5000 }).toContain(brand);
    const tb = await env.toolbar(page);
    expect(tb.text).toBe('!');
    await page.close();
  });

  it('continue anyway on the warning page lets that origin load for the session', async () => {
    const url = 'https://sbisec-login.com/guard/basic.html?continue=1';
    const page = await landOnWarning(url);
    await page.getByTestId('sg-continue').click();
    await page.getByTestId('sg-continue-confirm').click();
    await page.waitForURL(url, { timeout: 10_000 });
    expect(await judged(page)).toBe('open');
    // The same origin again: no redirect this session.
    await page.goto('https://sbisec-login.com/guard/late.html');
    await sleep(300);
    expect(new URL(page.url()).host).toBe('sbisec-login.com');
    await page.close();
  });

  it.each(['https://www.sbisec.co.jp/guard/basic.html', 'https://www.rakuten.co.jp/guard/basic.html', 'https://matsui-info.com/guard/basic.html'])(
    '%s is not redirected',
    async (url) => {
      const page = await env.open(url);
      await sleep(300);
      expect(page.url()).toBe(url);
      await page.close();
    },
  );

  it('an impostor in an iframe is not redirected (the tab stays) but locked in place', async () => {
    const src = 'https://www.sbisec.co.jp.secure-login.top/guard/frame-field.html';
    const url = `https://blog-platform.example/guard/iframe.html?src=${encodeURIComponent(src)}`;
    const page = await env.open(url);
    await page.frameLocator('#frame').locator('#pw').waitFor({ state: 'attached' });
    await sleep(200);
    expect(page.url()).toBe(url);
    const f = page.frames().find((x) => x !== page.mainFrame())!;
    const ui = await GuardUi.of(f);
    for (let i = 0; i < 50 && (await ui.stats()).mode === 'pending'; i++) await sleep(30);
    expect((await ui.stats()).mode).toBe('lock');
    await ui.dispose();
    // The top page has no credential field: its guard asks for its verdict only when the user
    // first interacts with it (no request at load, lib/guard/page-guard.ts). Once asked: open.
    const top = await GuardUi.of(page);
    await page.mouse.click(5, 5);
    for (let i = 0; i < 50 && (await top.stats()).mode === 'pending'; i++) await sleep(30);
    expect((await top.stats()).mode).toBe('open');
    await top.dispose();
    await page.close();
  });
});
