import type { PendingBuffer, PendingEntry } from './pending-buffer';

/**
 * Releasing what the pending interceptor held (lib/guard/pending-buffer.ts), in the guard's core:
 * replayed into the same fields with `execCommand('insertText')` when the frame is judged genuine
 * or unrelated — the page sees ordinary input (trusted beforeinput/input events, undo history,
 * frameworks' value tracking), so the user loses no character — or dropped unseen, and whatever
 * slipped in wiped, when it is judged an impostor.
 */

export interface ReplayEnv {
  deepActive(): Element | null;
}

function exec(doc: Document, command: string, value?: string): boolean {
  try {
    return doc.execCommand(command, false, value);
  } catch {
    return false;
  }
}

function fallbackInsert(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  try {
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.setRangeText(text, start, end, 'end');
  } catch {
    field.value += text;
  }
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

function apply(entry: PendingEntry, env: ReplayEnv) {
  const { field, op } = entry;
  if (!field.isConnected) return;
  const doc = field.ownerDocument;
  if (env.deepActive() !== field) field.focus({ preventScroll: true });
  switch (op.kind) {
    case 'insert':
      if (!exec(doc, 'insertText', op.text)) fallbackInsert(field, op.text);
      break;
    case 'delete-backward':
      exec(doc, 'delete');
      break;
    case 'delete-forward':
      exec(doc, 'forwardDelete');
      break;
    case 'enter':
      // Implicit submission the user asked for with Enter.
      try {
        field.form?.requestSubmit();
      } catch {
        /* form invalid / detached */
      }
      break;
  }
}

/** Genuine / unrelated: hand everything to the page, in order, as real input. */
export function replayPending(buffer: PendingBuffer, env: ReplayEnv): void {
  const { ops, dirty } = buffer;
  const before = env.deepActive() as HTMLElement | null;
  const touched = new Set<HTMLInputElement | HTMLTextAreaElement>();
  const list = ops.splice(0);
  for (const e of list) {
    touched.add(e.field);
    try {
      apply(e, env);
    } catch {
      /* one field failing must not lose the others */
    }
  }
  for (const f of dirty) {
    if (touched.has(f) || !f.isConnected) continue;
    f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    f.dispatchEvent(new Event('change', { bubbles: true }));
  }
  dirty.clear();
  try {
    if (before && before.isConnected && env.deepActive() !== before) before.focus({ preventScroll: true });
  } catch {
    /* focus refused */
  }
}

/** Impostor: the typed characters are dropped, and anything that slipped in is wiped. */
export function discardPending(buffer: PendingBuffer): void {
  const { ops, dirty } = buffer;
  const fields = new Set(ops.splice(0).map((e) => e.field));
  for (const f of dirty) fields.add(f);
  dirty.clear();
  for (const f of fields) {
    try {
      f.value = '';
    } catch {
      /* detached */
    }
  }
}
