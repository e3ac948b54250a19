import { describe, expect, it } from 'vitest';
import doc from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { buildIndex, classify } from './classify';
import type { ReasonCode, VerdictKind } from './verdict';

const index = buildIndex(doc as ListDocument);

type Row = [input: string, kind: VerdictKind, brand?: string, reason?: ReasonCode];

// Every genuine list host (with and without a path) is genuine for its own brand.
const genuineRows: Row[] = (doc as ListDocument).brands.flatMap((b) =>
  b.hosts
    .map((h) => (h.startsWith('*.') ? `www.${h.slice(2)}` : h))
    .flatMap((h): Row[] => [
      [`https://${h}/`, 'genuine', b.id],
      [`https://${h.toUpperCase()}./login?x=1`, 'genuine', b.id],
      [`http://${h}/`, 'unrelated', b.id, 'insecure-scheme'],
    ]),
);

// Same words, different genuine companies (brokers-and-threats.md §B, §C): never flagged.
const sameBrandGenuineCompanies: Row[] = [
  ['https://www.rakuten.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://item.rakuten.co.jp/shop/item', 'unrelated', undefined, 'related-group'],
  ['https://www.rakuten-bank.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.rakuten-card.co.jp/e-navi/', 'unrelated', undefined, 'related-group'],
  ['https://grp01.id.rakuten.co.jp/rms/nid/login', 'unrelated', undefined, 'related-group'],
  ['https://login.account.rakuten.com/sso/authorize', 'unrelated', undefined, 'related-group'],
  ['https://www.sbishinseibank.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.netbk.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.nomura-re.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.nomura.com/', 'unrelated', undefined, 'related-group'],
  ['https://www.nri.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.daiwahouse.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.mizuhobank.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.mizuho-fg.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.smbc.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.bk.mufg.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.tr.mufg.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.dmm.com/', 'unrelated', undefined, 'related-group'],
  ['https://fx.dmm.com/', 'unrelated', undefined, 'related-group'],
  ['https://www.gmo.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.monexgroup.jp/', 'unrelated', undefined, 'related-group'],
  ['https://www.paypay-bank.co.jp/', 'unrelated', undefined, 'related-group'],
  ['https://accounts.google.com/signin', 'unrelated', undefined, 'exempt'],
  ['https://mail.google.com/mail/u/0/', 'unrelated', undefined, 'exempt'],
  ['https://login.live.com/', 'unrelated', undefined, 'exempt'],
  ['https://login.microsoftonline.com/', 'unrelated', undefined, 'exempt'],
  ['https://login.yahoo.co.jp/config/login', 'unrelated', undefined, 'exempt'],
  ['https://id.smt.docomo.ne.jp/', 'unrelated', undefined, 'exempt'],
  ['https://www.amazon.co.jp/ap/signin', 'unrelated', undefined, 'exempt'],
  ['https://www.icloud.com/mail', 'unrelated', undefined, 'exempt'],
];

// Ordinary sites and words that contain a brand word or sit one edit away from one.
const ordinarySites: Row[] = [
  ['https://example.com/', 'unrelated', undefined, 'no-match'],
  ['https://www.nikkei.com/markets/', 'unrelated'],
  ['https://minkabu.jp/stock/7203', 'unrelated'],
  ['https://kabutan.jp/', 'unrelated'],
  ['https://moneyforward.com/', 'unrelated'],
  ['https://money.co.jp/', 'unrelated'],
  ['https://www.money.com/', 'unrelated'],
  ['https://kabuka.example.jp/', 'unrelated'],
  ['https://nomura-dental.com/', 'unrelated'],
  ['https://daiwa-house-fan.example.com/', 'unrelated'],
  ['https://matsuiya-shoten.jp/', 'unrelated'],
  ['https://tanaka-nomura-clinic.jp/', 'unrelated'],
  ['https://www.sbicard.example/', 'unrelated'],
  ['https://okasanchi.com/', 'unrelated'],
  ['https://github.com/', 'unrelated'],
  ['https://ja.wikipedia.org/wiki/SBI証券', 'unrelated'],
  ['https://news.yahoo.co.jp/articles/sbisec', 'unrelated'],
  ['https://www.google.com/search?q=sbisec.co.jp', 'unrelated'],
  ['https://www.youtube.com/watch?v=rakuten-sec', 'unrelated'],
  ['https://blog.example.jp/rakuten-sec-nisa-review', 'unrelated'],
  ['https://tokyo-cosmo.jp/', 'unrelated'],
  ['https://mizuhoshi.jp/', 'unrelated'],
  ['https://clicksecret.example/', 'unrelated'],
  ['https://www.kabucommunity.jp/', 'unrelated'],
  ['https://sbisecurity.example/', 'unrelated'], // glued to plain letters: an ordinary word
  ['https://conex.co.jp/', 'unrelated'],
  ['https://tbisec.com/', 'unrelated'], // first-character substitution: hank/tank rule
  ['https://www.smbctb.co.jp/', 'unrelated', undefined, 'related-group'],
];

