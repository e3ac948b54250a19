/**
 * What counts as a credential field: password inputs, text inputs styled to mask their text
 * (`-webkit-text-security`, the "fake password field" trick), and fields whose name, id,
 * autocomplete, label, placeholder or aria-label say password / 暗証番号 / PIN / OTP /
 * one-time code. The trading PIN (取引暗証番号) is asked right after login in the 2025 relay
 * attacks, usually in a plain text or tel input.
 */

// Japanese words: no word boundaries in Japanese, substring match is right. Plain `includes`,
// not a regex: discovery runs in frames at load, and every regex is compiled again in each new
// renderer before its first use (this one, with its Japanese alternation, was measurable).
const JA = ['パスワード', '暗証', 'ワンタイム', '認証コード', '確認コード', '認証番号', 'セキュリティコード', '合言葉', 'ﾊﾟｽﾜｰﾄﾞ'];
// ASCII tokens, matched as whole tokens of the identifier ("login_pin", "otpCode", "pinNo")
// so "shipping", "spinner", "option", "hotpot" do not count. A plain array, looked up only past
// the MAYBE prefilter: this module is evaluated in every frame of every page at document_start,
// where building a Set is work most frames never use.
const TOKENS = [
  'password',
  'passwd',
  'passwort',
  'pwd',
  'pass',
  'passcode',
  'passphrase',
  'pin',
  'pincode',
  'otp',
  'totp',
  'onetime',
  'onetimecode',
  'onetimepassword',
  'mfa',
  '2fa',
  'tfa',
  'secret',
  'ansho', // anshō (暗証) in romaji ids
  'anshou',
  'anshobango',
  'torihikipass',
];
const AUTOCOMPLETE = /(^|\s)(current-password|new-password|one-time-code)(\s|$)/;

/** Splits an identifier into lower-case tokens: "loginPinNo" → login, pin, no; "otp_code" → otp, code. */
export function tokensOfIdentifier(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A superset of every ASCII rule below: most fields (search boxes, names, e-mail addresses)
 * say nothing near a credential and are dismissed without the tokenising (three regex
 * replaces, a split and an array per string) — discovery checks every input of every frame.
 * On the lower-cased text, by `includes` (no regex to compile in a fresh renderer: see JA).
 * Unit-tested against the rules on generated identifiers.
 */
const MAYBE = ['pass', 'pwd', 'pin', 'otp', 'secret', 'mfa', '2fa', 'tfa', 'ansho'];

/**
 * One CSS selector that matches every input and textarea `isCredentialField(el, { cheap: true })`
 * accepts by its type or attributes (type, name, id, autocomplete, placeholder, aria-label), and
 * some more (it over-matches: "shipping" contains "pin"). Not what a <label> says. Textareas stay
 * in, though their 95 selectors cost every frame about 0.1 ms of style-sheet parsing and indexing
 * (session 5, traced): a textarea the stylesheet does not see is found only when the user types
 * into it, and the guard, not yet judged there, holds those first keys and replays them without
 * key events — on an ordinary page whose reply box mentions a one-time password (E2E trap page).
 * The source of the stylesheet watch, entrypoints/content/credential-watch.css
 * (lib/guard/credential-watch.test.ts keeps the two equal and prints the selector when they
 * differ); not used at runtime.
 */
export function credentialSelector(): string {
  const parts = ['[type=password i]'];
  for (const attr of ['name', 'id', 'autocomplete', 'placeholder', 'aria-label']) {
    for (const w of MAYBE) parts.push(`[${attr}*="${w}" i]`);
    parts.push(`[${attr}*="one" i][${attr}*="time" i]`); // a superset of one…time
    for (const w of JA) parts.push(`[${attr}*="${w}"]`);
  }
  // Flat (no :is()): each selector's rightmost compound names its tag and attribute, so the
  // style engine files it under them and tests only elements that have that attribute.
  return [...parts.map((p) => `input${p}`), ...parts.slice(1).map((p) => `textarea${p}`)].join(',');
}

function hasAny(s: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (s.includes(words[i])) return true;
  return false;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);

/** "one", then anything but a-z0-9, then "time" (what /one[^a-z0-9]*time/ matches), on lower-cased text. */
function oneTime(low: string): boolean {
  for (let at = low.indexOf('one'); at >= 0; at = low.indexOf('one', at + 1)) {
    let i = at + 3;
    while (i < low.length && !isAlnum(low.charCodeAt(i))) i++;
    if (low.startsWith('time', i)) return true;
  }
  return false;
}

/** Does a name / id / label / placeholder text indicate a credential? */
export function credentialHint(text: string | null | undefined): boolean {
  if (!text) return false;
  const s = text.length > 200 ? text.slice(0, 200) : text;
  if (hasAny(s, JA)) return true;
  const low = s.toLowerCase();
  if (!hasAny(low, MAYBE) && !oneTime(low)) return false;
  if (AUTOCOMPLETE.test(low)) return true;
  const tokens = tokensOfIdentifier(s);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (TOKENS.includes(t)) return true;
    // "one time code", "one-time password", "pin code" split into tokens
    if (t === 'one' && tokens[i + 1] === 'time') return true;
  }
  return false;
}

