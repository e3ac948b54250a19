import { classify } from '../domain/classify';
import type { ListSource } from './list-source';

/**
 * QA build only (called under `if (__SHOKEN_TEST_MODE__)`, so the production bundle drops it):
 * lets real-browser tests trigger an update, read the list status and compare verdicts from the
 * service worker without a UI page. Production exposes update/status through privileged
 * messages only ('list/status', 'list/update-now').
 */
export function exposeListTestHook(lists: ListSource): void {
  (globalThis as unknown as { __shokenListTest?: unknown }).__shokenListTest = {
    updateNow: () => lists.updateNow(),
    status: () => lists.status(),
    verdicts: async (urls: string[]) => {
      const index = await lists.index();
      return urls.map((u) => classify(u, index));
    },
  };
}
