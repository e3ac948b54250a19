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
  /**
   * Page guard (lib/background/guard-status.ts). Genuine pages: host patterns ("www.x.co.jp",
   * "*.sc.mufg.jp") and origins ("https://auth.x.co.jp") a credential may be posted to, so the
   * content script can judge a form's destination synchronously at submit time.
   */
  formTargets?: string[];
  /** Origin whose verdict produced the concern (the frame's own or an ancestor frame's). */
  concernOrigin?: string;
  /** True when the concern was inherited from an ancestor frame. */
  inherited?: boolean;
}

/** Background's judgement of where a form would send a credential (guard/form-target). */
export interface FormTargetDecision {
  allowed: boolean;
  /** 'same-origin' | 'listed' | 'off-list' | 'insecure' | 'impostor-destination' | 'not-http' | 'unparseable' | 'unrelated' */
  reason: string;
  /** Host the credential would go to (for the explanation). */
  host?: string;
}

export interface ContentProtocol {
  /** Verdict for the sending frame (URL taken from sender, never from the payload). */
  'frame/status': { req: Record<string, never>; res: FrameStatus };
  /**
   * Page guard: the user deliberately chose "continue anyway" in the overlay (trusted click).
   * The background records the sender's concern origin in storage.session (if policy allows)
   * and pushes the new status to every frame of the tab.
   */
  'guard/continue': { req: Record<string, never>; res: { ok: boolean } };
  /** Page guard: "go to the genuine site" — the background navigates the tab to the verdict's login URL. */
  'guard/go-genuine': { req: Record<string, never>; res: { ok: boolean } };
  /** Page guard: may a credential be posted to `action` from the sender's frame? */
  'guard/form-target': { req: { action: string }; res: FormTargetDecision };
  /**
   * Page guard: a LOCKED frame lost its event listeners (document.open() erases them, and the
   * rewritten page can register its own first). The background sends a locked top frame to the
   * warning page; child frames blank themselves.
   */
  'guard/tampered': { req: Record<string, never>; res: { ok: boolean } };
  /**
   * Page guard: inject the guard's UI (guard-ui.js: warning card, notices, string catalogues)
   * into the sender's frame, isolated world. Only frames that lock, caution or stop a form pay
   * for it; every other frame runs the small interceptor only.
   */
  'guard/load-ui': { req: Record<string, never>; res: { ok: boolean } };
  /** Inject the guard's core (guard-core.js) into the sender frame's isolated world: lib/guard/start.ts. */
  'guard/load-core': { req: Record<string, never>; res: { ok: boolean } };
  /**
   * Webmail: judge links found in the page (hrefs + texts + titles). Page data is accepted
   * because link classification is pure; sizes are capped (lib/background/webmail-links.ts:
   * ≤ 500 links per request, href ≤ 8 KiB, text/title ≤ 512 chars). Answers in request order.
   */
  'links/classify': { req: { links: LinkInput[] }; res: LinkVerdict[] };
  /**
   * Page identity (issue 6, lib/background/identity-handlers.ts): what the sender's page claims
   * to be, collected where a credential field appeared. Re-bounded by the background; the path
   * is taken from the sender's URL. A lock is applied through guard.upgradeFrame (guard/status).
   */
  'identity/report': { req: { signals: import('../identity/types').IdentitySignals }; res: { locked: boolean; brand?: string } };
  /** A trusted keystroke landed in a password field of the sender's (non-genuine) page. */
  'identity/credential-typed': { req: Record<string, never>; res: { ok: boolean } };
  /** Password reuse (lib/background/reuse-handlers.ts): what this frame should do. */
  'reuse/mode': { req: Record<string, never>; res: { mode: 'off' | 'remember' | 'detect' } };
  /** Does the end of what the user typed here equal a remembered broker password? */
  'reuse/check': { req: { tail: string }; res: ReuseCheckResult };
  /** Passwords submitted on a genuine broker origin (honoured only for genuine senders). */
  'reuse/remember': { req: { secrets: string[] }; res: { stored: number } };
}

/** Answer of reuse/check: only which broker's password it was, never anything stored. */
export type ReuseCheckResult =
  | { match: false }
  | { match: true; brand: string; brandNames?: import('../list/types').BrandNames; loginUrl?: string };

/**
 * Background → content (tabs.sendMessage, frame-addressed). The content script accepts it only
 * from its own extension's background (no sender.tab). Sent when a frame's status changes after
 * load: "continue anyway", or an upgrade by page identity (issue 6) via
 * `guard.upgradeFrame(tabId, frameId, verdict)` in lib/background/guard-status.ts.
 */
export interface ContentInboundProtocol {
  'guard/status': { req: { status: FrameStatus }; res: { ok: boolean } };
  /**
   * Page identity (issue 6): a child frame of this tab asks for a credential; the top frame
   * describes itself around the <iframe> that shows frame `frameId` at `url` (a dressed-up page that
   * puts its login form in a frame). Answered only by the top frame.
   */
  'identity/collect': { req: { frameId: number; url: string }; res: { signals: import('../identity/types').IdentitySignals } | null };
}

