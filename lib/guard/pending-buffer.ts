/**
 * Credential input typed before the verdict is known.
 *
 * Until the background has judged the frame (a cold service worker can take hundreds of ms),
 * nothing typed into a credential field may reach the page. The interceptor cancels each
 * keystroke / paste / drop at the window (capture phase, before any page listener) and records
 * it here. When the frame is judged genuine or unrelated, the operations are replayed into the
 * same field with `execCommand('insertText')`, which the page sees as ordinary input (trusted
 * beforeinput/input events, undo history, frameworks' value tracking) — so the user loses no
 * character. When the frame is judged an impostor, the buffer is dropped unseen.
 *
 * Non-cancelable paths (IME composition, browser autofill) change the value without our
 * consent: the field is marked dirty, its events are hidden from the page, and on release the
 * page is told with input/change events; on lock its value is wiped.
 */

export type PendingOp =
  | { kind: 'insert'; text: string }
  | { kind: 'delete-backward' }
  | { kind: 'delete-forward' }
  | { kind: 'enter' };

interface Entry {
  field: HTMLInputElement | HTMLTextAreaElement;
  op: PendingOp;
}

export interface ReplayEnv {
  deepActive(): Element | null;
}

const MAX_OPS = 4096;

export function createPendingBuffer() {
  const ops: Entry[] = [];
  const dirty = new Set<HTMLInputElement | HTMLTextAreaElement>();

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

  function apply(entry: Entry, env: ReplayEnv) {
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

  return {
    get size() {
      return ops.length;
    },
    record(field: HTMLInputElement | HTMLTextAreaElement, op: PendingOp) {
      if (ops.length < MAX_OPS) ops.push({ field, op });
    },
    markDirty(field: HTMLInputElement | HTMLTextAreaElement) {
      dirty.add(field);
    },
    /** Genuine / unrelated: hand everything to the page, in order, as real input. */
    replay(env: ReplayEnv) {
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
    },
    /** Impostor: the typed characters are dropped, and anything that slipped in is wiped. */
    discard() {
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
    },
  };
}

export type PendingBuffer = ReturnType<typeof createPendingBuffer>;
