import { REUSE } from './limits';

/**
 * The typing buffer of one frame (content script). Holds at most REUSE.maxLength characters of
 * what the user typed or pasted (trusted events only), forgets everything after REUSE.idleMs
 * of silence, and yields the tail to check after each change. Pure apart from the injected
 * timer functions.
 */
export interface BufferClock {
  now(): number;
}

export function createTypingBuffer(clock: BufferClock = { now: () => Date.now() }) {
  let text = '';
  let last = 0;
  const fresh = () => {
    const t = clock.now();
    if (t - last > REUSE.idleMs) text = '';
    last = t;
  };
  const cap = () => {
    if (text.length > REUSE.maxLength) text = text.slice(text.length - REUSE.maxLength);
  };
  return {
    /** A printable character typed. */
    type(ch: string) {
      fresh();
      text += ch;
      cap();
    },
    /** Pasted or dropped text (counts like typing it). */
    insert(s: string) {
      fresh();
      text += s.replace(/[\r\n]+/g, '');
      cap();
    },
    backspace() {
      fresh();
      text = Array.from(text).slice(0, -1).join('');
    },
    clear() {
      text = '';
    },
    /** What to check now: the buffer if it could contain a remembered password, else null. */
    tail(): string | null {
      if (clock.now() - last > REUSE.idleMs) text = '';
      return text.length >= REUSE.minLength ? text : null;
    },
    get length() {
      return text.length;
    },
  };
}

export type TypingBuffer = ReturnType<typeof createTypingBuffer>;
