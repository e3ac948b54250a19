import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildExtension } from './harness/build';
import { defaultExtensionDir, outDirOf, ROOT } from './harness/paths';
import { ensureTls } from './harness/tls';

/**
 * Once per E2E run: build the production extension and the QA build (test mode) into the
 * dirs the harness loads (default .output/chrome-mv3 and .output-test/chrome-mv3, or the
 * dirs named by SHOKEN_E2E_EXT_DIR / SHOKEN_E2E_TEST_EXT_DIR), and make the throwaway TLS cert.
 * SHOKEN_E2E_NO_BUILD=1 reuses existing builds.
 */
export default async function setup(): Promise<void> {
  ensureTls();
  const builds = [
    { testMode: false, dir: defaultExtensionDir(false) },
    { testMode: true, dir: defaultExtensionDir(true) },
  ];
  if (process.env.SHOKEN_E2E_NO_BUILD === '1') {
    for (const b of builds) {
      if (!existsSync(join(b.dir, 'manifest.json'))) {
        console.warn(`[e2e] SHOKEN_E2E_NO_BUILD=1 but ${relative(ROOT, b.dir)} has no build; tests that load it will fail`);
      }
    }
    return;
  }
  for (const b of builds) {
    const t0 = Date.now();
    await buildExtension({ outDir: outDirOf(b.dir), testMode: b.testMode });
    console.log(`[e2e] built ${relative(ROOT, b.dir)}${b.testMode ? ' (QA/test mode)' : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
