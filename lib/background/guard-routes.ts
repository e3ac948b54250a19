import type { Browser } from 'webextension-polyfill';
import type { ContentProtocol, ExtensionProtocol, FrameStatus } from '../messaging/protocol';
import type { Handlers, SenderInfo } from '../messaging/router';
import { createGuardPush, type CommitDetails, type ScriptingLike } from './guard-push';
import { judgedUrlOf, originOf, type GuardBackground } from './guard-status';

type GuardContentKeys = 'frame/status' | 'guard/continue' | 'guard/go-genuine' | 'guard/form-target' | 'guard/tampered' | 'guard/load-ui' | 'guard/load-core';
type GuardExtensionKeys = 'warning/verdict' | 'warning/continue';

/** Content → background handlers of the page guard (unprivileged: the sender decides the URL). */
export function guardContentHandlers(g: GuardBackground, browser: Browser): Pick<Handlers<ContentProtocol>, GuardContentKeys> {
  return {
    'frame/status': async (_p, sender) => {
      await qaStatusDelay(browser);
      return g.statusForSender(sender);
    },
    'guard/continue': async (_p, sender) => {
      const status = await g.statusForSender(sender);
      if (status.action === 'none' && !status.continued) return { ok: false };
      const ok = await g.continueFor(status.concernOrigin);
      if (ok && sender.tab?.id !== undefined) void g.pushTab(sender.tab.id);
      return { ok };
    },
    'guard/go-genuine': async (_p, sender) => {
      const status = await g.statusForSender(sender);
      const url = status.verdict.imitates;
      if (!url || !url.startsWith('https://') || sender.tab?.id === undefined) return { ok: false };
      await browser.tabs.update(sender.tab.id, { url });
      return { ok: true };
    },
    'guard/tampered': async (_p, sender) => {
      const status = await g.statusForSender(sender);
      if (status.action !== 'lock' || (sender.frameId ?? 0) !== 0 || sender.tab?.id === undefined || !sender.url) return { ok: false };
      // The page that was judged, not the frame's own URL: a popup the impostor wrote into is
      // about:blank of its origin, and a warning about "about:blank" names nothing.
      await browser.tabs.update(sender.tab.id, { url: warningPageUrl(browser, judgedUrlOf(sender.url, sender.origin)) });
      return { ok: true };
    },
    'guard/load-ui': async (_p, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false };
      await injectIntoSender(browser, GUARD_UI_FILE, tabId, sender.frameId ?? 0, sender.documentId);
      return { ok: true };
    },
    'guard/load-core': async (_p, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false };
      await injectIntoSender(browser, GUARD_CORE_FILE, tabId, sender.frameId ?? 0, sender.documentId);
      return { ok: true };
    },
    'guard/form-target': (p, sender) => g.formTarget(typeof p?.action === 'string' ? p.action.slice(0, 4096) : '', sender),
  };
}

const GUARD_UI_FILE = '/guard-ui.js';
/** The page guard's core (entrypoints/guard-core.ts): what the always-on content script leaves out. */
const GUARD_CORE_FILE = '/guard-core.js';

/** Runs one of the guard's files in one frame's isolated world (the same world as the content script). */
async function injectIntoSender(browser: Browser, file: string, tabId: number, frameId: number, documentId?: string): Promise<void> {
  const scripting = (browser as unknown as { scripting?: { executeScript(o: unknown): Promise<unknown> } }).scripting;
  if (scripting) {
    const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
    await scripting.executeScript({ target, files: [file], injectImmediately: true });
    return;
  }
  // Firefox MV2 without scripting: tabs.executeScript.
  const tabs = browser.tabs as unknown as { executeScript(tabId: number, o: unknown): Promise<unknown> };
  await tabs.executeScript(tabId, { file, frameId, runAt: 'document_start', matchAboutBlank: true });
}

/** Privileged handlers for the warning page. */
export function guardExtensionHandlers(g: GuardBackground): Pick<Handlers<ExtensionProtocol>, GuardExtensionKeys> {
  return {
    'warning/verdict': (p) => {
      const target = typeof p?.target === 'string' ? p.target : '';
      return g.statusForFrame({ frameId: 0, url: target });
    },
    'warning/continue': async (p) => ({ ok: await g.continueFor(originOf(typeof p?.target === 'string' ? p.target : undefined)) }),
  };
}

