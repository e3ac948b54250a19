import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { buildIndex } from '../domain/classify';
import type { ListDocument } from '../list/types';
import bundled from '../list/data/brokers.json';
import { createGuardBackground, isStrongLookalike, judgedUrlOf } from './guard-status';
import { createGuardNavigation } from './guard-routes';

const index = buildIndex(bundled as unknown as ListDocument);

interface Frame {
  frameId: number;
  parentFrameId: number;
  url: string;
}

function fakeBrowser(frames: Frame[] = [], tabUrl = 'https://example.com/') {
  const updates: { tabId: number; url: string }[] = [];
  const sent: { tabId: number; frameId: number; message: unknown }[] = [];
  const store: Record<string, unknown> = {};
  const browser = {
    runtime: { id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` },
    webNavigation: {
      getAllFrames: async () => frames,
      getFrame: async ({ frameId }: { frameId: number }) => frames.find((f) => f.frameId === frameId) ?? null,
    },
    tabs: {
      get: async () => ({ url: tabUrl }),
      update: async (tabId: number, { url }: { url: string }) => void updates.push({ tabId, url }),
      sendMessage: async (tabId: number, message: unknown, { frameId }: { frameId: number }) => void sent.push({ tabId, frameId, message }),
    },
    storage: {
      session: {
        get: async (k: string) => ({ [k]: store[k] }),
        set: async (o: Record<string, unknown>) => void Object.assign(store, o),
      },
    },
  } as unknown as Browser;
  return { browser, updates, sent, store };
}

function guard(b: ReturnType<typeof fakeBrowser>, allowContinue = true) {
  return createGuardBackground({ browser: b.browser, index: async () => index, policy: async () => ({ allowContinue }) });
}

describe('frame status', () => {
  it('maps impostor → lock, suspicious → caution, genuine and unrelated → none', async () => {
    const g = guard(fakeBrowser());
    expect((await g.statusForFrame({ frameId: 0, url: 'https://sbisec-login.com/' })).action).toBe('lock');
    expect((await g.statusForFrame({ frameId: 0, url: 'https://matsui-info.com/' })).action).toBe('caution');
    expect((await g.statusForFrame({ frameId: 0, url: 'https://www.sbisec.co.jp/' })).action).toBe('none');
    expect((await g.statusForFrame({ frameId: 0, url: 'https://www.rakuten.co.jp/' })).action).toBe('none');
  });

  it('gives a genuine frame its broker destinations (hosts + formTargets)', async () => {
    const s = await guard(fakeBrowser()).statusForFrame({ frameId: 0, url: 'https://login.sbisec.co.jp/x' });
    expect(s.formTargets).toContain('www.sbisec.co.jp');
    expect(s.formTargets).toContain('login.sbisec.co.jp');
  });

  it('a child frame on an innocent host inherits the lock of an impostor ancestor', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://www.sbisec.co.jp.secure-login.top/' },
      { frameId: 5, parentFrameId: 0, url: 'https://cdn.example.net/form' },
      { frameId: 9, parentFrameId: 5, url: 'about:blank' },
    ];
    const g = guard(fakeBrowser(frames, frames[0].url));
    const s = await g.statusForSender({ tab: { id: 1, url: frames[0].url }, frameId: 9, url: 'about:blank', origin: 'https://cdn.example.net' });
    expect(s.action).toBe('lock');
    expect(s.inherited).toBe(true);
    expect(s.concernOrigin).toBe('https://www.sbisec.co.jp.secure-login.top');
    expect(s.verdict.brand).toBe('sbi');
  });

  it('a genuine broker frame inside an impostor is locked too (strongest concern wins)', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://sbisec-login.com/' },
      { frameId: 3, parentFrameId: 0, url: 'https://www.sbisec.co.jp/ETGate/' },
    ];
    const s = await guard(fakeBrowser(frames, frames[0].url)).statusForSender({ tab: { id: 1, url: frames[0].url }, frameId: 3, url: frames[1].url });
    expect(s.action).toBe('lock');
  });

  it('an impostor child frame under a genuine top is locked by its own verdict, not inherited', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://www.rakuten.co.jp/' },
      { frameId: 2, parentFrameId: 0, url: 'https://sbisec-login.com/frame' },
    ];
    const s = await guard(fakeBrowser(frames, frames[0].url)).statusForSender({ tab: { id: 1, url: frames[0].url }, frameId: 2, url: frames[1].url });
    expect(s.action).toBe('lock');
    expect(s.inherited).toBeUndefined();
  });

  it('a genuine page under an unrelated top stays untouched', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://www.rakuten.co.jp/' },
      { frameId: 2, parentFrameId: 0, url: 'https://www.sbisec.co.jp/' },
    ];
    const s = await guard(fakeBrowser(frames, frames[0].url)).statusForSender({ tab: { id: 1, url: frames[0].url }, frameId: 2, url: frames[1].url });
    expect(s.action).toBe('none');
  });

  it('judges about:blank / blob: frames by the origin they inherit', () => {
    expect(judgedUrlOf('about:blank', 'https://evil.example')).toBe('https://evil.example/');
    expect(judgedUrlOf('blob:https://evil.example/123', undefined)).toBe('https://evil.example/123');
    expect(judgedUrlOf('https://a.example/x', 'https://b.example')).toBe('https://a.example/x');
  });

  it('the warning page stands for its target (toolbar keeps the warning)', async () => {
    const s = await guard(fakeBrowser()).statusForFrame({ frameId: 0, url: `chrome-extension://ext/warning.html?target=${encodeURIComponent('https://sbisec-login.com/')}` });
    expect(s.action).toBe('lock');
  });
});

