import type { FormTargetDecision, FrameStatus } from '../messaging/protocol';
import { judgeByShape, judgeGenuineDestination } from './destination';
import { credentialsIn, destinationOf as destinationIn } from './form-shape';
import type { CredentialElement } from './hooks';
import type { GuardMode, GuardTransport } from './page-guard';
import type { HeldSubmission } from './pre-guard';
import type { EventRelay } from './relay';

/**
 * Where the password goes. Two checkpoints, both on the relay's capture-phase listeners on
 * `window` (registered at document_start, so they run before any page listener):
 *
 * 1. `submit` (user submit, Enter, `requestSubmit()`): the destination is the submitter's
 *    `formaction` or the form's action. An off-list destination is cancelled before any page
 *    handler sees the event; an unknown one (non-genuine page, foreign origin never judged) is
 *    held, judged by the background, and re-submitted with `requestSubmit()` if allowed.
 * 2. `formdata`, fired while the browser builds the entry list — after every submit handler
 *    ran (an action rewritten by the page's own submit listener is seen here), and also for
 *    `form.submit()`, which fires no submit event. The event is not cancelable, but its
 *    FormData IS the entry list that will be sent: the credential entries are blanked there,
 *    and the navigation is stopped (window.stop()) as soon as it is scheduled.
 *
 * Genuine broker pages decide synchronously from FrameStatus.formTargets (the broker's list
 * entry). Other pages ask the background (impostor destinations are stopped); the answer is
 * prefetched when a credential field gets focus so a later `form.submit()` finds it cached.
 */

export interface FormGuardOptions {
  window: Window;
  signal: AbortSignal;
  /** The first-registered window listeners (lib/guard/relay.ts). */
  relay: EventRelay;
  /** Ask for the frame's verdict (not asked at load: lib/guard/page-guard.ts). */
  need?(): void;
  mode(): GuardMode;
  status(): FrameStatus | undefined;
  transport: GuardTransport;
  onBlocked(field: CredentialElement | null, decision: FormTargetDecision): void;
}

const LOCKED: FormTargetDecision = { allowed: false, reason: 'impostor-destination' };

export function createFormGuard(o: FormGuardOptions) {
  const win = o.window;
  const cache = new Map<string, FormTargetDecision>();
  const inflight = new Map<string, Promise<FormTargetDecision>>();
  const released = new WeakSet<HTMLFormElement>();
  let last: { form: HTMLFormElement; submitter: HTMLElement | null } | undefined;

  function isForm(t: EventTarget | null): t is HTMLFormElement {
    return !!t && (t as Element).localName === 'form';
  }

  const destinationOf = (form: HTMLFormElement, submitter: HTMLElement | null) => destinationIn(win, form, submitter);

  function keyOf(dest: string): string {
    try {
      return new URL(dest, win.location.href).host;
    } catch {
      return dest;
    }
  }

  function decideSync(dest: string): FormTargetDecision | undefined {
    if (o.mode() === 'lock') return LOCKED;
    const s = o.status();
    const page = win.location.href;
    if (s?.verdict.kind === 'genuine' && s.formTargets) return judgeGenuineDestination(dest, page, s.formTargets);
    return judgeByShape(dest, page) ?? cache.get(keyOf(dest));
  }

  function ask(dest: string): Promise<FormTargetDecision> {
    const key = keyOf(dest);
    const known = cache.get(key);
    if (known) return Promise.resolve(known);
    let p = inflight.get(key);
    if (!p) {
      p = o.transport
        .formTarget(dest)
        .then((d) => {
          cache.set(key, d);
          return d;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  function onSubmit(e: Event) {
    try {
      const form = e.target;
      if (!isForm(form)) return;
      const submitter = (e as SubmitEvent).submitter ?? null;
      last = { form, submitter };
      if (o.mode() === 'lock') {
        e.preventDefault();
        e.stopImmediatePropagation();
        o.onBlocked(null, LOCKED);
        return;
      }
      if (released.has(form)) {
        released.delete(form);
        return;
      }
      const creds = credentialsIn(form);
      if (creds.length === 0) return;
      if (!o.status()) o.need?.();
      const dest = destinationOf(form, submitter);
      const d = decideSync(dest);
      if (d?.allowed) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (d) return o.onBlocked(creds[0], d);
      judgeHeld(form, submitter, creds[0], dest);
    } catch {
      /* never crash on a hostile page */
    }
  }

  /** Re-submits a held submission (its submit event then passes once). */
  function release(form: HTMLFormElement, submitter: HTMLElement | null) {
    released.add(form);
    const sub = submitter && (submitter as HTMLButtonElement).form === form ? submitter : null;
    form.requestSubmit(sub as HTMLButtonElement | null);
  }

  /** Unknown destination: the submission stays held until the background has judged it, then is re-submitted. */
  function judgeHeld(form: HTMLFormElement, submitter: HTMLElement | null, field: CredentialElement | null, dest: string) {
    void ask(dest)
      .then((d2) => {
        if (!d2.allowed) return o.onBlocked(field, d2);
        release(form, submitter);
      })
      .catch(() => {
        /* background unreachable: the submission stays held (fail closed) */
      });
  }

  function onFormData(e: Event) {
    try {
      const form = e.target;
      if (!isForm(form)) return;
      const submitter = last?.form === form ? last.submitter : null;
      last = undefined;
      const creds = credentialsIn(form);
      if (creds.length && !o.status()) o.need?.();
      const locked = o.mode() === 'lock';
      if (creds.length === 0 && !locked) return;
      const d = decideSync(destinationOf(form, submitter));
      if (!d || d.allowed) return;
      const fd = (e as FormDataEvent).formData;
      for (const f of creds) if (f.name) fd.set(f.name, '');
      if (locked) {
        // Nothing typed on an impostor reaches it, not even through a scripted submit.
        for (const [name, v] of Array.from(fd.entries())) if (typeof v === 'string' && v) fd.set(name, '');
      }
      // Stop the navigation as soon as it is scheduled (form.submit(): after this script;
      // a user submit: next task). The credential is already gone from the entry list.
      queueMicrotask(() => win.stop());
      setTimeout(() => win.stop(), 0);
      o.onBlocked(creds[0] ?? null, d);
    } catch {
      /* never crash */
    }
  }

  return {
    install() {
      o.relay.on('submit', onSubmit, o.signal);
      o.relay.on('formdata', onFormData, o.signal);
    },
    /** A submission the pending interceptor held before this guard existed (lib/guard/pre-guard.ts): judged as if it came now. */
    resume(h: HeldSubmission) {
      try {
        const { form, submitter } = h;
        if (!form.isConnected) return;
        if (o.mode() === 'lock') return o.onBlocked(null, LOCKED);
        const creds = credentialsIn(form);
        const dest = destinationOf(form, submitter);
        const d = creds.length ? decideSync(dest) : { allowed: true, reason: 'same-origin' as const };
        if (d && !d.allowed) return o.onBlocked(creds[0], d);
        if (d) return release(form, submitter);
        judgeHeld(form, submitter, creds[0], dest);
      } catch {
        /* never crash on a hostile page */
      }
    },
    /** Judge the field's form destination ahead of time (non-genuine pages). */
    prefetch(field: Element) {
      try {
        const form = (field as CredentialElement).form;
        if (!form) return;
        const dest = destinationOf(form, null);
        if (judgeByShape(dest, win.location.href)) return;
        void ask(dest).catch(() => {});
      } catch {
        /* ignore */
      }
    },
  };
}
