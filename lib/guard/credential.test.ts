import { describe, expect, it } from 'vitest';
import { credentialHint, isCredentialField, tokensOfIdentifier } from './credential';

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