describe('ancestors of a frame: read from webNavigation only when the tab URL does not cover them', () => {
  const trees: Frame[][] = [
    [
      { frameId: 0, parentFrameId: -1, url: 'https://www.sbisec.co.jp.secure-login.top/' },
      { frameId: 5, parentFrameId: 0, url: 'https://cdn.example.net/form' },
      { frameId: 9, parentFrameId: 5, url: 'https://www.sbisec.co.jp/' },
    ],
    [
      { frameId: 0, parentFrameId: -1, url: 'https://www.rakuten.co.jp/' },
      { frameId: 5, parentFrameId: 0, url: 'https://matsui-info.com/' },
      { frameId: 9, parentFrameId: 5, url: 'https://cdn.example.net/form' },
    ],
    [
      { frameId: 0, parentFrameId: -1, url: 'https://www.sbisec.co.jp/' },
      { frameId: 5, parentFrameId: 0, url: 'https://sbisec-login.com/frame' },
      { frameId: 9, parentFrameId: 5, url: 'https://example.com/' },
    ],
  ];
  function counting(frames: Frame[]) {
    const b = fakeBrowser(frames, frames[0].url);
    let reads = 0;
    const nav = b.browser.webNavigation as unknown as { getAllFrames: () => Promise<Frame[]> };
    const read = nav.getAllFrames;
    nav.getAllFrames = () => (reads++, read());
    return { g: guard(b), reads: () => reads };
  }

  it('a frame right under the top frame (parentFrameId 0, as onCommitted tells) is judged without getAllFrames, as it would be with it', async () => {
    for (const frames of trees) {
      for (const f of frames.slice(1)) {
        const hinted = counting(frames);
        const plain = counting(frames);
        const frame = { tabId: 1, tabUrl: frames[0].url, frameId: f.frameId, url: f.url };
        const withHint = await hinted.g.statusForFrame({ ...frame, parentFrameId: f.parentFrameId });
        expect(withHint).toEqual(await plain.g.statusForFrame(frame));
        expect(plain.reads()).toBe(1);
        expect(hinted.reads()).toBe(f.parentFrameId === 0 ? 0 : 1);
      }
    }
    // The inheritance still happens through the tab URL: an innocent frame under an impostor top.
    const s = await counting(trees[0]).g.statusForFrame({ tabId: 1, tabUrl: trees[0][0].url, frameId: 5, parentFrameId: 0, url: trees[0][1].url });
    expect([s.action, s.inherited]).toEqual(['lock', true]);
  });

  it('pushing a status to every frame of a tab reads its frames once', async () => {
    const c = counting(trees[1]);
    const v = { ...(await c.g.verdictFor('https://sbisec-login.com/')), kind: 'impostor' as const, reasons: ['page-identity' as const] };
    await c.g.upgradeFrame(1, 0, v);
    expect(c.reads()).toBe(1);
  });
});

describe('continue anyway', () => {
  it('is per origin, for the session, and only where policy allows', async () => {
    const b = fakeBrowser();
    const g = guard(b);
    expect(await g.continueFor('https://sbisec-login.com')).toBe(true);
    const s = await g.statusForFrame({ frameId: 0, url: 'https://sbisec-login.com/login' });
    expect(s.action).toBe('none');
    expect(s.continued).toBe(true);
    expect((await g.statusForFrame({ frameId: 0, url: 'https://www.sbisec.co.jp.secure-login.top/' })).action).toBe('lock');
    // A new worker (same browser session) still knows.
    expect((await guard(b).statusForFrame({ frameId: 0, url: 'https://sbisec-login.com/' })).continued).toBe(true);
    const locked = fakeBrowser();
    expect(await guard(locked, false).continueFor('https://sbisec-login.com')).toBe(false);
    expect((await guard(locked, false).statusForFrame({ frameId: 0, url: 'https://sbisec-login.com/' })).action).toBe('lock');
  });
});

