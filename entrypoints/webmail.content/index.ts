import { browser } from 'wxt/browser';
import type { LinkInput, LinkVerdict } from '@/lib/domain/links';
import { createLinkGuard } from '@/lib/guard/links/guard';
import { detectLang } from '@/lib/ui/i18n';
import { WEBMAIL_MATCHES } from '@/lib/webmail/hosts';

// Thin wiring (issue 5): on webmail UIs, judge and flag every link. Top frame only: the guard
// reaches the service's own same-origin frames itself (so a frame is never guarded twice).
// Policy-added webmail hosts get this same script through dynamic registration
// (lib/background/webmail-registration.ts).
export default defineContentScript({
  matches: [...WEBMAIL_MATCHES],
  runAt: 'document_start',
  allFrames: false,
  main() {
    // Our own lifetime, not WXT's ctx.signal: ctx is invalidated by a document event whose
    // name a page can learn and dispatch, which would switch the link guard off. The guard
    // lives as long as the document.
    const lifetime = new AbortController();
    const judge = (links: LinkInput[]) =>
      browser.runtime.sendMessage({ type: 'links/classify', payload: { links } }) as Promise<LinkVerdict[]>;
    createLinkGuard({
      judge,
      lang: detectLang(),
      window,
      signal: lifetime.signal,
      // QA build only: main-thread cost of each scan/apply, as performance entries the
      // benchmark reads (test/bench/webmail.bench.ts).
      onTiming: __SHOKEN_TEST_MODE__
        ? (phase, ms, links) => {
            const end = performance.now();
            performance.measure(`shoken-webmail:${phase}`, { start: end - ms, end, detail: { links } });
          }
        : undefined,
    });
  },
});
