import { isCredentialField } from './credential';
import { createShadowOpener, deepTarget, type ShadowOpener } from './deep';
import { judgeByShape } from './destination';
import { credentialsIn, destinationOf } from './form-shape';
import type { CredentialElement } from './hooks';
import { createPendingBuffer, type PendingBuffer } from './pending-buffer';
import type { EventRelay, RelayedType } from './relay';

/**
 * The pending interceptor: the part of the page guard that must exist the moment the user
 * touches a frame, in the always-on content script (lib/guard/start.ts).
 *
 * The rest of the guard (lib/guard/page-guard.ts: verdicts, lock, caution, form checks, page
 * identity, password reuse) is its "core", injected into the frame's isolated world on demand
 * (entrypoints/guard-core.ts, 'guard/load-core'): most frames never need it, and compiling it in
 * every frame of every page was the largest part of what the extension cost a page that has no
 * credential field (npm run bench -- page-cost). Until the core is there — and, inside the core,
 * until the verdict is known — this interceptor holds credential input exactly as the guard's
 * pending mode always did: input aimed at a credential field is cancelled and buffered
 * (replayed on release, dropped on lock); other typing is untouched. The page's own synthetic
 * events are ignored (they carry no user input). It also holds a submission that carries a
 * credential to a destination its shape does not already allow, and stops a scripted
 * `form.submit()` whose destination's shape is refused (the core's form checks, same rules).
 *
 * Once the core is built it takes this interceptor over (`handover`): same buffer, same fields
 * found, same held submissions; the core calls `intercept` for its own pending mode, so the
 * pending logic exists once.
 */

export const KEY_EVENTS: RelayedType[] = ['keydown', 'keypress', 'keyup'];
export const INPUT_EVENTS: RelayedType[] = ['beforeinput', 'input', 'textInput', 'change', 'paste', 'drop', 'compositionstart', 'compositionupdate', 'compositionend'];

export function asField(el: Element | null): CredentialElement | null {
  return el && (el.localName === 'input' || el.localName === 'textarea') ? (el as CredentialElement) : null;
}

/** A submission held before the core was there (the core judges it and re-submits or refuses). */
export interface HeldSubmission {
  form: HTMLFormElement;
  submitter: HTMLElement | null;
}

/** What the core takes over. */
export interface Handover {
  /** Credential fields focused before the core: announced when the verdict arrives. */
  early: CredentialElement[];
  held: HeldSubmission[];
  /** The user interacted (or credential input arrived): the verdict must be asked for at once. */
  wanted: boolean;
}

export interface PreGuard {
  readonly buffer: PendingBuffer;
  readonly open: ShadowOpener;
  /** Fields found to be credentials at focus (the full check ran once there). */
  readonly credAtFocus: WeakSet<Element>;
  /** Credential events cancelled while pending. */
  readonly blocked: number;
  /** Pending-mode interception of one relayed input event (the core calls it while pending or holding). */
  intercept(e: Event): void;
  /** The core takes over: this interceptor's own subscriptions end; `need` now asks the core. */
  handover(need: () => void): Handover;
}

export interface PreGuardOptions {
  window: Window;
  relay: EventRelay;
  /** The frame needs the core (and its verdict): user interaction, credential input or submission. */
  need(): void;
}

