import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { CredentialFieldInfo, CredentialInputInfo, GuardHooks } from '../guard/hooks';
import type { FrameStatus } from '../messaging/protocol';
import { collectIdentity } from './collect';
import { armPageIdentity, MAX_REPORTS } from './content';
import { sanitizeSignals } from './sanitize';

function fakeHooks(status: FrameStatus) {
  const fieldCbs: ((i: CredentialFieldInfo) => void)[] = [];
  const inputCbs: ((i: CredentialInputInfo) => void)[] = [];
  const hooks: GuardHooks = {
    onCredentialField: (cb) => (fieldCbs.push(cb), () => {}),
    onCredentialInput: (cb) => (inputCbs.push(cb), () => {}),
    onStatus: () => () => {},
    status: () => status,
    refresh: async () => {},
  };
  return { hooks, field: (i: CredentialFieldInfo) => fieldCbs.forEach((c) => c(i)), input: (i: CredentialInputInfo) => inputCbs.forEach((c) => c(i)) };
}
const status = (kind: FrameStatus['verdict']['kind'], reasons: FrameStatus['verdict']['reasons'] = ['no-match'], action: FrameStatus['action'] = 'none'): FrameStatus => ({
  verdict: { kind, reasons, listVersion: 1 }, action, allowContinue: true, continued: false,
});

function setup(st: FrameStatus) {
  const sent: { type: string; payload: unknown }[] = [];
  const timers: (() => void)[] = [];
  const h = fakeHooks(st);
  armPageIdentity(h.hooks, {
    send: (async (type: string, payload: unknown) => (sent.push({ type, payload }), { locked: false, ok: true })) as never,
    setTimeout: (cb) => timers.push(cb),
    collector: () => collectIdentity,
  });
  const { document } = parseHTML('<html><head><title>SBI証券 ログイン</title></head><body><form><input id="pw" type="password"></form></body></html>');
  const pw = document.querySelector('#pw') as unknown as HTMLInputElement;
  return { sent, flush: () => timers.splice(0).forEach((t) => t()), h, pw, document: document as unknown as Document };
}

describe('content side of page identity', () => {
  it('reports once per burst of fields, only on unrelated / suspicious pages', () => {
    const s = setup(status('unrelated'));
    s.h.field({ field: s.pw, document: s.document });
    s.h.field({ field: s.pw, document: s.document });
    s.flush();
    expect(s.sent.map((m) => m.type)).toEqual(['identity/report']);
    expect((s.sent[0].payload as { signals: { title: string } }).signals.title).toBe('SBI証券 ログイン');
  });

  it('stays silent on genuine, locked, related-group and exempt pages', () => {
    for (const st of [status('genuine', ['listed-host']), status('impostor', ['combo-squat'], 'lock'), status('unrelated', ['related-group']), status('unrelated', ['exempt'])]) {
      const s = setup(st);
      s.h.field({ field: s.pw, document: s.document });
      s.flush();
      expect(s.sent, st.verdict.kind + st.verdict.reasons[0]).toEqual([]);
    }
  });

  it('never sends the same signals twice and stops after MAX_REPORTS', () => {
    const s = setup(status('unrelated'));
    for (let i = 0; i < MAX_REPORTS + 4; i++) {
      s.document.title = `ログイン ${i}`;
      s.h.field({ field: s.pw, document: s.document });
      s.flush();
      s.h.field({ field: s.pw, document: s.document });
      s.flush();
    }
    expect(s.sent).toHaveLength(MAX_REPORTS);
  });

  it('tells the background once that a password was typed (never what)', () => {
    const s = setup(status('unrelated'));
    s.h.input({ field: s.pw, value: 'secret-1' });
    s.h.input({ field: s.pw, value: 'secret-12' });
    expect(s.sent).toEqual([{ type: 'identity/credential-typed', payload: {} }]);
  });
});

