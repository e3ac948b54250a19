import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { buildIndex } from '../domain/classify';
import type { ListDocument } from '../list/types';
import bundled from '../list/data/brokers.json';
import type { FrameStatus } from '../messaging/protocol';
import { PUSHED, RECEIVE } from '../guard/start';
import { createGuardPush, deliverStatus, PUSH_RETRY_MS, type ScriptingLike } from './guard-push';
import { createGuardBackground } from './guard-status';

const index = buildIndex(bundled as unknown as ListDocument);

interface Frame {
  frameId: number;
  parentFrameId: number;
  url: string;
}

function setup(opts: { frames?: Frame[]; tabUrl?: string; failures?: number; beforePush?: () => Promise<boolean> } = {}) {
  const frames = opts.frames ?? [];
  const browser = {
    runtime: { id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` },
    webNavigation: { getAllFrames: async () => frames, getFrame: async ({ frameId }: { frameId: number }) => frames.find((f) => f.frameId === frameId) ?? null },
    tabs: { get: async () => ({ url: opts.tabUrl ?? 'https://example.com/' }) },
    storage: { session: { get: async () => ({}), set: async () => {} } },
  } as unknown as Browser;
  const g = createGuardBackground({ browser, index: async () => index, policy: async () => ({ allowContinue: true }) });
  const calls: Parameters<ScriptingLike['executeScript']>[0][] = [];
  let failures = opts.failures ?? 0;
  const scripting: ScriptingLike = {
    async executeScript(o) {
      calls.push(o);
      if (failures-- > 0) throw new Error('Frame is not ready');
      return [{ result: true }];
    },
  };
  const slept: number[] = [];
  const push = createGuardPush({
    scripting,
    statusForFrame: (f) => g.statusForFrame(f),
    tabUrl: async () => opts.tabUrl ?? 'https://example.com/',
    beforePush: opts.beforePush,
    sleep: async (ms) => void slept.push(ms),
  });
  return { push, calls, slept, g };
}

describe('commit-time push of a frame status', () => {
  it('pushes a lock to the committed document of an impostor (by documentId, isolated world, at once)', async () => {
    const { push, calls } = setup();
    const s = await push.onCommitted({ tabId: 3, frameId: 0, parentFrameId: -1, url: 'https://sbisec-login.com/', documentId: 'DOC1' });
    expect(s?.action).toBe('lock');
    expect(calls).toHaveLength(1);
    expect(calls[0].target).toEqual({ tabId: 3, documentIds: ['DOC1'] });
    expect(calls[0].injectImmediately).toBe(true);
    expect(calls[0].world).toBe('ISOLATED');
    expect(calls[0].args[0].action).toBe('lock');
  });

  it('pushes a caution to a suspicious page', async () => {
    const { push, calls } = setup();
    expect((await push.onCommitted({ tabId: 1, frameId: 0, url: 'https://matsui-info.com/', documentId: 'D' }))?.action).toBe('caution');
    expect(calls).toHaveLength(1);
  });

  it('pushes nothing to genuine and unrelated pages (the common case costs the page no message)', async () => {
    const { push, calls } = setup();
    expect(await push.onCommitted({ tabId: 1, frameId: 0, url: 'https://www.sbisec.co.jp/ETGate/', documentId: 'D' })).toBeUndefined();
    expect(await push.onCommitted({ tabId: 1, frameId: 0, url: 'https://www.rakuten.co.jp/', documentId: 'D' })).toBeUndefined();
    expect(await push.onCommitted({ tabId: 1, frameId: 0, url: 'https://heavy-news.example/', documentId: 'D' })).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('an innocent-looking child frame under an impostor gets the inherited lock', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://sbisec-login.com/' },
      { frameId: 7, parentFrameId: 0, url: 'https://forms-cdn.example/field.html' },
    ];
    const { push, calls } = setup({ frames, tabUrl: 'https://sbisec-login.com/' });
    const s = await push.onCommitted({ tabId: 2, frameId: 7, parentFrameId: 0, url: 'https://forms-cdn.example/field.html', documentId: 'CHILD' });
    expect(s?.action).toBe('lock');
    expect(s?.inherited).toBe(true);
    expect(calls[0].target.documentIds).toEqual(['CHILD']);
  });

  it('an impostor framed by an innocent page is pushed its own lock', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://blog-platform.example/' },
      { frameId: 4, parentFrameId: 0, url: 'https://sbisec-login.com/frame' },
    ];
    const { push } = setup({ frames, tabUrl: 'https://blog-platform.example/' });
    const s = await push.onCommitted({ tabId: 2, frameId: 4, parentFrameId: 0, url: 'https://sbisec-login.com/frame', documentId: 'F' });
    expect(s?.action).toBe('lock');
    expect(s?.inherited).toBeUndefined();
  });

  it('a page-identity upgrade of the top frame is pushed to a child frame that commits later', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://account-check.example/sbi/' },
      { frameId: 5, parentFrameId: 0, url: 'https://account-check.example/pin.html' },
    ];
    const { push, g } = setup({ frames, tabUrl: 'https://account-check.example/sbi/' });
    expect(await push.onCommitted({ tabId: 9, frameId: 5, parentFrameId: 0, url: frames[1].url, documentId: 'A' })).toBeUndefined();
    await g.upgradeFrame(9, 0, { kind: 'impostor', reasons: ['page-identity'], listVersion: 1, host: 'account-check.example', brand: 'sbi' } as never);
    expect((await push.onCommitted({ tabId: 9, frameId: 5, parentFrameId: 0, url: frames[1].url, documentId: 'B' }))?.action).toBe('lock');
  });

  it('retries a push that fails, then gives up (the content script asks by itself)', async () => {
    const ok = setup({ failures: 2 });
    expect((await ok.push.onCommitted({ tabId: 1, frameId: 0, url: 'https://sbisec-login.com/', documentId: 'D' }))?.action).toBe('lock');
    expect(ok.calls).toHaveLength(3);
    expect(ok.slept).toEqual(PUSH_RETRY_MS.slice(0, 2));
    const lost = setup({ failures: 99 });
    expect(await lost.push.onCommitted({ tabId: 1, frameId: 0, url: 'https://sbisec-login.com/', documentId: 'D' })).toBeUndefined();
    expect(lost.calls).toHaveLength(PUSH_RETRY_MS.length + 1);
  });

  it('never pushes without a documentId (Firefox) or to non-web frames (those ask at once)', async () => {
    const { push, calls } = setup();
    expect(await push.onCommitted({ tabId: 1, frameId: 0, url: 'https://sbisec-login.com/' })).toBeUndefined();
    expect(await push.onCommitted({ tabId: 1, frameId: 3, parentFrameId: 0, url: 'about:srcdoc', documentId: 'D' })).toBeUndefined();
    expect(await push.onCommitted({ tabId: 1, frameId: 3, parentFrameId: 0, url: 'data:text/html,x', documentId: 'D' })).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('QA switch: beforePush can hold or cancel the push', async () => {
    const { push, calls } = setup({ beforePush: async () => false });
    expect(await push.onCommitted({ tabId: 1, frameId: 0, url: 'https://sbisec-login.com/', documentId: 'D' })).toBeUndefined();
    expect(calls).toHaveLength(0);
  });
});

describe('the pushed function (runs in the frame isolated world)', () => {
  const status = { action: 'lock', verdict: { kind: 'impostor', reasons: [], listVersion: 1 }, allowContinue: true, continued: false } as unknown as FrameStatus;
  it('uses the names the content script reads', () => {
    const src = deliverStatus.toString();
    expect(src).toContain(PUSHED);
    expect(src).toContain(RECEIVE);
  });

  it('keeps the status for a content script that has not run yet, or hands it to one that has', () => {
    const g = globalThis as Record<string, unknown>;
    try {
      expect(deliverStatus(status)).toBe(true);
      expect(g[PUSHED]).toBe(status);
      const got: unknown[] = [];
      g[RECEIVE] = (s: unknown) => got.push(s);
      deliverStatus(status);
      expect(got).toEqual([status]);
    } finally {
      delete g[PUSHED];
      delete g[RECEIVE];
    }
  });
});

describe('pushes after continue / page identity (pushTab) go the same way', () => {
  it('Chromium: each frame document gets deliverStatus by documentId; no runtime message', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://sbisec-login.com/', documentId: 'TOP' },
      { frameId: 2, parentFrameId: 0, url: 'https://cdn.example/f', documentId: 'CHILD' },
    ];
    const calls: { target: unknown; args: [FrameStatus] }[] = [];
    const sent: unknown[] = [];
    const browser = {
      runtime: { id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` },
      webNavigation: { getAllFrames: async () => frames, getFrame: async () => null },
      tabs: { get: async () => ({ url: frames[0].url }), sendMessage: async (...a: unknown[]) => void sent.push(a) },
      scripting: { executeScript: async (o: { target: unknown; args: [FrameStatus]; func: unknown }) => void calls.push(o) },
      storage: { session: { get: async () => ({}), set: async () => {} } },
    } as unknown as Browser;
    const g = createGuardBackground({ browser, index: async () => index, policy: async () => ({ allowContinue: true }) });
    await g.pushTab(5);
    expect(sent).toEqual([]);
    expect(calls.map((c) => c.target)).toEqual([
      { tabId: 5, documentIds: ['TOP'] },
      { tabId: 5, documentIds: ['CHILD'] },
    ]);
    expect(calls.map((c) => c.args[0].action)).toEqual(['lock', 'lock']);
    expect((calls[0] as unknown as { func: unknown }).func).toBe(deliverStatus);
  });

  it('Firefox (no documentId): the guard/status message', async () => {
    const sent: { message: { type: string } }[] = [];
    const browser = {
      runtime: { id: 'ext', getURL: (p: string) => `moz-extension://ext${p}` },
      webNavigation: { getAllFrames: async () => [{ frameId: 0, parentFrameId: -1, url: 'https://sbisec-login.com/' }], getFrame: async () => null },
      tabs: { get: async () => ({ url: 'https://sbisec-login.com/' }), sendMessage: async (_t: number, message: { type: string }) => void sent.push({ message }) },
      scripting: { executeScript: async () => {} },
      storage: { session: { get: async () => ({}), set: async () => {} } },
    } as unknown as Browser;
    await createGuardBackground({ browser, index: async () => index, policy: async () => ({ allowContinue: true }) }).pushTab(5);
    expect(sent.map((s) => s.message.type)).toEqual(['guard/status']);
  });
});
