import type { FrameStatus } from '../messaging/protocol';

/**
 * Extension points of the page guard for the page-identity / password-reuse / PIN-OTP work
 * (issue 6). Subscribed to when the core builds the guard (lib/guard/core.ts → lib/identity/arm.ts):
 *
 *   guard.hooks.onCredentialField(({ document }) => sendIdentity(collectIdentity(document)));
 *   guard.hooks.onCredentialInput(({ value }) => reuse.feed(value));
 *
 * To lock a page after the fact, the background calls `guard.upgradeFrame(tabId, frameId,
 * verdict)` (lib/background/guard-status.ts), which pushes a new FrameStatus to the frames;
 * the content side applies it (`hooks.onStatus` tells subscribers).
 *
 * Callbacks run inside try/catch: a failing subscriber never breaks the guard.
 */

export type CredentialElement = HTMLInputElement | HTMLTextAreaElement;

export interface CredentialFieldInfo {
  field: CredentialElement;
  document: Document;
}

export interface CredentialInputInfo {
  field: CredentialElement;
  /** The field's value after this input landed (typed, pasted, dropped, autofilled, replayed). */
  value: string;
  /** InputEvent.inputType when known ('insertText', 'insertFromPaste', 'deleteContentBackward'...). */
  inputType?: string;
}

export interface GuardHooks {
  /** Once per credential field that appears (present at load, added later, type switched, in shadow roots when focused). */
  onCredentialField(cb: (info: CredentialFieldInfo) => void): () => void;
  /** Every change of a credential field's value that reaches the page (never on a locked page: nothing reaches it). */
  onCredentialInput(cb: (info: CredentialInputInfo) => void): () => void;
  /** Every status the frame adopts (initial verdict, continue-anyway, identity upgrade). */
  onStatus(cb: (status: FrameStatus) => void): () => void;
  /** The status in force (undefined while the verdict is pending). */
  status(): FrameStatus | undefined;
  /** Ask the background again (e.g. after the page changed what it claims to be). */
  refresh(): Promise<void>;
  /**
   * Hold credential input on this (open or caution) page until `until` settles or `maxMs`
   * passes: keystrokes, paste and drop aimed at credential fields are buffered exactly as while
   * the verdict is pending, then replayed — or dropped if a lock arrives meanwhile. Page identity
   * calls it around its report so a page that dresses up as a broker cannot take the first
   * characters typed before its upgrade to lock lands. Fails open after `maxMs` (default 3 s).
   */
  holdCredentialInput?(until: Promise<unknown>, maxMs?: number): void;
}

export function createEmitter<T>() {
  const subs = new Set<(v: T) => void>();
  return {
    on(cb: (v: T) => void) {
      subs.add(cb);
      return () => void subs.delete(cb);
    },
    emit(v: T) {
      for (const cb of subs) {
        try {
          cb(v);
        } catch {
          /* a subscriber's failure never breaks the guard */
        }
      }
    },
    get size() {
      return subs.size;
    },
  };
}