const TEXTLIKE = ['', 'text', 'tel', 'number', 'search', 'email', 'url'];

/** Minimal element shape (duck-typed so elements of other frames/worlds work). */
interface InputLike {
  localName: string;
  type?: string;
  name?: string;
  id?: string;
  autocomplete?: string;
  placeholder?: string;
  getAttribute(name: string): string | null;
  labels?: ArrayLike<{ textContent: string | null }> | null;
  ownerDocument?: Document | null;
}

function masked(el: Element): boolean {
  try {
    const view = el.ownerDocument?.defaultView;
    if (!view) return false;
    const cs = view.getComputedStyle(el) as CSSStyleDeclaration & { webkitTextSecurity?: string };
    const sec = cs.webkitTextSecurity || cs.getPropertyValue('-webkit-text-security');
    return !!sec && sec !== 'none';
  } catch {
    return false;
  }
}

/**
 * Does a label of the field say credential? Not `el.labels`: Blink answers it by walking the
 * whole document for every field, again after any DOM change (~0.15 ms per field on a
 * 6,000-element page, ~3 ms for the six inputs of a news page during load — the largest single
 * cost the guard added to pages without credential fields). Same result, read locally: the
 * enclosing <label>, and <label for=id> of the same tree (one shared, cached tag collection).
 */
function labelHint(e: InputLike): boolean {
  const el = e as unknown as Element;
  if (typeof el.closest !== 'function' || typeof el.getRootNode !== 'function') {
    // Duck-typed fields (other worlds, tests): their own labels list.
    const labels = e.labels;
    if (labels) for (let i = 0; i < labels.length; i++) if (credentialHint(labels[i].textContent)) return true;
    return false;
  }
  const around = el.closest('label');
  if (around && credentialHint(around.textContent)) return true;
  const id = e.id;
  if (!id) return false;
  const root = el.getRootNode() as Document | ShadowRoot;
  const list: ArrayLike<Element> =
    typeof (root as Document).getElementsByTagName === 'function' ? (root as Document).getElementsByTagName('label') : root.querySelectorAll('label');
  for (let i = 0; i < list.length && i < 300; i++) {
    const l = list[i] as HTMLLabelElement;
    if (l !== around && l.getAttribute('for') === id && credentialHint(l.textContent)) return true;
  }
  return false;
}

/**
 * Is `el` a credential field right now? Cheap checks first; the computed style (the only
 * costly one) last. Called at event time (the page may switch `type` on focus). `cheap`
 * skips the computed style (discovery scans; a masked text field is found when focused).
 */
export function isCredentialField(el: unknown, opts?: { cheap?: boolean }): boolean {
  if (!el || typeof el !== 'object') return false;
  const e = el as InputLike;
  if (e.localName !== 'input' && e.localName !== 'textarea') return false;
  const type = (e.type ?? '').toLowerCase();
  if (type === 'password') return true;
  if (e.localName === 'input' && !TEXTLIKE.includes(type)) return false;
  if (credentialHint(e.name) || credentialHint(e.id) || credentialHint(e.autocomplete ?? e.getAttribute('autocomplete'))) return true;
  if (credentialHint(e.placeholder) || credentialHint(e.getAttribute('aria-label'))) return true;
  try {
    if (labelHint(e)) return true;
  } catch {
    /* labels getter on an odd element */
  }
  // Computed style forces a style recalculation: only at event time, never while scanning.
  return opts?.cheap ? false : masked(el as Element);
}
