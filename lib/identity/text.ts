/**
 * Text helpers for page-identity signals. Pure, DOM-free.
 *
 * Normalisation makes "ＳＢＩ 証券", "SBI\u200B証券" and "sbi証券" the same string: attackers pad
 * brand names with full-width letters, spaces and zero-width characters to dodge naive matching.
 */

const INVISIBLE = /[\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;

export function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
}

export { clip } from './clip';

/** True when `token` occurs in `hay` delimited by non-alphanumerics (or the ends). */
export function hasDelimitedToken(hay: string, token: string): boolean {
  if (!token) return false;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(token, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : hay[at - 1];
    const after = hay[at + token.length] ?? '';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = at + 1;
  }
}

/** Words that say "sign in here" (already normalised). */
export const LOGIN_WORDS = ['ログイン', 'サインイン', 'login', 'signin', 'logon', '本人確認', '認証'];

/** A trading PIN: the real-time relay step of the 2025 attacks (brokers-and-threats §E). */
export const TRADING_PIN_WORDS = ['取引暗証番号', '取引暗証', '取引パスワード', '取引pin', 'tradingpin', 'tradingpassword'];
/** Any PIN (banks and brokers alike). */
export const PIN_WORDS = [...TRADING_PIN_WORDS, '暗証番号', '暗証'];
/** One-time codes. Not "セキュリティコード" (that is a card's CVV). */
export const OTP_WORDS = [
  'ワンタイムパスワード',
  'ワンタイムコード',
  'ワンタイム',
  '認証コード',
  '認証番号',
  '確認コード',
  '確認番号',
  'one-time',
  'onetime',
  'otp',
  'verificationcode',
  'authcode',
  'passcode',
];
/**
 * Wording of account aggregators (Money Forward ME, Zaim…): they legitimately ask for a broker's
 * credentials to link the account, and name the broker next to the form.
 */
export const AGGREGATOR_WORDS = ['連携', '家計簿', '金融機関の登録', '金融機関を登録', '一括管理', 'aggregat', 'linkaccount', 'connectaccount'];

/**
 * Words that say nothing about who runs a page (title segments made only of these are not a
 * site name). Normalised; longest first so "ログイン画面" goes before "ログイン".
 */
export const GENERIC_TITLE_WORDS = [
  'ログインページ', 'ログイン画面', '会員ログイン', 'ログイン', 'サインイン', '本人確認', 'お客様情報', 'お客様',
  '認証', '確認', '情報', 'お手続き', '手続き', '重要', 'お知らせ', 'ご案内', 'お願い', '緊急', '口座', '取引', 'オンライン',
  'トレード', '会員ページ', '会員', 'マイページ', 'トップページ', 'トップ', 'ホーム', '公式サイト', '公式', 'サイト', 'ページ',
  '画面', 'セキュリティ', '安全', '更新', '登録', '変更', 'の', 'へ', 'を', 'に', 'は',
  'login', 'logon', 'signin', 'sign', 'log', 'in', 'home', 'top', 'members', 'member', 'myaccount', 'account',
  'secure', 'security', 'verification', 'verify', 'online', 'trading', 'trade', 'portal', 'welcome', 'official',
  'update', 'page', 'customer', 'service', 'the', 'to', 'web', 'site',
].sort((a, b) => b.length - a.length);

export function containsAny(hay: string, words: readonly string[]): boolean {
  for (const w of words) if (hay.includes(w)) return true;
  return false;
}

const PUNCT = /[\p{P}\p{S}\d]/gu;

/** What is left of a (normalised) title segment once brand names and generic words are removed. */
export function residue(segment: string, names: readonly string[]): string {
  let s = segment;
  for (const n of names) if (n) s = s.split(n).join('');
  for (const w of GENERIC_TITLE_WORDS) s = s.split(w).join('');
  return s.replace(PUNCT, '');
}

/**
 * Splits a raw title into segments on the separators sites put between page and site name:
 * " | ", "｜", " - ", " – ", " — ", " / ", "：", "【…】", "::". "・" and bare "-" are kept (brand
 * names contain them: 三菱UFJモルガン・スタンレー証券).
 */
export function titleSegments(title: string): string[] {
  return title
    .normalize('NFKC')
    .split(/\s*[|｜]\s*|\s+[-–—/]\s+|\s*[【】\[\]]\s*|\s*::?\s*/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
