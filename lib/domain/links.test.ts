import { describe, expect, it } from 'vitest';
import bundled from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { buildIndex, classify, type ListIndex } from './classify';
import {
  buildLinkIndex,
  classifyLink,
  decodeTranslateGoogLabel,
  hostsInText,
  unwrap,
  type Classify,
} from './links';
import type { Verdict, VerdictKind, ReasonCode } from './verdict';

const doc = bundled as unknown as ListDocument;
const list = buildIndex(doc);
const index = buildLinkIndex(doc, list);

/**
 * The real engine decides genuine/unrelated; for rules whose INPUT is an impostor/suspicious/
 * related/exempt verdict we pin that verdict per host so these tests judge the link logic only
 * (the engine's own tests judge the engine).
 */
function engineWith(overrides: Record<string, { kind: VerdictKind; reasons: ReasonCode[]; brand?: string }>): Classify<ListIndex> {
  return (url, idx) => {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* fall through to the engine */
    }
    const o = overrides[host];
    if (!o) return classify(url, idx);
    const v: Verdict = { kind: o.kind, host, reasons: o.reasons, listVersion: idx.version };
    if (o.brand) v.brand = o.brand;
    return v;
  };
}

describe('unwrap: redirectors that carry the target', () => {
  it('removes Gmail/Google url?q= wrapping (google.com and google.co.jp, q= and url=)', () => {
    expect(unwrap('https://www.google.com/url?q=https://dsgr1234.com/rakuten/&sa=D&source=editors').url).toBe(
      'https://dsgr1234.com/rakuten/',
    );
    const jp = unwrap('https://www.google.co.jp/url?sa=t&url=https%3A%2F%2Fsbisec-login.top%2FETGate%2F');
    expect(jp.url).toBe('https://sbisec-login.top/ETGate/');
    expect(jp.via).toEqual(['google-url']);
  });

  it('removes Outlook Safe Links on any regional host', () => {
    const u = unwrap(
      'https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.rakuten-sec.co.jp%2FITS%2FV_ACT_Login.html&data=05%7C01&reserved=0',
    );
    expect(u.url).toBe('https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html');
    expect(u.via).toEqual(['outlook-safelinks']);
  });

  it('removes nested wrappers outermost first (Safe Links around Google)', () => {
    const inner = 'https://www.google.com/url?q=' + encodeURIComponent('https://evil.example/x?a=1&b=2');
    const u = unwrap('https://nam12.safelinks.protection.outlook.com/?url=' + encodeURIComponent(inner));
    expect(u.via).toEqual(['outlook-safelinks', 'google-url']);
    expect(u.url).toBe('https://evil.example/x?a=1&b=2');
  });

  it('decodes the translate.goog host form and drops its _x_tr_ parameters', () => {
    expect(decodeTranslateGoogLabel('www-sbisec-co-jp')).toBe('www.sbisec.co.jp');
    expect(decodeTranslateGoogLabel('www-rakuten--sec-co-jp')).toBe('www.rakuten-sec.co.jp');
    const u = unwrap('https://www-sbisec-co-jp.translate.goog/ETGate/?_x_tr_sl=auto&_x_tr_tl=ja&id=7');
    expect(u).toMatchObject({ url: 'https://www.sbisec.co.jp/ETGate/?id=7', via: ['translate-goog'], translated: true });
  });

  it('removes translate.google.com/translate?u=, Yahoo search RU=, Facebook l.php, Proofpoint v2, SES awstrack', () => {
    expect(unwrap('https://translate.google.co.jp/translate?sl=en&u=https://www.sbisec.co.jp/').translated).toBe(true);
    expect(unwrap('https://r.search.yahoo.com/_ylt=A2R/RV=2/RE=1/RO=10/RU=https%3a%2f%2fevil.example%2fp/RK=2/RS=x-').url).toBe(
      'https://evil.example/p',
    );
    expect(unwrap('https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F&h=AT').url).toBe('https://evil.example/');
    expect(unwrap('https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_login&d=DwM').url).toBe(
      'https://evil.example/login',
    );
    expect(unwrap('https://abc.r.us-east-1.awstrack.me/L0/https:%2F%2Fevil.example%2Fa/1/0100-xyz').url).toBe(
      'https://evil.example/a',
    );
  });

  it('reports click trackers it cannot see through instead of resolving them', () => {
    const u = unwrap('https://u1234567.ct.sendgrid.net/ls/click?upn=abcdef');
    expect(u.opaque).toBe('u1234567.ct.sendgrid.net');
    expect(u.url).toBe('https://u1234567.ct.sendgrid.net/ls/click?upn=abcdef');
    expect(unwrap('https://bit.ly/3abcd').opaque).toBe('bit.ly');
  });

  it('leaves ordinary links, look-alike wrapper hosts and wrappers without a target alone', () => {
    expect(unwrap('https://www.sbisec.co.jp/ETGate/')).toEqual({ url: 'https://www.sbisec.co.jp/ETGate/', via: [], translated: false });
    // not Google: "google.com.evil.top/url?q=" must not be trusted as a wrapper (nor followed)
    expect(unwrap('https://google.com.evil.top/url?q=https://www.sbisec.co.jp/').via).toEqual([]);
    expect(unwrap('https://safelinks.protection.outlook.com.evil.top/?url=https://x.example/').via).toEqual([]);
    expect(unwrap('https://www.google.com/url?q=javascript:alert(1)').via).toEqual([]);
    expect(unwrap('https://www.google.com/search?q=https://x.example/').via).toEqual([]);
    expect(unwrap('not a url').url).toBe('not a url');
  });
});

