import type { ContentProtocol, FrameStatus, ReuseCheckResult } from '../messaging/protocol';
import type { GuardHooks } from '../guard/hooks';
import { createTypingBuffer, type TypingBuffer } from './buffer';
import { REUSE } from './limits';

/**
 * Content side of password reuse (opt-in). Two roles, decided by the background per frame:
 * - remember (genuine broker origin): at a trusted submit / Enter / click in a form with a
 *   password field, hand the password(s) to the background, which keeps only a truncated tag.
 * - detect (any other non-locked origin): a typing buffer fed ONLY by trusted key, paste, drop
 *   and IME events (the page cannot feed it strings of its choice, so it cannot probe); after
 *   each change the buffer is checked by the background. On a match: stop the submission,
 *   clear the field, and tell the user to change the password at the genuine site now.
 * The content script never holds a stored tag, a stored length, or the list of brokers.
 */
export interface ReuseContentDeps {
  window: Window;
  send<K extends 'reuse/mode' | 'reuse/check' | 'reuse/remember'>(type: K, payload: ContentProtocol[K]['req']): Promise<ContentProtocol[K]['res']>;
  /** Shows the alert (the guard's notice); returns nothing. */
  alert(match: Extract<ReuseCheckResult, { match: true }>, anchor: Element | null): void;
  signal: AbortSignal;
  now?: () => number;
  /** Subscribes instead of `window` capture listeners (the guard's relay: lib/guard/relay.ts). */
  listen?(type: 'keydown' | 'paste' | 'drop' | 'compositionend' | 'submit' | 'click', fn: (e: Event) => void, signal: AbortSignal): void;
}

type Mode = 'off' | 'remember' | 'detect';

function deepActive(doc: Document): Element | null {
  let a: Element | null = doc.activeElement;
  for (let i = 0; a && a.shadowRoot && a.shadowRoot.activeElement && i < 32; i++) a = a.shadowRoot.activeElement;
  return a;
}

function passwordFields(doc: Document, near: Element | null): HTMLInputElement[] {
  const out = new Set<HTMLInputElement>();
  const a = near && (near as HTMLInputElement).type === 'password' ? (near as HTMLInputElement) : null;
  if (a) out.add(a);
  const scope: ParentNode = (near as HTMLInputElement | null)?.form ?? doc;
  const list = scope.querySelectorAll('input[type=password]');
  for (let i = 0; i < list.length && i < 20; i++) out.add(list[i] as HTMLInputElement);
  return [...out];
}

