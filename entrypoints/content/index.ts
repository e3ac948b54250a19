import { startPageGuard } from '@/lib/guard/start';
import { armIdentityAndReuse, COLLECT_TOP } from '@/lib/identity/arm';
// Injected by the manifest into every frame with this script: the credential-field watch (see the file).
import './credential-watch.css';

// Thin wiring: at document_start the guard registers its first listeners (lib/guard/relay.ts)
// and builds itself on first need (lib/guard/start.ts); page identity, PIN/OTP and password
// reuse (issue 6) are armed on its hooks when it is built.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main() {
    startPageGuard({ arm: (guard, relay) => void armIdentityAndReuse(guard, relay), topGlobals: [COLLECT_TOP] });
  },
});
