import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultExtensionDir, startE2E, toolbarState, type E2E } from './harness';
import { brand, signedText, TEST_PUBLIC } from '../fixtures/lists/make';
import brokers from '../../lib/list/data/brokers.json';
import type { ListDocument } from '../../lib/list/types';
import type { ListStatus } from '../../lib/messaging/protocol';

// The TEST-ONLY signing key is public knowledge: if a production build trusted it, anyone could
// publish a list that blesses their phishing site. These tests prove the production build
// neither contains nor trusts it, while the QA build does (so the other E2E tests mean something).
declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };

const LIST_HOST = 'lists.shoken-guard.jp';
const NEW_HOST = 'www.testkey-sec.co.jp';
const base = brokers as unknown as ListDocument;

async function testSignedList(): Promise<string> {
  const issued = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return signedText({ ...base, version: base.version + 1, issued, brands: [...base.brands, brand('testkey-sec', NEW_HOST)] });
}

describe('built background.js', () => {
  const read = (testMode: boolean) => readFileSync(join(defaultExtensionDir(testMode), 'background.js'), 'utf8');
  it('production build contains neither the TEST-ONLY key nor the QA test hook', () => {
    const js = read(false);
    expect(js).not.toContain(TEST_PUBLIC.keyId);
    expect(js).not.toContain(TEST_PUBLIC.jwk.x!);
    expect(js).not.toContain('__shokenListTest');
    // ...but it does pin the production key (the grep would be meaningless otherwise).
    expect(js).toMatch(/sg-[0-9a-f]{16}/);
  });
  it('QA build contains the TEST-ONLY key', () => {
    expect(read(true)).toContain(TEST_PUBLIC.keyId);
  });
});

describe('a list signed with the TEST-ONLY key, served at the real list URL', () => {
  let env: E2E | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  /** Launch (the install-time update fetches the list), then read 'list/status' through the privileged channel. */
  async function launch(testMode: boolean): Promise<ListStatus> {
    const body = await testSignedList();
    env = await startE2E({
      testMode,
      routes: [
        [LIST_HOST, '/v1/list.json', () => ({ type: 'application/json', body })],
        [NEW_HOST, '/', () => ({ type: 'text/html', body: '<!doctype html><title>x</title>' })],
      ],
    });
    await env.server.waitForRequest((r) => r.host === LIST_HOST, 20_000);
    const page = await env.open(env.extensionUrl('popup.html'), { waitUntil: 'domcontentloaded' });
    try {
      for (let i = 0; i < 100; i++) {
        const s = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'list/status', payload: {} }))) as ListStatus;
        if (s.attempts.length) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no update attempt recorded');
    } finally {
      await page.close();
    }
  }

  it('is refused by the production build (unknown key) and the new host stays unlisted', async () => {
    const s = await launch(false);
    expect(s.version).toBe(base.version);
    expect(s.attempts[0]).toMatchObject({ ok: false, code: 'unknown-key' });
    expect(s.attempts[0].message).toContain(TEST_PUBLIC.keyId);
    expect((await toolbarState(env!, `https://${NEW_HOST}/`)).text).not.toBe('✓');
  });

  it('is accepted by the QA build', async () => {
    const s = await launch(true);
    expect(s).toMatchObject({ version: base.version + 1, source: 'stored' });
    expect((await toolbarState(env!, `https://${NEW_HOST}/`)).text).toBe('✓');
  });
});
