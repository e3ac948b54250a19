import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

// Managed policy `webmailHosts`: a firm's own webmail gets the link checker through dynamic
// content-script registration (lib/background/webmail-registration.ts). Real enterprise policy
// file (needs root; the harness locks and removes it).
let env: E2E;
beforeAll(async () => {
  env = await startE2E({ policy: { webmailHosts: ['webmail.example-sec.co.jp', 'not a host'] } });
});
afterAll(async () => {
  await env?.close();
});

describe('webmail: hosts added by managed policy', () => {
  it('registers the link checker for the policy host and flags links there', async () => {
    const sw = await env.serviceWorker();
    await expect
      .poll(
        () =>
          sw.evaluate(async () => {
            type Scripting = { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> };
            const scripting = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome.scripting;
            return (await scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []);
          }),
        { timeout: 15_000 },
      )
      .toEqual(['https://webmail.example-sec.co.jp/*']);
    const page = await env.open('https://webmail.example-sec.co.jp/');
    await page.waitForFunction(() => document.getElementById('p-names')?.getAttribute('data-shoken-link') === 'dangerous', null, { timeout: 10_000 });
    expect(await page.locator('#p-names').getAttribute('href')).toBeNull();
    expect(await page.locator('#p-genuine').getAttribute('data-shoken-link')).toBe('genuine');
    await page.click('#p-names');
    await page.waitForFunction(() => !!document.querySelector('shoken-guard-link-dialog'), null, { timeout: 5_000 });
    await page.keyboard.press('Escape');
    expect(env.server.requestsTo('dsgr1234.com')).toHaveLength(0);
    await page.close();
  });
});
