import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, toolbarState, type E2E } from './harness';
import { brand, signedText } from '../fixtures/lists/make';
import type { PrivateKeyFile } from '../../lib/list/sign';
import type { ListStatus } from '../../lib/messaging/protocol';

// A securities firm's own signed list, configured by real Chromium enterprise policy, in the
// PRODUCTION build: it adds the firm's genuine origins for its customers and cannot take
// anything away from the publisher's list. The policy's listUrl (a mirror) replaces the default.
declare const chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };

const keyDir = new URL('../fixtures/keys/', import.meta.url);
const FIRM_PRIVATE: PrivateKeyFile = JSON.parse(readFileSync(new URL('TEST-ONLY-firm-signing.private.jwk', keyDir), 'utf8'));
const FIRM_SPKI = 'MCowBQYDK2VwAyEAZXnWd63MzsVl8nHXicu2CaGsX4mJy2dbAXjWHsnzW5Y=';
const FIRM_URL = 'https://lists.firm-e2e.example/firm.json';
const MIRROR_URL = 'https://mirror.firm-e2e.example/v1/list.json';
const FIRM_HOST = 'nisa.firm-e2e-sec.co.jp';

let env: E2E;
let status: ListStatus;

beforeAll(async () => {
  const issued = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const firmList = await signedText(
    {
      format: 1, version: 3, issued, expires: '2030-01-01T00:00:00Z', publisher: 'Firm E2E',
      exempt: ['sbisec-login.com'],
      brands: [
        brand('nisa', FIRM_HOST, { names: { ja: 'ファーム証券NISA', en: 'Firm NISA' } }),
        // Tries to take over a publisher host: must stay the publisher's SBI証券.
        brand('takeover', 'www.sbisec.co.jp', { names: { ja: '乗っ取り', en: 'Takeover' } }),
      ],
    },
    [FIRM_PRIVATE],
  );
  env = await startE2E({
    policy: { listUrl: MIRROR_URL, firmList: { url: FIRM_URL, publicKey: FIRM_SPKI, keyId: FIRM_PRIVATE.keyId, algorithm: 'Ed25519' } },
    routes: [
      [new URL(FIRM_URL).host, new URL(FIRM_URL).pathname, () => ({ type: 'application/json', body: firmList })],
      [new URL(MIRROR_URL).host, new URL(MIRROR_URL).pathname, () => ({ status: 304 })],
      [FIRM_HOST, '/', () => ({ type: 'text/html', body: '<!doctype html><title>NISA</title>' })],
    ],
  });
  await env.server.waitForRequest((r) => r.host === new URL(FIRM_URL).host, 20_000);
  const page = await env.open(env.extensionUrl('popup.html'), { waitUntil: 'domcontentloaded' });
  try {
    for (let i = 0; i < 100; i++) {
      status = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'list/status', payload: {} }))) as ListStatus;
      if (status.firm?.version) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await page.close();
  }
});
afterAll(async () => {
  await env?.close();
});

describe('firm list from managed policy (production build)', () => {
  it('is fetched from the policy URL, verified with the policy key, and reported', () => {
    expect(status.firm).toMatchObject({ url: FIRM_URL, version: 3, brands: 2, stale: false });
    expect(status.url).toBe(MIRROR_URL);
    expect(env.server.requestsTo('lists.shoken-guard.jp')).toHaveLength(0);
    expect(env.server.requestsTo(new URL(MIRROR_URL).host).length).toBeGreaterThan(0);
  });

  it("makes the firm's own origin genuine", async () => {
    const t = await toolbarState(env, `https://${FIRM_HOST}/`);
    expect(t.text).toBe('✓');
    expect(t.title).toContain('ファーム証券NISA');
  });

  it("cannot take over a publisher host or exempt an impostor", async () => {
    const sbi = await toolbarState(env, 'https://www.sbisec.co.jp/');
    expect(sbi.text).toBe('✓');
    expect(sbi.title).toContain('SBI証券');
    expect(sbi.title).not.toContain('乗っ取り');
    // The firm's `exempt: ["sbisec-login.com"]` is ignored: still judged an impostor.
    const page = await env.open(env.extensionUrl('popup.html'), { waitUntil: 'domcontentloaded' });
    try {
      const r = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'warning/verdict', payload: { target: 'https://sbisec-login.com/' } }))) as { verdict: { kind: string } };
      expect(r.verdict.kind).toBe('impostor');
    } finally {
      await page.close();
    }
  });
});
