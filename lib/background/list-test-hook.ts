import { buildIndex, classify } from '../domain/classify';
import { parseEnvelope } from '../list/accept';
import { verifySignatures } from '../list/signature';
import { publisherKeys } from '../list/trusted-keys';
import type { ListDocument } from '../list/types';
import { validateListDocument } from '../list/validate';
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
    /** test/bench/list-verify.bench.ts: the accept pipeline's stages, timed inside the worker. */
    benchList: async (text: string) => {
      const t0 = performance.now();
      JSON.parse(text);
      const t1 = performance.now();
      const env = parseEnvelope(text, undefined, true); // as the updater and the wake-time reload call it
      const t2 = performance.now();
      await verifySignatures(env, publisherKeys());
      const t3 = performance.now();
      const { problems } = validateListDocument(env.list);
      if (problems.length) throw new Error(problems[0]);
      const t4 = performance.now();
      const index = buildIndex(env.list as ListDocument);
      const t5 = performance.now();
      return { jsonParse: t1 - t0, parse: t2 - t1, verify: t3 - t2, validate: t4 - t3, index: t5 - t4, total: t5 - t1, brands: index.brands.length };
    },
  };
}
