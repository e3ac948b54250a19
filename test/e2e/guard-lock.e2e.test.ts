import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { disableRedirect, GuardUi, guardRoutes, judged, leaked, observed, SECRET, sleep, warmUp } from './guard-helpers';

// On a page judged impostor, not one character of a password, trading PIN or one-time code
// reaches the page, whatever the page does. Each page records everything it can observe
// (test/fixtures/sites/guard-lab.example/guard/recorder.js, the page's first script).
// Top-level lookalikes are normally sent to the warning page before they can be used
// (guard-redirect.e2e.test.ts); here the QA build's redirect switch is off so the in-page
// lock itself is exercised, as it is for the moment before the redirect lands, for framed
// impostors and for page-identity impostors.

const IMPOSTOR = 'https://www.sbisec.co.jp.secure-login.top';
const IMPOSTOR2 = 'https://sbisec-login.com';

let env: E2E;
beforeAll(async () => {
  env = await startE2E({ testMode: true, routes: guardRoutes() });
  await disableRedirect(env);
  await warmUp(env);
});
afterAll(async () => {
  await env?.close();
});

async function settle(page: Page) {
  expect(await judged(page)).toBe('lock');
  // Give the page's pollers time to look.
  await sleep(50);
}

async function typeInto(page: Page, focus: () => Promise<unknown>, text = SECRET) {
  await focus().catch(() => {});
  await page.keyboard.type(text, { delay: 5 });
  await sleep(60);
}

async function expectNothingObserved(page: Page) {
  const o = await observed(page);
  expect(leaked(o)).toEqual([]);
  expect(o.count.keydown ?? 0).toBe(0);
  expect(o.count.input ?? 0).toBe(0);
  for (const v of o.values) expect(v).not.toMatch(/[ZQXJ]/);
}

describe('lock on an impostor page', () => {
  it('password, trading PIN and one-time code fields receive nothing, and the page sees no key event', async () => {
    const page = await env.open(`${IMPOSTOR}/guard/basic.html`);
    await settle(page);
    for (const id of ['#pw', '#pin', '#otp', '#user']) await typeInto(page, () => page.focus(id));
    await expectNothingObserved(page);
    expect(await page.evaluate(() => ['pw', 'pin', 'otp', 'user'].map((id) => (document.getElementById(id) as HTMLInputElement).value))).toEqual(['', '', '', '']);
    await page.close();
  });

  it('shows an overlay on top naming the imitated broker and its genuine login page', async () => {
    const page = await env.open(`${IMPOSTOR}/guard/basic.html`);
    await settle(page);
    const ui = await GuardUi.of(page);
    const o = await ui.overlay();
    expect(o.present).toBe(true);
    expect(o.rendered).toBe(true);
    expect(o.onTop).toBe(true);
    expect(o.text).toContain('SBI証券');
    expect(o.text).toContain('https://www.sbisec.co.jp/ETGate/');
    // The page cannot click into the closed shadow root: page-side querying finds only a host.
    expect(await page.evaluate(() => document.querySelectorAll('dialog').length)).toBe(0);
    await ui.dispose();
    await page.close();
  });

  it('"go to the genuine site" takes the tab to the broker\'s genuine login page', async () => {
    const page = await env.open(`${IMPOSTOR}/guard/basic.html`);
    await settle(page);
    const ui = await GuardUi.of(page);
    await ui.click('sg-go-genuine');
    await page.waitForURL('https://www.sbisec.co.jp/ETGate/**', { timeout: 10_000 });
    expect(new URL(page.url()).host).toBe('www.sbisec.co.jp');
    await ui.dispose();
    await page.close();
  });
});
