import { describe, expect, it } from 'vitest';
import { buildIndex, classify } from '../domain/classify';
import type { Verdict } from '../domain/verdict';
import brokers from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import type { IdentitySignals } from '../identity/types';
import { createIdentityHandlers, RECENT_CREDENTIAL_MS } from './identity-handlers';

const index = buildIndex(brokers as unknown as ListDocument);
const pw = { type: 'password', name: 'pw', id: '', autocomplete: '', placeholder: '', label: 'パスワード', maxLength: -1, inputMode: '', masked: false };
const pin = { ...pw, name: 'pin', label: '取引暗証番号' };
const sig = (s: Partial<IdentitySignals>): IdentitySignals => ({
  v: 1, title: '', siteName: '', headings: [], logos: [], formText: '', formProse: '', fields: [pw], path: '/etgate/', ...s,
});

function setup() {
  let t = 1_000_000;
  const upgrades: { tabId: number; frameId: number; verdict: Verdict }[] = [];
  const h = createIdentityHandlers({
    guard: {
      verdictFor: async (url) => classify(url, index),
      upgradeFrame: async (tabId, frameId, verdict) => void upgrades.push({ tabId, frameId, verdict }),
    },
    index: async () => index,
    now: () => t,
  });
  const sender = (url: string, frameId = 0) => ({ id: 'x', url, frameId, tab: { id: 7, url } });
  return { h, upgrades, sender, advance: (ms: number) => (t += ms) };
}

describe('identity/report', () => {
  it('locks a non-genuine page that presents itself as a broker, naming it and its genuine login page', async () => {
    const { h, upgrades, sender } = setup();
    const res = await h['identity/report']({ signals: sig({ title: 'SBI証券 ログイン', path: '' }) }, sender('https://dsgr-shop.com/member/', 2));
    expect(res).toEqual({ locked: true, brand: 'sbi' });
    expect(upgrades).toHaveLength(1);
    expect(upgrades[0]).toMatchObject({ tabId: 7, frameId: 2 });
    expect(upgrades[0].verdict).toMatchObject({
      kind: 'impostor', brand: 'sbi', imitates: 'https://www.sbisec.co.jp/ETGate/', brandNames: { ja: 'SBI証券' },
    });
    expect(upgrades[0].verdict.reasons).toContain('page-identity');
  });

  it('takes the path from the sender URL, never from the payload', async () => {
    const { h, sender } = setup();
    // The payload claims /etgate/; the real URL has no broker path and the page nothing else.
    expect(await h['identity/report']({ signals: sig({ formText: 'ログイン', path: '/etgate/' }) }, sender('https://x-shop.com/login'))).toEqual({ locked: false });
    expect(await h['identity/report']({ signals: sig({ formText: 'ログイン', path: '' }) }, sender('https://x-shop.com/ETGate/'))).toMatchObject({ locked: true });
  });

  it('never touches genuine pages, related group companies or exempt identity providers', async () => {
    const { h, upgrades, sender } = setup();
    const claims = sig({ title: 'SBI証券 ログイン', formText: 'SBI証券 ログイン' });
    for (const url of ['https://www.sbisec.co.jp/ETGate/', 'https://www.sbishinseibank.co.jp/login', 'https://accounts.google.com/signin']) {
      expect(await h['identity/report']({ signals: claims }, sender(url)), url).toEqual({ locked: false });
    }
    expect(upgrades).toHaveLength(0);
  });

  it('survives garbage payloads', async () => {
    const { h, sender } = setup();
    for (const bad of [null, 42, 'x', { signals: { title: 5, logos: 'no', fields: [null, 3] } }, { signals: { headings: new Array(1e5).fill('SBI証券') } }]) {
      await expect(h['identity/report'](bad as never, sender('https://x-shop.com/'))).resolves.toEqual({ locked: false });
    }
  });
});

