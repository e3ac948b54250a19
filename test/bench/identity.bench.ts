/**
 * Page-identity and password-reuse costs (issue 6), in real headless Chromium. Figures only.
 *
 *  1. collectIdentity() on a heavy page (40,000 paragraphs, 3,000 images, a login box in a
 *     sidebar at the end) vs a light login page, against the naive baseline of reading the
 *     page's whole text once (document.body.textContent) in the same run: the collection is
 *     bounded, so its cost should not grow with the page.
 *  2. The per-keystroke reuse check: one PBKDF2-SHA-256 tag (REUSE.iterations) in the same
 *     browser's WebCrypto, for 1 and 6 stored lengths (6 = REUSE.maxEntries, the worst case).
 *  3. scoreIdentity() in Node (pure, runs in the service worker) per report.
 * Run: `npx tsx test/bench/identity.bench.ts` (or `npm run bench -- identity`).
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { ROOT, startE2E } from '../e2e/harness';
import { REUSE } from '../../lib/reuse/digest';
import { buildIdentityIndex } from '../../lib/identity/brand-index';
import { collectIdentity } from '../../lib/identity/collect';
import { scoreIdentity } from '../../lib/identity/score';
import type { ListDocument } from '../../lib/list/types';

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(3).padStart(9);

function heavyPage(): string {
  const paras: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    paras.push(`<p>記事 ${i}: SBI証券と楽天証券の手数料比較、マネックス証券の新サービス。<a href="/a/${i}">続き</a></p>`);
    if (i % 13 === 0) paras.push(`<img src="/img/${i}.png" alt="写真 ${i}">`);
  }
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>重いページ | ベンチ</title></head><body>
  <header><img src="/logo.png" alt="ベンチ"></header><main><article>${paras.join('')}</article></main>
  <aside><div class="box"><h3>会員ログイン</h3><form><input name="u"><input id="pw" type="password"><button>ログイン</button></form></div></aside></body></html>`;
}
const LIGHT = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>ログイン</title></head><body>
  <div class="box"><img src="/img/a.png" alt="楽天証券"><h2>ログイン</h2><form><input name="loginid"><input id="pw" type="password" name="passwd"><button>ログイン</button></form></div></body></html>`;

async function main() {
  const bundle = await build({
    stdin: { contents: `import { collectIdentity } from './lib/identity/collect'; window.__collect = collectIdentity;`, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
  });
  const code = bundle.outputFiles[0].text;
  const env = await startE2E({
    noExtension: true,
    routes: [
      ['bench.identity.example', '/heavy.html', () => ({ type: 'text/html; charset=utf-8', body: heavyPage() })],
      ['bench.identity.example', '/light.html', () => ({ type: 'text/html; charset=utf-8', body: LIGHT })],
    ],
  });
  try {
    console.log('1. collectIdentity() in Chromium (median of %d runs, ms)', RUNS);
    console.log('   page      nodes   collect   textContent-baseline   ratio');
    for (const name of ['light', 'heavy']) {
      const page = await env.open(`https://bench.identity.example/${name}.html`);
      await page.addScriptTag({ content: code });
      const r = await page.evaluate((runs) => {
        const w = window as unknown as { __collect: (d: Document, f: Element) => { formText: string } };
        const field = document.getElementById('pw')!;
        const c: number[] = [];
        const b: number[] = [];
        let len = 0;
        for (let i = 0; i < runs; i++) {
          let t = performance.now();
          len = w.__collect(document, field).formText.length;
          c.push(performance.now() - t);
          t = performance.now();
          void document.body.textContent!.length;
          b.push(performance.now() - t);
        }
        return { c, b, len, nodes: document.getElementsByTagName('*').length };
      }, RUNS);
      const mc = median(r.c);
      const mb = median(r.b);
      console.log(`   ${name.padEnd(6)} ${String(r.nodes).padStart(8)} ${f(mc)} ${f(mb)}             ${mb > 0 ? (mc / mb).toFixed(3) : "  n/a"}   (formText ${r.len} chars)`);
      await page.close();
    }

    console.log('\n2. Reuse check per keystroke: PBKDF2-SHA-256, %d iterations, in Chromium WebCrypto (ms)', REUSE.iterations);
    const page = await env.open('https://bench.identity.example/light.html');
    // A string, not a function: the page must not see the TS transpiler's helpers.
    const t = (await page.evaluate(`(async () => {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const xs = [];
      for (let i = 0; i < ${RUNS}; i++) {
        const t0 = performance.now();
        const k = await crypto.subtle.importKey('raw', new TextEncoder().encode('candidate-' + i), 'PBKDF2', false, ['deriveBits']);
        await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ${REUSE.iterations} }, k, 32);
        xs.push(performance.now() - t0);
      }
      return xs;
    })()`)) as number[];
    const m = median(t);
    console.log(`   one stored length: ${f(m)}    ${REUSE.maxEntries} stored lengths (worst case): ${f(m * REUSE.maxEntries)}`);
    await page.close();
  } finally {
    await env.close();
  }

  console.log('\n3. scoreIdentity() in Node (µs per report, median of 2,000)');
  const index = buildIdentityIndex(JSON.parse(readFileSync(join(ROOT, 'lib/list/data/brokers.json'), 'utf8')) as ListDocument);
  for (const file of ['kabu-navi-support.shop/ETGate/index.html', 'www.keizai-times.jp/articles/sbi-rakuten-nisa/index.html']) {
    const { document } = parseHTML(readFileSync(join(ROOT, 'test/fixtures/sites', file), 'utf8'));
    const s = collectIdentity(document as unknown as Document, document.querySelector('#pw') as unknown as Element);
    const xs: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      scoreIdentity(s, index);
      xs.push((performance.now() - t0) * 1000);
    }
    console.log(`   ${file.padEnd(58)} ${f(median(xs))}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
