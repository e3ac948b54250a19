import type { ContentProtocol, FrameStatus } from '../messaging/protocol';
import type { GuardHooks } from '../guard/hooks';
import type { collectIdentity } from './collect';

/**
 * Content side of page identity: when the page guard announces a credential field on a page
 * that is neither genuine nor already locked, collect what the page claims to be (bounded,
 * collect.ts) and report it; the background decides and, if needed, locks the frame through
 * the guard (guard/status push). Nothing runs on pages without a credential field; the
 * collector itself is loaded only then (it travels with the guard's on-demand UI), while
 * credential input stays held.
 */
export type Collect = typeof collectIdentity;
export interface IdentityContentDeps {
  /** Where to listen for focus on credential fields (re-collect: SPAs render the branding late). */
  window?: Window;
  /** Subscribes instead of `window` listeners (the guard's relay: lib/guard/relay.ts). */
  listen?(type: 'focusin', fn: (e: Event) => void): void;
  isCredentialField?: (el: Element) => boolean;
  send<K extends 'identity/report' | 'identity/credential-typed'>(type: K, payload: ContentProtocol[K]['req']): Promise<ContentProtocol[K]['res']>;
  setTimeout(cb: () => void, ms: number): unknown;
  /** The collector: returned at once when already loaded, else a promise of it (loaded on demand). */
  collector(): Collect | Promise<Collect>;
}

/** Reports per frame: a page that keeps adding fields cannot make us work without end. */
export const MAX_REPORTS = 6;
const DEBOUNCE_MS = 30;
/** Longest the guard holds credential input while a report is judged (then fails open). */
export const HOLD_MS = 1500;
const NEVER = new Set(['related-group', 'exempt', 'not-web']);

export function judgeable(s: FrameStatus | undefined): boolean {
  if (!s || s.action === 'lock') return false;
  const v = s.verdict;
  if (v.kind !== 'unrelated' && v.kind !== 'suspicious') return false;
  return !v.reasons.some((r) => NEVER.has(r));
}

export function armPageIdentity(hooks: GuardHooks, deps: IdentityContentDeps): () => void {
  let reports = 0;
  let timer = false;
  let lastSent = '';
  let pending: { field: Element; document: Document } | undefined;
  let typedSent = false;

  // While a report is being prepared and judged, the guard holds credential input (buffered,
  // replayed if the answer is "no", dropped on a lock): a page dressed as a broker cannot take
  // the first characters typed before its lock lands. Fails open after HOLD_MS.
  let release: ((v?: unknown) => void) | undefined;
  function hold() {
    if (release || !hooks.holdCredentialInput) return;
    const until = new Promise((r) => (release = r));
    try {
      hooks.holdCredentialInput(until, HOLD_MS);
    } catch {
      release = undefined;
    }
  }
  function done(v?: Promise<unknown>) {
    const r = release;
    release = undefined;
    if (!r) return;
    if (v) void v.then(r, r);
    else r();
  }

  /** Runs `run` with the collector, synchronously when it is loaded; `done()` if it cannot load. */
  function withCollector(run: (collect: Collect) => void) {
    let c: Collect | Promise<Collect>;
    try {
      c = deps.collector();
    } catch {
      return done();
    }
    if (typeof c === 'function') return run(c);
    void Promise.resolve(c).then(
      (collect) => {
        try {
          run(collect);
        } catch {
          done();
        }
      },
      () => done(), // fails open, like a collection error
    );
  }

  function flush() {
    timer = false;
    const p = pending;
    pending = undefined;
    if (!p || reports >= MAX_REPORTS || !judgeable(hooks.status())) return done();
    withCollector((collect) => report(p, collect));
  }

  function report(p: { field: Element; document: Document }, collect: Collect) {
    if (reports >= MAX_REPORTS || !judgeable(hooks.status())) return done();
    let signals;
    try {
      signals = collect(p.document, p.field);
    } catch {
      return done();
    }
    const key = JSON.stringify(signals);
    if (key === lastSent) return done();
    lastSent = key;
    reports++;
    const sent = deps.send('identity/report', { signals });
    done(sent);
    void sent.catch(() => {});
  }

  function schedule(field: Element, document: Document, ms: number) {
    // The newest field wins: a PIN step that replaces the login form is what matters now.
    pending = { field, document };
    if (reports >= MAX_REPORTS) return;
    hold();
    if (!timer) {
      timer = true;
      deps.setTimeout(flush, ms);
    }
  }

  const offField = hooks.onCredentialField(({ field, document }) => {
    if (!judgeable(hooks.status())) return;
    schedule(field, document, DEBOUNCE_MS);
  });

  // "A password was typed here" (never what): the relay's PIN step comes right after it.
  const offInput = hooks.onCredentialInput(({ field, value }) => {
    if (typedSent || !value || (field as HTMLInputElement).type !== 'password') return;
    if (!judgeable(hooks.status())) return;
    typedSent = true;
    void deps.send('identity/credential-typed', {}).catch(() => {});
  });

  // The page may dress itself up after the field appeared (an SPA renders its logo later):
  // look again when the user focuses a credential field. Deduplicated and capped like above.
  const win = deps.window;
  const onFocus = (e: Event) => {
    try {
      onFocusInner(e);
    } catch {
      /* never throw into the page's dispatch */
    }
  };
  const onFocusInner = (e: Event) => {
    if (!e.isTrusted || !deps.isCredentialField) return;
    const t = e.composedPath?.()[0] ?? e.target;
    if (!t || (t as Node).nodeType !== 1 || !deps.isCredentialField(t as Element)) return;
    if (!judgeable(hooks.status()) || reports >= MAX_REPORTS || timer) return;
    let ready: Collect | undefined;
    try {
      const c = deps.collector();
      if (typeof c === 'function') ready = c;
    } catch {
      return;
    }
    if (ready) return refocus(t as Element, ready);
    // Not loaded yet: hold credential input while it loads, then look.
    hold();
    withCollector((collect) => {
      if (!judgeable(hooks.status()) || reports >= MAX_REPORTS) return done();
      refocus(t as Element, collect);
      if (!timer) done();
    });
  };
  // Synchronously when loaded (the first key comes in a later task), and only when the page now
  // claims something new: an unchanged page is not held at all, so typing stays untouched.
  const refocus = (t: Element, collect: Collect) => {
    let signals;
    try {
      signals = collect(t.ownerDocument, t);
    } catch {
      return;
    }
    const key = JSON.stringify(signals);
    if (key === lastSent) return;
    lastSent = key;
    reports++;
    hold();
    const sent = deps.send('identity/report', { signals });
    done(sent);
    void sent.catch(() => {});
  };
  let off = false;
  if (deps.listen) deps.listen('focusin', (e) => off || onFocus(e));
  else win?.addEventListener('focusin', onFocus, true);

  return () => {
    offField();
    offInput();
    off = true;
    win?.removeEventListener('focusin', onFocus, true);
  };
}