describe('trading PIN right after a password (the 2025 real-time relay)', () => {
  it('locks a brandless PIN page after a password typed on an origin that hinted at a broker; not elsewhere, not later', async () => {
    const { h, upgrades, sender, advance } = setup();
    // Step 1: a login page that mentions the broker only weakly (below the bar: not locked).
    const login = { signals: sig({ title: '楽天証券の新しいサービスについて', headings: ['楽天証券'], path: '/login' }) };
    expect(await h['identity/report'](login, sender('https://reqi-portal.cn/login'))).toEqual({ locked: false });
    const pinPage = { signals: sig({ fields: [pin], path: '/step2' }) };
    expect(await h['identity/report'](pinPage, sender('https://reqi-portal.cn/step2'))).toEqual({ locked: false });
    await h['identity/credential-typed']({}, sender('https://reqi-portal.cn/login'));
    expect(await h['identity/report'](pinPage, sender('https://other-site.cn/step2'))).toEqual({ locked: false });
    expect(await h['identity/report'](pinPage, sender('https://reqi-portal.cn/step2'))).toEqual({ locked: true, brand: 'rakuten-sec' });
    expect(upgrades.at(-1)!.verdict.reasons).toContain('page-identity');
    advance(RECENT_CREDENTIAL_MS + 1);
    expect(await h['identity/report'](pinPage, sender('https://reqi-portal.cn/step2'))).toEqual({ locked: false });
  });

  it("leaves an unlisted broker's own login → trading PIN flow alone", async () => {
    const { h, sender } = setup();
    const login = { signals: sig({ title: 'ログイン | 東洋サンプル証券', headings: ['東洋サンプル証券'], path: '/login' }) };
    await h['identity/report'](login, sender('https://www.toyo-sample-sec.co.jp/login'));
    await h['identity/credential-typed']({}, sender('https://www.toyo-sample-sec.co.jp/login'));
    const pinPage = { signals: sig({ fields: [pin], path: '/pin' }) };
    expect(await h['identity/report'](pinPage, sender('https://www.toyo-sample-sec.co.jp/pin'))).toEqual({ locked: false });
  });

  it('does not record typing on genuine broker pages', async () => {
    const { h, sender } = setup();
    expect(await h['identity/credential-typed']({}, sender('https://www.sbisec.co.jp/ETGate/'))).toEqual({ ok: false });
  });
});

describe('a login form in a child frame of a dressed-up page', () => {
  function framed(topUrl: string, top: unknown) {
    const upgrades: { tabId: number; frameId: number; verdict: Verdict }[] = [];
    const asked: number[] = [];
    const h = createIdentityHandlers({
      guard: { verdictFor: async (url) => classify(url, index), upgradeFrame: async (tabId, frameId, verdict) => void upgrades.push({ tabId, frameId, verdict }) },
      index: async () => index,
      now: () => 0,
      collectTop: async (_tab, frameId) => (asked.push(frameId), top),
    });
    const child = { id: 'x', url: 'https://auth-frame-cdn.net/form.html', frameId: 5, tab: { id: 9, url: topUrl } };
    const plain = { signals: sig({ formText: 'ログイン ID パスワード', path: '' }) };
    return { h, upgrades, asked, child, plain };
  }

  it('judges the top page around the frame and locks the top frame (children inherit)', async () => {
    const t = framed('https://dsgr-market.com/member/', { signals: sig({ title: '楽天証券 | ログイン', fields: [] }) });
    expect(await t.h['identity/report'](t.plain, t.child)).toEqual({ locked: true, brand: 'rakuten-sec' });
    expect(t.asked).toEqual([5]);
    expect(t.upgrades).toHaveLength(1);
    expect(t.upgrades[0]).toMatchObject({ tabId: 9, frameId: 0, verdict: { kind: 'impostor', brand: 'rakuten-sec' } });
  });

  it('leaves frames of genuine or plain pages alone, and survives a garbage answer', async () => {
    const genuine = framed('https://www.rakuten-sec.co.jp/', { signals: sig({ title: '楽天証券 | ログイン' }) });
    expect(await genuine.h['identity/report'](genuine.plain, genuine.child)).toEqual({ locked: false });
    expect(genuine.asked).toEqual([]);
    const plain = framed('https://news.example.jp/', { signals: sig({ title: 'ニュース | 経済タイムズ', fields: [] }) });
    expect(await plain.h['identity/report'](plain.plain, plain.child)).toEqual({ locked: false });
    for (const junk of [null, 'x', { signals: 42 }]) {
      const g = framed('https://dsgr-market.com/member/', junk);
      expect(await g.h['identity/report'](g.plain, g.child)).toEqual({ locked: false });
    }
  });
});
