/**
 * Every way a list can be refused, each with its own code (for tests, history and the UI) and
 * a message that says what is wrong and, where it helps, how to fix it.
 */
export type ListErrorCode =
  | 'too-large'
  | 'not-json'
  | 'envelope'
  | 'unknown-algorithm'
  | 'unknown-key'
  | 'algorithm-mismatch'
  | 'bad-signature'
  | 'schema'
  | 'duplicate-brand'
  | 'bad-host'
  | 'bad-login-url'
  | 'rollback'
  | 'future-issued'
  // transport (updater)
  | 'http-status'
  | 'network'
  | 'timeout'
  | 'redirect'
  | 'bad-url'
  | 'store';

export class ListError extends Error {
  constructor(
    readonly code: ListErrorCode,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'ListError';
  }
}

export function isListError(e: unknown): e is ListError {
  return e instanceof ListError;
}
