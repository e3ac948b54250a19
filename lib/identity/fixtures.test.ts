import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../domain/verdict';
import brokers from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { buildIdentityIndex } from './brand-index';
import { collectIdentity } from './collect';
import { decideIdentity } from './decide';
import { scoreIdentity } from './score';

// The whole pipeline (collect in a DOM → score → decide) on the same fixture pages the E2E
// tests serve: dressed-up impostors must be caught, trap pages must stay untouched.
const SITES = join(__dirname, '../../test/fixtures/sites');
const index = buildIdentityIndex(brokers as unknown as ListDocument);
const unrelated = (host: string): Verdict => ({ kind: 'unrelated', host, reasons: ['no-match'], listVersion: 1 });

function judge(url: string, field = '#pw', recentCredential = false, originBrand?: string) {
  const u = new URL(url);
  const file = join(SITES, u.hostname, u.pathname.endsWith('/') ? u.pathname + 'index.html' : u.pathname);
  const { document } = parseHTML(readFileSync(file, 'utf8'));
  const signals = collectIdentity(document as unknown as Document, document.querySelector(field) as unknown as Element);
  signals.path = (u.pathname + u.search).toLowerCase();
  const score = scoreIdentity(signals, index);
  return { signals, score, decision: decideIdentity(unrelated(u.hostname), score, { recentCredential, originBrand }) };
}

describe('dressed-up impostors on domains that resemble nothing', () => {
  it.each([
    ['brand only in the path', 'https://reqi-portal.cn/rakusec/', 'rakuten-sec', 'path'],
    ['brand text next to the form', 'https://secure-authen-center.club/autolg/', 'rakuten-sec', 'form-text'],
    ['brand only in a logo alt', 'https://columnistof-daily.com/member/', 'sbi', 'logo'],
    ['no brand text, logo file name only', 'https://account-check-jp.top/', 'sbi', 'logo'],
    ['full clone', 'https://kabu-navi-support.shop/ETGate/', 'sbi', 'title-site'],
  ])('%s: %s is locked as %s', (_what, url, brand, reason) => {
    const { score, decision } = judge(url);
    expect(decision).toMatchObject({ lock: true, brand, why: 'presents-as-broker' });
    expect(score.reasons).toContain(reason);
    expect(score.reasons).toContain('password');
  });

  it('the full clone piles up evidence from every place', () => {
    const { score } = judge('https://kabu-navi-support.shop/ETGate/');
    expect(score.reasons).toEqual(expect.arrayContaining(['title-site', 'logo', 'form-text', 'path', 'fields', 'login-wording']));
    expect(score.score).toBeGreaterThanOrEqual(10);
  });
});

describe('trading PIN and one-time code pages', () => {
  it('a trading-PIN page dressed by its logo is locked', () => {
    const { score, decision } = judge('https://secure-authen-center.club/autolg/pin.html', '#tpin');
    expect(score.asks.tradingPin).toBe(true);
    expect(decision).toMatchObject({ lock: true, brand: 'rakuten-sec' });
  });
  it('a one-time-code page dressed by its logo is locked', () => {
    const { score, decision } = judge('https://columnistof-daily.com/member/otp.html', '#code');
    expect(score.asks.otp).toBe(true);
    expect(decision).toMatchObject({ lock: true, brand: 'sbi' });
  });
  it('a brandless trading-PIN page is left alone, unless a password was just typed on an origin that hinted at a broker', () => {
    expect(judge('https://reqi-portal.cn/step2.html', '#pin').decision.lock).toBe(false);
    expect(judge('https://reqi-portal.cn/step2.html', '#pin', true).decision.lock).toBe(false); // unlisted brokers do this too
    expect(judge('https://reqi-portal.cn/step2.html', '#pin', true, 'rakuten-sec').decision).toMatchObject({ lock: true, brand: 'rakuten-sec', why: 'pin-after-credential' });
  });
  it("a bank asking for its cash card's 暗証番号 stays untouched, even right after a password", () => {
    const r = judge('https://www.chuo-example-bank.jp/ib/login/', '#pin', true);
    expect(r.score.asks.pin).toBe(true);
    expect(r.score.asks.tradingPin).toBe(false);
    expect(r.decision.lock).toBe(false);
  });
});

describe('trap pages that mention brokers must stay untouched', () => {
  it.each([
    ['news article about SBI and Rakuten with a member login', 'https://www.keizai-times.jp/articles/sbi-rakuten-nisa/'],
    ['blog post on opening a NISA account at SBI', 'https://nisa-hajimete.blog/sbi-nisa-kaisetsu/'],
    ['account aggregator linking SBI (Money Forward-like)', 'https://moneybook-me.jp/accounts/link/sbi/'],
    ['stock portal with broker ranking and ads (みんかぶ-like)', 'https://kabu-minna.jp/'],
    ['stock news with a paywall login (株探-like)', 'https://kabu-tanken.jp/news/20261121-sbi/'],
    ['Q&A thread "cannot log in to SBI" with a site login', 'https://qa-toushi.jp/q/12345/'],
  ])('%s', (_what, url) => {
    const { score, decision } = judge(url);
    expect(decision.lock).toBe(false);
    expect(score.score).toBeLessThan(3);
  });

  it('the aggregator is recognised as such, not merely under the bar', () => {
    const { score } = judge('https://moneybook-me.jp/accounts/link/sbi/');
    expect(score.reasons).toEqual(expect.arrayContaining(['competing-identity', 'aggregator']));
    expect(score.reasons).not.toContain('form-text');
  });
});

describe('a password box that is a <textarea>', () => {
  it('a Q&A reply box whose words name a one-time password (an ordinary textarea, not masked) asks nothing: the page stays untouched', () => {
    const { score, decision } = judge('https://qa-toushi.jp/q/67890/', '#reply');
    expect(score.asks).toEqual({ password: false, tradingPin: false, pin: false, otp: false });
    expect(decision.lock).toBe(false);
  });

  it('a masked one counts as the password the form asks (identity sees what the guard holds)', () => {
    const file = join(SITES, 'columnistof-daily.com/member/textarea-password.html');
    const { document, window } = parseHTML(readFileSync(file, 'utf8'));
    // linkedom computes no style: the inline -webkit-text-security stands in for Chromium's computed one.
    (window as unknown as { getComputedStyle(el: Element): unknown }).getComputedStyle = (el: Element) => ({
      webkitTextSecurity: /-webkit-text-security:\s*disc/.test(el.getAttribute('style') ?? '') ? 'disc' : 'none',
    });
    const signals = collectIdentity(document as unknown as Document, document.querySelector('#p') as unknown as Element);
    expect(signals.fields.map((f) => f.name)).toEqual(['user_id', 'password']);
    expect(signals.fields[1]).toMatchObject({ type: 'text', label: 'ログインパスワード', masked: true });
    signals.path = '/member/textarea-password.html';
    const score = scoreIdentity(signals, index);
    expect(score.asks.password).toBe(true);
    expect(decideIdentity(unrelated('columnistof-daily.com'), score, { recentCredential: false })).toMatchObject({ lock: true, brand: 'sbi' });
  });
});