/** One attempt to fetch a newer list (newest first in ListStatus.attempts). */
export interface ListUpdateAttempt {
  at: number;
  ok: boolean;
  /** Version obtained (ok) or offered. */
  version?: number;
  /** ListErrorCode when it failed (lib/list/errors.ts). */
  code?: string;
  message?: string;
  /** Which list (list work): the publisher's or the firm's (managed policy firmList). */
  source?: 'publisher' | 'firm';
  /** 'accepted' | 'not-modified' | 'refused' (bad list) | 'failed' (transport). */
  outcome?: 'accepted' | 'not-modified' | 'refused' | 'failed';
}

/** The list in use, as the popup and options show it (ui). */
export interface ListStatus {
  version: number;
  issued?: string;
  expires?: string;
  source: 'bundled' | 'stored' | 'fetched' | string;
  /** expires <= now: still used, but the UI says it is out of date. */
  stale: boolean;
  lastSuccess?: number;
  lastAttempt?: number;
  attempts: ListUpdateAttempt[];
  /** List work (lib/background/list-source.ts): where updates come from (build default or policy listUrl). */
  url?: string;
  /** Number of brands in the list in use (publisher + firm). */
  brands?: number;
  /** Consecutive failed update attempts (back-off) and when the next check is due. */
  failures?: number;
  nextCheckAt?: number;
  /** Why the last attempt failed, if it did (ListErrorCode + message). */
  lastError?: { code: string; message: string; at: number };
  /** A stored list that no longer verified when loaded (e.g. its key was dropped from the build). */
  loadError?: string;
  /** Firm list from managed policy, when configured. */
  firm?: { url: string; version?: number; brands: number; stale: boolean; lastError?: { code: string; message: string; at: number } };
  /** An update is running right now. */
  updating?: boolean;
}

/** A broker the user can pick as "my broker": a quick link to its genuine login page. */
export interface BrokerLink {
  id: string;
  names: import('../list/types').BrandNames;
  loginUrl: string;
}

/** Preferences kept in storage.local (lib/background/ui-prefs.ts). */
export interface UiPrefs {
  myBrokers: string[];
  /** The user's own opt-in to password-reuse alerts (off by default). */
  passwordReuseOptIn: boolean;
}

export interface UiSettings {
  prefs: UiPrefs;
  /** Effective state: on when the user opted in or policy forces it. */
  passwordReuse: { on: boolean; forcedByPolicy: boolean };
}

/** What options shows of the managed policy. */
export interface PolicyView {
  /** Any managed policy present at all (a firm deployment). */
  managed: boolean;
  policy: import('../policy/types').ManagedPolicy;
  problems: import('../policy/types').PolicyProblem[];
}

/** Extension pages (popup, options, warning) → background. Privileged: sender must be us. */
export interface ExtensionProtocol {
  'tab/status': { req: { tabId: number }; res: FrameStatus | null };
  /** Popup / options (ui): the list in use and its update history. */
  'list/status': { req: Record<string, never>; res: ListStatus };
  /** Popup / options: check for a newer signed list now (list work); answers the status after the attempt. */
  'list/update-now': { req: Record<string, never>; res: ListStatus };
  /** Popup / options (ui): the brokers of the list in use, for "my brokers". */
  'ui/brokers': { req: Record<string, never>; res: BrokerLink[] };
  /** Popup / options (ui): the user's preferences and what policy forces. */
  'ui/settings': { req: Record<string, never>; res: UiSettings };
  /** Options (ui): change preferences; unknown broker ids are dropped. Returns the new settings. */
  'ui/set-prefs': { req: Partial<UiPrefs>; res: UiSettings };
  /** Options (ui): the managed policy in effect and the problems found in it. */
  'ui/policy': { req: Record<string, never>; res: PolicyView };
  /**
   * Warning page (entrypoints/warning, opened as warning.html?target=<encoded URL> by the
   * guard's redirect of strong lookalikes): the verdict for `target`, as a top frame would get it.
   */
  'warning/verdict': { req: { target: string }; res: FrameStatus };
  /**
   * Warning page: the user confirmed "continue anyway" for `target`. Recorded for the target's
   * origin for this browser session (only if policy allows); the page then navigates to target.
   */
  'warning/continue': { req: { target: string }; res: { ok: boolean } };
  /** Options (issue 6): which brokers have a remembered password (no tags, no lengths). */
  'reuse/summary': { req: Record<string, never>; res: { on: boolean; entries: { brand: string; at: number }[] } };
  /** Options: forget every remembered password (new salt). */
  'reuse/clear': { req: Record<string, never>; res: { ok: boolean } };
}

export type Message<P> = { [K in keyof P]: { type: K; payload: P[K] extends { req: infer R } ? R : never } }[keyof P];
export type Req<P, K extends keyof P> = P[K] extends { req: infer R } ? R : never;
export type Res<P, K extends keyof P> = P[K] extends { res: infer R } ? R : never;