// Impostors by domain: each heuristic with the shapes seen in 2025.
const impostors: Row[] = [
  ['https://www.sbisec.co.jp.secure-login.top/ETGate/', 'impostor', 'sbi', 'embedded-domain'],
  ['https://sbisec.co.jp.verify.cn/', 'impostor', 'sbi', 'embedded-domain'],
  ['https://www-sbisec-co-jp.translate.goog/ETGate/', 'impostor', 'sbi', 'embedded-domain'],
  ['https://www-sbisec-co-jp.translate.goog/', 'impostor', 'sbi', 'hosting-platform'],
  ['https://www-rakuten--sec-co-jp.translate.goog/', 'impostor', 'rakuten-sec', 'embedded-domain'],
  ['https://sbiseccojp.example.com/', 'impostor', 'sbi', 'embedded-domain'],
  ['https://rakuten-sec.co.jp.account-verify.cn/', 'impostor', 'rakuten-sec', 'embedded-domain'],
  ['https://www.matsui.co.jp.login-check.shop/', 'impostor', 'matsui', 'embedded-domain'],
  ['https://nomura.co.jp.hometrade.cfd/', 'impostor', 'nomura', 'embedded-domain'],
  ['https://daiwa-jp.abcd.com/', 'impostor', 'daiwa', 'embedded-domain'],
  ['https://www-daiwa-jp.abcd.com/', 'impostor', 'daiwa', 'embedded-domain'],
  ['https://kabu-com.example.net/', 'impostor', 'mufg-esmart', 'embedded-domain'],
  ['https://sc-mufg-jp.example.top/', 'impostor', 'mufg-ms', 'embedded-domain'],
  ['https://kabu-dmm-com.example.top/', 'impostor', 'dmm-kabu', 'embedded-domain'],
  ['https://smbcnikko.abcd.top/', 'impostor', 'smbcnikko', 'label-in-subdomain'],
  ['https://sbisec.evil.example/', 'impostor', 'sbi', 'label-in-subdomain'],
  ['https://sbisec-xk2f9.zeabur.com/ETGate/', 'impostor', 'sbi', 'label-in-subdomain'],
  ['https://login.click-sec.example.cc/', 'impostor', 'gmo-click', 'label-in-subdomain'],
  ['https://sbisec.com/', 'impostor', 'sbi', 'suffix-swap'],
  ['https://sbisec.net/', 'impostor', 'sbi', 'suffix-swap'],
  ['https://sbisec.jp/', 'impostor', 'sbi', 'suffix-swap'],
  ['https://sbisec.co/', 'impostor', 'sbi', 'suffix-swap'],
  ['https://sbisec.top/', 'impostor', 'sbi', 'suffix-swap'],
  ['https://rakuten-sec.com/', 'impostor', 'rakuten-sec', 'suffix-swap'],
  ['https://rakuten-sec.net/', 'impostor', 'rakuten-sec', 'suffix-swap'],
  ['https://smbcnikko.top/', 'impostor', 'smbcnikko', 'suffix-swap'],
  ['https://mizuho-sc.co.jp/', 'impostor', 'mizuho-sc', 'suffix-swap'],
  ['https://click-sec.jp/', 'impostor', 'gmo-click', 'suffix-swap'],
  ['https://paypay-sec.com/', 'impostor', 'paypay-sec', 'suffix-swap'],
  ['https://okasan-online.com/', 'impostor', 'okasan', 'suffix-swap'],
  ['https://tokaitokyo.top/', 'impostor', 'tokaitokyo', 'suffix-swap'],
  ['https://iwaicosmo.com/', 'impostor', 'iwaicosmo', 'suffix-swap'],
  ['https://monex.top/', 'impostor', 'monex', 'suffix-swap'],
  ['https://monex.shop/', 'impostor', 'monex', 'suffix-swap'],
  ['https://rakutensec.com/', 'impostor', 'rakuten-sec', 'hyphen-dot-change'],
  ['https://rakuten-sec-co.jp/', 'impostor', 'rakuten-sec', 'embedded-domain'],
  ['https://sbi-sec.com/', 'impostor', 'sbi', 'hyphen-dot-change'],
  ['https://mizuhosc.com/', 'impostor', 'mizuho-sc', 'hyphen-dot-change'],
  ['https://clicksec.com/', 'impostor', 'gmo-click', 'hyphen-dot-change'],
  ['https://smbc-nikko.com/', 'impostor', 'smbcnikko', 'hyphen-dot-change'],
  ['https://okasanonline.jp/', 'impostor', 'okasan', 'hyphen-dot-change'],
  ['https://sbiisec.com/', 'impostor', 'sbi', 'edit-distance'],
  ['https://sbsec.co.jp/', 'impostor', 'sbi', 'edit-distance'],
  ['https://sbisek.co.jp/', 'impostor', 'sbi', 'edit-distance'],
  ['https://smbcnlkko.co.jp/', 'impostor', 'smbcnikko', 'edit-distance'],
  ['https://rakuten-sek.com/', 'impostor', 'rakuten-sec', 'edit-distance'],
  ['https://tokaitokio.co.jp/', 'impostor', 'tokaitokyo', 'edit-distance'],
  ['https://iwaicosumo.net/', 'impostor', 'iwaicosmo', 'edit-distance'],
  ['https://sbisce.co.jp/', 'impostor', 'sbi', 'adjacent-swap'],
  ['https://smbcnikok.com/', 'impostor', 'smbcnikko', 'adjacent-swap'],
  ['https://rakuetn-sec.co.jp/', 'impostor', 'rakuten-sec', 'adjacent-swap'],
  ['https://xn--sbsec-o2e.com/', 'impostor', 'sbi', 'confusable-skeleton'], // Cyrillic і
  ['https://xn--bisec-g2e.co.jp/', 'impostor', 'sbi', 'confusable-skeleton'], // Cyrillic ѕ
  ['https://ѕbisec.co.jp/', 'impostor', 'sbi', 'confusable-skeleton'],
  ['https://rakuten-seс.co.jp/', 'impostor', 'rakuten-sec', 'confusable-skeleton'], // Cyrillic с
  ['https://nomurа.co.jp/', 'impostor', 'nomura', 'confusable-skeleton'], // a surname, but a homograph of the domain
  ['https://rnonex.co.jp/', 'impostor', 'monex', 'confusable-skeleton'], // rn for m
  ['https://smbcnikk0.top/', 'impostor', 'smbcnikko', 'confusable-skeleton'],
  ['https://sbisec-login.com/', 'impostor', 'sbi', 'combo-squat'],
  ['https://secure-sbisec.net/', 'impostor', 'sbi', 'combo-squat'],
  ['https://sbisec-member-auth.top/', 'impostor', 'sbi', 'combo-squat'],
  ['https://rakuten-sec-login.cn/', 'impostor', 'rakuten-sec', 'combo-squat'],
  ['https://smbcnikko-verify.shop/', 'impostor', 'smbcnikko', 'combo-squat'],
  ['https://monex-login.com/', 'impostor', 'monex', 'combo-squat'],
  ['https://wwwsbisec.com/', 'impostor', 'sbi', 'combo-squat'],
  ['https://sbiseclogin.com/', 'impostor', 'sbi', 'combo-squat'],
  ['https://sbisec2025.com/', 'impostor', 'sbi', 'combo-squat'],
  ['https://smbcnikko7f3k.top/', 'impostor', 'smbcnikko', 'combo-squat'],
  ['https://sec-sbi.com/', 'impostor', 'sbi', 'combo-squat'], // word + securities keyword
  ['https://rakuten-shoken.com/', 'impostor', 'rakuten-sec', 'combo-squat'],
  ['https://nomura-nisa.net/', 'impostor', 'nomura', 'combo-squat'],
  ['https://matsui-kabu.top/', 'impostor', 'matsui', 'combo-squat'],
  ['https://rakusec.cn/', 'impostor', 'rakuten-sec', 'suffix-swap'],
  ['https://sbisec.pages.dev/', 'impostor', 'sbi', 'hosting-platform'],
  ['https://rakuten-sec.web.app/', 'impostor', 'rakuten-sec', 'hosting-platform'],
  ['https://smbcnikko-login.netlify.app/', 'impostor', 'smbcnikko', 'hosting-platform'],
  ['https://sbisec.github.io/', 'impostor', 'sbi', 'hosting-platform'],
  ['https://monex-auth.s3.amazonaws.com/', 'impostor', 'monex', 'hosting-platform'],
  ['https://clicksec.vercel.app/', 'impostor', 'gmo-click', 'hosting-platform'],
  ['https://sbisec-login.com@', 'unrelated', undefined, 'unparseable'],
  ['https://user:pw@sbisec-login.com/', 'impostor', 'sbi', 'combo-squat'],
  ['https://SBISEC-LOGIN.COM:8443/x', 'impostor', 'sbi', 'combo-squat'],
  ['sbisec-login.com', 'impostor', 'sbi', 'combo-squat'],
  ['http://sbisec-login.com/', 'impostor', 'sbi', 'combo-squat'],
  ['blob:https://sbisec-login.com/0c3e', 'impostor', 'sbi', 'combo-squat'],
];

