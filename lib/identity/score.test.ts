import { describe, expect, it } from 'vitest';
import brokers from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { buildIdentityIndex } from './brand-index';
import { IMPOSTOR_THRESHOLD, scoreIdentity } from './score';
import { titleSegments } from './text';
import type { FieldSignal, IdentitySignals } from './types';

const index = buildIdentityIndex(brokers as unknown as ListDocument);
const pw: FieldSignal = { type: 'password', name: 'pw', id: '', autocomplete: '', placeholder: '', label: 'パスワード', maxLength: -1, inputMode: '', masked: false };
const sig = (s: Partial<IdentitySignals>): IdentitySignals => ({
  v: 1, title: '', siteName: '', headings: [], logos: [], formText: '', formProse: '', fields: [pw], path: '', ...s,
});

describe('title segments', () => {
  it('splits on the separators sites put between page and site name, keeping brand punctuation', () => {
    expect(titleSegments('ログイン | SBI証券')).toEqual(['ログイン', 'SBI証券']);
    expect(titleSegments('【楽天証券】本人確認のお願い')).toEqual(['楽天証券', '本人確認のお願い']);
    expect(titleSegments('三菱UFJモルガン・スタンレー証券 - ログイン')).toEqual(['三菱UFJモルガン・スタンレー証券', 'ログイン']);
    expect(titleSegments('rakuten-sec login')).toEqual(['rakuten-sec login']);
  });
});

describe('where the brand appears decides', () => {
  it("the title's site segment names the broker: identity", () => {
    for (const title of ['ログイン | SBI証券', 'SBI証券 | ログイン', 'SBI証券 ログイン', '【SBI証券】本人確認', 'SBI証券']) {
      const r = scoreIdentity(sig({ title }), index);
      expect(r.brand, title).toBe('sbi');
      expect(r.reasons, title).toContain('title-site');
      expect(r.score, title).toBeGreaterThanOrEqual(3);
    }
  });

  it('a broker mentioned in a headline is not the site name', () => {
    const r = scoreIdentity(sig({ title: 'SBI証券、口座数1400万突破 - 日本経済新報' }), index);
    expect(r.reasons).toEqual(expect.arrayContaining(['title-mention', 'competing-identity']));
    expect(r.score).toBeLessThan(IMPOSTOR_THRESHOLD);
  });

  it('a headline without a site segment is a mention, not an identity', () => {
    const r = scoreIdentity(sig({ title: 'SBI証券でNISA口座を開設する手順', headings: ['SBI証券でNISA口座を開設する手順'] }), index);
    expect(r.reasons).toContain('title-mention');
    expect(r.reasons).not.toContain('title-site');
    expect(r.score).toBeLessThan(IMPOSTOR_THRESHOLD);
  });

  it('brand text in the login box is identity; the same brand in article prose is not collected as such', () => {
    expect(scoreIdentity(sig({ formText: '楽天証券 ログイン ログインID パスワード' }), index)).toMatchObject({ brand: 'rakuten-sec' });
    const prose = scoreIdentity(sig({ formProse: '楽天証券が新サービスを発表した。詳しくはログインして続きをお読みください。' }), index);
    expect(prose.brand).toBeUndefined();
  });

  it('normalises full-width letters, spaces and zero-width characters', () => {
    for (const t of ['ＳＢＩ証券 ログイン', 'S B I 証 券 ログイン', 'SBI\u200b証券 ログイン', 'sbi証券 ログイン']) {
      expect(scoreIdentity(sig({ formText: t }), index).brand, t).toBe('sbi');
    }
  });

  it('a place naming several brokers counts for none (comparison tables, "SBI vs 楽天")', () => {
    const r = scoreIdentity(sig({ formText: 'SBI証券 楽天証券 マネックス証券 ログイン', title: 'SBI証券と楽天証券を比較' }), index);
    expect(r.brand).toBeUndefined();
    expect(r.reasons).toContain('many-brands');
  });

  it('two brands with equal evidence from different places is ambiguous, not an identity', () => {
    const r = scoreIdentity(sig({ title: 'SBI証券', formText: '楽天証券 ログイン' }), index);
    expect(r.brand).toBeUndefined();
    expect(r.reasons).toContain('many-brands');
  });

  it('a logo that links to another site is an ad, not the page identity', () => {
    const ad = scoreIdentity(sig({ logos: [{ text: 'SBI証券', src: '/ads/b.png', place: 'header', external: true }] }), index);
    expect(ad.brand).toBeUndefined();
    const own = scoreIdentity(sig({ logos: [{ text: 'SBI証券', src: '/a.png', place: 'header', external: false }] }), index);
    expect(own).toMatchObject({ brand: 'sbi', reasons: expect.arrayContaining(['logo']) });
  });

  it('logo file tokens match on boundaries only (daiwahouse is not daiwa)', () => {
    const house = scoreIdentity(sig({ logos: [{ text: '', src: '/img/daiwahouse_logo.png', place: 'logo', external: false }] }), index);
    expect(house.brand).toBeUndefined();
    const daiwa = scoreIdentity(sig({ logos: [{ text: '', src: '/img/daiwa_logo.png', place: 'logo', external: false }] }), index);
    expect(daiwa.brand).toBe('daiwa');
  });

  it('field names alone never make an identity (loginid/passwd are everywhere)', () => {
    const r = scoreIdentity(sig({ fields: [{ ...pw, name: 'passwd' }, { ...pw, type: 'text', name: 'loginid' }] }), index);
    expect(r.brand).toBeUndefined();
  });

  it('a path token alone is evidence; with login wording it reaches the bar', () => {
    const r = scoreIdentity(sig({ path: '/etgate/', formText: 'ログイン' }), index);
    expect(r).toMatchObject({ brand: 'sbi', score: IMPOSTOR_THRESHOLD });
    expect(scoreIdentity(sig({ path: '/news/etgate-story' }), index).brand).toBeUndefined();
  });

  it('an aggregator linking the broker keeps the form-side brand out of its identity', () => {
    const r = scoreIdentity(
      sig({
        title: 'SBI証券 - 金融機関の連携 | マネーブック',
        siteName: 'マネーブック',
        formText: 'SBI証券 ユーザーネーム パスワード 連携する',
        logos: [{ text: 'SBI証券', src: '/i/sbisec.png', place: 'form', external: false }],
      }),
      index,
    );
    expect(r.reasons).toEqual(expect.arrayContaining(['aggregator', 'competing-identity']));
    expect(r.score).toBeLessThan(IMPOSTOR_THRESHOLD);
  });

  it('the aggregator exception needs a competing identity: 連携 alone does not hide an impostor', () => {
    const r = scoreIdentity(sig({ title: 'ログイン', formText: 'SBI証券 ログイン 連携' }), index);
    expect(r.brand).toBe('sbi');
    expect(r.score).toBeGreaterThanOrEqual(IMPOSTOR_THRESHOLD);
  });
});

