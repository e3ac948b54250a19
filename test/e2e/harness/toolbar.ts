import type { Page, Worker } from 'playwright-core';

// Runs inside the extension's service worker (sw.evaluate), where chrome.* exists.
declare const chrome: any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ToolbarState {
  tabId: number;
  /** Badge text ('' = none). */
  text: string;
  title: string;
  /** Badge background colour as [r, g, b, a]. */
  color: [number, number, number, number];
}

interface Env {
  serviceWorker(): Promise<Worker>;
}

async function tryTabIdOf(env: Env, page: Page): Promise<number | undefined> {
  const sw = await env.serviceWorker();
  const url = page.url();
  const ids = await sw.evaluate(async (u) => (await chrome.tabs.query({})).filter((t: { url?: string }) => t.url === u).map((t: { id?: number }) => t.id!), url);
  if (ids.length === 1) return ids[0];
  if (ids.length === 0) return undefined; // mid-navigation: the tab's URL and the page's differ for a moment
  const marker = `shoken-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const old = await page.evaluate((m) => {
    const o = document.title;
    document.title = m;
    return o;
  }, marker);
  try {
    for (let i = 0; i < 20; i++) {
      const found = await sw.evaluate(async (m) => (await chrome.tabs.query({ title: m })).map((t: { id?: number }) => t.id!), marker);
      if (found.length === 1) return found[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  } finally {
    await page.evaluate((o) => {
      document.title = o;
    }, old).catch(() => {});
  }
}

/**
 * The extension's tab id for a Playwright page: matched by URL (by a temporary unique title if
 * several tabs share it). Retries while the page is mid-navigation (e.g. the guard's redirect to
 * its warning page), up to `timeoutMs`.
 */
export async function tabIdOf(env: Env, page: Page, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const id = await tryTabIdOf(env, page);
      if (id !== undefined) return id;
    } catch (e) {
      last = e; // the page navigated under us: try again
    }
    if (Date.now() > deadline) throw new Error(`no tab found for ${page.url()} within ${timeoutMs} ms${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads the toolbar button's state (badge text, title, colour) for the tab showing `page`. */
export async function readToolbar(env: Env, target: Page | number): Promise<ToolbarState> {
  const tabId = typeof target === 'number' ? target : await tabIdOf(env, target);
  const sw = await env.serviceWorker();
  return sw.evaluate(async (id) => {
    const a = chrome.action;
    const [text, title, color] = await Promise.all([
      a.getBadgeText({ tabId: id }),
      a.getTitle({ tabId: id }),
      a.getBadgeBackgroundColor({ tabId: id }),
    ]);
    return { tabId: id, text, title, color: color as [number, number, number, number] };
  }, tabId);
}

/**
 * Toolbar state once it has settled: polls until two reads `settleMs` apart agree (the
 * background sets the badge asynchronously after navigation).
 */
export async function settledToolbar(env: Env, target: Page | number, settleMs = 300, timeoutMs = 10_000): Promise<ToolbarState> {
  const deadline = Date.now() + timeoutMs;
  let prev = await readToolbar(env, target);
  for (;;) {
    await new Promise((r) => setTimeout(r, settleMs));
    const next = await readToolbar(env, prev.tabId);
    if (JSON.stringify(next) === JSON.stringify(prev) || Date.now() > deadline) return next;
    prev = next;
  }
}

/** The toolbar title the manifest sets (what a tab shows before the background has judged it). */
export async function defaultToolbarTitle(env: Env): Promise<string> {
  const sw = await env.serviceWorker();
  return sw.evaluate(() => chrome.action.getTitle({}));
}

/**
 * Toolbar state once the background has judged the tab: waits until the tab's title differs
 * from the manifest's default (every verdict, "unrelated" included, sets a tab title), so a
 * negative check ("no mark") is not read before the background got to the tab. Slow cold
 * starts on a loaded machine take seconds, hence the generous timeout.
 */
export async function judgedToolbar(env: Env, target: Page | number, timeoutMs = 20_000): Promise<ToolbarState> {
  const deadline = Date.now() + timeoutMs;
  const def = await defaultToolbarTitle(env);
  for (;;) {
    // Re-resolved every round: Chromium may swap the tab's contents (tabs.onReplaced) when the
    // guard sends it to the warning page, and the tab id changes with it.
    const s = await readToolbar(env, target);
    if (s.title !== def) return s;
    if (Date.now() > deadline) throw new Error(`toolbar of tab ${s.tabId} still shows the default title "${def}" after ${timeoutMs} ms: the background never judged it`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls until the badge shows `text` (or throws with the last state seen). */
export async function waitForBadge(env: Env, target: Page | number, text: string, timeoutMs = 20_000): Promise<ToolbarState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await readToolbar(env, target);
    if (s.text === text) return s;
    if (Date.now() > deadline) throw new Error(`badge of tab ${s.tabId} is "${s.text}" (title "${s.title}"), expected "${text}" within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
