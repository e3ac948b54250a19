import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './paths';

export interface BuildOptions {
  /** WXT output dir (absolute or relative to the repo root); the build lands in <outDir>/<target>. */
  outDir: string;
  /** QA build (`SHOKEN_TEST_MODE=1`). */
  testMode?: boolean;
  /** 'chrome' (default) or 'firefox'. */
  browser?: 'chrome' | 'firefox';
  /** Print WXT's output (default: only on failure). */
  verbose?: boolean;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Runs `wxt build` into its own out dir; resolves to the extension dir. Rejects with WXT's output on failure. */
export function buildExtension(opts: BuildOptions): Promise<string> {
  const browser = opts.browser ?? 'chrome';
  const args = ['build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHOKEN_OUT_DIR: opts.outDir,
    SHOKEN_TEST_MODE: opts.testMode ? '1' : '0',
    ...opts.env,
  };
  const bin = join(ROOT, 'node_modules/.bin/wxt');
  return new Promise((resolveP, reject) => {
    const child = spawn(bin, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (opts.verbose) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      if (opts.verbose) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const dir = join(ROOT, opts.outDir.startsWith('/') ? relative(ROOT, opts.outDir) : opts.outDir,
        browser === 'firefox' ? 'firefox-mv2' : 'chrome-mv3');
      const candidates = browser === 'firefox' ? [dir, dir.replace(/firefox-mv2$/, 'firefox-mv3')] : [dir];
      const found = candidates.find((d) => existsSync(join(d, 'manifest.json')));
      if (code === 0 && found) resolveP(found);
      else reject(new Error(`wxt ${args.join(' ')} (out ${opts.outDir}, test mode ${!!opts.testMode}) failed with code ${code}:\n${out}`));
    });
  });
}