describe('what the form asks for', () => {
  const f = (o: Partial<FieldSignal>): FieldSignal => ({ ...pw, type: 'text', label: '', ...o });
  it('tells a password, a trading PIN, a PIN and a one-time code apart', () => {
    expect(scoreIdentity(sig({ fields: [f({ type: 'password' })] }), index).asks).toMatchObject({ password: true, pin: false });
    expect(scoreIdentity(sig({ fields: [f({ type: 'password', label: '取引暗証番号' })] }), index).asks).toMatchObject({ password: false, tradingPin: true, pin: true });
    expect(scoreIdentity(sig({ fields: [f({ label: '暗証番号(4桁)' })] }), index).asks).toMatchObject({ tradingPin: false, pin: true });
    expect(scoreIdentity(sig({ fields: [f({ autocomplete: 'one-time-code' })] }), index).asks.otp).toBe(true);
    expect(scoreIdentity(sig({ fields: [f({ placeholder: 'ワンタイムパスワード' })] }), index).asks.otp).toBe(true);
    expect(scoreIdentity(sig({ fields: [f({ type: 'text', masked: true })] }), index).asks.password).toBe(true);
  });
  it('a card security code or a search box is not a credential', () => {
    const r = scoreIdentity(sig({ fields: [f({ label: 'セキュリティコード' }), f({ type: 'search', label: '暗証番号' }), f({ name: 'q' })] }), index);
    expect(r.asks).toEqual({ password: false, tradingPin: false, pin: false, otp: false });
  });
});

describe('path tokens made of ordinary words are weak evidence', () => {
  it('classifies list tokens: the genuine broker paths stay strong, login words are weak', async () => {
    const { isGenericPathToken } = await import('./brand-index');
    for (const t of ['/etgate/', '/rakusec/', 'v_act_login', '/_mem_bin/', '/hometrade/', '/pcc/hometrade/']) expect(isGenericPathToken(t), t).toBe(false);
    for (const t of ['/its/', 'memberlogin', '/login/jp/', '/loginweb/', 'loginidpassword', '/mnc/']) expect(isGenericPathToken(t), t).toBe(true);
  });

  it.each(['/its/login', '/members/memberlogin.aspx', '/login/jp/', '/loginweb/', '/mnc/login'])(
    'a login form at %s on an unrelated site is not a broker page',
    (path) => {
      const r = scoreIdentity(sig({ path, formText: 'ログイン ユーザーID パスワード', title: 'ログイン' }), index);
      expect(r.score).toBeLessThan(IMPOSTOR_THRESHOLD);
      expect(r.brand).toBeUndefined();
    },
  );

  it('a weak path still adds to real evidence', () => {
    const withPath = scoreIdentity(sig({ path: '/its/login', logos: [{ text: '楽天証券', src: '', place: 'logo', external: false }] }), index);
    const without = scoreIdentity(sig({ path: '/x', logos: [{ text: '楽天証券', src: '', place: 'logo', external: false }] }), index);
    expect(withPath.score).toBe(without.score + 1);
  });
});
