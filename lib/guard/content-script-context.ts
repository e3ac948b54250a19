/**
 * Stand-in for WXT's ContentScriptContext in the always-on content script's build only
 * (aliased by the vite:build:extendConfig hook in wxt.config.ts). WXT's context announces every script start
 * to the page (a CustomEvent on document and a window.postMessage in every frame of every
 * page) and listens for that event to switch itself off — which a page can forge. Shoken
 * Guard's content script never uses the context: it keeps its own lifetime (lib/guard/start.ts,
 * ended only when the extension's runtime is gone). This keeps the name WXT's entry wrapper
 * calls and nothing else.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
