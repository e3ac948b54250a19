import { parsePolicy, type ParsedPolicy } from './parse';

/**
 * Background-only reader of storage.managed (habit 6: parse once, validate, cache).
 * The area is injected (browser.storage.managed in the extension, a fake in tests).
 * - First `get()` reads and parses; later calls share the cached result (and the in-flight read).
 * - `onStorageChanged(changes, 'managed')` drops the cache, re-reads, and tells subscribers
 *   (the background rebuilds its index with the new genuine origins).
 * - A read that fails (Firefox without a managed manifest, no policy at all) means "no policy":
 *   consumers get DEFAULT_POLICY and no problems.
 */
export interface ManagedArea {
  get(keys?: null | string | string[]): Promise<Record<string, unknown>>;
}

export interface PolicyReader {
  get(): Promise<ParsedPolicy>;
  onStorageChanged(changes: unknown, areaName: string): void;
  subscribe(listener: (p: ParsedPolicy) => void): () => void;
}

/**
 * How long a read of storage.managed may take before the background goes on without it.
 * Seen in Chromium 156: a `storage.managed.get` issued while the user types into a locked page
 * in the first seconds after start never settled, and everything waiting on the policy (list
 * updates, first verdicts) waited with it. A normal first read takes about 2 s after browser
 * start (policy loads asynchronously), longer on a loaded machine: the bound is generous so a
 * firm's policy is never skipped at start-up. A late answer still lands (and is announced).
 */
export const READ_TIMEOUT_MS = 10_000;

export function createPolicyReader(area: ManagedArea | undefined, timeoutMs = READ_TIMEOUT_MS): PolicyReader {
  let cached: Promise<ParsedPolicy> | undefined;
  let settled: ParsedPolicy | undefined;
  let servedFallback = false;
  let generation = 0;
  const listeners = new Set<(p: ParsedPolicy) => void>();

  function announce(p: ParsedPolicy) {
    for (const l of listeners) {
      try {
        l(p);
      } catch {
        /* a listener's failure must not stop the others */
      }
    }
  }

  function read(): Promise<ParsedPolicy> {
    const mine = ++generation;
    settled = undefined;
    const p = (async () => {
      let raw: Record<string, unknown> | undefined;
      try {
        raw = area ? await area.get(null) : undefined;
      } catch {
        raw = undefined;
      }
      return parsePolicy(raw ?? {});
    })();
    void p.then((v) => {
      if (mine !== generation) return;
      settled = v;
      // Callers were given "no policy" while this read hung: tell subscribers the real one.
      if (servedFallback) {
        servedFallback = false;
        announce(v);
      }
    });
    return p;
  }

  function withTimeout(p: Promise<ParsedPolicy>): Promise<ParsedPolicy> {
    if (settled) return Promise.resolve(settled);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fallback = new Promise<ParsedPolicy>((resolve) => {
      timer = setTimeout(() => {
        servedFallback = true;
        resolve(parsePolicy({}));
      }, timeoutMs);
    });
    return Promise.race([p, fallback]).finally(() => clearTimeout(timer));
  }

  return {
    get() {
      cached ??= read();
      return withTimeout(cached);
    },
    onStorageChanged(_changes, areaName) {
      if (areaName !== 'managed') return;
      const mine = generation + 1;
      cached = read();
      void cached.then((p) => {
        // A newer change superseded this read: only the latest result is announced.
        if (mine !== generation) return;
        announce(p);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
