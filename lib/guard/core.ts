import type { FrameStatus } from '../messaging/protocol';
import type { Lang } from '../ui/i18n';
import { armIdentityAndReuse } from '../identity/arm';
import { onExtensionMessage, runtimeId, send, uiLanguage } from './ext';
import { createPageGuard, type GuardTransport, type PageGuard } from './page-guard';
import { ATTEMPT_TIMEOUT_MS, CORE, sleep, type CoreContext, type GuardCore } from './start';

/**
 * The guard's core: the page guard (lib/guard/page-guard.ts) built on the always-on parts the
 * content script hands over (relay, pending interceptor, lifetime: lib/guard/start.ts), with
 * what it arms — page identity and password reuse (lib/identity/arm.ts). guard-core.js
 * registers it in a frame's isolated world on demand (Chromium); the Firefox content script
 * bundles it.
 */

/** Japanese first, English when the browser's UI language is not Japanese (as lib/ui/i18n). */
function uiLang(): Lang {
  return uiLanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Ask for the verdict; a cold service worker may miss the first attempts. Never gives up while the extension lives. */
async function statusWithRetry(ctx: CoreContext): Promise<FrameStatus> {
  const delays = [0, 50, 150, 400, 1000, 2000];
  for (let i = 0; ; i++) {
    await sleep(delays[Math.min(i, delays.length - 1)] + (i >= delays.length ? 3000 : 0));
    if (!ctx.alive()) throw new Error('extension context gone');
    try {
      const s = await Promise.race([send('frame/status', {}), sleep(ATTEMPT_TIMEOUT_MS).then(() => undefined)]);
      if (__SHOKEN_TEST_MODE__) ctx.log.push(`${Math.round(performance.now())} attempt ${i}: ${s ? (s as FrameStatus).action : 'timeout'}`);
      if (s && typeof s === 'object' && 'action' in s) return s;
    } catch (e) {
      if (__SHOKEN_TEST_MODE__) ctx.log.push(`${Math.round(performance.now())} attempt ${i}: ${String(e)}`);
      /* worker starting / message lost: retry */
    }
  }
}

function build(ctx: CoreContext): PageGuard {
  const { window: win, relay, signal } = ctx;
  const transport: GuardTransport = {
    status: () => statusWithRetry(ctx),
    continueAnyway: () => send('guard/continue', {}),
    goGenuine: () => send('guard/go-genuine', {}),
    tampered: () => send('guard/tampered', {}),
    loadUi: () => send('guard/load-ui', {}),
    formTarget: (action) => send('guard/form-target', { action }),
  };
  // The UI language is read only when the UI is shown (never on pages that need none).
  const guard = createPageGuard({ window: win, signal, lang: uiLang, transport, relay, pre: ctx.pre });
  try {
    armIdentityAndReuse(guard, relay, win);
  } catch {
    /* the guard stands without its extensions */
  }
  // Back/forward cache: the session's decisions may have changed while the page slept.
  win.addEventListener('pageshow', (e) => (e as PageTransitionEvent).persisted && void guard.refresh().catch(() => {}), { signal });
  if (import.meta.env.FIREFOX) {
    // Status pushed by the background (continue anyway, page-identity upgrade). Chromium's come through RECEIVE.
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== runtimeId() || sender.tab) return undefined;
      const m = message as { type?: string; payload?: { status?: FrameStatus } };
      if (m?.type !== 'guard/status' || !m.payload?.status) return undefined;
      try {
        guard.apply(m.payload.status);
      } catch {
        /* ignore */
      }
      return Promise.resolve({ ok: true });
    };
    const offMessage = onExtensionMessage(onMessage);
    signal.addEventListener('abort', offMessage, { once: true });
  }
  return guard;
}

export const guardCore: GuardCore = { build };

/** guard-core.js: leaves the core where the content script looks for it (first load wins). */
export function registerGuardCore(): void {
  const g = globalThis as Record<string, unknown>;
  if (!g[CORE]) g[CORE] = guardCore;
}
