import type { CredentialAsk, FieldSignal } from './types';
import { containsAny, normalize, OTP_WORDS, PIN_WORDS, TRADING_PIN_WORDS } from './text';

const TYPING_TYPES = new Set(['', 'text', 'password', 'tel', 'number', 'email']);

/** What kind of secret one input asks for, from its type, attributes and label (never its value). */
export function fieldKind(f: FieldSignal): 'password' | 'trading-pin' | 'pin' | 'otp' | null {
  const type = (f.type || 'text').toLowerCase();
  if (!TYPING_TYPES.has(type)) return null;
  const words = normalize([f.name, f.id, f.placeholder, f.label].join(' '));
  if (containsAny(words, TRADING_PIN_WORDS)) return 'trading-pin';
  if (containsAny(words, PIN_WORDS)) return 'pin';
  if (f.autocomplete.toLowerCase().includes('one-time-code') || containsAny(words, OTP_WORDS)) return 'otp';
  if (type === 'password' || f.masked) return 'password';
  return null;
}

export function credentialAsk(fields: readonly FieldSignal[]): CredentialAsk {
  const ask: CredentialAsk = { password: false, tradingPin: false, pin: false, otp: false };
  for (const f of fields) {
    const k = fieldKind(f);
    if (k === 'password') ask.password = true;
    else if (k === 'trading-pin') ask.tradingPin = ask.pin = true;
    else if (k === 'pin') ask.pin = true;
    else if (k === 'otp') ask.otp = true;
  }
  return ask;
}

export function asksCredential(a: CredentialAsk): boolean {
  return a.password || a.pin || a.otp;
}
