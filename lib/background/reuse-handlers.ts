import type { ListIndex } from '../domain/classify';
import type { Verdict } from '../domain/verdict';
import { REUSE } from '../reuse/digest';
import type { ReuseStore } from '../reuse/store';
import type { ContentProtocol, ExtensionProtocol, ReuseCheckResult } from '../messaging/protocol';
import type { Handlers, SenderInfo } from '../messaging/router';
import { judgedUrlOf } from './guard-status';

/**
 * Background side of password reuse (issue 6). Off unless the user opted in or policy forces it.
 * - remember: only for senders whose frame URL is a genuine broker origin (sender-based).
 * - check: only for non-genuine senders; answers which broker, nothing else. The content script
 *   sends only what trusted key/paste/drop events put in its buffer, so the page cannot make it
 *   ask about strings of its choosing; a per-tab rate limit bounds the work anyway.
 */
export interface ReuseDeps {
  store: ReuseStore;
  enabled: () => Promise<boolean>;
  verdictFor: (url: string) => Promise<Verdict>;
  index: () => Promise<ListIndex>;
  now: () => number;
}

/** At most this many checks per tab per second (a fast typist makes ~15). */
export const MAX_CHECKS_PER_SECOND = 40;

type ReuseContentKeys = 'reuse/mode' | 'reuse/check' | 'reuse/remember';
type ReuseExtensionKeys = 'reuse/summary' | 'reuse/clear';

export function createReuseHandlers(deps: ReuseDeps) {
  const windows = new Map<number, { start: number; n: number }>();
  function allowed(tabId: number): boolean {
    const t = deps.now();
    const w = windows.get(tabId);
    if (!w || t - w.start >= 1000) {
      windows.set(tabId, { start: t, n: 1 });
      if (windows.size > 500) windows.delete(windows.keys().next().value as number);
      return true;
    }
    return ++w.n <= MAX_CHECKS_PER_SECOND;
  }
  const verdictOf = (s: SenderInfo) => deps.verdictFor(judgedUrlOf(s.url, s.origin));

  const content: Pick<Handlers<ContentProtocol>, ReuseContentKeys> = {
    'reuse/mode': async (_p, sender) => {
      if (!(await deps.enabled())) return { mode: 'off' };
      const v = await verdictOf(sender);
      if (v.kind === 'genuine') return { mode: 'remember' };
      // Impostors are locked by the guard: nothing typed there reaches the page anyway.
      if (v.kind === 'impostor') return { mode: 'off' };
      return { mode: (await deps.store.count()) > 0 ? 'detect' : 'off' };
    },
    'reuse/remember': async (p, sender) => {
      if (!(await deps.enabled())) return { stored: 0 };
      const v = await verdictOf(sender);
      if (v.kind !== 'genuine' || !v.brand) return { stored: 0 };
      const secrets = Array.isArray(p?.secrets)
        ? p.secrets.filter((s): s is string => typeof s === 'string' && s.length >= REUSE.minLength && s.length <= REUSE.maxLength * 2)
        : [];
      if (!secrets.length) return { stored: await deps.store.count() };
      return { stored: await deps.store.remember(v.brand, secrets) };
    },
    'reuse/check': async (p, sender): Promise<ReuseCheckResult> => {
      const tail = typeof p?.tail === 'string' ? p.tail.slice(-REUSE.maxLength * 2) : '';
      if (tail.length < REUSE.minLength || sender.tab?.id === undefined || !allowed(sender.tab.id)) return { match: false };
      if (!(await deps.enabled())) return { match: false };
      const v = await verdictOf(sender);
      if (v.kind === 'genuine') return { match: false };
      const hit = await deps.store.check(tail);
      if (!hit) return { match: false };
      const brand = (await deps.index()).byId.get(hit.brand);
      return { match: true, brand: hit.brand, brandNames: brand?.names, loginUrl: brand?.loginUrl };
    },
  };

  const extension: Pick<Handlers<ExtensionProtocol>, ReuseExtensionKeys> = {
    'reuse/summary': async () => ({ on: await deps.enabled(), entries: await deps.store.summary() }),
    'reuse/clear': async () => {
      await deps.store.clear();
      return { ok: true };
    },
  };
  return { content, extension };
}
