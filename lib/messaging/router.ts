import type { Message, Req, Res } from './protocol';

/** The subset of runtime.MessageSender the routers rely on (keeps this file browser-free). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; url?: string };
}

export type Handlers<P> = {
  [K in keyof P]: (payload: Req<P, K>, sender: SenderInfo) => Promise<Res<P, K>> | Res<P, K>;
};

export class ProtocolError extends Error {}

/**
 * Builds a runtime.onMessage listener for one protocol.
 * - `accept(sender)` decides whether this sender may speak this protocol at all (habit 5:
 *   trust the sender, never the payload).
 * - Unknown types and rejected senders get a rejected promise (never a silent hang).
 * Returns undefined for messages that belong to no protocol type of ours so other
 * listeners can answer them.
 */
export function createRouter<P>(
  handlers: Handlers<P>,
  accept: (sender: SenderInfo) => boolean,
): (message: unknown, sender: SenderInfo) => Promise<unknown> | undefined {
  const table = handlers as Record<string, (p: unknown, s: SenderInfo) => unknown>;
  return (message, sender) => {
    if (!message || typeof message !== 'object') return undefined;
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(table, type)) return undefined;
    if (!accept(sender)) return Promise.reject(new ProtocolError(`sender not allowed for ${type}`));
    try {
      return Promise.resolve(table[type](payload ?? {}, sender));
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

export function messageOf<P, K extends keyof P>(type: K, payload: Req<P, K>): Message<P> {
  return { type, payload } as Message<P>;
}
