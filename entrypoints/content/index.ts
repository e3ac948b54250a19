import { browser } from 'wxt/browser';
import type { FrameStatus } from '@/lib/messaging/protocol';

// Thin wiring: ask the background for this frame's verdict (the URL is taken from the
// sender, not sent), then hand it to the page guard.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main() {
    void browser.runtime.sendMessage({ type: 'frame/status', payload: {} }).then((status: FrameStatus) => {
      void status; // the page guard (lib/guard) arms here
    });
  },
});