describe('sanitising a report in the background', () => {
  it('bounds every string and list, drops malformed parts and always empties the path', () => {
    const s = sanitizeSignals({
      title: 'x'.repeat(10_000),
      headings: new Array(1000).fill('h'),
      logos: [{ text: 'SBI証券', src: '/a.png', place: 'header' }, { place: 'nowhere' }, null, 'x'],
      fields: [{ type: 'password', name: 7 }, 3],
      formText: 5,
      path: '/etgate/',
    });
    expect(s.title.length).toBe(200);
    expect(s.headings.length).toBe(3);
    expect(s.logos).toEqual([{ text: 'SBI証券', src: '/a.png', place: 'header', external: false }]);
    expect(s.fields).toHaveLength(1);
    expect(s.fields[0]).toMatchObject({ type: 'password', name: '' });
    expect(s.formText).toBe('');
    expect(s.path).toBe('');
  });
});

describe('holding credential input while a report is judged', () => {
  it('asks the guard to hold from the moment the field appears until the answer, once per burst', async () => {
    const held: Promise<unknown>[] = [];
    let answer!: (v: unknown) => void;
    const timers: (() => void)[] = [];
    const h = fakeHooks(status('unrelated'));
    h.hooks.holdCredentialInput = (until) => void held.push(until);
    armPageIdentity(h.hooks, { send: (() => new Promise((r) => (answer = r))) as never, setTimeout: (cb) => timers.push(cb), collector: () => collectIdentity });
    const { document } = parseHTML('<html><head><title>x</title></head><body><form><input id="pw" type="password"></form></body></html>');
    const pw = document.querySelector('#pw') as unknown as HTMLInputElement;
    h.field({ field: pw, document: document as unknown as Document });
    h.field({ field: pw, document: document as unknown as Document });
    expect(held).toHaveLength(1); // held before the debounce, not twice
    let settled = false;
    void held[0].then(() => (settled = true));
    timers.splice(0).forEach((t) => t());
    await Promise.resolve();
    expect(settled).toBe(false); // still waiting for the background
    answer({ locked: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(true);
  });
});

describe('the collector is loaded on demand (pages without credential fields never parse it)', () => {
  function lazySetup(load: Promise<typeof collectIdentity>) {
    const held: Promise<unknown>[] = [];
    const sent: string[] = [];
    const timers: (() => void)[] = [];
    const h = fakeHooks(status('unrelated'));
    h.hooks.holdCredentialInput = (until) => void held.push(until);
    let loaded: typeof collectIdentity | undefined;
    void load.then((c) => (loaded = c), () => {});
    let asked = 0;
    armPageIdentity(h.hooks, {
      send: (async (type: string) => (sent.push(type), { locked: false })) as never,
      setTimeout: (cb) => timers.push(cb),
      collector: () => (asked++, loaded ?? load),
    });
    const { document } = parseHTML('<html><head><title>SBI証券</title></head><body><form><input id="pw" type="password"></form></body></html>');
    const pw = document.querySelector('#pw') as unknown as HTMLInputElement;
    return { h, held, sent, timers, pw, document: document as unknown as Document, asked: () => asked };
  }

  it('is not asked for before a credential field shows up', () => {
    const s = lazySetup(new Promise(() => {}));
    expect(s.asked()).toBe(0);
  });

  it('holds credential input while the collector loads, then reports and releases after the answer', async () => {
    let resolve!: (c: typeof collectIdentity) => void;
    const s = lazySetup(new Promise((r) => (resolve = r)));
    s.h.field({ field: s.pw, document: s.document });
    expect(s.held).toHaveLength(1);
    let settled = false;
    void s.held[0].then(() => (settled = true));
    s.timers.splice(0).forEach((t) => t());
    await new Promise((r) => setTimeout(r, 0));
    expect(s.sent).toEqual([]);
    expect(settled).toBe(false); // still loading: input stays held
    resolve(collectIdentity);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.sent).toEqual(['identity/report']);
    expect(settled).toBe(true);
  });

  it('a collector that cannot load releases the hold (fails open, as a collection error does)', async () => {
    const s = lazySetup(Promise.reject(new Error('no UI')));
    s.h.field({ field: s.pw, document: s.document });
    let settled = false;
    void s.held[0].then(() => (settled = true));
    s.timers.splice(0).forEach((t) => t());
    await new Promise((r) => setTimeout(r, 0));
    expect(s.sent).toEqual([]);
    expect(settled).toBe(true);
  });
});
