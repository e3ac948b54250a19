import type { FormTargetDecision, FrameStatus } from '../messaging/protocol';
import type { Lang } from '../ui/i18n';
import { isCredentialField } from './credential';
import { deepActiveElement, deepTarget } from './deep';
import { createFormGuard } from './form-guard';
import { createEmitter, type CredentialElement, type CredentialFieldInfo, type CredentialInputInfo, type GuardHooks } from './hooks';
import type { LockOverlay } from './overlay';
import { discardPending, replayPending } from './pending-release';
import { asField, INPUT_EVENTS, KEY_EVENTS, type PreGuard } from './pre-guard';
import type { EventRelay, RelayedType } from './relay';
import { createUiLoader } from './ui-loader';
import type { GuardNotices } from './ui/notices';

/**
 * The guard of one frame: the core, injected into the frame's isolated world on first need
 * (lib/guard/start.ts, entrypoints/guard-core.ts). It hears events through the relay
 * (lib/guard/relay.ts), whose capture-phase listeners on `window` were registered at
 * document_start, before any page script: it runs before anything the page registers. It takes
 * over the pending interceptor that held credential input until it came (lib/guard/pre-guard.ts).
 *
 * Modes:
 * - pending  verdict not known yet: input aimed at a credential field is cancelled and buffered
 *            (replayed on release, dropped on lock) by the pending interceptor. Other typing is untouched.
 *
 * The verdict is not asked for at load (one runtime message per frame was the largest cost
 * the guard added to every page): the background pushes every NOT benign status itself when
 * the frame commits (lib/background/guard-push.ts), and this side asks (`need()`) only when it
 * needs to know: a credential field appears or gets focus, credential input or a submission
 * with a credential arrives, or the user first interacts with the frame (pointer, key, focus) —
 * the fallback that locks an impostor frame whose push was lost before anything can be typed
 * into a fake field drawn without inputs. Frames webNavigation does not report (about:blank,
 * about:srcdoc, data:, blob:) ask at once (`eager` in start.ts).
 * - open     genuine / unrelated (or continued): nothing is blocked; submissions are checked.
 * - caution  suspicious: a visible caution at credential fields; nothing blocked.
 * - lock     impostor: no key, input, paste, drop or composition event reaches the page at all,
 *            typed values are wiped, submissions are stopped, and the overlay is shown.
 */

export type GuardMode = 'pending' | 'open' | 'caution' | 'lock';

export interface GuardTransport {
  status(): Promise<FrameStatus>;
  continueAnyway(): Promise<{ ok: boolean }>;
  goGenuine(): Promise<{ ok: boolean }>;
  tampered(): Promise<{ ok: boolean }>;
  /** Injects the guard's UI (overlay, notices) into this frame's isolated world. */
  loadUi(): Promise<unknown>;
  formTarget(action: string): Promise<FormTargetDecision>;
}

export interface PageGuardOptions {
  window: Window;
  signal: AbortSignal;
  /** The UI language, or a function giving it (read only when UI is shown). */
  lang: Lang | (() => Lang);
  transport: GuardTransport;
  /** The first-registered window listeners (every listener of the guard goes through it). */
  relay: EventRelay;
  /** The pending interceptor of the always-on content script, taken over here. */
  pre: PreGuard;
}

/**
 * First user interaction with a frame whose verdict was never asked for: ask now (see need()).
 * pointerdown covers mouse, touch and pen; keys and focus already pass through handle()/onFocus.
 * (No touchstart: a touch listener on every frame makes the browser track touch regions.)
 */
const INTERACTION_EVENTS: RelayedType[] = ['pointerdown'];

