import { describe, expect, it } from 'vitest';
import { createRelay, RELAYED_TYPES } from './relay';

// The relay in isolation, on Node's own EventTarget standing in for `window` (real browser
// behaviour — the page's listeners never running first — is proven in the E2E suites).

/** A window whose listeners document.open() can erase: removeAll() drops every listener. */
function fakeWindow() {
  let target = new EventTarget();
  const win = {
    addEventListener: (...a: Parameters<EventTarget['addEventListener']>) => target.addEventListener(...a),
    removeEventListener: (...a: Parameters<EventTarget['removeEventListener']>) => target.removeEventListener(...a),
    dispatchEvent: (e: Event) => target.dispatchEvent(e),
    /** What document.open() does to the window's listeners. */
    eraseAll: () => void (target = new EventTarget()),
  };
  return win;
}

function setup() {
  const win = fakeWindow();
  let wakes = 0;
  const order: string[] = [];
  const relay = createRelay({ window: win as unknown as Window, wake: () => void (wakes++, order.push('wake')) });
  return { win, relay, order, wakes: () => wakes };
}

describe('the relay: one early listener per type, subscribers built later', () => {
  it('builds (wake) before the first delivery, once, and delivers in subscription order', () => {
    const s = setup();
    s.relay.on('keydown', () => s.order.push('a'));
    s.relay.on('keydown', () => s.order.push('b'));
    s.win.dispatchEvent(new Event('keydown'));
    s.win.dispatchEvent(new Event('keydown'));
    expect(s.order).toEqual(['wake', 'a', 'b', 'a', 'b']);
    expect(s.wakes()).toBe(1);
  });

  it('a subscriber added by wake() hears the very event that woke it', () => {
    const win = fakeWindow();
    const seen: string[] = [];
    const relay = createRelay({ window: win as unknown as Window, wake: () => relay.on('pointerdown', (e) => seen.push(e.type)) });
    win.dispatchEvent(new Event('pointerdown'));
    expect(seen).toEqual(['pointerdown']);
  });

  it('stopImmediatePropagation by a subscriber ends delivery to later subscribers (as between listeners of one target)', () => {
    const s = setup();
    s.relay.on('keydown', (e) => (s.order.push('guard'), e.stopImmediatePropagation()));
    s.relay.on('keydown', () => s.order.push('reuse'));
    s.win.addEventListener('keydown', () => s.order.push('page'), true);
    s.win.dispatchEvent(new Event('keydown'));
    expect(s.order).toEqual(['wake', 'guard']);
  });

  it('a throwing subscriber does not stop the others nor throw into the dispatch', () => {
    const s = setup();
    s.relay.on('input', () => {
      throw new Error('boom');
    });
    s.relay.on('input', () => s.order.push('ok'));
    expect(() => s.win.dispatchEvent(new Event('input'))).not.toThrow();
    expect(s.order).toEqual(['wake', 'ok']);
  });

  it('unsubscribes on abort, and refuses a type it does not listen to', () => {
    const s = setup();
    const off = new AbortController();
    s.relay.on('click', () => s.order.push('x'), off.signal);
    off.abort();
    s.win.dispatchEvent(new Event('click'));
    expect(s.order).toEqual(['wake']);
    expect(() => s.relay.on('scroll' as never, () => {})).toThrow(/not a relayed/);
  });

  it('listens to every relayed type', () => {
    const s = setup();
    for (const t of RELAYED_TYPES) s.relay.on(t, (e) => s.order.push(e.type));
    for (const t of RELAYED_TYPES) s.win.dispatchEvent(new Event(t));
    expect(s.order).toEqual(['wake', ...RELAYED_TYPES]);
  });

  it('check(): finds listeners erased by document.open(), puts them back, tells onErased; quiet otherwise', () => {
    const s = setup();
    let erased = 0;
    s.relay.onErased(() => erased++);
    s.relay.on('keydown', () => s.order.push('k'));
    expect(s.relay.check()).toBe(true);
    expect(erased).toBe(0);
    s.win.eraseAll();
    s.win.dispatchEvent(new Event('keydown'));
    expect(s.order).toEqual([]); // erased: nothing heard
    expect(s.relay.erased).toBe(false);
    expect(s.relay.check()).toBe(false);
    expect(erased).toBe(1);
    expect(s.relay.erased).toBe(true); // remembered for a guard built later (it locks by erasing back)
    s.win.dispatchEvent(new Event('keydown'));
    expect(s.order).toEqual(['wake', 'k']);
    expect(s.relay.check()).toBe(true);
  });

  it('stops listening when the extension context is gone, for good (check() does not bring it back)', () => {
    const s = setup();
    s.relay.on('keydown', () => s.order.push('k'));
    s.relay.on('pointerdown', () => s.order.push('p'));
    s.relay.stop();
    for (const t of RELAYED_TYPES) s.win.dispatchEvent(new Event(t));
    expect(s.relay.check()).toBe(true);
    s.relay.reinstall();
    s.win.dispatchEvent(new Event('keydown'));
    expect(s.order).toEqual([]);
  });
});
