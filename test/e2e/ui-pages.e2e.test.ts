import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { axe, describeViolations } from './ui-helpers';

// Evaluated inside the extension's service worker, where `chrome` exists.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Popup, options and warning page of the production build in real Chromium (no policy):
// what they say, that they are keyboard operable, and that axe-core finds no violations.
let env: E2E;
beforeAll(async () => {
  env = await startE2E();
});
afterAll(async () => {
  await env?.close();
});

const IMPOSTOR = 'https://www.sbisec.co.jp.secure-login.top/ETGate/';

async function popupFor(page: Page, lang?: 'ja' | 'en'): Promise<Page> {
  const tabId = await env.tabIdOf(page);
  const popup = await env.open(env.extensionUrl(`popup.html?tab=${tabId}${lang ? `&lang=${lang}` : ''}`));
  await popup.locator('[data-testid="tab-state"]').waitFor();
  return popup;
}

async function warningFor(target: string, lang?: 'ja' | 'en'): Promise<Page> {
  const page = await env.open(env.extensionUrl(`warning.html?target=${encodeURIComponent(target)}${lang ? `&lang=${lang}` : ''}`));
  await page.locator('.sg-card').waitFor();
  return page;
}

describe('popup', () => {
  it('says a genuine broker page is genuine, by name', async () => {
    const site = await env.open('https://www.sbisec.co.jp/');
    const popup = await popupFor(site);
    const state = popup.locator('[data-testid="tab-state"]');
    expect(await state.getAttribute('data-state')).toBe('genuine');
    expect(await state.locator('h2').textContent()).toBe('正規のSBI証券です');
    expect(await state.textContent()).toContain('www.sbisec.co.jp');
    expect(await popup.locator('[data-testid="popup-go-genuine"]').count()).toBe(0);
    expect(await axe(popup), describeViolations(await axe(popup))).toEqual([]);
    await Promise.all([popup.close(), site.close()]);
  });

  it('says an ordinary site is not a broker site', async () => {
    const site = await env.open('https://www.keizai-times.jp/articles/sbi-rakuten-nisa/');
    const popup = await popupFor(site);
    expect(await popup.locator('[data-testid="tab-state"]').getAttribute('data-state')).toBe('unrelated');
    expect(await popup.locator('[data-testid="tab-state"] h2').textContent()).toBe('証券会社のサイトではありません');
    await Promise.all([popup.close(), site.close()]);
  });

  it('names the imitated broker on a look-alike, explains why and links the genuine login', async () => {
    const site = await env.open('https://matsui-login.com/');
    const popup = await popupFor(site);
    const state = popup.locator('[data-testid="tab-state"]');
    expect(await state.getAttribute('data-state')).toBe('suspicious');
    expect(await state.locator('h2').textContent()).toBe('松井証券に似たサイトです');
    expect(await state.locator('ul.reasons li').count()).toBeGreaterThan(0);
    expect(await popup.locator('[data-testid="popup-go-genuine"]').getAttribute('href')).toMatch(/^https:\/\/www\.deal\.matsui\.co\.jp\//);
    expect(await axe(popup), describeViolations(await axe(popup))).toEqual([]);
    await Promise.all([popup.close(), site.close()]);
  });

  it('on a tab showing the warning page, describes the page being warned about', async () => {
    const warning = await warningFor(IMPOSTOR);
    const popup = await popupFor(warning);
    const state = popup.locator('[data-testid="tab-state"]');
    expect(await state.getAttribute('data-state')).toBe('impostor');
    expect(await state.locator('h2').textContent()).toBe('SBI証券の偽物の疑い');
    expect(await axe(popup), describeViolations(await axe(popup))).toEqual([]);
    await Promise.all([popup.close(), warning.close()]);
  });

  it('shows the list version and freshness', async () => {
    const site = await env.open('https://www.sbisec.co.jp/');
    const popup = await popupFor(site);
    const box = popup.locator('[data-testid="list-box"]');
    await box.waitFor();
    expect(await box.textContent()).toMatch(/バージョン \d+/);
    expect(await box.locator('[data-testid="list-health"] .note').count()).toBeGreaterThan(0);
    await Promise.all([popup.close(), site.close()]);
  });

  it('speaks English when asked', async () => {
    const site = await env.open('https://www.sbisec.co.jp/');
    const popup = await popupFor(site, 'en');
    expect(await popup.locator('[data-testid="tab-state"] h2').textContent()).toBe('Genuine SBI SECURITIES');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('en');
    await Promise.all([popup.close(), site.close()]);
  });
});

describe('options', () => {
  it('chosen brokers become quick links to their genuine login pages in the popup', async () => {
    const options = await env.open(env.extensionUrl('options.html'));
    const choices = options.locator('[data-testid="broker-choices"]');
    await choices.waitFor();
    // Keyboard only: focus the checkbox and press Space.
    await choices.locator('label', { hasText: '楽天証券' }).locator('input').focus();
    await options.keyboard.press('Space');
    await options.locator('[data-testid="saved"]', { hasText: '保存しました' }).waitFor();
    await choices.locator('label', { hasText: 'SBI証券' }).locator('input').check();
    await expect.poll(() => choices.locator('input:checked').count()).toBe(2);
    expect(await axe(options), describeViolations(await axe(options))).toEqual([]);

    const site = await env.open('https://www.keizai-times.jp/articles/sbi-rakuten-nisa/');
    const popup = await popupFor(site);
    const links = popup.locator('[data-testid="my-brokers"] a');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toEqual(['https://www.sbisec.co.jp/ETGate/', 'https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html']);

    // Unchecking removes it again (stored in storage.local through the background).
    await choices.locator('label', { hasText: '楽天証券' }).locator('input').uncheck();
    await expect.poll(() => choices.locator('input:checked').count()).toBe(1);
    await Promise.all([popup.close(), site.close(), options.close()]);
  });

  it('password-reuse alerts are off by default and the opt-in persists', async () => {
    const options = await env.open(env.extensionUrl('options.html'));
    const toggle = options.locator('[data-testid="reuse-toggle"]');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await toggle.isDisabled()).toBe(false);
    await toggle.check();
    await options.locator('[data-testid="saved"]', { hasText: '保存しました' }).waitFor();
    await options.reload();
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    const stored = await (await env.serviceWorker()).evaluate(async () => (await chrome.storage.local.get('ui.prefs'))['ui.prefs']);
    expect(stored).toMatchObject({ passwordReuseOptIn: true });
    await toggle.uncheck();
    await options.close();
  });

  it('states what is sent, the list status, the version and licences; no policy section for consumers', async () => {
    const options = await env.open(env.extensionUrl('options.html'));
    await options.locator('[data-testid="list-section"]').waitFor();
    expect(await options.locator('[data-testid="privacy-section"]').textContent()).toContain('正規サイト一覧（署名付き）を取得するときだけ');
    expect(await options.locator('[data-testid="list-section"]').textContent()).toMatch(/バージョン \d+/);
    expect(await options.locator('[data-testid="version"]').textContent()).toMatch(/\d+\.\d+\.\d+/);
    expect(await options.locator('text=preact').count()).toBeGreaterThan(0);
    expect(await options.locator('[data-testid="policy-section"]').count()).toBe(0);
    await options.close();
  });
});

