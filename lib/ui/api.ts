import { browser } from 'wxt/browser';
import type { ExtensionProtocol, Req, Res } from '../messaging/protocol';

/** Typed privileged request from an extension page to the background. */
export function send<K extends keyof ExtensionProtocol & string>(
  type: K,
  payload: Req<ExtensionProtocol, K>,
): Promise<Res<ExtensionProtocol, K>> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<Res<ExtensionProtocol, K>>;
}
