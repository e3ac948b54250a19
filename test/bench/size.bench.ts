/**
 * Bundle sizes of the production build: the content script every page pays for (raw and
 * gzip), the background, the other scripts, the whole unpacked extension, and the store zip
 * (built with `wxt zip` into a temp dir, so nothing shared is touched).
 * Run: npm run bench -- size, or `npx tsx test/bench/size.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../e2e/harness/paths';
import { kib } from './lib/stats';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const out = mkdtempSync(join(tmpdir(), 'shoken-size-'));
try {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['zip'], { cwd: ROOT, env: { ...process.env, SHOKEN_OUT_DIR: out, SHOKEN_TEST_MODE: '0' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wxt zip failed:\n${r.stdout}\n${r.stderr}`);
  const ext = join(out, 'chrome-mv3');
  const files = walk(ext);
  const row = (label: string, f: string) => {
    const buf = readFileSync(f);
    console.log(`${label.padEnd(34)} ${kib(buf.length).padStart(11)}  gzip ${kib(gzipSync(buf, { level: 9 }).length).padStart(10)}   ${relative(ext, f)}`);
  };
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string }; content_scripts?: { js?: string[]; matches: string[] }[] };
  for (const cs of manifest.content_scripts ?? []) {
    for (const js of cs.js ?? []) {
      const everyPage = cs.matches.includes('<all_urls>');
      row(everyPage ? 'content script (every page/frame)' : `content script (${cs.matches.length} hosts)`, join(ext, js));
    }
  }
  // Injected into a frame only when it needs them (lib/guard/start.ts, lib/guard/ui-loader.ts).
  const onDemand = [
    ['guard core (frames that need it)', 'guard-core.js'],
    ['guard UI (frames that show it)', 'guard-ui.js'],
  ] as const;
  for (const [label, f] of onDemand) if (files.includes(join(ext, f))) row(label, join(ext, f));
  if (manifest.background?.service_worker) row('background service worker', join(ext, manifest.background.service_worker));
  const js = files.filter((f) => f.endsWith('.js'));
  const listed = new Set([...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? []), manifest.background?.service_worker, ...onDemand.map(([, f]) => f)].map((p) => p && join(ext, p)));
  const pagesJs = js.filter((f) => !listed.has(f)).reduce((s, f) => s + statSync(f).size, 0);
  console.log(`${'extension pages JS (popup, options…)'.padEnd(34)} ${kib(pagesJs).padStart(11)}`);
  const total = files.reduce((s, f) => s + statSync(f).size, 0);
  console.log(`${'whole unpacked extension'.padEnd(34)} ${kib(total).padStart(11)}   ${files.length} files`);
  const zips = readdirSync(out).filter((f) => f.endsWith('.zip'));
  for (const z of zips) console.log(`${'store zip'.padEnd(34)} ${kib(statSync(join(out, z)).size).padStart(11)}   ${z}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