describe('list status in words', () => {
  it('a failed update is explained in options and warned about in the popup', async () => {
    // No list route on the local server: the list URL answers 404.
    const options = await env.open(env.extensionUrl('options.html'));
    await options.locator('[data-testid="list-update-now"]').click();
    const row = options.locator('[data-testid="list-attempts"] tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('配信サーバーがエラーを返しました。');
    expect(await options.locator('[data-testid="list-section"] [data-level="warn"]').textContent()).toMatch(/の更新に失敗しました: 配信サーバーがエラーを返しました。/);
    expect(await axe(options), describeViolations(await axe(options))).toEqual([]);

    const site = await env.open('https://www.sbisec.co.jp/');
    const popup = await popupFor(site);
    const note = popup.locator('[data-testid="list-box"] [data-level="warn"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('配信サーバーがエラーを返しました。');
    expect(await axe(popup), describeViolations(await axe(popup))).toEqual([]);
    await Promise.all([popup.close(), site.close(), options.close()]);
  });
});

describe('warning page', () => {
  it('offers the genuine site first: focused, and Enter goes there', async () => {
    const page = await warningFor(IMPOSTOR);
    expect(await page.locator('h1').textContent()).toBe('SBI証券の偽サイトの疑いがあります');
    expect(await page.locator('.sg-suggest-url').textContent()).toBe('https://www.sbisec.co.jp/ETGate/');
    expect(await page.locator('.sg-lead').textContent()).toContain('www.sbisec.co.jp.secure-login.top');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sg-go-genuine');
    expect(await axe(page), describeViolations(await axe(page))).toEqual([]);
    await Promise.all([page.waitForURL('https://www.sbisec.co.jp/ETGate/'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).hostname).toBe('www.sbisec.co.jp');
    await page.close();
  });

  it('continue anyway takes two deliberate steps, then opens the page', async () => {
    const page = await warningFor(IMPOSTOR);
    await page.locator('[data-testid="sg-continue"]').click();
    // The confirmation appears and focus moves into it (cancel first: the safe choice).
    // Focus moves after the confirmation renders: poll rather than read once (a race on a loaded machine).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 5000 }).toBe('sg-continue-cancel');
    expect(await axe(page), describeViolations(await axe(page))).toEqual([]);
    await Promise.all([page.waitForURL(IMPOSTOR), page.locator('[data-testid="sg-continue-confirm"]').click()]);
    expect(await page.evaluate(() => location.hostname)).toBe('www.sbisec.co.jp.secure-login.top');
    await page.close();
  });

  it('speaks English and shows no firm contact without policy', async () => {
    const page = await warningFor('https://sbisec-login.com/', 'en');
    expect(await page.locator('h1').textContent()).toBe('This looks like a fake SBI SECURITIES site');
    expect(await page.locator('[data-testid="sg-firm"]').count()).toBe(0);
    await page.close();
  });

  it('never offers to continue to a javascript: or missing target', async () => {
    const page = await env.open(env.extensionUrl(`warning.html?target=${encodeURIComponent('javascript:alert(1)')}`));
    await page.locator('[role="alert"]').waitFor();
    expect(await page.locator('a, button').count()).toBe(0);
    await page.close();
  });
});
