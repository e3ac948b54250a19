import { browser } from 'wxt/browser';
import type { ContentProtocol } from '../messaging/protocol';
import type { GuardHooks } from '../guard/hooks';
import { isCredentialField } from '../guard/credential';
import { createShadowOpener } from '../guard/deep';
import { createNotice } from '../guard/notice';
import { message } from '../guard/messages';
import { armPasswordReuse } from '../reuse/content';
import { collectIdentity } from './collect';
import { setShadowOpener } from './dom-text';
import { iframeOf } from './frames';
import { armPageIdentity } from './content';

/**
 * Content-script wiring of issue 6 on top of the page guard's hooks (one call from
 * entrypoints/content/index.ts, right after startPageGuard()).
 */
function send<K extends keyof ContentProtocol>(type: K, payload: ContentProtocol[K]['req']): Promise<ContentProtocol[K]['res']> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<ContentProtocol[K]['res']>;
}

/**
 * Top frame only: the background asks what this page claims to be around the frame that asks
 * for a credential (identity/collect). Only our own background may ask (no sender.tab).
 */
function listenForTopCollect(win: Window, signal: AbortSignal) {
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const m = message as { type?: string; payload?: { frameId?: unknown; url?: unknown } };
    if (m?.type !== 'identity/collect' || typeof m.payload?.frameId !== 'number') return undefined;
    try {
      const frame = iframeOf(win.document, m.payload.frameId, typeof m.payload.url === 'string' ? m.payload.url : '');
      return Promise.resolve(frame ? { signals: collectIdentity(win.document, frame) } : null);
    } catch {
      return Promise.resolve(null);
    }
  };
  browser.runtime.onMessage.addListener(onMessage as never);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage as never), { once: true });
}

export function armIdentityAndReuse(guard: { hooks: GuardHooks }, win: Window = window) {
  const life = new AbortController();
  setShadowOpener(createShadowOpener());
  // Always-on code: the browser's own i18n, not lib/ui/i18n (its catalogues would be parsed in
  // every frame). Japanese by default, English for other browser languages. Read only when an
  // alert is shown: chrome.i18n.getMessage loads the extension's catalogue into the renderer
  // (~1 ms per frame measured), a cost every frame of every page would otherwise pay at load.
  const lang = () => (message('@@ui_locale').toLowerCase().startsWith('ja') ? 'ja' : 'en');
  armPageIdentity(guard.hooks, { send, setTimeout: (cb, ms) => win.setTimeout(cb, ms), window: win, isCredentialField });
  let notice: ReturnType<typeof createNotice> | undefined;
  const reuse = armPasswordReuse(guard.hooks, {
    window: win,
    signal: life.signal,
    send,
    alert(m, anchor) {
      notice ??= createNotice(win, life.signal);
      const broker = m.brandNames?.[lang()] || m.brandNames?.ja || m.brand;
      notice.show({
        tone: 'blocked',
        title: message('reuse_alert_title', broker),
        body: message('reuse_alert_body', win.location.hostname, broker),
        link: m.loginUrl?.startsWith('https://') ? { url: m.loginUrl, text: message('reuse_alert_link', broker) } : undefined,
        closeText: message('reuse_alert_close'),
        anchor,
      });
    },
  });
  if (win.top === win) listenForTopCollect(win, life.signal);
  if (__SHOKEN_TEST_MODE__) (globalThis as Record<string, unknown>).__shokenReuse = reuse;
  return { reuse, stop: () => life.abort() };
}
