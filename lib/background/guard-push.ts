import type { FrameStatus } from '../messaging/protocol';

/**
 * Commit-time push of a frame's status (the content script no longer asks at load).
 *
 * Every committed http(s) frame is judged here (webNavigation.onCommitted, which also wakes a
 * stopped worker); when its status is NOT benign (impostor → lock, suspicious → caution, a
 * concern inherited from an ancestor frame, a page-identity upgrade) it is written into that
 * very document's isolated world — `scripting.executeScript` targeted by documentId, so it can
 * never land in the next document of the frame. The content script picks it up whether it ran
 * before (RECEIVE is defined) or after (PUSHED is read at start) the push.
 *
 * If a push cannot be delivered (executeScript fails, worker gone mid-flight), the content
 * script still asks by itself at the first sign it needs the verdict: a credential field, the
 * first pointer / key / focus interaction with the frame, a submission (lib/guard/page-guard.ts).
 */

export interface CommitDetails {
  tabId: number;
  frameId: number;
  parentFrameId?: number;
  url: string;
  /** Chromium only (Firefox: absent — its content script asks at once instead). */
  documentId?: string;
}

export interface ScriptingLike {
  executeScript(o: {
    target: { tabId: number; documentIds: string[] };
    func: (status: FrameStatus) => boolean;
    args: [FrameStatus];
    injectImmediately: boolean;
    world?: 'ISOLATED';
  }): Promise<unknown>;
}

export interface GuardPushDeps {
  scripting: ScriptingLike | undefined;
  statusForFrame(frame: { tabId: number; tabUrl?: string; frameId: number; parentFrameId?: number; url: string }): Promise<FrameStatus>;
  tabUrl(tabId: number): Promise<string | undefined>;
  /** QA build: delay (guard.test.statusDelayMs) and switch pushes off (guard.test.noPush). */
  beforePush?(): Promise<boolean>;
  sleep?(ms: number): Promise<void>;
}

/**
 * Runs in the frame's isolated world (serialised by executeScript: self-contained, no closure).
 * The two names are PUSHED / RECEIVE of lib/guard/start.ts (a unit test keeps them equal).
 */
export function deliverStatus(status: FrameStatus): boolean {
  const g = globalThis as Record<string, unknown>;
  const receive = g.__shokenGuardReceive;
  if (typeof receive === 'function') (receive as (s: FrameStatus) => void)(status);
  else g.__shokenGuardPushed = status;
  return true;
}

/** Retry delays of a push that failed (document not ready yet, renderer busy). */
export const PUSH_RETRY_MS = [50, 200, 600];

export function createGuardPush(deps: GuardPushDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function deliver(tabId: number, documentId: string, status: FrameStatus): Promise<boolean> {
    const scripting = deps.scripting;
    if (!scripting) return false;
    for (let i = 0; ; i++) {
      try {
        await scripting.executeScript({
          target: { tabId, documentIds: [documentId] },
          func: deliverStatus,
          args: [status],
          injectImmediately: true,
          world: 'ISOLATED',
        });
        return true;
      } catch {
        if (i >= PUSH_RETRY_MS.length) return false;
        await sleep(PUSH_RETRY_MS[i]);
      }
    }
  }

  return {
    deliver,
    /** webNavigation.onCommitted. Resolves to the status pushed, or undefined when none was. */
    async onCommitted(d: CommitDetails): Promise<FrameStatus | undefined> {
      if (!d.documentId || !/^https?:/.test(d.url)) return undefined;
      if (deps.beforePush && !(await deps.beforePush())) return undefined;
      const child = (d.parentFrameId ?? (d.frameId === 0 ? -1 : 0)) >= 0;
      const tabUrl = child ? await deps.tabUrl(d.tabId).catch(() => undefined) : undefined;
      const status = await deps.statusForFrame({ tabId: d.tabId, tabUrl, frameId: d.frameId, parentFrameId: d.parentFrameId, url: d.url });
      if (status.action === 'none') return undefined;
      return (await deliver(d.tabId, d.documentId, status)) ? status : undefined;
    },
  };
}

/**
 * Runs in the top frame's isolated world: the page-identity collector the content script
 * exposes there (lib/identity/arm.ts, COLLECT_TOP). Self-contained (serialised).
 */
export function callTopCollect(frameId: number, url: string): unknown {
  const f = (globalThis as Record<string, unknown>).__shokenCollectTop;
  return typeof f === 'function' ? (f as (id: number, u: string) => unknown)(frameId, url) : null;
}

/**
 * Page identity asks the top frame what the page around a framed login form claims to be.
 * Chromium: scripting.executeScript into the top frame's isolated world (the content script
 * then needs no runtime.onMessage listener, whose setup cost every top frame ~0.7 ms at load);
 * Firefox: the 'identity/collect' message.
 */
export async function collectFromTop(
  browser: { scripting?: unknown; tabs: { sendMessage(tabId: number, m: unknown, o: { frameId: number }): Promise<unknown> } },
  tabId: number,
  frameId: number,
  url: string,
): Promise<unknown> {
  const scripting = browser.scripting as
    | { executeScript(o: { target: { tabId: number; frameIds: number[] }; func: typeof callTopCollect; args: [number, string] }): Promise<{ result?: unknown }[]> }
    | undefined;
  if (!scripting || import.meta.env?.FIREFOX) return browser.tabs.sendMessage(tabId, { type: 'identity/collect', payload: { frameId, url } }, { frameId: 0 });
  const [r] = await scripting.executeScript({ target: { tabId, frameIds: [0] }, func: callTopCollect, args: [frameId, url] });
  return r?.result ?? null;
}
