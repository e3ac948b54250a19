import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_ID, installPolicy, POLICY_FILE, ROOT, startE2E, type E2E } from './harness';
import { axe, describeViolations } from './ui-helpers';

// Evaluated inside the extension's service worker, where `chrome` exists.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

// A securities firm's managed policy, through a REAL Chromium policy file
// (/etc/chromium/policies/managed/, root needed, removed afterwards). The policy is exactly
// the example of the deployment guide (README section "ui"): test/fixtures/policy/firm-example.json.
const FIXTURE = join(ROOT, 'test/fixtures/policy/firm-example.json');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { '3rdparty': { extensions: Record<string, Record<string, unknown>> } };
const firmPolicy = fixture['3rdparty'].extensions[EXTENSION_ID];

async function popupFor(env: E2E, page: Page): Promise<Page> {
  const popup = await env.open(env.extensionUrl(`popup.html?tab=${await env.tabIdOf(page)}`));
  await popup.locator('[data-testid="tab-state"]').waitFor();
  return popup;
}

describe('firm policy (the deployment guide example)', () => {
  let env: E2E;
  beforeAll(async () => {
    env = await startE2E({ policy: firmPolicy });
  });
  afterAll(async () => {
    await env?.close();
    // The machine-wide policy file is gone after the test.
    expect(existsSync(POLICY_FILE)).toBe(false);
  });

  it('is installed verbatim and reaches chrome.storage.managed unchanged (the schema accepts every key)', async () => {
    expect(JSON.parse(readFileSync(POLICY_FILE, 'utf8'))).toEqual(fixture);
    const managed = await (await env.serviceWorker()).evaluate(() => chrome.storage.managed.get(null));
    expect(managed).toEqual(firmPolicy);
  });

  it("makes the firm's own origin genuine", async () => {
    const site = await env.open('https://nisa.example-sec.co.jp/');
    const popup = await popupFor(env, site);
    const state = popup.locator('[data-testid="tab-state"]');
    expect(await state.getAttribute('data-state')).toBe('genuine');
    expect(await state.locator('h2').textContent()).toBe('正規の例示証券です');
    expect(await state.textContent()).toContain('管理者（証券会社など）が正規サイトとして登録したアドレスです。');
    expect(await popup.locator('[data-testid="managed-badge"]').textContent()).toBe('例示証券が管理しています');
    // Another host of the same domain is NOT made genuine (origins, not domains).
    const other = await env.open('https://www.example-sec.co.jp/');
    const otherPopup = await popupFor(env, other);
    expect(await otherPopup.locator('[data-testid="tab-state"]').getAttribute('data-state')).not.toBe('genuine');
    await Promise.all([popup.close(), site.close(), otherPopup.close(), other.close()]);
  });

  it('removes "continue anyway" and shows the firm support contact in the warning', async () => {
    const page = await env.open(env.extensionUrl(`warning.html?target=${encodeURIComponent('https://sbisec-login.com/')}`));
    await page.locator('.sg-card').waitFor();
    expect(await page.locator('[data-testid="sg-continue"]').count()).toBe(0);
    expect(await page.locator('[data-testid="sg-continue-locked"]').textContent()).toBe('管理者の設定により、このページには進めません。');
    const firm = page.locator('[data-testid="sg-firm"]');
    expect(await firm.textContent()).toContain('例示証券');
    expect(await firm.textContent()).toContain('0120-000-000（平日 9:00〜17:00）');
    expect(await page.locator('[data-testid="sg-go-genuine"]').getAttribute('href')).toBe('https://www.sbisec.co.jp/ETGate/');
    expect(await axe(page), describeViolations(await axe(page))).toEqual([]);
    await page.close();
  });

  it('options shows the firm settings and password-reuse alerts locked on', async () => {
    const options = await env.open(env.extensionUrl('options.html'));
    const section = options.locator('[data-testid="policy-section"]');
    await section.waitFor();
    const text = await section.textContent();
    expect(text).toContain('例示証券');
    expect(text).toContain('https://nisa.example-sec.co.jp');
    expect(text).toContain('使えない（正規サイトへの移動のみ）');
    expect(await options.locator('[data-testid="policy-problems"]').count()).toBe(0);
    const toggle = options.locator('[data-testid="reuse-toggle"]');
    expect(await toggle.isChecked()).toBe(true);
    expect(await toggle.isDisabled()).toBe(true);
    expect(await options.locator('[data-testid="reuse-forced"]').textContent()).toBe('管理者の設定により、常にオンになっています。');
    expect(await axe(options), describeViolations(await axe(options))).toEqual([]);
    await options.close();
  });
});

