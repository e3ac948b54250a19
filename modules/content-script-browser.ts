import { resolve } from 'node:path';
import { defineWxtModule } from 'wxt/modules';

/**
 * The always-on content script (entrypoints/content) is built without webextension-polyfill:
 * `wxt/browser` resolves to lib/guard/content-browser.ts (the native object) in that build
 * only. The content script runs in every frame of every page; the polyfill's load-time work
 * was measured at about half of its page cost (npm run bench -- page-cost). Our code there calls
 * the extension natively (lib/guard/ext.ts). WXT's ContentScriptContext (which announces every
 * script start to the page) is replaced by an inert stand-in: main() never uses it.
 */
export default defineWxtModule({
  name: 'shoken-content-script-browser',
  setup(wxt) {
    wxt.hook('vite:build:extendConfig', (entrypoints, config) => {
      if (entrypoints.length !== 1 || entrypoints[0].name !== 'content' || entrypoints[0].type !== 'content-script') return;
      const shim = resolve(wxt.config.root, 'lib/guard/content-browser.ts');
      const ctx = resolve(wxt.config.root, 'lib/guard/content-script-context.ts');
      config.resolve ??= {};
      const alias = config.resolve.alias;
      const list = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }));
      config.resolve.alias = [
        { find: /^wxt\/browser$/, replacement: shim },
        // WXT's ContentScriptContext posts a message to the page in every frame; unused here.
        { find: /^wxt\/utils\/content-script-context$/, replacement: ctx },
        ...list.filter((a) => a.find !== 'wxt/browser'),
      ];
    });
  },
});
