/**
 * Signed-list benchmark: verify + parse + validate + index a 10,000-brand signed list inside the
 * extension's service worker in real headless Chromium (QA build: trusts the TEST-ONLY key).
 * Target: <= 50 ms (median). Baseline in the same run: a bare JSON.parse of the same bytes in the
 * same worker (the floor any list format pays), and the same pipeline in Node.
 *
 * Run: npm run bench, or `npx tsx test/bench/list-verify.bench.ts`
 * (SHOKEN_E2E_TEST_EXT_DIR=<dir> to use your own QA build; default .output-test/chrome-mv3).
 */
import { performance } from 'node:perf_hooks';
import { startE2E, startServiceWorker, stopServiceWorker, type E2E } from '../e2e/harness';
import { acceptSignedList, decodeList, fileBuffer } from '../../lib/list/accept';
import { buildIndex } from '../../lib/domain/classify';
import type { BrandEntry, ListDocument } from '../../lib/list/types';
import bundled from '../../lib/list/data/brokers.json';
import { signedText, TEST_PUBLIC } from '../fixtures/lists/make';

const N = 10_000;
const RUNS = 9;
const TARGET_MS = 50;

function syntheticList(n: number): ListDocument {
  const real = bundled as unknown as ListDocument;
  const brands: BrandEntry[] = [...real.brands];
  for (let i = brands.length; i < n; i++) {
    const label = `broker${i.toString(36)}-sec`;
    brands.push({
      id: `b${i}`,
      names: { ja: `ブローカー${i}証券`, en: `Broker ${i} Securities` },
      hosts: [`www.${label}.co.jp`, `login.${label}.co.jp`],
      loginUrl: `https://login.${label}.co.jp/login`,
      labels: [label],
      confidence: 'medium',
      signals: { names: [`ブローカー${i}証券`], paths: ['/login/'] },
    });
  }
  const issued = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  return { ...real, version: 1_000_000, issued, brands };
}

/** Stops and restarts the worker, then times worker start → first verdict (the list load), n times. */
async function wake(e2e: E2E, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await stopServiceWorker(e2e);
    const w = await startServiceWorker(e2e);
    times.push(
      // Since the worker's own time origin (its start): the worker now loads the list at start
      // (it paints the visible tabs), so timing only our call would measure an already-loaded
      // index. An upper bound: it also includes when this call reached the worker.
      await w.evaluate(async () => {
        await (globalThis as unknown as { __shokenListTest: { verdicts(u: string[]): Promise<unknown> } }).__shokenListTest.verdicts(['https://www.sbisec.co.jp/']);
        return performance.now();
      }),
    );
  }
  return median(times);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => x.toFixed(1).padStart(7);

async function main() {
  // Compact file (a 10k-brand list would be published without indentation: `sign --compact`).
  const text = JSON.stringify(JSON.parse(await signedText(syntheticList(N))));
  const bytes = Buffer.byteLength(text);
  // As the updater holds a fetched body: in a fileBuffer (room for the signing context before it).
  const encoded = new TextEncoder().encode(text);
  const body = fileBuffer(encoded.length);
  body.set(encoded);

  // Node, same code, same run (reference figure): the pipeline as the worker runs it.
  const node: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const accepted = await acceptSignedList(decodeList(body), { keys: [TEST_PUBLIC], now: Date.now(), skewMs: Number.POSITIVE_INFINITY, sizeChecked: true });
    buildIndex(accepted.doc);
    node.push(performance.now() - t0);
  }

  let served = '';
  const e2e = await startE2E({
    testMode: true,
    routes: [['lists.shoken-guard.jp', '/v1/list.json', () => (served ? { type: 'application/json', body: served } : { status: 404 })]],
  });
  try {
    const sw = await e2e.serviceWorker();
    type R = { jsonParse: number; accept: number; lookalike: number; typo: number; parse: number; verify: number; validate: number; index: number; total: number; brands: number };
    const runs: R[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      runs.push(await sw.evaluate((t) => (globalThis as unknown as { __shokenListTest: { benchList(t: string): Promise<R> } }).__shokenListTest.benchList(t), text));
    }
    // The first run is cold (fresh JIT, first key import); the median is over the warm runs,
    // each on a fresh parse of the text (nothing from one run is reused by the next).
    const [cold, ...warm] = runs;
    const m = (k: keyof R) => median(warm.map((r) => r[k]));
    const total = m('total');
    console.log(`\nSigned list: ${N} brands, ${(bytes / 1024 / 1024).toFixed(2)} MB, ECDSA-P256 — median of ${RUNS} runs (ms)`);
    console.log(`  service worker (Chromium)  total ${fmt(total)} (warm JIT)   first run ${fmt(cold.total)} (cold)   — verified, validated, indexed: genuine verdicts answered`);
    // WebCrypto's verify of 3 MB costs ≈ 3.3 ms inside the call, on the worker's own thread (the
    // promise is settled when it returns), so it adds to validation rather than overlapping it.
    // The signing context is written in place before the list's bytes (fileBuffer), not copied.
    console.log(`    accept (decode the fetched bytes, parse, verify the signature over the bytes, validate) ${fmt(m('accept'))} | index ${fmt(m('index'))}`);
    console.log(`    stages one after the other, from text: parse+envelope ${fmt(m('parse'))} | verify ${fmt(m('verify'))} | validate ${fmt(m('validate'))}`);
    console.log(`  + lookalike tables, built by the first verdict on a host that is not genuine: ${fmt(m('lookalike'))} (first run ${fmt(cold.lookalike)})`);
    console.log(`  + one-edit neighbourhood of the labels, built by the first token that may be a typo: ${fmt(m('typo'))}`);
    const all = warm.map((r) => r.total + r.lookalike + r.typo);
    const everything = median(all);
    // Every warm run, sorted: a run in which V8 scavenges the young generation (copying the
    // freshly parsed document, ≈ 10 ms) shows as a second cluster; the median says which is typical.
    console.log(`  everything, fetched bytes → every table of the index: ${fmt(everything)}   (runs: ${[...all].sort((a, b) => a - b).map((x) => x.toFixed(0)).join(' ')})`);
    console.log(`  baseline: bare JSON.parse  ${fmt(m('jsonParse'))}   → pipeline = ${(total / m('jsonParse')).toFixed(1)}× JSON.parse`);
    console.log(`  node (same code)           ${fmt(median(node))}`);
    console.log(`  target <= ${TARGET_MS} ms: genuine-verdict index ${total <= TARGET_MS ? 'MET' : 'MISSED'}; every table ${everything <= TARGET_MS ? 'MET' : 'MISSED'} (brands indexed: ${cold.brands})`);

    // Service-worker wake: the first verdict after a stop pays the lazy load (IndexedDB read,
    // re-verification, validation, index). Real 16-brand bundled list, then the 10k list stored.
    const wakeSmall = await wake(e2e, 3);
    served = text;
    const st = await (await e2e.serviceWorker()).evaluate(() => (globalThis as unknown as { __shokenListTest: { updateNow(): Promise<{ version: number }> } }).__shokenListTest.updateNow());
    if (st.version !== 1_000_000) throw new Error(`10k list not accepted: ${JSON.stringify(st).slice(0, 300)}`);
    const wakeBig = await wake(e2e, 3);
    console.log(`  wake (worker start → first verdict, cold worker, upper bound): bundled list ${fmt(wakeSmall)} ms | ${N}-brand list from IndexedDB ${fmt(wakeBig)} ms (median of 3)\n`);
  } finally {
    await e2e.close();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
