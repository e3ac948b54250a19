import type { ContentProtocol } from '../messaging/protocol';

/**
 * The few extension APIs the always-on content script needs, called natively.
 *
 * Why not `browser` from wxt/browser (webextension-polyfill) here: in Chromium every first
 * touch of a polyfilled namespace builds Proxy wrappers, and the content script runs in every
 * frame of every page — the page-cost profile showed the wrapped calls as a large part of the
 * script's own time. What is used here needs no wrapping: Firefox has a native promise-based
 * `browser`, and Chromium's MV3 `chrome.runtime.sendMessage` returns a promise. Replies to
 * messages use `sendResponse` + `return true`, which both browsers support.
 * Extension pages, the background and the lazily injected UI keep using wxt/browser.
 */

interface MessageSender {
  id?: string;
  tab?: unknown;
}
type RawListener = (message: unknown, sender: MessageSender, sendResponse: (r?: unknown) => void) => boolean | undefined;
interface RuntimeLike {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(l: RawListener): void; removeListener(l: RawListener): void };
}
interface ApiLike {
  runtime?: RuntimeLike;
  i18n?: { getUILanguage?(): string };
}

function api(): ApiLike | undefined {
  const g = globalThis as { browser?: ApiLike; chrome?: ApiLike };
  try {
    if (g.browser?.runtime?.id) return g.browser;
  } catch {
    /* ignore */
  }
  return g.chrome;
}

/** The extension's id, or undefined once the extension context is gone (update / uninstall). */
export function runtimeId(): string | undefined {
  try {
    return api()?.runtime?.id;
  } catch {
    return undefined;
  }
}

/** Sends a message to the background; rejects (never throws synchronously) when it cannot. */
export function sendMessage(message: unknown): Promise<unknown> {
  try {
    const runtime = api()?.runtime;
    if (!runtime) return Promise.reject(new Error('extension context gone'));
    return Promise.resolve(runtime.sendMessage(message));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** A typed content → background request (lib/messaging/protocol.ts ContentProtocol). */
export function send<K extends keyof ContentProtocol>(type: K, payload: ContentProtocol[K]['req']): Promise<ContentProtocol[K]['res']> {
  return sendMessage({ type, payload }) as Promise<ContentProtocol[K]['res']>;
}

/**
 * Listens for messages from the extension. The listener answers with a promise (its value is
 * the reply) or undefined (not for us: another listener may answer). Returns the remover.
 */
export function onExtensionMessage(listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): () => void {
  const raw: RawListener = (message, sender, sendResponse) => {
    let r: Promise<unknown> | undefined;
    try {
      r = listener(message, sender ?? {});
    } catch {
      return false;
    }
    if (!r) return false;
    r.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  const runtime = api()?.runtime;
  runtime?.onMessage.addListener(raw);
  return () => {
    try {
      runtime?.onMessage.removeListener(raw);
    } catch {
      /* context gone */
    }
  };
}

/** The browser's UI language ('ja', 'en-US'…), falling back to navigator.language. */
export function uiLanguage(): string {
  try {
    return api()?.i18n?.getUILanguage?.() || navigator.language || 'ja';
  } catch {
    return 'ja';
  }
}