export function warningPageUrl(browser: Browser, target: string): string {
  return `${browser.runtime.getURL('/warning.html')}?target=${encodeURIComponent(target)}`;
}

/**
 * QA build only: E2E tests of the in-page lock on top-level impostor pages switch the redirect
 * off (storage.session 'guard.test.noRedirect' = true), since in production a strong lookalike
 * rarely stays on screen long enough to be typed into. Compiled out of production builds.
 */
async function redirectsDisabledForQa(browser: Browser): Promise<boolean> {
  if (typeof __SHOKEN_TEST_MODE__ === 'undefined' || !__SHOKEN_TEST_MODE__) return false;
  try {
    const session = (browser.storage as unknown as { session?: { get(k: string): Promise<Record<string, unknown>> } }).session;
    return (await session?.get('guard.test.noRedirect'))?.['guard.test.noRedirect'] === true;
  } catch {
    return false;
  }
}

/**
 * QA build only: 'guard.test.statusDelayMs' in storage.session delays verdicts, standing in
 * for a slow cold start, so the E2E race cases (typing before the verdict) are deterministic.
 */
export async function qaStatusDelay(browser: Browser): Promise<void> {
  if (typeof __SHOKEN_TEST_MODE__ === 'undefined' || !__SHOKEN_TEST_MODE__) return;
  try {
    const session = (browser.storage as unknown as { session?: { get(k: string): Promise<Record<string, unknown>> } }).session;
    const ms = (await session?.get('guard.test.statusDelayMs'))?.['guard.test.statusDelayMs'];
    if (typeof ms === 'number' && ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms, 5000)));
  } catch {
    /* no delay */
  }
}

interface NavDetails {
  tabId: number;
  frameId: number;
  url: string;
}

/**
 * QA build only: 'guard.test.noPush' in storage.session switches the commit-time push off, so
 * E2E tests can prove what covers a frame whose push was lost (the content script's own ask).
 */
async function pushDisabledForQa(browser: Browser): Promise<boolean> {
  if (typeof __SHOKEN_TEST_MODE__ === 'undefined' || !__SHOKEN_TEST_MODE__) return false;
  try {
    const session = (browser.storage as unknown as { session?: { get(k: string): Promise<Record<string, unknown>> } }).session;
    return (await session?.get('guard.test.noPush'))?.['guard.test.noPush'] === true;
  } catch {
    return false;
  }
}

/**
 * Strong lookalikes (impostor by domain) never get used: the top-level navigation is sent to
 * the extension's warning page ("did you mean https://www.sbisec.co.jp/?") as soon as it starts.
 * The content-script lock covers the moment before the redirect lands.
 */
export function createGuardNavigation(g: GuardBackground, browser: Browser) {
  const push = createGuardPush({
    scripting: (browser as unknown as { scripting?: ScriptingLike }).scripting,
    statusForFrame: (f) => g.statusForFrame(f),
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    beforePush: async () => {
      if (typeof __SHOKEN_TEST_MODE__ === 'undefined' || !__SHOKEN_TEST_MODE__) return true;
      if (await pushDisabledForQa(browser)) return false;
      await qaStatusDelay(browser);
      return true;
    },
  });
  return {
    onBeforeNavigate(d: NavDetails): void {
      if (d.frameId !== 0 || !/^https?:/.test(d.url)) return;
      void (async () => {
        if (await redirectsDisabledForQa(browser)) return;
        const v = await g.verdictFor(d.url);
        if (!g.isStrongLookalike(v)) return;
        const origin = originOf(d.url);
        if (origin && (await g.continued.has(origin))) return;
        await browser.tabs.update(d.tabId, { url: warningPageUrl(browser, d.url) });
      })().catch(() => {});
    },
    onCommitted(d: NavDetails & Partial<CommitDetails>): void {
      g.forgetFrame(d.tabId, d.frameId);
      // The frame's status, pushed when it is not benign (the content script does not ask at load).
      void push.onCommitted(d).catch(() => {});
    },
  };
}

export type { FrameStatus, SenderInfo };
