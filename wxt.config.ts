import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// Stable extension id (ihahggmkmcdinndjloaklpheikomoepj): enterprise policy and the E2E
// tests address the extension by id. This is the public half only; the private half never
// enters the repository.
const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApN7mOjSFxyUkrPvdExPNJe2lfA8FqZlubBby6a7WbmDk7Mcv5nEsDhBvo51BpFVSme/HvaBFuTwZPfeghqwhApFfrPRqGl5Pr0CiI5loH9VeZpM8OBj2QCCNWYLpjCTdTq6Gfjf7dIOO09PHGtHuulr9kSoPphgNF5y9DKDsykR/wB0Qv76dHKaDntis5tpr9pmHTki11VpDju+lKIQye3vMkEr/TKOG4YOdnP4gyIe8nO9pbrs8SUi0E6e45AE4Np+ce15ti4EntGCvggOMoQurRpGuefHV/Mz0BpezhVfMet01PpJ7mmI3679ZPoT1SqfwSb0NPHev/X4NfNvwNQIDAQAB';

// SHOKEN_TEST_MODE=1 builds the QA variant (trusts the test signing key, accepts injected
// lists). Production builds never contain the test key. SHOKEN_OUT_DIR lets parallel builds
// (test mode, benchmarks) write to their own folders.
const testMode = process.env.SHOKEN_TEST_MODE === '1';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  hooks: {
    // The always-on content script (entrypoints/content) is built without webextension-polyfill:
    // `wxt/browser` resolves to lib/guard/content-browser.ts (the native object) in that build
    // only. It runs in every frame of every page; the polyfill's load-time work was about half
    // of its page cost (npm run bench -- page-cost). Its code calls the extension natively
    // (lib/guard/ext.ts). WXT's entry wrapper is replaced too (below): no ContentScriptContext,
    // which would announce every script start to the page (a page can forge that event).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length !== 1 || entrypoints[0].name !== 'content' || entrypoints[0].type !== 'content-script') return;
      config.resolve ??= {};
      const alias = config.resolve.alias;
      const list = Array.isArray(alias)
        ? alias
        : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }));
      config.resolve.alias = [
        { find: /^wxt\/browser$/, replacement: `${ROOT}lib/guard/content-browser.ts` },
        ...list.filter((a) => a.find !== 'wxt/browser'),
      ];
      // WXT's entry wrapper is an async function that awaits main() with a ContentScriptContext
      // and a logger; main() here is synchronous and needs none of it, and every frame of every
      // page paid for it (npm run bench -- page-cost). The entry module becomes: call main(),
      // export its result. The manifest entry (matches, run_at, frames) still comes from the
      // entrypoint's defineContentScript options, which WXT reads at build time.
      const entry = '\0virtual:wxt-content-script-isolated-world-entrypoint?';
      config.plugins = [
        {
          name: 'shoken:plain-content-entry',
          enforce: 'pre',
          load(id: string) {
            if (!id.startsWith(entry)) return undefined;
            return `import definition from ${JSON.stringify(id.slice(entry.length))};\nexport default definition.main();\n`;
          },
        },
        ...(config.plugins ?? []),
      ];
    },
  },
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.SHOKEN_OUT_DIR || (testMode ? '.output-test' : '.output'),
  vite: () => ({
    plugins: [preact()],
    define: {
      __SHOKEN_TEST_MODE__: JSON.stringify(testMode),
    },
  }),
  zip: {
    excludeSources: ['**/*.pem', '**/*private*', 'test/fixtures/keys/**', '.output*/**', 'test-results/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'ja',
    ...(browser === 'chrome' ? { key: CHROME_KEY } : {}),
    // Firefox only: Chrome and Edge flag unknown manifest keys on the extensions page.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'shoken-guard@shoken-guard.jp',
              // 140 (the ESR line): the first to know data_collection_permissions.
              strict_min_version: '140.0',
              // Newer Firefox key, not yet in WXT's types: the extension collects no data at all.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    // scripting: the page guard injects its UI (guard-ui.js) only into frames that need it;
    // webmail registers its content script for hosts added by managed policy.
    permissions: ['storage', 'tabs', 'alarms', 'webNavigation', 'scripting'],
    host_permissions: ['<all_urls>'],
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: '__MSG_extName__' },
  }),
});
