import type { ContentProtocol, FrameStatus } from '../messaging/protocol';
import type { Lang } from '../ui/i18n';
import { onExtensionMessage, runtimeId, sendMessage, uiLanguage } from './ext';
import { createPageGuard, type GuardTransport, type PageGuard } from './page-guard';

/**
 * Content-script wiring of the page guard (called synchronously at document_start).
 *
 * Lifetime: our own AbortController, aborted only when the extension context is really gone
 * (update / uninstall). Not WXT's ctx.signal: WXT invalidates a ctx when a document event
 * named "<extension id>:content:wxt:content-script-started" arrives, and the page can
 * dispatch that event itself (the id is public) — it would switch the guard off.
 */

type Msg<K extends keyof ContentProtocol> = { type: K; payload: ContentProtocol[K]['req'] };

function send<K extends keyof ContentProtocol>(type: K, payload: ContentProtocol[K]['req']): Promise<ContentProtocol[K]['res']> {
  return sendMessage({ type, payload } satisfies Msg<K>) as Promise<ContentProtocol[K]['res']>;
}

/** Japanese first, English when the browser's UI language is not Japanese (as lib/ui/i18n). */
function uiLang(): Lang {
  return uiLanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Isolated-world globals the background's commit-time push uses (lib/background/guard-push.ts). */
export const PUSHED = '__shokenGuardPushed';
export const RECEIVE = '__shokenGuardReceive';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ATTEMPT_TIMEOUT_MS = 2000;
const log: string[] = [];

/** Ask for the verdict; a cold service worker may miss the first attempts. Never gives up while the extension lives. */
async function statusWithRetry(alive: () => boolean): Promise<FrameStatus> {
  const delays = [0, 50, 150, 400, 1000, 2000];
  for (let i = 0; ; i++) {
    await sleep(delays[Math.min(i, delays.length - 1)] + (i >= delays.length ? 3000 : 0));
    if (!alive()) throw new Error('extension context gone');
    try {
      // A request can be lost when the worker is stopped mid-flight: never wait forever.
      const s = await Promise.race([send('frame/status', {}), sleep(ATTEMPT_TIMEOUT_MS).then(() => undefined)]);
      if (__SHOKEN_TEST_MODE__) log.push(`${Math.round(performance.now())} attempt ${i}: ${s ? (s as FrameStatus).action : 'timeout'}`);
      if (s && typeof s === 'object' && 'action' in s) return s;
    } catch (e) {
      if (__SHOKEN_TEST_MODE__) log.push(`${Math.round(performance.now())} attempt ${i}: ${String(e)}`);
      /* worker starting / message lost: retry */
    }
  }
}

export function startPageGuard(): PageGuard {
  const life = new AbortController();
  const alive = () => {
    try {
      if (runtimeId()) return true;
    } catch {
      /* context invalidated */
    }
    life.abort();
    return false;
  };
  const transport: GuardTransport = {
    status: () => statusWithRetry(alive),
    continueAnyway: () => send('guard/continue', {}),
    goGenuine: () => send('guard/go-genuine', {}),
    tampered: () => send('guard/tampered', {}),
    loadUi: () => send('guard/load-ui', {}),
    formTarget: (action) => send('guard/form-target', { action }),
  };
  // The UI language is read only when the UI is shown (never on pages that need none).
  const guard = createPageGuard({ window, signal: life.signal, lang: uiLang, transport });

  // The verdict is not asked for at load (see lib/guard/page-guard.ts): the background pushes
  // every status that is not benign into this world when the frame commits
  // (lib/background/guard-push.ts). A push may land before this script ran (kept in PUSHED) or after
  // (delivered through RECEIVE).
  const g = globalThis as Record<string, unknown>;
  const receive = (s: unknown) => {
    if (!s || typeof s !== 'object' || !('action' in s)) return;
    if (__SHOKEN_TEST_MODE__) log.push(`${Math.round(performance.now())} push: ${(s as FrameStatus).action}`);
    try {
      guard.apply(s as FrameStatus);
    } catch {
      /* ignore */
    }
  };
  const pushed = g[PUSHED];
  g[RECEIVE] = receive;
  if (pushed) receive(pushed);
  // Frames webNavigation does not report reliably (about:blank, about:srcdoc, data:, blob:) and
  // Firefox (no documentId to push to) ask at once, as before.
  else if (import.meta.env.FIREFOX || !/^https?:$/.test(location.protocol)) guard.need();

  // Status pushed by the background (continue anyway, page-identity upgrade).
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
  // Chromium: pushes come through RECEIVE (scripting.executeScript); a runtime.onMessage
  // listener would cost every frame its setup at load. Firefox pushes by message.
  if (import.meta.env.FIREFOX) {
    const offMessage = onExtensionMessage(onMessage);
    life.signal.addEventListener('abort', offMessage, { once: true });
  }
  // Back/forward cache: the session's decisions may have changed while the page slept.
  window.addEventListener('pageshow', (e) => (e as PageTransitionEvent).persisted && void guard.refresh().catch(() => {}), { signal: life.signal });

  if (__SHOKEN_TEST_MODE__) {
    // QA build only: lets E2E tests read the guard's state from the isolated world.
    document.documentElement?.setAttribute('data-shoken-guard-test', '1');
    (globalThis as Record<string, unknown>).__shokenGuard = guard;
    (globalThis as Record<string, unknown>).__shokenGuardLog = log;
  }
  return guard;
}
