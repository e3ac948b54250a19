import { expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { SITES_DIR, type E2E, type StartOptions } from './harness';

/** Attack and probe pages of the page guard, served on ANY hostname under /guard/. */
export const GUARD_DIR = join(SITES_DIR, 'guard-lab.example/guard');

/** Routes serving every file of GUARD_DIR at /guard/<file> on every host, plus a form sink. */
export function guardRoutes(): NonNullable<StartOptions['routes']> {
  const routes: NonNullable<StartOptions['routes']> = [];
  for (const f of readdirSync(GUARD_DIR)) {
    const type = f.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8';
    routes.push(['*', `/guard/${f}`, () => ({ type, body: readFileSync(join(GUARD_DIR, f)) })]);
  }
  const sink = () => ({ type: 'text/html; charset=utf-8', body: '<!doctype html><title>received</title><p id="received">received</p>' });
  routes.push(['*', '/guard/collect', sink]);
  routes.push(['*', '/steal', sink]);
  routes.push(['*', '/guard/report', () => ({ type: 'text/plain', body: 'ok' })]);
  return routes;
}

/** A secret whose characters appear nowhere else in what the recorder stores. */
export const SECRET = 'ZQXJ';

export interface Observed {
  seen: string[];
  values: string[];
  count: Record<string, number>;
}

export async function observed(page: Page): Promise<Observed> {
  return page.evaluate(() => {
    const o = (window as unknown as { __observed: { seen: string[]; values(): string[]; count: Record<string, number> } }).__observed;
    return { seen: o.seen.slice(), values: o.values(), count: { ...o.count } };
  });
}

/** True when any observed string contains any character of the secret. */
export function leaked(o: { seen: string[]; values?: string[] }, secret = SECRET): string[] {
  const chars = [...secret];
  return [...o.seen, ...(o.values ?? [])].filter((s) => chars.some((c) => s.includes(c)));
}

export async function disableRedirect(env: E2E, off = true): Promise<void> {
  const sw = await env.serviceWorker();
  await sw.evaluate(async (v) => {
    await (globalThis as unknown as { chrome: { storage: { session: { set(o: object): Promise<void> } } } }).chrome.storage.session.set({
      'guard.test.noRedirect': v,
    });
  }, off);
}

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

function attr(n: CdpNode, name: string): string | undefined {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

function walk(n: CdpNode, visit: (n: CdpNode) => void) {
  visit(n);
  for (const c of n.children ?? []) walk(c, visit);
  for (const c of n.shadowRoots ?? []) walk(c, visit);
  if (n.contentDocument) walk(n.contentDocument, visit);
}

function textOf(n: CdpNode): string {
  let s = '';
  walk(n, (x) => {
    if (x.nodeName === '#text') s += x.nodeValue ?? '';
  });
  return s;
}

/** Looks through closed shadow roots (DevTools protocol, pierce) for the guard's UI. */
export class GuardUi {
  private constructor(
    private page: Page,
    private cdp: CDPSession,
  ) {}

  /** A page, or an out-of-process (cross-site) iframe. */
  static async of(target: Page | Frame): Promise<GuardUi> {
    const page = 'page' in target && typeof target.page === 'function' ? target.page() : (target as Page);
    return new GuardUi(page, await page.context().newCDPSession(target));
  }

  async dispose() {
    await this.cdp.detach().catch(() => {});
  }

  private async find(pred: (n: CdpNode) => boolean): Promise<CdpNode | undefined> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    let found: CdpNode | undefined;
    walk(root, (n) => {
      if (!found && pred(n)) found = n;
    });
    return found;
  }

  private async center(n: CdpNode): Promise<{ x: number; y: number } | undefined> {
    try {
      const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: n.backendNodeId })) as { model: { content: number[] } };
      const q = model.content;
      return { x: (q[0] + q[2] + q[4] + q[6]) / 4, y: (q[1] + q[3] + q[5] + q[7]) / 4 };
    } catch {
      return undefined;
    }
  }

  /** The lock overlay's card: present, rendered, topmost at its centre, and its text. */
  async overlay(): Promise<{ present: boolean; rendered: boolean; onTop: boolean; text: string }> {
    const card = await this.find((n) => (attr(n, 'class') ?? '').split(/\s+/).includes('sg-card'));
    if (!card) return { present: false, rendered: false, onTop: false, text: '' };
    const c = await this.center(card);
    let onTop = false;
    if (c) {
      const inside = new Set<number>();
      walk(card, (n) => inside.add(n.backendNodeId));
      try {
        const hit = (await this.cdp.send('DOM.getNodeForLocation', { x: Math.round(c.x), y: Math.round(c.y), includeUserAgentShadowDOM: true })) as {
          backendNodeId: number;
        };
        onTop = inside.has(hit.backendNodeId);
      } catch {
        onTop = false;
      }
    }
    return { present: true, rendered: !!c, onTop, text: textOf(card) };
  }

  private contexts?: { id: number; name: string; auxData?: { type?: string; frameId?: string } }[];

  /** Evaluates an expression in the content script's isolated world (QA build exposes __shokenGuard). */
  async isolated<T>(expression: string, frameUrlPart?: string): Promise<T> {
    if (!this.contexts) {
      const contexts: NonNullable<GuardUi['contexts']> = [];
      this.contexts = contexts;
      this.cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
      this.cdp.on('Runtime.executionContextsCleared', () => (contexts.length = 0));
      await this.cdp.send('Runtime.enable');
      await sleep(50);
    }
    type Tree = { frame: { id: string; url: string }; childFrames?: Tree[] };
    const { frameTree } = (await this.cdp.send('Page.getFrameTree')) as { frameTree: Tree };
    let frameId = frameTree.frame.id;
    if (frameUrlPart) {
      const all: Tree[] = [];
      const visit = (t: Tree) => (all.push(t), (t.childFrames ?? []).forEach(visit));
      visit(frameTree);
      const hit = all.find((t) => t !== frameTree && t.frame.url.includes(frameUrlPart));
      if (!hit) throw new Error(`no frame ${frameUrlPart}`);
      frameId = hit.frame.id;
    }
    const ctx = [...this.contexts].reverse().find((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameId && /証券ガード|Shoken/.test(c.name));
    if (!ctx) throw new Error(`no isolated world among ${this.contexts.map((c) => c.name).join(', ')}`);
    const r = (await this.cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, returnByValue: true, awaitPromise: true })) as {
      result: { value: T };
      exceptionDetails?: unknown;
    };
    if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
    return r.result.value;
  }

  async stats(frameUrlPart?: string): Promise<{ mode: string; blocked: number; overlayReasserts: number; pending: number }> {
    return this.isolated('globalThis.__shokenGuardReady().then((g) => g.stats())', frameUrlPart);
  }

  /** performance.now() of the page when the verdict arrived (QA build log), or -1. */
  async verdictTime(): Promise<number> {
    const log = await this.isolated<string[]>('globalThis.__shokenGuardLog');
    const hit = log.find((l) => !/timeout|Error/.test(l));
    return hit ? Number(hit.split(' ')[0]) : -1;
  }

  /** A notice (caution / blocked) by tone. */
  async notice(tone: 'caution' | 'blocked'): Promise<{ present: boolean; text: string }> {
    const n = await this.find((x) => (attr(x, 'class') ?? '').split(/\s+/).includes(tone) && (attr(x, 'class') ?? '').split(/\s+/).includes('n'));
    return n ? { present: true, text: textOf(n) } : { present: false, text: '' };
  }

  /** A trusted mouse click on an element of the guard's UI found by data-testid. */
  async click(testId: string): Promise<void> {
    const n = await this.find((x) => attr(x, 'data-testid') === testId);
    if (!n) throw new Error(`no ${testId} in the guard UI`);
    const c = await this.center(n);
    if (!c) throw new Error(`${testId} is not rendered`);
    await this.page.mouse.click(c.x, c.y);
  }

  /** Trusted drag and drop of text onto a point (DevTools Input.dispatchDragEvent). */
  async dropText(x: number, y: number, text: string): Promise<void> {
    const data = { items: [{ mimeType: 'text/plain', data: text }], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await this.cdp.send('Input.dispatchDragEvent', { type, x, y, data });
  }

  /** IME composition then commit (DevTools Input.imeSetComposition / insertText). */
  async compose(text: string): Promise<void> {
    await this.cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await this.cdp.send('Input.insertText', { text });
  }

  /** Non-keyboard insertion (virtual keyboard / autofill-like insertText). */
  async insertText(text: string): Promise<void> {
    await this.cdp.send('Input.insertText', { text });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** QA build: delay every verdict by `ms` (a slow cold start made deterministic). 0 = off. */
export async function delayVerdicts(env: E2E, ms: number): Promise<void> {
  const sw = await env.serviceWorker();
  await sw.evaluate(async (v) => {
    await (globalThis as unknown as { chrome: { storage: { session: { set(o: object): Promise<void> } } } }).chrome.storage.session.set({
      'guard.test.statusDelayMs': v,
    });
  }, ms);
}

/** The first verdict after install waits for the list to load: take that hit once, before the cases. */
export async function warmUp(env: E2E): Promise<void> {
  const page = await env.context.newPage();
  await page.goto('https://warm-up.example/guard/basic.html');
  const ui = await GuardUi.of(page);
  for (let i = 0; i < 100; i++) {
    if ((await ui.stats().catch(() => ({ mode: 'pending' }))).mode !== 'pending') break;
    await sleep(50);
  }
  await ui.dispose();
  await page.close();
}

/** Waits until the guard in the page's top frame has its verdict. */
export async function judged(page: Page): Promise<string> {
  const ui = await GuardUi.of(page);
  try {
    for (let i = 0; i < 100; i++) {
      const m = (await ui.stats().catch(() => ({ mode: 'pending' }))).mode;
      if (m !== 'pending') return m;
      await sleep(30);
    }
    return 'pending';
  } finally {
    await ui.dispose();
  }
}

/**
 * A page that rewrites itself (document.open()) while the user types: keeps typing SECRET for
 * `ms` — through the rewrite and whatever follows — until the tab is on the warning page, then
 * expects it there and none of the keys among what the page beaconed to `host`/guard/report.
 */
export async function typeUntilSentAway(env: E2E, page: Page, host: string, ms = 1500): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !page.url().includes('warning.html')) {
    await page.keyboard.type(SECRET).catch(() => {});
    await sleep(10);
  }
  await page.waitForURL(/warning\.html\?target=/, { timeout: 5000 });
  const reports = env.server.requestsTo(host, '/guard/report').map((r) => r.body);
  expect(leaked({ seen: reports })).toEqual([]);
}
