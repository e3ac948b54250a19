/**
 * "Continue anyway" decisions: one origin at a time, for the browser session only.
 * Kept in storage.session (survives service-worker restarts, gone when the browser closes,
 * not readable by content scripts — the page can never grant itself a pass).
 */
export interface SessionArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'guard.continuedOrigins';

export function createContinueStore(area: SessionArea | undefined) {
  // Without storage.session (old browsers) the decision lives as long as the worker.
  const memory = new Set<string>();
  let loaded: Promise<void> | undefined;

  function load(): Promise<void> {
    loaded ??= (async () => {
      if (!area) return;
      try {
        const got = await area.get(KEY);
        const list = got?.[KEY];
        if (Array.isArray(list)) for (const o of list) if (typeof o === 'string') memory.add(o);
      } catch {
        /* unreadable: start empty (fail closed: nothing is continued) */
      }
    })();
    return loaded;
  }

  return {
    async has(origin: string): Promise<boolean> {
      await load();
      return memory.has(origin);
    },
    async add(origin: string): Promise<void> {
      await load();
      memory.add(origin);
      if (area) await area.set({ [KEY]: [...memory] });
    },
  };
}
