import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, ROOT, startE2E, type E2E, type StartOptions } from './harness';
import { savePng } from './ui-helpers';
import { DEFAULT_LIST_URL } from '../../lib/list/updater';

// Evaluated inside the extension's service worker, where `chrome` exists.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Screenshots for the README (section "ui"), made in real Chromium with the production build.
// They are committed, so they are only rewritten on request: SHOKEN_SCREENSHOTS=1.
const enabled = process.env.SHOKEN_SCREENSHOTS === '1';
const OUT = join(ROOT, 'test/screenshots');
const IMPOSTOR = 'https://www.sbisec.co.jp.secure-login.top/ETGate/';
// A calm, normal state: the list server answers with the list already in use (nothing new).
const listUrl = new URL(DEFAULT_LIST_URL);
const listServer: StartOptions['routes'] = [
  [listUrl.hostname, listUrl.pathname, () => ({ type: 'application/json', body: readFileSync(join(ROOT, 'lib/list/data/brokers.signed.json')) })],
];
const firmPolicy = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/policy/firm-example.json'), 'utf8'))['3rdparty'].extensions[EXTENSION_ID];

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  // Keep the repository light.
  expect(await savePng(page, join(OUT, `${name}.png`), fullPage)).toBeLessThan(250_000);
}

async function view(env: E2E, path: string, width: number, height: number): Promise<Page> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(env.extensionUrl(path));
  return page;
}

describe.skipIf(!enabled)('screenshots (consumer install)', () => {
  let env: E2E;
  beforeAll(async () => {
    // Without a Japanese font every kanji renders as a box.
    const jaFonts = execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim();
    if (!jaFonts) throw new Error('no Japanese font: apt-get install -y fonts-noto-cjk, then re-run');
    mkdirSync(OUT, { recursive: true });
    env = await startE2E({ routes: listServer });
    const sw = await env.serviceWorker();
    await sw.evaluate(() => chrome.storage.local.set({ 'ui.prefs': { myBrokers: ['sbi', 'rakuten-sec', 'monex'], passwordReuseOptIn: false } }));
  });
  afterAll(async () => {
    await env?.close();
  });

  it('popup on a genuine broker site', async () => {
    const site = await env.open('https://www.sbisec.co.jp/');
    const popup = await view(env, `popup.html?tab=${await env.tabIdOf(site)}`, 360, 200);
    await popup.locator('[data-testid="list-box"]').waitFor();
    await shot(popup, 'popup-genuine');
    await Promise.all([popup.close(), site.close()]);
  });

  it('popup on a look-alike (behind the warning page)', async () => {
    const warning = await env.open(env.extensionUrl(`warning.html?target=${encodeURIComponent(IMPOSTOR)}`));
    const popup = await view(env, `popup.html?tab=${await env.tabIdOf(warning)}`, 360, 200);
    await popup.locator('[data-testid="list-box"]').waitFor();
    await shot(popup, 'popup-impostor');
    await Promise.all([popup.close(), warning.close()]);
  });

  it('popup in English on an ordinary site', async () => {
    const site = await env.open('https://www.keizai-times.jp/articles/sbi-rakuten-nisa/');
    const popup = await view(env, `popup.html?lang=en&tab=${await env.tabIdOf(site)}`, 360, 200);
    await popup.locator('[data-testid="list-box"]').waitFor();
    await shot(popup, 'popup-unrelated-en');
    await Promise.all([popup.close(), site.close()]);
  });

  it('warning page', async () => {
    const page = await view(env, `warning.html?target=${encodeURIComponent(IMPOSTOR)}`, 900, 860);
    await page.locator('.sg-card').waitFor();
    await shot(page, 'warning', false);
    await page.close();
  });

  it('options', async () => {
    const page = await view(env, 'options.html', 900, 900);
    await page.locator('[data-testid="list-section"]').waitFor();
    await shot(page, 'options');
    await page.close();
  });
});

describe.skipIf(!enabled)('screenshots (firm policy)', () => {
  let env: E2E;
  beforeAll(async () => {
    env = await startE2E({ policy: firmPolicy, routes: listServer });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('warning page with the firm contact and no continue', async () => {
    const page = await view(env, `warning.html?target=${encodeURIComponent('https://sbisec-login.com/')}`, 900, 860);
    await page.locator('[data-testid="sg-firm"]').waitFor();
    await shot(page, 'warning-firm', false);
    await page.close();
  });

  it('options with the administrator settings', async () => {
    const page = await view(env, 'options.html', 900, 900);
    await page.locator('[data-testid="policy-section"]').waitFor();
    await shot(page, 'options-firm');
    await page.close();
  });
});
