/**
 * `browser` for the always-on content script's build only (aliased from `wxt/browser` by
 * the vite:build:extendConfig hook in wxt.config.ts). Nothing in that bundle imports it any
 * more (our code uses lib/guard/ext.ts, and WXT's entry wrapper is replaced there too): the
 * alias is a guard against a future import pulling the polyfill back in. webextension-polyfill (~10 KB, a Proxy layer built at load) cost every frame of every page
 * about as much as the whole guard; Firefox's native `browser` and Chromium's `chrome` both
 * serve that one property. Every other entrypoint keeps the polyfill.
 */
const g = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };

function native(): unknown {
  try {
    if (g.browser?.runtime?.id) return g.browser;
  } catch {
    /* ignore */
  }
  return g.chrome;
}

export const browser = native() as typeof import('webextension-polyfill');
export default browser;
