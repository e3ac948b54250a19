import { describe, expect, it } from 'vitest';
import type { Verdict } from '../domain/verdict';
import { decideIdentity } from './decide';
import { IMPOSTOR_THRESHOLD, STRONG_CONTEXT_THRESHOLD } from './score';
import type { CredentialAsk, IdentityScore } from './types';

const none: CredentialAsk = { password: false, tradingPin: false, pin: false, otp: false };
const score = (brand: string | undefined, s: number, asks: Partial<CredentialAsk>): IdentityScore => ({
  brand, score: s, reasons: [], asks: { ...none, ...asks }, runnerUp: 0,
});
const v = (kind: Verdict['kind'], reasons: Verdict['reasons'] = ['no-match'], brand?: string): Verdict => ({ kind, reasons, brand, listVersion: 1 });
const calm = { recentCredential: false };

describe('the page-identity decision', () => {
  it('locks at the bar for a password, not below it', () => {
    expect(decideIdentity(v('unrelated'), score('sbi', IMPOSTOR_THRESHOLD, { password: true }), calm)).toMatchObject({ lock: true, brand: 'sbi' });
    expect(decideIdentity(v('unrelated'), score('sbi', IMPOSTOR_THRESHOLD - 1, { password: true }), calm).lock).toBe(false);
  });

  it('needs the page to ask for a credential at all', () => {
    expect(decideIdentity(v('unrelated'), score('sbi', 12, {}), calm).lock).toBe(false);
  });

  it('lowers the bar for PIN / one-time-code requests and for a suspicious domain of the same broker', () => {
    const low = STRONG_CONTEXT_THRESHOLD;
    expect(decideIdentity(v('unrelated'), score('sbi', low, { otp: true }), calm).lock).toBe(true);
    expect(decideIdentity(v('unrelated'), score('sbi', low, { pin: true }), calm).lock).toBe(true);
    expect(decideIdentity(v('suspicious', ['brand-word'], 'sbi'), score('sbi', low, { password: true }), calm).lock).toBe(true);
    // A suspicious word of ANOTHER broker does not lower the bar.
    expect(decideIdentity(v('suspicious', ['brand-word'], 'nomura'), score('sbi', low, { password: true }), calm).lock).toBe(false);
  });

  it('never touches genuine pages, impostors (already locked), group companies or exempt hosts', () => {
    for (const verdict of [v('genuine', ['listed-host'], 'sbi'), v('impostor', ['combo-squat'], 'sbi'), v('unrelated', ['related-group']), v('unrelated', ['exempt'])]) {
      expect(decideIdentity(verdict, score('sbi', 20, { password: true, tradingPin: true, pin: true }), { recentCredential: true }).lock).toBe(false);
    }
  });

  it('the relay: a PIN or one-time code right after a password locks when this page or an earlier page of the origin hinted at a broker', () => {
    const recent = { recentCredential: true };
    expect(decideIdentity(v('unrelated'), score(undefined, 0, { tradingPin: true, pin: true }), { ...recent, originBrand: 'rakuten-sec' })).toMatchObject({
      lock: true, brand: 'rakuten-sec', why: 'pin-after-credential',
    });
    expect(decideIdentity(v('unrelated'), score('sbi', 1, { otp: true }), recent)).toMatchObject({ lock: true, brand: 'sbi', why: 'otp-after-credential' });
    // Without any broker hint: an unlisted firm's own trading PIN, an ordinary two-step sign-in.
    expect(decideIdentity(v('unrelated'), score(undefined, 0, { tradingPin: true, pin: true }), recent).lock).toBe(false);
    expect(decideIdentity(v('unrelated'), score(undefined, 0, { otp: true, password: true }), recent).lock).toBe(false);
    // Not without the password before it.
    expect(decideIdentity(v('unrelated'), score(undefined, 0, { tradingPin: true, pin: true }), { recentCredential: false, originBrand: 'sbi' }).lock).toBe(false);
    // Not on a page that names itself as someone else.
    const named = { ...score('sbi', 1, { otp: true }), reasons: ['competing-identity' as const] };
    expect(decideIdentity(v('unrelated'), named, { ...recent, originBrand: 'sbi' }).lock).toBe(false);
  });
});