describe('hostsInText', () => {
  it('finds hosts in URLs, bare hosts and full-width text; ignores words', () => {
    expect(hostsInText('ログイン https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html はこちら')).toEqual(['www.rakuten-sec.co.jp']);
    expect(hostsInText('ｗｗｗ．ｓｂｉｓｅｃ．ｃｏ．ｊｐ')).toEqual(['www.sbisec.co.jp']);
    expect(hostsInText('www.sbi\u200bsec.co.jp')).toEqual(['www.sbisec.co.jp']);
    expect(hostsInText('楽天証券 ログインページ')).toEqual([]);
    expect(hostsInText('version 1.2.3 and e.g. this')).toEqual([]);
  });
});

describe('classifyLink: dangerous', () => {
  it('flags text naming a broker while the link goes to an unknown site (the 2025 楽天証券 lure)', () => {
    const v = classifyLink({ href: 'https://dsgr1234.com/rakuten/', text: '楽天証券 ログインページ' }, index, classify);
    expect(v.kind).toBe('dangerous');
    expect(v.reasons).toContain('text-names-broker');
    expect(v.brand).toBe('rakuten-sec');
    expect(v.brandNames?.ja).toBe('楽天証券');
    expect(v.genuineUrl).toBe('https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html');
  });

  it('flags text showing the genuine URL while the (Gmail-wrapped) href goes elsewhere', () => {
    const href = 'https://www.google.com/url?q=https://reqi5678.cn/rakusec/&sa=D';
    const v = classifyLink({ href, text: 'https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html' }, index, classify);
    expect(v).toMatchObject({ kind: 'dangerous', brand: 'rakuten-sec', target: 'https://reqi5678.cn/rakusec/', via: ['google-url'] });
    expect(v.reasons).toContain('text-shows-broker-url');
  });

  it('flags a broker named in the title attribute, or in English, or with zero-width characters', () => {
    expect(classifyLink({ href: 'https://secure-authen-99.club/autolg', text: 'こちら', title: 'SBI証券 本人確認' }, index, classify).brand).toBe('sbi');
    expect(classifyLink({ href: 'https://x.example/', text: 'Sign in to SBI SECURITIES' }, index, classify).kind).toBe('dangerous');
    expect(classifyLink({ href: 'https://x.example/', text: '楽天\u200b証券 ログイン' }, index, classify).kind).toBe('dangerous');
  });

  it('leaves news and newsletter links that merely name a broker alone, on any target', () => {
    // False positives that would teach users to ignore the mark (newsletters, news digests).
    for (const [href, text] of [
      ['https://www.nikkei.com/article/DGXZQO1234/', '楽天証券、NISA口座が1,000万に'],
      ['https://mc.sendgrid.net/ls/click?upn=abc', 'SBI証券の新キャンペーンはこちら'],
      ['https://kabutan.jp/news/?b=n2026', 'SMBC日興証券がレーティング引き上げ'],
    ]) {
      expect(classifyLink({ href, text }, index, classify).kind, text).toBe('neutral');
    }
    // …but the same targets with sign-in / verification wording are the 2025 lure.
    expect(classifyLink({ href: 'https://mc.sendgrid.net/ls/click?upn=abc', text: 'SBI証券 本人確認のお願い' }, index, classify).kind).toBe('dangerous');
    expect(classifyLink({ href: 'https://dsgr-k2.com/rakuten/', text: '楽天証券 ログインページ' }, index, classify).kind).toBe('dangerous');
  });

  it('flags a broker site reached through Google Translate, even the genuine one', () => {
    const v = classifyLink({ href: 'https://www-sbisec-co-jp.translate.goog/ETGate/?_x_tr_sl=auto', text: 'ログイン' }, index, classify);
    expect(v).toMatchObject({ kind: 'dangerous', brand: 'sbi', genuineUrl: 'https://www.sbisec.co.jp/ETGate/' });
    expect(v.reasons).toContain('translation-proxy');
  });

  it('flags an impostor or suspicious target whatever the text says', () => {
    const engine = engineWith({
      'sbisec-login.top': { kind: 'impostor', reasons: ['combo-squat'], brand: 'sbi' },
      'nomura-campaign.shop': { kind: 'suspicious', reasons: ['brand-word'], brand: 'nomura' },
    });
    const a = classifyLink({ href: 'https://sbisec-login.top/ETGate/', text: '詳細' }, index, engine);
    expect(a).toMatchObject({ kind: 'dangerous', reasons: ['target-impostor'], brand: 'sbi', genuineUrl: 'https://www.sbisec.co.jp/ETGate/' });
    expect(classifyLink({ href: 'https://nomura-campaign.shop/', text: 'キャンペーン' }, index, engine).reasons).toEqual(['target-suspicious']);
  });

  it('flags a broker name on a click tracker it cannot see through, saying why', () => {
    const v = classifyLink({ href: 'https://u1.ct.sendgrid.net/ls/click?upn=zz', text: '【重要】SBI証券 お取引パスワード再設定' }, index, classify);
    expect(v.kind).toBe('dangerous');
    expect(v.reasons).toEqual(['text-names-broker', 'opaque-redirect']);
  });

  it('flags a sign-in request naming a broker on an exempt big service (Google Sites, Forms)', () => {
    const v = classifyLink({ href: 'https://sites.google.com/view/rakuten-sec-login', text: '楽天証券 ログイン' }, index, classify);
    expect(v).toMatchObject({ kind: 'dangerous', reasons: ['text-names-broker'], brand: 'rakuten-sec' });
    expect(classifyLink({ href: 'https://docs.google.com/forms/d/e/x/viewform', text: 'SBI証券 本人確認フォーム' }, index, classify).kind).toBe('dangerous');
  });

  it("flags a translation proxy of the broker's own unlisted host", () => {
    expect(classifyLink({ href: 'https://faq-sbisec-co-jp.translate.goog/', text: 'よくある質問' }, index, classify).reasons).toEqual(['translation-proxy']);
  });

  it('flags a broker URL shown in text even when the target is an exempt big service', () => {
    const engine = engineWith({ 'sites.google.com': { kind: 'unrelated', reasons: ['exempt'] } });
    const v = classifyLink({ href: 'https://sites.google.com/view/sbi-login', text: 'https://www.sbisec.co.jp/ETGate/' }, index, engine);
    expect(v.reasons).toEqual(['text-shows-broker-url']);
  });
});

