/**
 * What a page claims to be, as gathered in the page (collect.ts) and judged in the background
 * (score.ts). Everything here is bounded: a hostile page cannot make it large.
 */

/** Where a logo-like image sits. 'header': in a header/banner/nav; 'logo': marked as a logo
 * (class/id/alt/src says "logo"); 'form': inside the credential form's region. */
export type LogoPlace = 'header' | 'logo' | 'form';

export interface LogoSignal {
  /** alt / title / aria-label (raw, clipped). */
  text: string;
  /** Path of the image URL (lower case, clipped), for logo-file tokens such as "sbisec". */
  src: string;
  place: LogoPlace;
  /** The image is a link to another site (an ad or a partner banner, not the page's own logo). */
  external: boolean;
}

/** One input of the credential form, described without its value. */
export interface FieldSignal {
  type: string;
  name: string;
  id: string;
  autocomplete: string;
  placeholder: string;
  /** Text of its <label> / aria-label / aria-labelledby (clipped). */
  label: string;
  maxLength: number;
  inputMode: string;
  /** Rendered as dots by CSS (-webkit-text-security): a password field in disguise. */
  masked: boolean;
}

export interface IdentitySignals {
  v: 1;
  title: string;
  /** og:site_name / application-name. */
  siteName: string;
  /** First <h1> texts outside links. */
  headings: string[];
  logos: LogoSignal[];
  /** Label-like visible text of the credential form's region (headings, labels, buttons;
   * outside links, articles and the <h1>), clipped. */
  formText: string;
  /** Longer sentences of the same region: used for wording (連携, ログイン), never for brands. */
  formProse: string;
  fields: FieldSignal[];
  /**
   * URL path + query, lower case. Set by the background from the sender's URL; whatever the
   * page sends here is overwritten.
   */
  path: string;
}

export type IdentityReason =
  | 'site-name' // og:site_name / application-name names the broker
  | 'title-site' // the title's site-name segment names the broker
  | 'title-mention' // the broker is mentioned elsewhere in the title
  | 'logo' // a logo (alt text or file name) of the broker in the header or next to the form
  | 'heading' // the page's <h1> names the broker
  | 'form-text' // text next to the credential form names the broker
  | 'path' // the URL path carries a token copied from the broker's site (/ETGate/)
  | 'fields' // the form's field names are the broker's
  | 'login-wording' // ログイン / 本人確認 / 認証 near the form or in the title
  | 'many-brands' // several brokers named in one place: a comparison or an article, ignored
  | 'competing-identity' // the page names itself as something else (its own site name)
  | 'aggregator' // an account aggregator linking a broker (連携…): form-side brand ignored
  | 'trading-pin' // the form asks for a 取引暗証番号
  | 'pin' // the form asks for a 暗証番号
  | 'otp' // the form asks for a one-time code
  | 'password'; // the form asks for a password

export interface CredentialAsk {
  password: boolean;
  /** A trading PIN (取引暗証番号 / 取引パスワード). */
  tradingPin: boolean;
  /** Any PIN, including a trading PIN. */
  pin: boolean;
  otp: boolean;
}

export interface IdentityScore {
  /** The broker the page presents itself as (best score), if any brand scored above zero. */
  brand?: string;
  score: number;
  /** Evidence for `brand`, plus page-level notes (many-brands, competing-identity…). */
  reasons: IdentityReason[];
  asks: CredentialAsk;
  /** Score of the runner-up brand (a close second makes the identity ambiguous). */
  runnerUp: number;
}
