import { describe, expect, it } from 'vitest';
import { credentialHint, credentialSelector, isCredentialField, tokensOfIdentifier } from './credential';

describe('credential hints in names, ids, labels', () => {
  it.each([
    'password',
    'user_password',
    'loginPasswd',
    'pin',
    'login_pin',
    'pinNo',
    'otp',
    'otpCode',
    'one-time-code',
    'one time password',
    'current-password',
    'mfa_token',
    '取引暗証番号',
    '暗証番号',
    'ワンタイムパスワード',
    '認証コード',
    'パスワード（半角英数字）',
  ])('flags %s', (s) => {
    expect(credentialHint(s)).toBe(true);
  });

  it.each(['shipping', 'spinner', 'option', 'hotpot', 'postcode', 'user_id', 'email', 'username', 'search', 'ログインID', 'お名前', 'zipcode', 'compass', 'bypassed'])(
    'does not flag %s',
    (s) => {
      expect(credentialHint(s)).toBe(false);
    },
  );

  it('splits camelCase and separators into tokens', () => {
    expect(tokensOfIdentifier('loginPINCode_2')).toEqual(['login', 'pin', 'code', '2']);
  });
});

function fakeInput(attrs: Partial<Record<'localName' | 'type' | 'name' | 'id' | 'placeholder' | 'autocomplete', string>>, label?: string) {
  return {
    localName: attrs.localName ?? 'input',
    type: attrs.type ?? 'text',
    name: attrs.name ?? '',
    id: attrs.id ?? '',
    placeholder: attrs.placeholder ?? '',
    autocomplete: attrs.autocomplete ?? '',
    getAttribute: () => null,
    labels: label ? [{ textContent: label }] : [],
    ownerDocument: null,
  };
}

describe('credential fields', () => {
  it('every password input', () => {
    expect(isCredentialField(fakeInput({ type: 'password' }))).toBe(true);
  });
  it('a tel input labelled 取引暗証番号', () => {
    expect(isCredentialField(fakeInput({ type: 'tel' }, '取引暗証番号'))).toBe(true);
  });
  it('an OTP input by autocomplete', () => {
    expect(isCredentialField(fakeInput({ autocomplete: 'one-time-code' }))).toBe(true);
  });
  it('not the login id, not a checkbox named pin', () => {
    expect(isCredentialField(fakeInput({ name: 'user_id' }, 'ログインID'))).toBe(false);
    expect(isCredentialField(fakeInput({ type: 'checkbox', name: 'pin' }))).toBe(false);
  });
  it('not a div or a non-object', () => {
    expect(isCredentialField({ localName: 'div', getAttribute: () => null })).toBe(false);
    expect(isCredentialField(null)).toBe(false);
  });
});

describe('labels read without el.labels (real DOM)', async () => {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(`<!doctype html><html><body>
    <label>パスワード <input id="a"></label>
    <label for="b">取引暗証番号</label><input id="b" type="tel">
    <label for="c">お名前</label><input id="c">
    <label for="zz">暗証番号</label><input id="d">
    <input id="e" name="q">
  </body></html>`);
  const $ = (id: string) => document.getElementById(id);
  it('an enclosing label and a label for= the id count', () => {
    expect(isCredentialField($('a'), { cheap: true })).toBe(true);
    expect(isCredentialField($('b'), { cheap: true })).toBe(true);
  });
  it('a label for another id, an ordinary label, no label: not credentials', () => {
    expect(isCredentialField($('c'), { cheap: true })).toBe(false);
    expect(isCredentialField($('d'), { cheap: true })).toBe(false);
    expect(isCredentialField($('e'), { cheap: true })).toBe(false);
  });
});