export function createPageGuard(opts: PageGuardOptions) {
  const win = opts.window;
  const doc = win.document;
  const { signal, transport, relay, pre } = opts;
  let uiLang: Lang | undefined;
  const lang = (): Lang => (uiLang ??= typeof opts.lang === 'function' ? opts.lang() : opts.lang);
  const { open, buffer, credAtFocus } = pre;
  // The UI is loaded on demand (lib/guard/ui/install.ts); blocking never waits for it.
  const ui = createUiLoader(() => transport.loadUi());
  let overlay: LockOverlay | undefined;
  let notices: GuardNotices | undefined;
  function withUi(cb: () => void, make: 'overlay' | 'notices') {
    void ui()
      .then((m) => {
        if (make === 'overlay') overlay ??= m.createLockOverlay(win, signal);
        else notices ??= m.createGuardNotices(win, signal, lang());
        cb();
      })
      .catch(() => {
        /* no UI: the lock itself does not depend on it */
      });
  }
  const fieldSeen = createEmitter<CredentialFieldInfo>();
  const inputTap = createEmitter<CredentialInputInfo>();
  const statusTap = createEmitter<FrameStatus>();
  const announced = new WeakSet<Element>();
  let mode: GuardMode = 'pending';
  let status: FrameStatus | undefined;
  let fieldWatch: MutationObserver | undefined;
  let lockedCount = 0;
  /** Open holds (hooks.holdCredentialInput): credential input is buffered while > 0. */
  let holds = 0;

  const deepActive = () => deepActiveElement(doc, open);

  /** Credential fields found before the verdict: announced when it arrives (subscribers read status()). */
  let early: CredentialElement[] | undefined;

  function announce(el: Element | null, cheap = false) {
    const f = asField(el);
    if (!f || announced.has(f) || !isCredentialField(f, { cheap })) return;
    if (mode === 'pending') {
      need();
      if ((early ??= []).length < 500 && !early.includes(f)) early.push(f);
      return;
    }
    announced.add(f);
    fieldSeen.emit({ field: f, document: f.ownerDocument });
    if (mode === 'caution') showCaution(f);
  }

  // ---- the interceptor -------------------------------------------------------------------

  function onLocked(e: Event) {
    e.stopImmediatePropagation();
    if (overlay?.owns(e)) {
      // The user is on our overlay: its buttons work, the page learns nothing, Escape is refused.
      if (e.type === 'keydown' && (e as KeyboardEvent).key === 'Escape') e.preventDefault();
      return;
    }
    lockedCount++;
    if (e.cancelable) e.preventDefault();
    if (e.type === 'input' || e.type === 'compositionend' || e.type === 'change') {
      const f = asField(deepTarget(e, open));
      if (f) f.value = '';
    }
    overlay?.ensure();
  }

  function onOpen(e: Event) {
    if (e.type !== 'input') return;
    const f = asField(deepTarget(e, open));
    // Per keystroke: no computed style (no forced style recalculation while typing).
    if (!f || !(credAtFocus.has(f) || isCredentialField(f, { cheap: true }))) return;
    announce(f, true);
    inputTap.emit({ field: f, value: f.value, inputType: (e as InputEvent).inputType });
  }

  function handle(e: Event) {
    try {
      if (mode === 'lock') onLocked(e);
      else if (mode === 'pending' || holds > 0) pre.intercept(e);
      else onOpen(e);
    } catch {
      /* never let an exception escape into the page's event dispatch */
    }
  }

  function onFocus(e: Event) {
    try {
      if (e.isTrusted && !asked) need();
      const t = deepTarget(e, open);
      if (mode === 'lock') {
        if (!overlay?.owns(e) && t && (t as HTMLElement).blur) {
          (t as HTMLElement).blur();
          overlay?.ensure();
        }
        return;
      }
      if (!t || !isCredentialField(t)) return;
      credAtFocus.add(t);
      announce(t); // pending: asks for the verdict and announces the field when it arrives
      if (mode === 'pending') return;
      if (mode === 'caution') showCaution(t);
      else if (status?.verdict.kind !== 'genuine') forms.prefetch(t);
    } catch {
      /* ignore */
    }
  }

  // document.open() erases every listener of the window and document: the relay puts ours back
  // (relay.check, from the start-up document watch and the lock's tick) and tells us (onErased).
  let evicted = false;

  function install() {
    for (const type of KEY_EVENTS) relay.on(type, handle, signal);
    for (const type of INPUT_EVENTS) relay.on(type, handle, signal);
    relay.on('focusin', onFocus, signal);
    if (!asked) for (const type of INTERACTION_EVENTS) relay.on(type, onInteraction, interaction.signal);
  }

  // ---- the verdict, asked lazily -----------------------------------------------------------

  /** Whether the verdict was asked for (or pushed): the interaction listeners go then. */
  let asked = false;
  const interaction = new AbortController();
  signal.addEventListener('abort', () => interaction.abort(), { once: true });

  function onInteraction(e: Event) {
    if (e.isTrusted) need();
  }

  /** Ask the background for this frame's verdict, once (a pushed status makes it unnecessary). */
  function need() {
    if (asked) return;
    asked = true;
    interaction.abort();
    void refresh().catch(() => {});
  }

  /**
   * Our listeners were erased and re-added behind the page's. A locked page can now hear
   * keys before us: it is taken away (top frame → warning page via the background; a child
   * frame blanks itself).
   */
  function evict() {
    if (evicted) return;
    evicted = true;
    if (win.top === win) void transport.tampered().catch(() => {});
    else {
      try {
        win.location.replace('about:blank');
      } catch {
        /* ignore */
      }
    }
  }

  /**
   * Erase them back: document.open() from here erases every listener again — the page's
   * included — and ours are re-added at once, in this same task, so no input event can be
   * dispatched to the page's listeners in between. The impostor's content goes with it.
   */
  function eraseBack() {
    try {
      doc.open();
      doc.write('<!doctype html><html><head><title></title></head><body></body></html>');
      doc.close();
    } catch {
      /* document.open refused (parser-blocking state): eviction below still runs */
    }
    relay.reinstall();
    overlay?.ensure();
    evict();
  }

  relay.onErased(() => {
    if (mode === 'lock') eraseBack();
  });

  // ---- caution ---------------------------------------------------------------------------

  function showCaution(field: Element) {
    const st = status;
    if (!st) return;
    withUi(() => {
      if (mode === 'caution') notices!.showCaution(st, field, () => void transport.goGenuine().catch(() => {}));
    }, 'notices');
  }

  /** Fields a scan found plain, with the type they had: not re-checked by the next scans unless it changed. */
  const plain = new WeakMap<Element, string>();
  function look(el: HTMLInputElement | HTMLTextAreaElement) {
    if (plain.get(el) === el.type || announced.has(el)) return;
    announce(el, true);
    if (!announced.has(el) && !early?.includes(el)) plain.set(el, el.type);
  }

  function scanFields(root: ParentNode) {
    try {
      // Two single-tag queries: Blink answers those on a fast path; the selector list
      // 'input, textarea' took ~10× as long on a 6,000-element page (0.38 ms vs 0.04 ms).
      const inputs = root.querySelectorAll('input');
      for (let i = 0; i < inputs.length && i < 500; i++) look(inputs[i]);
      const areas = root.querySelectorAll('textarea');
      for (let i = 0; i < areas.length && i < 100; i++) look(areas[i]);
    } catch {
      /* ignore */
    }
  }

  /**
   * Credential-field discovery (only when somebody needs it: caution mode or hook subscribers).
   * One scan at DOMContentLoaded, then a MutationObserver that looks only into what was added
   * (two single-tag queries per added subtree, a few µs) or switched (`type`).
   */
  function watchFields() {
    if (fieldWatch || mode === 'lock') return;
    if (mode !== 'caution' && fieldSeen.size === 0) return;
    const mo = new MutationObserver((records) => {
      try {
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r.type === 'attributes') {
            announce(r.target as Element, true);
            continue;
          }
          const added = r.addedNodes;
          for (let k = 0; k < added.length; k++) {
            const n = added[k];
            if (n.nodeType !== 1) continue;
            const el = n as Element;
            if (el.localName === 'input' || el.localName === 'textarea') look(el as CredentialElement);
            else if (el.firstElementChild) scanFields(el);
          }
        }
      } catch {
        /* ignore */
      }
    });
    fieldWatch = mo;
    signal.addEventListener('abort', () => mo.disconnect(), { once: true });
    // Not while the parser runs (every parsed node would be a mutation record): one scan at
    // DOMContentLoaded, then only what scripts add or switch.
    const begin = () => {
      if (fieldWatch !== mo) return;
      mo.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ['type'] });
      scanFields(doc);
    };
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', begin, { once: true, signal });
    else begin();
  }


  // ---- forms -----------------------------------------------------------------------------

  const forms = createFormGuard({
    window: win,
    signal,
    relay,
    need: () => need(),
    mode: () => mode,
    status: () => status,
    transport,
    onBlocked(field, decision) {
      if (mode === 'lock') return overlay?.ensure();
      const st = status;
      withUi(() => notices!.showBlocked(st, field, decision), 'notices');
    },
  });

  // ---- status ----------------------------------------------------------------------------

  function apply(next: FrameStatus) {
    const prev = mode;
    status = next;
    if (!asked) {
      asked = true;
      interaction.abort();
    }
    const target: GuardMode = next.action === 'lock' ? 'lock' : next.action === 'caution' ? 'caution' : 'open';
    mode = target;
    if (target === 'lock') {
      discardPending(buffer);
      // Anything autofilled or typed before the lock is wiped.
      scrubCredentialFields();
      try {
        (deepActive() as HTMLElement | null)?.blur?.();
      } catch {
        /* ignore */
      }
      notices?.hide();
      withUi(() => {
        if (mode !== 'lock' || status !== next) return;
        overlay!.show({
        status: next,
        pageHost: win.location.hostname || next.concernOrigin || '',
        lang: lang(),
        onContinue: () =>
          void transport
            .continueAnyway()
            .then((r) => (r.ok ? refresh() : undefined))
            .catch(() => {}),
        onGoGenuine: () => void transport.goGenuine().catch(() => {}),
        });
      }, 'overlay');
      fieldWatch?.disconnect();
      fieldWatch = undefined;
      // Erased at any time in this document, even before the guard was built: the page's
      // listeners may now run before ours.
      if (relay.erased) eraseBack();
      lockTick ??= setInterval(() => {
        try {
          if (mode === 'lock') relay.check();
        } catch {
          /* ignore */
        }
      }, 250);
    } else {
      if (lockTick) clearInterval(lockTick);
      lockTick = undefined;
      if (prev === 'lock') overlay?.hide();
      if (target !== 'caution') notices?.hideCaution();
      // Fields found while pending are announced BEFORE the held input is replayed: a subscriber
      // may hold credential input (page identity judges the page first, hooks.holdCredentialInput),
      // and the keys typed while the verdict was asked for must wait for it too — they are
      // replayed when the hold ends, or dropped by a lock.
      const found = early;
      early = undefined;
      if (found) for (const f of found) if (f.isConnected) announce(f);
      if (prev === 'pending' && holds === 0) replayPending(buffer, { deepActive });
      if (found && target === 'open' && next.verdict.kind !== 'genuine') {
        // A field focused while the verdict was being asked for: judge its destination ahead.
        const a = deepActive();
        if (a && credAtFocus.has(a)) forms.prefetch(a);
      }
      watchFields();
      if (target === 'caution') {
        const a = deepActive();
        if (a && isCredentialField(a)) showCaution(a);
      }
    }
    statusTap.emit(next);
  }

  function scrubCredentialFields() {
    try {
      const list = doc.querySelectorAll('input, textarea');
      for (let i = 0; i < list.length; i++) {
        const f = list[i] as CredentialElement;
        if (f.value && isCredentialField(f)) f.value = '';
      }
    } catch {
      /* ignore */
    }
  }

  // A status pushed by the background is newer than any answer still in flight.
  let epoch = 0;
  async function refresh() {
    const asked = epoch;
    const s = await transport.status();
    if (asked === epoch) apply(s);
  }
  function push(next: FrameStatus) {
    epoch++;
    apply(next);
  }

  let lockTick: ReturnType<typeof setInterval> | undefined;
  signal.addEventListener('abort', () => lockTick && clearInterval(lockTick), { once: true });

  // What the pending interceptor gathered before this core existed: fields focused (announced
  // with the verdict), submissions held (judged now), whether the user already interacted.
  const taken = pre.handover(() => need());
  if (taken.early.length) early = taken.early;
  install();
  forms.install();
  if (taken.wanted) need();
  for (const h of taken.held) forms.resume(h);

  const hooks: GuardHooks = {
    onCredentialField(cb) {
      const off = fieldSeen.on(cb);
      watchFields();
      return off;
    },
    onCredentialInput: (cb) => inputTap.on(cb),
    onStatus: (cb) => statusTap.on(cb),
    status: () => status,
    refresh,
    holdCredentialInput(until, maxMs = 3000) {
      holds++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise((r) => (timer = setTimeout(r, maxMs)));
      void Promise.race([Promise.resolve(until).catch(() => {}), timeout]).then(() => {
        if (timer) clearTimeout(timer);
        holds = Math.max(0, holds - 1);
        try {
          if (holds === 0 && (mode === 'open' || mode === 'caution')) replayPending(buffer, { deepActive });
        } catch {
          /* ignore */
        }
      });
    },
  };

  return {
    hooks,
    /** Apply a status pushed by the background ('guard/status', or the commit-time push). */
    apply: push,
    refresh,
    /** Ask for the verdict now unless it was already asked for or pushed (frames webNavigation does not report). */
    need,
    get mode() {
      return mode;
    },
    /** Diagnostics for tests (QA build): how many events were blocked, overlay re-assertions. */
    stats: () => ({ mode, holds, asked, blocked: pre.blocked + lockedCount, overlayReasserts: overlay?.reasserts ?? 0, overlayShown: !!overlay?.shown, pending: buffer.size }),
  };
}

export type PageGuard = ReturnType<typeof createPageGuard>;
