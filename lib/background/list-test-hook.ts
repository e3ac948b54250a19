import { buildIndex, classify } from '../domain/classify';
import { ensureLookalikeTables, typoTables } from '../domain/list-index';
import { acceptSignedList, decodeList, fileBuffer, parseEnvelope } from '../list/accept';
import { verifySignatures } from '../list/signature';
import { publisherKeys } from '../list/trusted-keys';
import type { ListDocument } from '../list/types';
import { validateListDocument } from '../list/validate';
import type { ListSource } from './list-source';

/**
 * User-timing marks of one benchList window, in order: start (fetched bytes in hand), accepted,
 * indexed, lookalike tables built, one-edit neighbourhood built (the end of "everything").
 */
export const BENCH_MARKS = ['shoken-list:start', 'shoken-list:accepted', 'shoken-list:indexed', 'shoken-list:lookalike', 'shoken-list:end'] as const;

/**
 * QA build only (called under `if (__SHOKEN_TEST_MODE__)`, so the production bundle drops it):
 * lets real-browser tests trigger an update, read the list status and compare verdicts from the
 * service worker without a UI page. Production exposes update/status through privileged
 * messages only ('list/status', 'list/update-now').
 */
export function exposeListTestHook(lists: ListSource): void {
  // The bench's list, handed over once (benchLoad): passing the 3 MB text with every call would
  // allocate a 4 MB string in the worker right before each window, which is not what an update
  // does (the fetched body arrives as bytes) and which decides when the young generation is
  // scavenged.
  let benchText = '';
  let benchBytes = new Uint8Array(0);
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
     * signature checked over those bytes, the document validated; then the index and the lazily
     * built tables). User-timing marks (BENCH_MARKS) bound the window and its stages, so the
     * bench reads them from a Chromium trace together with the worker thread's CPU time and the
     * garbage collections inside the window. Nothing else runs in this call: the baseline and
     * the stage breakdown have their own calls (their garbage must not decide where a
     * young-generation scavenge falls relative to the window).
     */
    benchLoad: (text: string) => {
      benchText = text;
      benchBytes = new TextEncoder().encode(text);
      return benchBytes.length;
    },
    benchList: async () => {
      // What the updater hands acceptance: the response body's bytes, read into a fileBuffer.
      const body = fileBuffer(benchBytes.length);
      body.set(benchBytes);
      performance.clearMarks(); // the previous run's (the timeline keeps every mark)
      performance.mark(BENCH_MARKS[0]);
      const t1 = performance.now();
      const accepted = await acceptSignedList(decodeList(body), { keys: publisherKeys(), now: Date.now(), skewMs: Number.POSITIVE_INFINITY, sizeChecked: true });
      performance.mark(BENCH_MARKS[1]);
      const t2 = performance.now();
      const index = buildIndex(accepted.doc);
      performance.mark(BENCH_MARKS[2]);
      const t3 = performance.now();
      ensureLookalikeTables(index); // what the first verdict that is not a genuine host adds
      performance.mark(BENCH_MARKS[3]);
      const t4 = performance.now();
      typoTables(index); // what the first token that may be a typo of a label adds
      performance.mark(BENCH_MARKS[4]);
      const t5 = performance.now();
      return { accept: t2 - t1, index: t3 - t2, total: t3 - t1, lookalike: t4 - t3, typo: t5 - t4, brands: index.brands.length };
    },
    /**
     * Short-lived garbage, `units` small arrays (about 48 bytes each), of which only the last 64
     * stay reachable: the bench calls this with a random count before each window so that where
     * the worker's next young-generation scavenge falls is random relative to the window, as it
     * is for a list that arrives at any time (a loop that allocates the same amount every round
     * would pin the scavenge to one point of the window, or keep it out of it).
     */
    benchGarbage: (units: number) => {
      const ring: number[][] = new Array(64);
      for (let i = 0; i < units; i++) ring[i & 63] = [i, i + 1, i + 2, i + 3, i + 4, i + 5];
      return ring.length;
    },
    /** The bench's baseline: a bare JSON.parse of the same text (the floor any list format pays). */
    benchJsonParse: () => {
      const t0 = performance.now();
      JSON.parse(benchText);
      return performance.now() - t0;
    },
    /** The stages one after the other, from text, for the breakdown (not the timed window). */
    benchStages: async () => {
      const s0 = performance.now();
      const env = parseEnvelope(benchText, undefined, true); // as the updater and the wake-time reload call it
      const s1 = performance.now();
      await verifySignatures(env, publisherKeys());
      const s2 = performance.now();
      const { problems } = validateListDocument(env.list);
      if (problems.length) throw new Error(problems[0]);
      const s3 = performance.now();
      return { parse: s1 - s0, verify: s2 - s1, validate: s3 - s2 };
    },
  };
}
