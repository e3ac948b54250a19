import type { ContentProtocol, FrameStatus } from '../messaging/protocol';
import type { GuardHooks } from '../guard/hooks';
import { collectIdentity } from './collect';

/**
 * Content side of page identity: when the page guard announces a credential field on a page
 * that is neither genuine nor already locked, collect what the page claims to be (bounded,
 * collect.ts) and report it; the background decides and, if needed, locks the frame through
 * the guard (guard/status push). Nothing runs on pages without a credential field.
 */
export interface IdentityContentDeps {
  /** Where to listen for focus on credential fields (re-collect: SPAs render the branding late). */
  window?: Window;
  isCredentialField?: (el: Element) => boolean;
  send<K extends 'identity/report' | 'identity/credential-typed'>(type: K, payload: ContentProtocol[K]['req']): Promise<ContentProtocol[K]['res']>;
  setTimeout(cb: () => void, ms: number): unknown;
}

/** Reports per frame: a page that keeps adding fields cannot make us work without end. */
export const MAX_REPORTS = 6;
const DEBOUNCE_MS = 30;
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

  function flush() {
    timer = false;
    const p = pending;
    pending = undefined;
    if (!p || reports >= MAX_REPORTS || !judgeable(hooks.status())) return;
    let signals;
    try {
      signals = collectIdentity(p.document, p.field);
    } catch {
      return;
    }
    const key = JSON.stringify(signals);
    if (key === lastSent) return;
    lastSent = key;
    reports++;
    void deps.send('identity/report', { signals }).catch(() => {});
  }

  const offField = hooks.onCredentialField(({ field, document }) => {
    if (!judgeable(hooks.status())) return;
    // The newest field wins: a PIN step that replaces the login form is what matters now.
    pending = { field, document };
    if (!timer) {
      timer = true;
      deps.setTimeout(flush, DEBOUNCE_MS);
    }
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
    if (!e.isTrusted || !deps.isCredentialField) return;
    const t = e.composedPath?.()[0] ?? e.target;
    if (!t || (t as Node).nodeType !== 1 || !deps.isCredentialField(t as Element)) return;
    if (!judgeable(hooks.status())) return;
    pending = { field: t as Element, document: (t as Element).ownerDocument };
    if (!timer) {
      timer = true;
      deps.setTimeout(flush, 0);
    }
  };
  win?.addEventListener('focusin', onFocus, true);

  return () => {
    offField();
    offInput();
    win?.removeEventListener('focusin', onFocus, true);
  };
}
