/**
 * The guard's first-registered event listeners, and nothing else.
 *
 * Our capture listeners on `window` must be registered before any page script runs (document_start):
 * a listener the page adds earlier on the same target and phase runs first and could swallow a
 * key. But the guard itself (the pending interceptor, then the core: page-guard, form-guard, page
 * identity, password reuse) is only built when a frame needs it (lib/guard/start.ts): on a push,
 * an interaction, a credential field. So
 * this relay registers ONE listener per event type at document_start, and the guard's parts
 * subscribe to it whenever they are built: they run inside our early listener, in subscription
 * order, exactly as if each had registered its own listener at document_start.
 *
 * - A subscriber that stops propagation (stopImmediatePropagation, as the lock does) ends the
 *   delivery to later subscribers, as it would between listeners of one target.
 * - document.open() erases every listener of the window, ours included: `check()` finds that
 *   out through a canary event, registers ours again and tells `onErased` subscribers.
 */

/** Every event type the guard and the modules on its hooks listen to on `window`. */
export const RELAYED_TYPES = [
  'keydown',
  'keypress',
  'keyup',
  'beforeinput',
  'input',
  'textInput',
  'change',
  'paste',
  'drop',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'focusin',
  'pointerdown',
  'click',
  'submit',
  'formdata',
] as const;
export type RelayedType = (typeof RELAYED_TYPES)[number];

export interface EventRelay {
  /** Subscribe to a relayed type; `signal` unsubscribes. */
  on(type: RelayedType, fn: (e: Event) => void, signal?: AbortSignal): void;
  /** Are our window listeners still there? If document.open() erased them: re-register, tell onErased, return false. */
  check(): boolean;
  /** Re-register our window listeners now (after our own document.open(): re-adding a live one is a no-op). */
  reinstall(): void;
  /** Called when check() found our listeners erased (after they are back). */
  onErased(cb: () => void): void;
  /** Were our listeners ever erased in this document (the page's may now run before ours)? */
  readonly erased: boolean;
  /** The extension context is gone: remove our listeners for good. */
  stop(): void;
}

export interface RelayOptions {
  window: Window;
  /** Called before the first delivery of any event (builds the pending interceptor: lib/guard/start.ts). */
  wake(): void;
}

export function createRelay(o: RelayOptions): EventRelay {
  const win = o.window;
  const subs: Record<string, ((e: Event) => void)[]> = Object.create(null);
  const erasedSubs: (() => void)[] = [];
  let awake = false;
  let stopped = false;

  function dispatch(e: Event) {
    try {
      if (!awake) {
        awake = true;
        o.wake();
      }
      const list = subs[e.type];
      if (!list) return;
      // A copy: a subscriber may unsubscribe (or another subscribe) during delivery.
      const now = list.length === 1 ? list : list.slice();
      for (let i = 0; i < now.length; i++) {
        try {
          now[i](e);
        } catch {
          /* a failing subscriber never breaks the others, nor the page's dispatch */
        }
        if (e.cancelBubble) return; // stopped (stopImmediatePropagation): later subscribers would not have run either
      }
    } catch {
      /* never throw into the page's event dispatch */
    }
  }

  // A fixed name: knowing it gives the page nothing (only our own listener can answer the canary,
  // and a page that swallows it only makes us re-register and, on a lock, erase its page back).
  // No Math.random() + toString(36) in every frame of every page at document_start.
  const canaryType = 'shoken-guard-canary';
  let canaryHit = false;
  const canary = () => void (canaryHit = true);

  // This runs in every frame of every page at document_start: `true` (capture) rather than an
  // options object (the binding reads no dictionary), and no abort signal per listener. pointerdown
  // is passive: nobody may cancel it (a listener there must not delay input).
  const passive: AddEventListenerOptions = { capture: true, passive: true };
  function install() {
    if (stopped) return;
    for (let i = 0; i < RELAYED_TYPES.length; i++) {
      const type = RELAYED_TYPES[i];
      win.addEventListener(type, dispatch, type === 'pointerdown' ? passive : true);
    }
    win.addEventListener(canaryType, canary);
  }

  function intact(): boolean {
    canaryHit = false;
    try {
      win.dispatchEvent(new Event(canaryType));
    } catch {
      return true;
    }
    return canaryHit;
  }

  // The first registration written out, not install(): a function called once at load is one
  // more lazy compile in every fresh renderer (about 30 µs each: npm run bench -- page-cost).
  for (let i = 0; i < RELAYED_TYPES.length; i++) {
    const type = RELAYED_TYPES[i];
    win.addEventListener(type, dispatch, type === 'pointerdown' ? passive : true);
  }
  win.addEventListener(canaryType, canary);

  const api: { -readonly [K in keyof EventRelay]: EventRelay[K] } = {
    on(type, fn, signal) {
      if (!RELAYED_TYPES.includes(type)) throw new Error(`not a relayed event type: ${type}`);
      if (signal?.aborted) return;
      (subs[type] ??= []).push(fn);
      signal?.addEventListener(
        'abort',
        () => {
          const list = subs[type];
          const at = list ? list.indexOf(fn) : -1;
          if (at >= 0) list!.splice(at, 1);
        },
        { once: true },
      );
    },
    check() {
      if (stopped || intact()) return true;
      api.erased = true;
      install();
      for (const cb of erasedSubs.slice()) {
        try {
          cb();
        } catch {
          /* ignore */
        }
      }
      return false;
    },
    reinstall: install,
    onErased(cb) {
      erasedSubs.push(cb);
    },
    // A plain property, not a getter: an object literal with an accessor is built on a slow path.
    erased: false,
    stop() {
      if (stopped) return;
      stopped = true;
      // An options object, not `true`: Node's EventTarget (the unit tests) matches capture only that way.
      const capture = { capture: true };
      for (let i = 0; i < RELAYED_TYPES.length; i++) win.removeEventListener(RELAYED_TYPES[i], dispatch, capture);
      win.removeEventListener(canaryType, canary);
    },
  };
  return api;
}