describe('page-identity upgrade (issue 6 hook)', () => {
  it('locks the frame and pushes the new status to every frame of the tab', async () => {
    const frames = [
      { frameId: 0, parentFrameId: -1, url: 'https://dsgr1234.com/rakuten' },
      { frameId: 4, parentFrameId: 0, url: 'https://dsgr1234.com/frame' },
    ];
    const b = fakeBrowser(frames, frames[0].url);
    const g = guard(b);
    expect((await g.statusForFrame({ tabId: 1, frameId: 0, url: frames[0].url })).action).toBe('none');
    const v = { ...(await g.verdictFor('https://sbisec-login.com/')), kind: 'impostor' as const, reasons: ['page-identity' as const] };
    await g.upgradeFrame(1, 0, v);
    expect((await g.statusForFrame({ tabId: 1, frameId: 0, url: frames[0].url })).action).toBe('lock');
    expect(b.sent.map((m) => m.frameId).sort()).toEqual([0, 4]);
    expect((b.sent.find((m) => m.frameId === 4)!.message as { payload: { status: { action: string } } }).payload.status.action).toBe('lock');
    // After the frame navigates, the upgrade no longer applies.
    g.forgetFrame(1, 0);
    expect((await g.statusForFrame({ tabId: 1, frameId: 0, url: frames[0].url })).action).toBe('none');
  });
});

describe('form destinations judged by the background', () => {
  const g = guard(fakeBrowser());
  it('genuine page → off-list origin is refused, listed host allowed', async () => {
    expect(await g.formTarget('https://evil.example/steal', { url: 'https://www.sbisec.co.jp/' })).toMatchObject({ allowed: false, reason: 'off-list' });
    expect(await g.formTarget('https://login.sbisec.co.jp/x', { url: 'https://www.sbisec.co.jp/' })).toMatchObject({ allowed: true });
  });
  it('unrelated page → impostor destination refused, other destinations allowed', async () => {
    expect(await g.formTarget('https://sbisec-login.com/x', { url: 'https://blog.example.net/' })).toMatchObject({ allowed: false, reason: 'impostor-destination' });
    expect(await g.formTarget('https://auth.example.net/x', { url: 'https://blog.example.net/' })).toMatchObject({ allowed: true });
  });
});

describe('lookalike redirect', () => {
  it('only strong (domain) lookalikes are redirected, and only top frames', async () => {
    const b = fakeBrowser();
    const g = guard(b);
    const nav = createGuardNavigation(g, b.browser);
    nav.onBeforeNavigate({ tabId: 1, frameId: 0, url: 'https://sbisec-login.com/ETGate/' });
    nav.onBeforeNavigate({ tabId: 2, frameId: 3, url: 'https://sbisec-login.com/frame' });
    nav.onBeforeNavigate({ tabId: 3, frameId: 0, url: 'https://matsui-info.com/' });
    nav.onBeforeNavigate({ tabId: 4, frameId: 0, url: 'https://www.sbisec.co.jp/' });
    await new Promise((r) => setTimeout(r, 20));
    expect(b.updates).toEqual([{ tabId: 1, url: `chrome-extension://ext/warning.html?target=${encodeURIComponent('https://sbisec-login.com/ETGate/')}` }]);
  });
  it('a continued origin is not redirected again', async () => {
    const b = fakeBrowser();
    const g = guard(b);
    await g.continueFor('https://sbisec-login.com');
    createGuardNavigation(g, b.browser).onBeforeNavigate({ tabId: 1, frameId: 0, url: 'https://sbisec-login.com/' });
    await new Promise((r) => setTimeout(r, 20));
    expect(b.updates).toEqual([]);
  });
  it('page-identity impostors are not "strong" (the in-page lock handles them)', () => {
    expect(isStrongLookalike({ kind: 'impostor', reasons: ['page-identity'], listVersion: 1 })).toBe(false);
    expect(isStrongLookalike({ kind: 'impostor', reasons: ['combo-squat'], listVersion: 1 })).toBe(true);
    expect(isStrongLookalike({ kind: 'suspicious', reasons: ['combo-squat'], listVersion: 1 })).toBe(false);
  });
});
