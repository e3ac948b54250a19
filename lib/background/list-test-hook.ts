import type { ListSource } from './list-source';

/**
 * QA build only (called under `if (__SHOKEN_TEST_MODE__)`, so the production bundle drops it):
 * lets real-browser tests trigger an update and read the list status from the service worker
 * without a UI page. Production exposes the same through privileged messages only.
 */
export function exposeListTestHook(lists: ListSource): void {
  (globalThis as unknown as { __shokenListTest?: unknown }).__shokenListTest = {
    updateNow: () => lists.updateNow(),
    status: () => lists.status(),
    verdictVersion: async () => (await lists.index()).version,
  };
}
