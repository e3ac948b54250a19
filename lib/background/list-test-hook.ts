import { buildIndex, classify } from '../domain/classify';
import { ensureLookalikeTables, typoTables } from '../domain/list-index';
import { acceptSignedList, decodeList, fileBuffer, parseEnvelope } from '../list/accept';
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
    /**
     * test/bench/list-verify.bench.ts, timed inside the worker: the accept pipeline as the worker
     * runs it on a fetched list (the body's bytes decoded; acceptSignedList: parse, the
     * signature checked over those bytes, the document validated; then the index), and the
     * stages one after the other, from text, for the breakdown.
     */
    benchList: async (text: string) => {
      // What the updater hands acceptance: the response body's bytes, joined into a fileBuffer.
      const encoded = new TextEncoder().encode(text);
      const body = fileBuffer(encoded.length);
      body.set(encoded);
      const t0 = performance.now();
      JSON.parse(text);
      const t1 = performance.now();
      const accepted = await acceptSignedList(decodeList(body), { keys: publisherKeys(), now: Date.now(), skewMs: Number.POSITIVE_INFINITY, sizeChecked: true });
      const t2 = performance.now();
      const index = buildIndex(accepted.doc);
      const t3 = performance.now();
      ensureLookalikeTables(index); // what the first verdict that is not a genuine host adds
      const t4 = performance.now();
      typoTables(index); // what the first token that may be a typo of a label adds
      const t5 = performance.now();
      const s0 = performance.now();
      const env = parseEnvelope(text, undefined, true); // as the updater and the wake-time reload call it
      const s1 = performance.now();
      await verifySignatures(env, publisherKeys());
      const s2 = performance.now();
      const { problems } = validateListDocument(env.list);
      if (problems.length) throw new Error(problems[0]);
      const s3 = performance.now();
      return { jsonParse: t1 - t0, accept: t2 - t1, index: t3 - t2, total: t3 - t1, lookalike: t4 - t3, typo: t5 - t4, parse: s1 - s0, verify: s2 - s1, validate: s3 - s2, brands: index.brands.length };
    },
  };
}
