// `npm run bench`: runs every test/bench/*.bench.ts (each a standalone tsx script that prints
// its figures), one after the other, after building the production and QA builds once.
//   npm run bench                 all benches
//   npm run bench -- engine size  only files whose name contains one of the words
// SHOKEN_E2E_NO_BUILD=1 reuses the existing builds (.output/, .output-test/ or the dirs named
// by SHOKEN_E2E_EXT_DIR / SHOKEN_E2E_TEST_EXT_DIR). Figures are printed, never asserted.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import setup from '../e2e/global-setup';
import { machineSummary } from './lib/machine';

const DIR = join(import.meta.dirname, '.');
const ROOT = join(DIR, '../..');

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !filters.length || filters.some((w) => f.includes(w)))
    .sort();
  if (!files.length) {
    console.error(`no bench file matches ${filters.join(', ')}`);
    return 2;
  }
  console.log(`Shoken Guard benchmarks — ${new Date().toISOString()}`);
  console.log(machineSummary());
  console.log(`files: ${files.join(', ')}\n`);
  await setup();
  const failed: string[] = [];
  for (const f of files) {
    console.log(`\n=== ${f} ${'='.repeat(Math.max(0, 70 - f.length))}`);
    const t0 = Date.now();
    const code = await new Promise<number>((resolve) => {
      const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(DIR, f)], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, SHOKEN_E2E_NO_BUILD: '1' } });
      child.on('close', (c) => resolve(c ?? 1));
      child.on('error', () => resolve(1));
    });
    console.log(`--- ${f}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (code !== 0) failed.push(f);
  }
  if (failed.length) console.log(`\nFailed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (c) => process.exit(c),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
