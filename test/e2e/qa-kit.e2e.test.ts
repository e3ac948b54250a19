import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import brokers from '../../lib/list/data/brokers.json';
import type { ListDocument } from '../../lib/list/types';
import { brand, signedText } from '../fixtures/lists/make';
import { startE2E, toolbarState, waitForBadge, type E2E } from './harness';

// The QA kit as a QA team uses it (README, section qa): the QA build, a list signed with the
// TEST-ONLY key that names the team's own origin, served where the extension fetches its list,
// then deterministic scenarios against that origin and a lookalike of it. The production build
// refuses the same list (test/e2e/list-keys.e2e.test.ts proves it never trusts the test key).
declare const __shokenListTest: { updateNow(): Promise<{ version: number; source: string }> };

const LIST_HOST = 'lists.shoken-guard.jp';
const QA_HOST = 'www.qa-shoken-e2e.co.jp';
const base = brokers as unknown as ListDocument;
const issued = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const qaList: ListDocument = {
  ...base,
  version: base.version + 100,
  issued,
  brands: [...base.brands, brand('qa-shoken-e2e', QA_HOST, { names: { ja: 'QA証券', en: 'QA Securities' }, labels: ['qa-shoken-e2e'] })],
};

let env: E2E;
beforeAll(async () => {
  const body = await signedText(qaList);
  env = await startE2E({
    testMode: true,
    routes: [
      [LIST_HOST, '/v1/list.json', () => ({ type: 'application/json', body })],
      [QA_HOST, '/', () => '<!doctype html><title>QA証券</title><input type="password">'],
      ['qa-shoken-e2e-login.com', '/', () => '<!doctype html><title>QA証券 ログイン</title><input type="password">'],
    ],
  });
  const sw = await env.serviceWorker();
  const status = await sw.evaluate(() => __shokenListTest.updateNow());
  expect(status).toMatchObject({ version: qaList.version });
});
afterAll(async () => {
  await env?.close();
});

describe('QA kit: a signed test list for the team’s own origin (QA build)', () => {
  it('the team’s origin is genuine', async () => {
    const page = await env.open(`https://${QA_HOST}/`);
    const s = await waitForBadge(env, page, '✓');
    expect(s.title).toContain('QA証券');
    await page.close();
  });

  it('a lookalike of it is an impostor', async () => {
    const page = await env.open('https://qa-shoken-e2e-login.com/');
    const s = await waitForBadge(env, page, '!');
    expect(s.title).toContain('QA証券');
    await page.close();
  });

  it('the test list adds to the genuine brokers, it does not replace them', async () => {
    expect((await toolbarState(env, 'https://www.sbisec.co.jp/')).text).toBe('✓');
  });
});
