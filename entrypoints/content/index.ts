import { startPageGuard } from '@/lib/guard/start';
import { armIdentityAndReuse } from '@/lib/identity/arm';

// Thin wiring: the page guard arms synchronously at document_start (before any page script),
// then asks the background for this frame's verdict (the URL is taken from the sender).
// Extension point for page identity / password reuse (issue 6): `guard.hooks` (lib/guard/hooks.ts).
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main() {
    const guard = startPageGuard();
    armIdentityAndReuse(guard); // issue 6: page identity, PIN/OTP, password reuse
  },
});