// A brand word alone on a foreign domain: suspicious, never impostor.
const suspicious: Row[] = [
  ['https://nomura.top/', 'suspicious', 'nomura', 'brand-word'],
  ['https://daiwa.example.com/', 'suspicious', 'daiwa', 'brand-word'],
  ['https://matsui.shop/', 'suspicious', 'matsui', 'brand-word'],
  ['https://rakuten-login.top/', 'suspicious', 'rakuten-sec', 'brand-word'],
  ['https://sbi-login.com/', 'suspicious', 'sbi', 'brand-word'],
  ['https://nomura-support.com/', 'suspicious', 'nomura', 'brand-word'],
  ['https://matsui-trade.co.jp/', 'suspicious', 'matsui', 'brand-word'],
  ['https://mizuho.example.top/', 'suspicious', 'mizuho-sc', 'brand-word'],
  ['https://nikko-login.net/', 'suspicious', 'smbcnikko', 'brand-word'],
  ['https://daiwa.pages.dev/', 'suspicious', 'daiwa', 'hosting-platform'],
  ['https://kabu.top/', 'suspicious', 'mufg-esmart', 'brand-word'],
  ['https://okasan-jp.com/', 'suspicious', 'okasan', 'brand-word'],
  ['https://paypay-login.com/', 'suspicious', 'paypay-sec', 'brand-word'],
];

