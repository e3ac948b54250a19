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

export interface PendingEntry {
  field: HTMLInputElement | HTMLTextAreaElement;
  op: PendingOp;
}

const MAX_OPS = 4096;

/**
 * The record, in the always-on content script (lib/guard/pre-guard.ts): what was held, in order.
 * Its release — replay to the page, or discard — is the core's (lib/guard/pending-release.ts):
 * only frames that held something ever need that code.
 */
export function createPendingBuffer() {
  const ops: PendingEntry[] = [];
  const dirty = new Set<HTMLInputElement | HTMLTextAreaElement>();
  return {
    ops,
    dirty,
    get size() {
      return ops.length;
    },
    record(field: HTMLInputElement | HTMLTextAreaElement, op: PendingOp) {
      if (ops.length < MAX_OPS) ops.push({ field, op });
    },
    markDirty(field: HTMLInputElement | HTMLTextAreaElement) {
      dirty.add(field);
    },
  };
}

export type PendingBuffer = ReturnType<typeof createPendingBuffer>;