describe('a policy with invalid values', () => {
  let env: E2E;
  beforeAll(async () => {
    env = await startE2E({
      policy: {
        genuineOrigins: ['http://plain.example-sec.co.jp', 'https://ok.example-sec.co.jp/', 'https://*.example-sec.co.jp'],
        supportContact: 'x'.repeat(300),
        // Wrong JSON type: Chromium drops it against the schema before the extension sees it.
        allowContinue: 'no',
      },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('ignores each invalid value with a visible note in options, and keeps the valid ones', async () => {
    const options = await env.open(env.extensionUrl('options.html'));
    const problems = options.locator('[data-testid="policy-problems"] li');
    await problems.first().waitFor();
    const texts = (await problems.allTextContents()).sort();
    expect(texts, JSON.stringify(texts)).toHaveLength(3);
    expect(texts[0]).toContain('genuineOrigins[0] = http://plain.example-sec.co.jp');
    expect(texts[0]).toContain('https:// で始まるオリジン（パスなし）ではありません。');
    expect(texts[1]).toContain('genuineOrigins[2] = https://*.example-sec.co.jp');
    expect(texts[2]).toContain('supportContact');
    expect(texts[2]).toContain('長すぎます。');
    expect(await options.locator('[data-testid="policy-section"]').textContent()).toContain('https://ok.example-sec.co.jp');
    expect(await axe(options), describeViolations(await axe(options))).toEqual([]);
    await options.close();

    // The valid origin works; "continue anyway" stays available (the wrongly typed value was dropped).
    const site = await env.open('https://ok.example-sec.co.jp/');
    const popup = await popupFor(env, site);
    expect(await popup.locator('[data-testid="tab-state"]').getAttribute('data-state')).toBe('genuine');
    const warning = await env.open(env.extensionUrl(`warning.html?target=${encodeURIComponent('https://sbisec-login.com/')}`));
    await warning.locator('.sg-card').waitFor();
    expect(await warning.locator('[data-testid="sg-continue"]').count()).toBe(1);
    await Promise.all([popup.close(), site.close(), warning.close()]);
  });

  it('re-reads the policy when the firm changes it, without a restart', async () => {
    const sw = await env.serviceWorker();
    const changed = sw.evaluate(
      () =>
        new Promise<string>((resolve) => {
          chrome.storage.onChanged.addListener((_c: unknown, area: string) => {
            if (area === 'managed') resolve(area);
          });
        }),
    );
    // Same file, corrected values (Chromium picks up policy-file changes after a few seconds).
    await installPolicy({ genuineOrigins: ['https://ok.example-sec.co.jp'], firmName: '例示証券', allowContinue: false });
    expect(await changed).toBe('managed');
    const options = await env.open(env.extensionUrl('options.html'));
    await options.locator('[data-testid="policy-section"]', { hasText: '例示証券' }).waitFor();
    expect(await options.locator('[data-testid="policy-problems"]').count()).toBe(0);
    const warning = await env.open(env.extensionUrl(`warning.html?target=${encodeURIComponent('https://sbisec-login.com/')}`));
    await warning.locator('.sg-card').waitFor();
    expect(await warning.locator('[data-testid="sg-continue"]').count()).toBe(0);
    await Promise.all([options.close(), warning.close()]);
  });
});
