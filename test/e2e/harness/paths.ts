import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in test/e2e/harness/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Folder of per-host fixture sites: test/fixtures/sites/<hostname>/… */
export const SITES_DIR = join(ROOT, 'test/fixtures/sites');

/** Generated, gitignored throwaway TLS material. */
export const TLS_DIR = join(ROOT, 'test/fixtures/tls');

/**
 * Extension build the E2E tests load. `SHOKEN_E2E_EXT_DIR` (production build) and
 * `SHOKEN_E2E_TEST_EXT_DIR` (QA build) let an engineer point the tests at their own build.
 */
export function defaultExtensionDir(testMode: boolean): string {
  const env = testMode ? process.env.SHOKEN_E2E_TEST_EXT_DIR : process.env.SHOKEN_E2E_EXT_DIR;
  if (env) return resolve(ROOT, env);
  return join(ROOT, testMode ? '.output-test/chrome-mv3' : '.output/chrome-mv3');
}

/** The WXT out dir (parent of `chrome-mv3`) that produces an extension dir. */
export function outDirOf(extensionDir: string): string {
  return dirname(extensionDir);
}
