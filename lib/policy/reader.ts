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

export function createPolicyReader(area: ManagedArea | undefined): PolicyReader {
  let cached: Promise<ParsedPolicy> | undefined;
  let generation = 0;
  const listeners = new Set<(p: ParsedPolicy) => void>();

  async function read(): Promise<ParsedPolicy> {
    let raw: Record<string, unknown> | undefined;
    try {
      raw = area ? await area.get(null) : undefined;
    } catch {
      raw = undefined;
    }
    return parsePolicy(raw ?? {});
  }

  return {
    get() {
      cached ??= read();
      return cached;
    },
    onStorageChanged(_changes, areaName) {
      if (areaName !== 'managed') return;
      const mine = ++generation;
      cached = read();
      void cached.then((p) => {
        // A newer change superseded this read: only the latest result is announced.
        if (mine !== generation) return;
        for (const l of listeners) {
          try {
            l(p);
          } catch {
            /* a listener's failure must not stop the others */
          }
        }
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
