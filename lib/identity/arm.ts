import type { ReuseCheckResult } from '../messaging/protocol';
import type { GuardHooks } from '../guard/hooks';
import type { GuardUiModule } from '../guard/ui/install';
import { isCredentialField } from '../guard/credential';
import { onExtensionMessage, runtimeId, send } from '../guard/ext';
import { message } from '../guard/messages';
import type { EventRelay } from '../guard/relay';
import { createUiLoader, loadedUi } from '../guard/ui-loader';
import { armPasswordReuse } from '../reuse/content';
import { armPageIdentity } from './content';

/**
 * Content-script wiring of issue 6 on top of the page guard's hooks (called by startPageGuard
 * when it builds the guard: entrypoints/content/index.ts). Every window listener goes through
 * the guard's relay, registered at document_start, so the page's listeners never run first.
 *
 * Always-on part: the reuse typing buffer and the hooks. The identity collector, the frame
 * matcher and the reuse alert travel with the guard's on-demand UI (lib/guard/ui/install.ts,
 * injected by the background): frames without a credential field never parse them.
 */

/**
 * Top frame only: the background asks what this page claims to be around the frame that asks
 * for a credential (identity/collect). Only our own background may ask (no sender.tab).
 */
/** Isolated-world global the background calls through scripting.executeScript (lib/background/guard-push.ts). */
export const COLLECT_TOP = '__shokenCollectTop';

function listenForTopCollect(win: Window, signal: AbortSignal, ui: () => Promise<GuardUiModule>) {
  const collect = (frameId: number, url: string) =>
    ui()
      .then((u) => {
        const frame = u.iframeOf(win.document, frameId, url);
        return frame ? { signals: u.collectIdentity(win.document, frame) } : null;
      })
      .catch(() => null);
  if (!import.meta.env.FIREFOX) {
    // Chromium: no runtime.onMessage listener (its setup cost every top frame ~0.7 ms at load).
    (globalThis as Record<string, unknown>)[COLLECT_TOP] = (frameId: unknown, url: unknown) =>
      typeof frameId === 'number' && !signal.aborted ? collect(frameId, typeof url === 'string' ? url : '') : null;
    return;
  }
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== runtimeId() || sender.tab) return undefined;
    const m = message as { type?: string; payload?: { frameId?: unknown; url?: unknown } };
    if (m?.type !== 'identity/collect' || typeof m.payload?.frameId !== 'number') return undefined;
    const frameId = m.payload.frameId;
    const url = typeof m.payload.url === 'string' ? m.payload.url : '';
    return ui()
      .then((u) => {
        const frame = u.iframeOf(win.document, frameId, url);
        return frame ? { signals: u.collectIdentity(win.document, frame) } : null;
      })
      .catch(() => null);
  };
  const off = onExtensionMessage(onMessage);
  signal.addEventListener('abort', off, { once: true });
}

export function armIdentityAndReuse(guard: { hooks: GuardHooks }, relay: EventRelay, win: Window = window) {
  const life = new AbortController();
  const ui = createUiLoader(() => send('guard/load-ui', {}));
  // Always-on code: the browser's own i18n, not lib/ui/i18n (its catalogues would be parsed in
  // every frame). Japanese by default, English for other browser languages. Read only when an
  // alert is shown: chrome.i18n.getMessage loads the extension's catalogue into the renderer
  // (~1 ms per frame measured), a cost every frame of every page would otherwise pay at load.
  const lang = () => (message('@@ui_locale').toLowerCase().startsWith('ja') ? 'ja' : 'en');
  armPageIdentity(guard.hooks, {
    send,
    setTimeout: (cb, ms) => win.setTimeout(cb, ms),
    window: win,
    listen: (type, fn) => relay.on(type, fn, life.signal),
    isCredentialField,
    collector: () => loadedUi()?.collectIdentity ?? ui().then((u) => u.collectIdentity),
  });
  let notice: ReturnType<GuardUiModule['createNotice']> | undefined;
  const reuse = armPasswordReuse(guard.hooks, {
    window: win,
    signal: life.signal,
    listen: (type, fn, signal) => relay.on(type, fn, signal),
    send,
    alert(m, anchor) {
      void ui()
        .then((u) => showAlert(u, m, anchor))
        .catch(() => {
          /* no UI: the field is already cleared and the submission stopped */
        });
    },
  });
  function showAlert(u: GuardUiModule, m: Extract<ReuseCheckResult, { match: true }>, anchor: Element | null) {
    notice ??= u.createNotice(win, life.signal);
    const broker = m.brandNames?.[lang()] || m.brandNames?.ja || m.brand;
    notice.show({
      tone: 'blocked',
      title: message('reuse_alert_title', broker),
      body: message('reuse_alert_body', win.location.hostname, broker),
      link: m.loginUrl?.startsWith('https://') ? { url: m.loginUrl, text: message('reuse_alert_link', broker) } : undefined,
      closeText: message('reuse_alert_close'),
      anchor,
    });
  }
  if (win.top === win) listenForTopCollect(win, life.signal, ui);
  if (__SHOKEN_TEST_MODE__) (globalThis as Record<string, unknown>).__shokenReuse = reuse;
  return { reuse, stop: () => life.abort() };
}
