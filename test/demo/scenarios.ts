import { framingPage, lateFieldPage, loginPage, ordinaryLogin, webmailPage, type LoginLook, type MailLink } from './pages';

export type Category = 'genuine' | 'lookalike' | 'dressed-up' | 'ordinary' | 'insecure' | 'webmail';

export interface Expectation {
  /** Host verdict kinds that count as correct (undefined = any). */
  verdict?: string[];
  /** Must the page receive the password? 'yes' = all of it, 'no' = not a single character, 'any' = not judged. */
  received: 'yes' | 'no' | 'any';
}

export interface Row {
  category: Category;
  url: string;
  /** What this row shows, in a few words. */
  label: string;
  /** Pages to serve: [url, html]. The row's own url must be among them. */
  pages: [string, string][];
  expect: Expectation;
  /** Webmail rows: link ids that must be flagged dangerous / genuine / left alone. */
  links?: { dangerous: string[]; genuine: string[]; ordinary: string[]; click: string };
}

const SBI: LoginLook = { brand: 'SBI証券', userField: 'user_id', passField: 'user_password' };
const RAKUTEN: LoginLook = { brand: '楽天証券', userField: 'loginid', passField: 'passwd' };
const MONEX: LoginLook = { brand: 'マネックス証券', userField: 'loginid', passField: 'passwd' };
const URGENT = '【重要】不正アクセスを検知しました。本人確認のためログインしてください。';

const GENUINE: Expectation = { verdict: ['genuine'], received: 'yes' };
const BLOCKED: Expectation = { verdict: ['impostor'], received: 'no' };
const LOCKED_BY_LOOK: Expectation = { received: 'no' };
const ALLOWED: Expectation = { verdict: ['unrelated'], received: 'yes' };

function one(category: Category, url: string, label: string, html: string, expect: Expectation): Row {
  return { category, url, label, pages: [[url, html]], expect };
}

const MAIL_LINKS: MailLink[] = [
  { id: 'phish-1', href: 'https://www.sbisec.co.jp.secure-login.top/ETGate/', text: 'https://www.sbisec.co.jp/ETGate/' },
  { id: 'phish-2', href: 'https://rakuten-sec.co.jp.account-verify.com/login', text: '楽天証券 ログイン' },
  { id: 'genuine', href: 'https://www.sbisec.co.jp/ETGate/', text: 'SBI証券 公式サイト' },
  { id: 'ordinary', href: 'https://www.rakuten.co.jp/', text: '楽天市場' },
];

export const ROWS: Row[] = [
  one('genuine', 'https://www.sbisec.co.jp/ETGate/', 'SBI証券 login', loginPage(SBI), GENUINE),
  one('genuine', 'https://www.rakuten-sec.co.jp/ITS/V_ACT_Login.html', '楽天証券 login', loginPage(RAKUTEN), GENUINE),
  one('genuine', 'https://www.monex.co.jp/', 'マネックス証券 top page login', loginPage(MONEX), GENUINE),

  one('lookalike', 'https://www.sbisec.co.jp.secure-login.top/ETGate/', 'genuine host as a prefix', loginPage({ ...SBI, notice: URGENT }), BLOCKED),
  one('lookalike', 'https://sbisec-login.com/', 'brand + keyword domain', loginPage({ ...SBI, notice: URGENT }), BLOCKED),
  one('lookalike', 'https://www.rakuten-sce.co.jp/ITS/V_ACT_Login.html', 'two letters swapped', loginPage(RAKUTEN), BLOCKED),
  one('lookalike', 'https://www.xn--sbsec-o2e.co.jp/ETGate/', 'Cyrillic і (sbіsec)', loginPage(SBI), BLOCKED),
  one('lookalike', 'https://sbisec.pages.dev/', 'brand on a hosting platform', loginPage(SBI), BLOCKED),
  one('lookalike', 'https://monex-co-jp.com/login', 'dots turned into hyphens', loginPage({ ...MONEX, notice: URGENT }), BLOCKED),
  one('lookalike', 'https://rakuten-sec.co.jp.account-verify.com/late', 'field added late, type switched', lateFieldPage(RAKUTEN), BLOCKED),
  {
    category: 'lookalike',
    url: 'https://campaign-news.example.net/',
    label: 'lookalike login inside an iframe',
    pages: [
      ['https://campaign-news.example.net/', framingPage('https://sbisec-login.com/frame')],
      ['https://sbisec-login.com/frame', loginPage(SBI)],
    ],
    expect: { verdict: ['unrelated'], received: 'no' },
  },

  one('dressed-up', 'https://account-check-jp.top/sbi/', 'SBI look on an unrelated domain', loginPage({ ...SBI, notice: URGENT }, 'SBI証券 ログイン | SBI SECURITIES'), LOCKED_BY_LOOK),
  one('dressed-up', 'https://secure-authen-center.club/', '楽天証券 look on an unrelated domain', loginPage({ ...RAKUTEN, notice: URGENT }, '楽天証券 ログイン'), LOCKED_BY_LOOK),

  one('ordinary', 'https://www.rakuten.co.jp/login', 'Rakuten Ichiba (shares a brand word)', ordinaryLogin('楽天市場'), ALLOWED),
  one('ordinary', 'https://www.sbishinseibank.co.jp/', 'SBI group bank (related, not the broker)', ordinaryLogin('SBI新生銀行'), ALLOWED),
  one('ordinary', 'https://shop.example.com/login', 'an ordinary shop', ordinaryLogin('Example Shop'), ALLOWED),

  one('insecure', 'http://www.sbisec.co.jp/ETGate/', 'genuine host over plain http', loginPage(SBI), { verdict: ['unrelated', 'impostor', 'suspicious'], received: 'any' }),

  {
    category: 'webmail',
    url: 'https://mail.google.com/mail/u/0/',
    label: 'phishing mail in webmail',
    pages: [
      ['https://mail.google.com/mail/u/0/', webmailPage(MAIL_LINKS)],
      ['https://www.sbisec.co.jp.secure-login.top/ETGate/', loginPage(SBI)],
    ],
    expect: { received: 'no' },
    links: { dangerous: ['phish-1', 'phish-2'], genuine: ['genuine'], ordinary: ['ordinary'], click: 'phish-1' },
  },
];
