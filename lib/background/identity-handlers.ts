import type { ListIndex } from '../domain/classify';
import type { Verdict } from '../domain/verdict';
import { buildIdentityIndex, type IdentityIndex } from '../identity/brand-index';
import { LIMITS } from '../identity/collect-limits';
import { decideIdentity } from '../identity/decide';
import { asksCredential } from '../identity/fields';
import type { IdentitySignals } from '../identity/types';
import { sanitizeSignals } from '../identity/sanitize';
import { scoreIdentity } from '../identity/score';
import type { ContentProtocol } from '../messaging/protocol';
import type { Handlers, SenderInfo } from '../messaging/router';
import type { SessionArea } from './guard-continue';
import { judgedUrlOf, originOf } from './guard-status';

/**
 * Background side of page identity (issue 6). The content script reports what its page claims
 * to be once a credential field appears; the background — which knows the frame's verdict from
 * the sender's URL — decides, and locks through the page guard's `upgradeFrame` (same overlay).
 */
export interface IdentityGuard {
  verdictFor(url: string): Promise<Verdict>;
  upgradeFrame(tabId: number, frameId: number, verdict: Verdict): Promise<void>;
}

export interface IdentityDeps {
  guard: IdentityGuard;
  index: () => Promise<ListIndex>;
  now: () => number;
  /** storage.session: "a password was typed on this origin" survives worker restarts. */
  session?: SessionArea;
  /**
   * Asks the tab's top frame to describe itself around the frame that reported a credential
   * field (identity/collect). The answer is page data: it is sanitised like a report.
   */
  collectTop?: (tabId: number, childFrameId: number, childUrl: string) => Promise<unknown>;
  /** Told after a frame was locked by page identity (the toolbar shows the warning mark). */
  onLocked?: (tabId: number, frameId: number, verdict: Verdict) => void;
}

/** How long a typed password makes a following PIN / one-time-code request suspect. */
export const RECENT_CREDENTIAL_MS = 10 * 60_000;
const TYPED_KEY = 'identity.typed';
const MAX_TYPED = 200;

type IdentityKeys = 'identity/report' | 'identity/credential-typed';

/** Path + query of a URL, lower case, bounded (the only URL part scoring looks at). */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return (u.pathname + u.search).toLowerCase().slice(0, 512);
  } catch {
    return '';
  }
}