// Hostile or odd input: never throws, never genuine.
const oddInputs: Row[] = [
  // Not strict DNS names, yet Chromium navigates to them: judged like any host, not waved through.
  ['https://www.sbisec.co.jp_x.example/', 'impostor', 'sbi', 'label-in-subdomain'],
  ['https://rakuten_sec.top/', 'impostor', 'rakuten-sec', 'edit-distance'],
  ['https://a_b.example.com/', 'unrelated', undefined, 'no-match'],
  ['', 'unrelated', undefined, 'unparseable'],
  ['   ', 'unrelated', undefined, 'unparseable'],
  ['https://', 'unrelated', undefined, 'unparseable'],
  ['::::', 'unrelated', undefined, 'unparseable'],
  ['https://[::1]/', 'unrelated', undefined, 'ip-address'],
  ['https://127.0.0.1/', 'unrelated', undefined, 'ip-address'],
  ['https://0x7f.1/', 'unrelated', undefined, 'ip-address'],
  ['data:text/html,<h1>SBI証券</h1>', 'unrelated', undefined, 'not-web'],
  ['about:blank', 'unrelated', undefined, 'not-web'],
  ['file:///home/user/sbisec.html', 'unrelated', undefined, 'not-web'],
  ['chrome-extension://abcdefghijklmnop/warning.html', 'unrelated', undefined, 'not-web'],
  ['javascript:alert(1)', 'unrelated', undefined, 'not-web'],
  ['https://co.jp/', 'unrelated', undefined, 'no-match'],
  ['https://localhost/', 'unrelated'],
  ['https://www.rakuten-sec.co.jp@evil.example/', 'unrelated', undefined, 'no-match'],
  ['https://www.rakuten-sec.co.jp@rakuten-sec-login.top/', 'impostor', 'rakuten-sec', 'combo-squat'],
  // %2e in a host is decoded by the URL parser: the browser would go to www.sbisec.co.jp.evil.example
  ['https://www.sbisec.co.jp%2eevil.example/', 'impostor', 'sbi', 'embedded-domain'],
  ['https://foo.sbisec.co.jp/', 'unrelated', 'sbi', 'brand-domain-unlisted'],
  ['https://' + 'a'.repeat(63) + '.sbisec-login.com/', 'impostor', 'sbi'],
  ['https://' + 'a-'.repeat(100) + 'b.com/', 'unrelated'],
];

const all = [...genuineRows, ...sameBrandGenuineCompanies, ...ordinarySites, ...impostors, ...suspicious, ...oddInputs];

describe('classify: table of real-world shapes', () => {
  it('has at least 150 rows', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
  });
  it.each(all)('%s → %s %s %s', (input, kind, brand, reason) => {
    const v = classify(input, index);
    expect(v.kind).toBe(kind);
    if (brand !== undefined) expect(v.brand).toBe(brand);
    if (reason !== undefined) expect(v.reasons).toContain(reason);
    expect(v.listVersion).toBe(index.version);
    if (kind === 'impostor' || kind === 'suspicious') expect(v.imitates).toMatch(/^https:\/\//);
  });
});