describe('classifyLink: genuine and false positives it must not cause', () => {
  it('marks a genuine broker origin genuine, also behind Safe Links', () => {
    const href = 'https://apc01.safelinks.protection.outlook.com/?url=' + encodeURIComponent('https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html');
    const v = classifyLink({ href, text: 'https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html' }, index, classify);
    expect(v).toMatchObject({ kind: 'genuine', brand: 'rakuten-sec', reasons: ['genuine-target'] });
  });

  it('does not flag a link whose text names one broker and goes to another genuine broker', () => {
    expect(classifyLink({ href: 'https://www.monex.co.jp/', text: 'SBI証券からの移管' }, index, classify).kind).toBe('genuine');
  });

  it('does not flag a bare broker domain shown in text when the target is that broker', () => {
    expect(classifyLink({ href: 'https://www.sbisec.co.jp/', text: 'sbisec.co.jp' }, index, classify).kind).toBe('genuine');
  });

  it('does not flag ordinary links, mail links and plain brand words', () => {
    expect(classifyLink({ href: 'https://www.nikkei.com/article/1', text: '日経平均 大引け' }, index, classify).kind).toBe('neutral');
    expect(classifyLink({ href: 'mailto:info@rakuten-sec.co.jp', text: '楽天証券 サポート' }, index, classify).kind).toBe('neutral');
    expect(classifyLink({ href: 'javascript:void(0)', text: 'SBI証券' }, index, classify).kind).toBe('neutral');
    // "rakuten"/"nomura"/"daiwa" alone are ordinary words (Rakuten Ichiba, 大和ハウス, people's names)
    expect(classifyLink({ href: 'https://item.example.jp/', text: 'Rakuten スーパーSALE' }, index, classify).kind).toBe('neutral');
    expect(classifyLink({ href: 'https://x.example.jp/', text: '野村さんの会議資料' }, index, classify).kind).toBe('neutral');
    // a shared group domain shown in text does not claim the broker (dmm.com is all of DMM)
    expect(classifyLink({ href: 'https://x.example.jp/', text: 'www.dmm.com' }, index, classify).kind).toBe('neutral');
  });

  it('does not flag a group company link mentioning the broker, or a broker named on an exempt news site', () => {
    const engine = engineWith({
      'www.rakuten-card.co.jp': { kind: 'unrelated', reasons: ['related-group'], brand: 'rakuten-sec' },
      'finance.yahoo.co.jp': { kind: 'unrelated', reasons: ['exempt'] },
    });
    expect(classifyLink({ href: 'https://www.rakuten-card.co.jp/campaign/', text: '楽天証券で楽天カード積立' }, index, engine).kind).toBe('neutral');
    expect(classifyLink({ href: 'https://finance.yahoo.co.jp/news/1', text: '楽天証券、新NISA口座が増加' }, index, engine).kind).toBe('neutral');
  });

  it("does not flag a broker named on the broker's own unlisted host or its http URL", () => {
    expect(classifyLink({ href: 'https://faq.sbisec.co.jp/answer/1', text: 'SBI証券 よくある質問' }, index, classify).kind).toBe('neutral');
    expect(classifyLink({ href: 'http://www.sbisec.co.jp/', text: 'SBI証券' }, index, classify).kind).toBe('neutral');
  });

  it('judges targets with the real engine: a combo-squat is dangerous, related and exempt domains are not', () => {
    expect(classifyLink({ href: 'https://sbisec-login.top/ETGate/', text: '詳細' }, index, classify)).toMatchObject({ kind: 'dangerous', brand: 'sbi' });
    expect(classifyLink({ href: 'https://www.rakuten-card.co.jp/', text: '楽天証券と楽天カード' }, index, classify).kind).toBe('neutral');
    expect(classifyLink({ href: 'https://finance.yahoo.co.jp/news/1', text: '楽天証券、新NISA口座が増加' }, index, classify).kind).toBe('neutral');
  });

  it('does not flag a translated page of an unrelated site with unrelated text', () => {
    expect(classifyLink({ href: 'https://www-example-org.translate.goog/blog', text: 'ブログ記事' }, index, classify).kind).toBe('neutral');
  });

  it('never throws on hostile input', () => {
    for (const href of ['', 'https://', 'http://[::1', '%%%', 'https://www.google.com/url?q=%E0%A4%A', 'x'.repeat(100_000)]) {
      expect(() => classifyLink({ href, text: 'SBI証券'.repeat(1000), title: undefined }, index, classify)).not.toThrow();
    }
    expect(() => unwrap('https://r.search.yahoo.com/RU=%E0%A4%A/RK=0/')).not.toThrow();
  });
});