export function createIdentityHandlers(deps: IdentityDeps) {
  const cache = new WeakMap<ListIndex, IdentityIndex>();
  const identityIndex = (ix: ListIndex) => {
    let v = cache.get(ix);
    if (!v) cache.set(ix, (v = buildIdentityIndex(ix)));
    return v;
  };

  // `${tabId} ${origin}` → when a password was last typed there (never what was typed), and
  // which broker the origin's pages last hinted at (even below the bar): the relay's PIN step
  // is judged with what came before it on the same origin.
  interface OriginMemo {
    typed?: number;
    brand?: string;
    brandAt?: number;
  }
  let memo: Map<string, OriginMemo> | undefined;
  async function memoMap(): Promise<Map<string, OriginMemo>> {
    if (memo) return memo;
    memo = new Map();
    try {
      const got = (await deps.session?.get(TYPED_KEY))?.[TYPED_KEY];
      if (got && typeof got === 'object') {
        for (const [k, v] of Object.entries(got as Record<string, unknown>)) {
          if (!v || typeof v !== 'object') continue;
          const o = v as Record<string, unknown>;
          memo.set(k, {
            typed: typeof o.typed === 'number' ? o.typed : undefined,
            brand: typeof o.brand === 'string' ? o.brand : undefined,
            brandAt: typeof o.brandAt === 'number' ? o.brandAt : undefined,
          });
        }
      }
    } catch {
      /* start empty */
    }
    return memo;
  }
  async function remember(k: string, patch: OriginMemo) {
    const m = await memoMap();
    const cur = m.get(k) ?? {};
    m.delete(k);
    m.set(k, { ...cur, ...patch });
    while (m.size > MAX_TYPED) m.delete(m.keys().next().value as string);
    try {
      await deps.session?.set({ [TYPED_KEY]: Object.fromEntries(m) });
    } catch {
      /* memory still has it */
    }
  }
  const keyOf = (s: SenderInfo) => {
    const origin = originOf(judgedUrlOf(s.url, s.origin));
    return s.tab?.id !== undefined && origin ? `${s.tab.id} ${origin}` : undefined;
  };
  const fresh = (t: number | undefined) => t !== undefined && deps.now() - t <= RECENT_CREDENTIAL_MS;

  async function contextOf(s: SenderInfo): Promise<{ recentCredential: boolean; originBrand?: string }> {
    const k = keyOf(s);
    const m = k ? (await memoMap()).get(k) : undefined;
    return { recentCredential: fresh(m?.typed), originBrand: fresh(m?.brandAt) ? m?.brand : undefined };
  }

  async function lock(tabId: number, frameId: number, verdict: Verdict, brandId: string | undefined, index: ListIndex) {
    const brand = brandId ? index.byId.get(brandId) : undefined;
    const upgraded: Verdict = {
      ...verdict,
      kind: 'impostor',
      reasons: [...verdict.reasons.filter((r) => r !== 'no-match'), 'page-identity'],
    };
    if (brand) {
      upgraded.brand = brand.id;
      upgraded.brandNames = brand.names;
      upgraded.imitates = brand.loginUrl;
    }
    await deps.guard.upgradeFrame(tabId, frameId, upgraded);
    try {
      deps.onLocked?.(tabId, frameId, upgraded);
    } catch {
      /* the lock stands whatever the toolbar does */
    }
    return { locked: true, brand: brand?.id };
  }

  const handlers: Pick<Handlers<ContentProtocol>, IdentityKeys> = {
    'identity/report': async (p, sender) => {
      const url = judgedUrlOf(sender.url, sender.origin);
      const tabId = sender.tab?.id;
      if (tabId === undefined || !/^https?:/.test(url)) return { locked: false };
      const signals = sanitizeSignals(p?.signals);
      signals.path = pathOf(url);
      const index = await deps.index();
      const verdict = await deps.guard.verdictFor(url);
      const score = scoreIdentity(signals, identityIndex(index));
      const recent = await contextOf(sender);
      const frameId = sender.frameId ?? 0;
      const k = keyOf(sender);
      // A hint below the bar, remembered for the relay's next step (not from pages that name
      // themselves as someone else or name several brokers: news, blogs, comparisons).
      if (k && score.brand && score.score >= 2 && !score.reasons.some((r) => r === 'competing-identity' || r === 'many-brands')) {
        await remember(k, { brand: score.brand, brandAt: deps.now() });
      }
      const d = decideIdentity(verdict, score, recent);
      if (d.lock) return lock(tabId, frameId, verdict, d.brand, index);

      // A credential form in a child frame of a page dressed as the broker: judge the top page
      // around that frame, with the child's fields, and lock the top (children inherit).
      const topUrl = sender.tab?.url;
      if (frameId === 0 || !deps.collectTop || !topUrl || !/^https?:/.test(topUrl) || !asksCredential(score.asks)) return { locked: false };
      const topVerdict = await deps.guard.verdictFor(topUrl);
      if (topVerdict.kind !== 'unrelated' && topVerdict.kind !== 'suspicious') return { locked: false };
      let top: IdentitySignals;
      try {
        const got = (await deps.collectTop(tabId, frameId, url)) as { signals?: unknown } | null;
        if (!got || typeof got !== 'object') return { locked: false };
        top = sanitizeSignals(got.signals);
      } catch {
        return { locked: false };
      }
      const merged: IdentitySignals = {
        ...top,
        logos: [...top.logos, ...signals.logos].slice(0, LIMITS.logos),
        formText: `${top.formText} ${signals.formText}`.slice(0, LIMITS.formText * 2),
        formProse: `${top.formProse} ${signals.formProse}`.slice(0, LIMITS.formProse * 2),
        fields: signals.fields,
        path: pathOf(topUrl),
      };
      const topScore = scoreIdentity(merged, identityIndex(index));
      const td = decideIdentity(topVerdict, topScore, recent);
      if (!td.lock) return { locked: false };
      return lock(tabId, 0, topVerdict, td.brand, index);
    },

    'identity/credential-typed': async (_p, sender) => {
      const k = keyOf(sender);
      if (!k) return { ok: false };
      const verdict = await deps.guard.verdictFor(judgedUrlOf(sender.url, sender.origin));
      if (verdict.kind === 'genuine') return { ok: false };
      await remember(k, { typed: deps.now() });
      return { ok: true };
    },
  };
  return handlers;
}
