import type { GuardUiModule } from './ui/install';

/**
 * Loads the guard's UI on demand (see lib/guard/ui/install.ts). `inject` asks the background to
 * execute guard-ui.js in this frame's isolated world; the promise resolves once the UI global
 * exists. A failed load is retried on the next call. Type-only imports keep the UI out of the
 * always-on content script.
 */
const GLOBAL = '__shokenGuardUi';

/** The UI module when it is already in this isolated world (no request). */
export function loadedUi(): GuardUiModule | undefined {
  return (globalThis as Record<string, unknown>)[GLOBAL] as GuardUiModule | undefined;
}

export function createUiLoader(inject: () => Promise<unknown>): () => Promise<GuardUiModule> {
  let pending: Promise<GuardUiModule> | undefined;
  const present = loadedUi;
  return () => {
    const ready = present();
    if (ready) return Promise.resolve(ready);
    pending ??= (async () => {
      try {
        await inject();
        const ui = present();
        if (!ui) throw new Error('guard UI did not load');
        return ui;
      } catch (e) {
        pending = undefined;
        throw e;
      }
    })();
    return pending;
  };
}
