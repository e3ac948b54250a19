import { guardCore } from '@/lib/guard/core';
import { startPageGuard } from '@/lib/guard/start';
import { COLLECT_TOP } from '@/lib/identity/arm';
// Injected by the manifest into every frame with this script: the credential-field watch (see the file).
import './credential-watch.css';

// Thin wiring: at document_start the guard registers its first listeners (lib/guard/relay.ts);
// its pending interceptor and its core (page guard, page identity, PIN/OTP, password reuse) come
// on first need (lib/guard/start.ts). Chromium injects the core on demand (guard-core.js); the
// Firefox build carries it here (no per-frame injection there: it builds the guard at once).
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main() {
    startPageGuard({ core: import.meta.env.FIREFOX ? guardCore : undefined, topGlobals: [COLLECT_TOP] });
  },
});