export function armPasswordReuse(hooks: GuardHooks, deps: ReuseContentDeps) {
  const win = deps.window;
  const doc = win.document;
  const opts = { capture: true, signal: deps.signal } as const;
  let modeP: Promise<Mode> | undefined;
  const mode = () => (modeP ??= deps.send('reuse/mode', {}).then((r) => r?.mode ?? 'off', () => 'off' as Mode));
  const status = (): FrameStatus | undefined => hooks.status();

  // ---- remember (genuine origin) ------------------------------------------------------------
  const remembered = new Set<string>();
  async function remember(near: Element | null) {
    const secrets = passwordFields(doc, near)
      .map((f) => f.value)
      .filter((v) => v.length >= REUSE.minLength && v.length <= REUSE.maxLength && !remembered.has(v));
    if (!secrets.length || (await mode()) !== 'remember') return;
    for (const s of secrets) remembered.add(s);
    void deps.send('reuse/remember', { secrets }).catch(() => {});
  }

  // ---- detect (elsewhere) ----------------------------------------------------------------------
  const buffer: TypingBuffer = createTypingBuffer({ now: deps.now ?? (() => Date.now()) });
  let inFlight = 0;
  let tripped = false;
  const held: (() => void)[] = [];

  function settle() {
    if (inFlight > 0) return;
    const resume = held.splice(0);
    if (!tripped) for (const r of resume) r();
  }

  function trip(m: Extract<ReuseCheckResult, { match: true }>) {
    const active = deepActive(doc);
    if (!tripped) {
      tripped = true;
      held.length = 0;
      buffer.clear();
      // Clear what was typed: the focused field and every password field.
      for (const f of passwordFields(doc, active)) f.value = '';
      if (active && (active.localName === 'input' || active.localName === 'textarea')) (active as HTMLInputElement).value = '';
    }
    deps.alert(m, active);
  }

  async function check() {
    const tail = buffer.tail();
    if (!tail || (await mode()) !== 'detect') return;
    inFlight++;
    try {
      const r = await deps.send('reuse/check', { tail });
      if (r && r.match) trip(r);
    } catch {
      /* worker restarting: this keystroke goes unchecked */
    } finally {
      inFlight--;
      settle();
    }
  }

  function detecting(): boolean {
    const s = status();
    return !!s && s.action !== 'lock' && s.verdict.kind !== 'genuine' && s.verdict.kind !== 'impostor';
  }

  function onKey(e: KeyboardEvent) {
    if (!e.isTrusted) return;
    const s = status();
    if (s?.verdict.kind === 'genuine') {
      if (e.key === 'Enter') void remember(deepActive(doc));
      return;
    }
    if (!detecting()) return;
    if (e.key === 'Enter') {
      if (tripped) return block(e);
      if (inFlight > 0) {
        // The last characters are still being checked: hold Enter, then submit the form ourselves.
        block(e);
        const form = (deepActive(doc) as HTMLInputElement | null)?.form;
        if (form) held.push(() => form.requestSubmit());
      }
      return;
    }
    if (e.isComposing || e.ctrlKey || e.metaKey || (e.altKey && !e.getModifierState?.('AltGraph'))) return;
    if (e.key === 'Backspace') buffer.backspace();
    else if ([...e.key].length === 1) buffer.type(e.key);
    else return;
    void check();
  }

  function onText(e: Event) {
    if (!e.isTrusted || !detecting()) return;
    const text =
      e.type === 'paste'
        ? (e as ClipboardEvent).clipboardData?.getData('text/plain')
        : e.type === 'drop'
          ? (e as DragEvent).dataTransfer?.getData('text/plain')
          : (e as CompositionEvent).data;
    if (!text) return;
    buffer.insert(text.slice(0, REUSE.maxLength * 2));
    void check();
  }

  function block(e: Event) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  function onSubmit(e: Event) {
    // Trusted or not (our own requestSubmit after a clean check, or the page's script): judged alike.
    const s = status();
    if (s?.verdict.kind === 'genuine') {
      void remember((e.target as HTMLFormElement | null)?.querySelector?.('input[type=password]') ?? null);
      return;
    }
    if (!detecting()) return;
    if (tripped) return block(e);
    if (inFlight > 0) {
      block(e);
      const form = e.target as HTMLFormElement;
      const submitter = (e as SubmitEvent).submitter ?? null;
      held.push(() => form.requestSubmit(submitter as HTMLElement | null));
    }
  }

  function onClick(e: MouseEvent) {
    if (!e.isTrusted || status()?.verdict.kind !== 'genuine') return;
    const t = e.target as Element | null;
    const btn = t?.closest?.('button, input[type=submit], [role=button]');
    if (btn) void remember((btn as HTMLButtonElement).form?.querySelector('input[type=password]') ?? deepActive(doc));
  }

  // A hostile page must never make our listeners throw into its event dispatch.
  const safe =
    <E extends Event>(f: (e: E) => void) =>
    (e: Event) => {
      try {
        f(e as E);
      } catch {
        /* ignore */
      }
    };
  const listen = deps.listen ?? ((type, fn, signal) => win.addEventListener(type, fn, { ...opts, signal }));
  listen('keydown', safe(onKey), deps.signal);
  listen('paste', safe(onText), deps.signal);
  listen('drop', safe(onText), deps.signal);
  listen('compositionend', safe(onText), deps.signal);
  listen('submit', safe(onSubmit), deps.signal);
  listen('click', safe(onClick), deps.signal);

  return {
    /** For tests: whether this frame has caught a reused password. */
    get tripped() {
      return tripped;
    },
  };
}
