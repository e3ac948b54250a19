/** Password-reuse parameters (the reasoning behind them: digest.ts). Shared by the page side and the background. */
export const REUSE = {
  bits: 28,
  iterations: 20_000,
  minLength: 8,
  /** Longer passwords are not remembered (and the typing buffer never holds more). */
  maxLength: 64,
  maxEntries: 6,
  /** The typing buffer is emptied after this much idle time. */
  idleMs: 10_000,
} as const;