export function createPreGuard(o: PreGuardOptions): PreGuard {
  const win = o.window;
  const open = createShadowOpener();
  const buffer = createPendingBuffer();
  const credAtFocus = new WeakSet<Element>();
  const early: CredentialElement[] = [];
  const held: HeldSubmission[] = [];
  let need = o.need;
  let wanted = false;
  let blocked = 0;
  let own = true;
  let last: HeldSubmission | undefined;

  const needed = () => {
    wanted = true;
    need();
  };

  function intercept(e: Event) {
    // The page's own synthetic events carry no user input and have no default action (a
    // dispatched keydown types nothing): recording them would replay the page's own text into
    // the field a second time. Only the user's (trusted) input is held.
    if (!e.isTrusted) return;
    // The user is typing into a frame whose verdict was never asked for: ask now.
    needed();
    const t = asField(deepTarget(e, open));
    if (!t || !isCredentialField(t)) return;
    e.stopImmediatePropagation();
    blocked++;
    switch (e.type) {
      case 'keydown': {
        const k = e as KeyboardEvent;
        if (k.isComposing || k.key === 'Process') return buffer.markDirty(t);
        if (k.ctrlKey || k.metaKey || (k.altKey && !k.getModifierState?.('AltGraph'))) return; // shortcuts; paste comes as 'paste'
        if ([...k.key].length === 1) {
          k.preventDefault();
          buffer.record(t, { kind: 'insert', text: k.key });
        } else if (k.key === 'Backspace') {
          k.preventDefault();
          buffer.record(t, { kind: 'delete-backward' });
        } else if (k.key === 'Delete') {
          k.preventDefault();
          buffer.record(t, { kind: 'delete-forward' });
        } else if (k.key === 'Enter' && t.localName === 'input') {
          k.preventDefault();
          buffer.record(t, { kind: 'enter' });
        }
        return;
      }
      case 'keypress':
        return e.preventDefault();
      case 'beforeinput': {
        const ie = e as InputEvent;
        if (!ie.cancelable) return buffer.markDirty(t);
        ie.preventDefault();
        if (ie.data && ie.inputType.startsWith('insert')) buffer.record(t, { kind: 'insert', text: ie.data });
        else if (ie.inputType === 'deleteContentBackward') buffer.record(t, { kind: 'delete-backward' });
        else if (ie.inputType === 'deleteContentForward') buffer.record(t, { kind: 'delete-forward' });
        return;
      }
      case 'paste': {
        e.preventDefault();
        const text = (e as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
        if (text) buffer.record(t, { kind: 'insert', text });
        return;
      }
      case 'drop': {
        e.preventDefault();
        const text = (e as DragEvent).dataTransfer?.getData('text/plain') ?? '';
        if (text) buffer.record(t, { kind: 'insert', text });
        return;
      }
      case 'input':
      case 'change':
      case 'compositionstart':
      case 'compositionupdate':
      case 'compositionend':
        return buffer.markDirty(t);
      default:
        return;
    }
  }

  // ---- until the core takes over ----------------------------------------------------------

  const mine = (fn: (e: Event) => void) => (e: Event) => {
    if (!own) return;
    try {
      fn(e);
    } catch {
      /* never let an exception escape into the page's event dispatch */
    }
  };

  function onFocus(e: Event) {
    if (e.isTrusted) needed();
    const t = asField(deepTarget(e, open));
    if (!t || !isCredentialField(t)) return;
    credAtFocus.add(t);
    if (early.length < 500 && !early.includes(t)) early.push(t);
  }

  function onSubmit(e: Event) {
    const form = e.target as HTMLFormElement | null;
    if (!form || form.localName !== 'form') return;
    const submitter = (e as SubmitEvent).submitter ?? null;
    last = { form, submitter };
    if (credentialsIn(form).length === 0) return;
    needed();
    if (judgeByShape(destinationOf(win, form, submitter), win.location.href)?.allowed) return;
    // Off-origin (or refused by shape): held until the core has judged it (fail closed).
    e.preventDefault();
    e.stopImmediatePropagation();
    if (!held.some((h) => h.form === form)) held.push({ form, submitter });
  }

  function onFormData(e: Event) {
    const form = e.target as HTMLFormElement | null;
    if (!form || form.localName !== 'form') return;
    const submitter = last?.form === form ? last.submitter : null;
    last = undefined;
    const creds = credentialsIn(form);
    if (creds.length === 0) return;
    needed();
    // Not cancelable (form.submit() fires no submit event): what the core would decide
    // synchronously without a verdict — the destination's shape — blanks the credential entries
    // and stops the navigation. A foreign http(s) destination is the core's to judge later.
    const d = judgeByShape(destinationOf(win, form, submitter), win.location.href);
    if (!d || d.allowed) return;
    const fd = (e as FormDataEvent).formData;
    for (const f of creds) if (f.name) fd.set(f.name, '');
    queueMicrotask(() => win.stop());
    setTimeout(() => win.stop(), 0);
  }

  const subs = new AbortController();
  const onInput = mine(intercept);
  for (const type of KEY_EVENTS) o.relay.on(type, onInput, subs.signal);
  for (const type of INPUT_EVENTS) o.relay.on(type, onInput, subs.signal);
  o.relay.on('focusin', mine(onFocus), subs.signal);
  o.relay.on('pointerdown', mine((e) => e.isTrusted && needed()), subs.signal);
  o.relay.on('submit', mine(onSubmit), subs.signal);
  o.relay.on('formdata', mine(onFormData), subs.signal);

  return {
    buffer,
    open,
    credAtFocus,
    get blocked() {
      return blocked;
    },
    intercept,
    handover(next) {
      own = false;
      subs.abort();
      need = next;
      return { early: early.splice(0), held: held.splice(0), wanted };
    },
  };
}