describe('the one-test prefilter never hides a credential hint', () => {
  // The rules without the prefilter (as they stood before it), as the reference.
  const JA = /パスワード|暗証|ワンタイム|認証コード|確認コード|認証番号|セキュリティコード|合言葉|ﾊﾟｽﾜｰﾄﾞ/;
  const AUTO = /(^|\s)(current-password|new-password|one-time-code)(\s|$)/;
  const TOKENS = ['password', 'passwd', 'passwort', 'pwd', 'pass', 'passcode', 'passphrase', 'pin', 'pincode', 'otp', 'totp', 'onetime', 'onetimecode', 'onetimepassword', 'mfa', '2fa', 'tfa', 'secret', 'ansho', 'anshou', 'anshobango', 'torihikipass'];
  const reference = (s: string) => {
    if (JA.test(s) || AUTO.test(s.toLowerCase())) return true;
    const t = tokensOfIdentifier(s);
    return t.some((x, i) => TOKENS.includes(x) || (x === 'one' && t[i + 1] === 'time'));
  };
  it('agrees with the rules on 20,000 generated identifiers, labels and autocomplete values', () => {
    const parts = [...TOKENS, 'one', 'time', 'ONE', 'Time', 'login', 'user', 'id', 'code', 'No', 'PIN', 'Pass', 'OTP', 'shipping', 'spinner', 'compass', 'mail',
      'current-password', 'new-password', 'one-time-code', '取引', '暗証番号', 'パスワード', 'ﾊﾟｽﾜｰﾄﾞ', 'ワンタイム', '認証コード', '認証番号', 'お名前', '検索', '2FA', 'MFA'];
    const seps = ['', '_', '-', ' ', '  ', '.', '__'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n); // high bits: see below
    let flagged = 0;
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const n = 1 + rnd(4);
      for (let i = 0; i < n; i++) s += (i ? seps[rnd(seps.length)] : '') + parts[rnd(parts.length)];
      const want = reference(s);
      if (want) flagged++;
      expect([s, credentialHint(s)]).toEqual([s, want]);
    }
    expect(flagged).toBeGreaterThan(5000); // both sides of the rule were exercised
  });
});

describe('credentialSelector() (the look at load) finds every field the cheap test finds by its attributes', () => {
  const ATTRS = ['name', 'id', 'autocomplete', 'placeholder', 'aria-label'];
  const words = ['password', 'Pass', 'pwd', 'PIN', 'loginPinNo', 'otp_code', 'one-time-code', 'one time', 'One__Time', 'onetime', 'current-password', '2FA', 'mfa', 'ansho',
    '暗証番号', 'パスワード', 'ﾊﾟｽﾜｰﾄﾞ', 'ワンタイム', '認証コード', 'secret', 'q', 'user', 'メールアドレス', 'お名前', 'phone', 'shipping', 'compass', 'search', 'time', 'one'];
  const types = ['text', 'tel', 'password', 'PASSWORD', 'email', 'search', 'number', 'checkbox', 'hidden'];
  it('on 3,000 generated inputs and textareas: whatever the cheap test accepts (no label involved), the selector matches', async () => {
    const { parseHTML } = await import('linkedom');
    let seed = 11;
    // The high bits: the low bits of this generator repeat with a short period (with `seed % n` it
    // drew 2,988 textareas and 12 inputs here instead of about one textarea in eight).
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const html: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const attrs = ATTRS.filter(() => rnd(3) === 0).map((a) => `${a}="${esc(words[rnd(words.length)] + (rnd(2) ? '_' + words[rnd(words.length)] : ''))}"`);
      html.push(rnd(8) === 0 ? `<textarea ${attrs.join(' ')}></textarea>` : `<input type="${types[rnd(types.length)]}" ${attrs.join(' ')}>`);
    }
    const { document } = parseHTML(`<html><body>${html.join('')}</body></html>`);
    const matched = new Set(document.querySelectorAll(credentialSelector()));
    let credentials = 0;
    let textareas = 0;
    let over = 0;
    for (const el of document.querySelectorAll('input, textarea')) {
      const cred = isCredentialField(el, { cheap: true });
      if (cred) credentials++;
      if (cred && el.localName === 'textarea') textareas++;
      else if (!cred && matched.has(el)) over++;
      if (cred) expect([el.outerHTML, matched.has(el)]).toEqual([el.outerHTML, true]);
    }
    expect(credentials).toBeGreaterThan(500); // both sides exercised
    expect(textareas).toBeGreaterThan(20); // credential textareas among them
    expect(over).toBeGreaterThan(0); // it over-matches ("shipping"), never under-matches
  });
});
