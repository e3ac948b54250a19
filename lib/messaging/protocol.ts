import type { Verdict } from '../domain/verdict';
import type { LinkInput, LinkVerdict } from '../domain/links';

/**
 * One typed protocol per direction (habit 4). Each direction is a map
 * `type → { req, res }`; `Handlers<P>` demands a handler for every key, so adding a message
 * without handling it is a type error (and test/conventions checks the routers at runtime).
 *
 * Content → background is UNPRIVILEGED: payloads come from a page-controlled world and are
 * never trusted for identity. The background decides which URL is judged from `sender`.
 */

/** What a content script needs to arm (or not arm) the page guard in its frame. */
export interface FrameStatus {
  verdict: Verdict;
  /** 'lock' = block credential input; 'caution' = visible caution; 'none' = stay out of the way. */
  action: 'lock' | 'caution' | 'none';
  /** Managed policy allows a deliberate "continue anyway". */
  allowContinue: boolean;
  /** The user already chose "continue anyway" for this origin this session. */
  continued: boolean;
  firm?: { name?: string; support?: string };
}

export interface ContentProtocol {
  /** Verdict for the sending frame (URL taken from sender, never from the payload). */
  'frame/status': { req: Record<string, never>; res: FrameStatus };
  /**
   * Webmail: judge links found in the page (hrefs + texts + titles). Page data is accepted
   * because link classification is pure; sizes are capped (lib/background/webmail-links.ts:
   * ≤ 500 links per request, href ≤ 8 KiB, text/title ≤ 512 chars). Answers in request order.
   */
  'links/classify': { req: { links: LinkInput[] }; res: LinkVerdict[] };
}

/** Extension pages (popup, options, warning) → background. Privileged: sender must be us. */
export interface ExtensionProtocol {
  'tab/status': { req: { tabId: number }; res: FrameStatus | null };
}

export type Message<P> = { [K in keyof P]: { type: K; payload: P[K] extends { req: infer R } ? R : never } }[keyof P];
export type Req<P, K extends keyof P> = P[K] extends { req: infer R } ? R : never;
export type Res<P, K extends keyof P> = P[K] extends { res: infer R } ? R : never;
