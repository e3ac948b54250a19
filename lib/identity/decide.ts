import type { ReasonCode, Verdict } from '../domain/verdict';
import { asksCredential } from './fields';
import { IMPOSTOR_THRESHOLD, STRONG_CONTEXT_THRESHOLD } from './score';
import type { IdentityScore } from './types';

/** Verdict reasons that make a page off-limits for page-identity locking (genuine group
 * companies and identity providers may well name a broker next to their login form). */
const NEVER: ReasonCode[] = ['related-group', 'exempt', 'not-web', 'listed-host', 'listed-subtree', 'policy-origin'];

export interface IdentityContext {
  /** A password was typed on this same origin (in this tab) within the last minutes. */
  recentCredential: boolean;
  /** A broker this origin's pages hinted at recently (any score above zero), if any. */
  originBrand?: string;
}

export interface IdentityDecision {
  lock: boolean;
  /** The broker imitated (when known). */
  brand?: string;
  why?: 'presents-as-broker' | 'pin-after-credential' | 'otp-after-credential';
}

/**
 * The background's call: a page that is not genuine, asks for a credential and presents itself
 * as a listed broker is an impostor (reason 'page-identity'). Pure.
 *
 * - 'unrelated' / 'suspicious' pages only; genuine ones are the broker, impostors are locked
 *   already, and related group companies / exempt identity providers are never touched.
 * - The bar is IMPOSTOR_THRESHOLD, lowered to STRONG_CONTEXT_THRESHOLD when the page asks for a
 *   PIN or one-time code, or when its domain already carries the same broker's word.
 * - The 2025 real-time relay: after ID and password, the fake site asks at once for the trading
 *   PIN or a one-time code. Such a request right after a password was typed on the same
 *   non-genuine origin is locked when the page or an earlier page of that origin hinted at a
 *   listed broker, even below the bar. Without any broker hint it is left alone: the ~250
 *   securities firms that are not in the list ask for their own trading PIN after login too.
 */
export function decideIdentity(verdict: Verdict, score: IdentityScore, ctx: IdentityContext): IdentityDecision {
  if (verdict.kind !== 'unrelated' && verdict.kind !== 'suspicious') return { lock: false };
  if (verdict.reasons.some((r) => NEVER.includes(r))) return { lock: false };
  const asks = score.asks;
  if (!asksCredential(asks)) return { lock: false };

  const sameBrandWord = verdict.kind === 'suspicious' && !!score.brand && verdict.brand === score.brand;
  const bar = asks.pin || asks.otp || sameBrandWord ? STRONG_CONTEXT_THRESHOLD : IMPOSTOR_THRESHOLD;
  if (score.brand && score.score >= bar) return { lock: true, brand: score.brand, why: 'presents-as-broker' };

  if (ctx.recentCredential && (asks.otp || asks.pin) && !score.reasons.includes('competing-identity')) {
    const brand = (score.brand && score.score >= 1 ? score.brand : undefined) ?? ctx.originBrand ?? (verdict.kind === 'suspicious' ? verdict.brand : undefined);
    if (brand) return { lock: true, brand, why: asks.pin ? 'pin-after-credential' : 'otp-after-credential' };
  }
  return { lock: false };
}
