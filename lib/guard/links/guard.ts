import type { LinkInput, LinkVerdict } from '../../domain/links';
import type { Lang } from '../../ui/i18n';
import {
  absoluteHref,
  isLinkElement,
  keyOf,
  LINK_SELECTOR,
  linkFromEvent,
  linkInput,
  linkText,
  openModeOf,
  type LinkElement,
  type OpenMode,
} from './collect';
import { showLinkDialog } from './dialog';
import { applyVerdict, type LinkState } from './marks';

export interface LinkGuardOptions {
  /** Asks the background (batched; ≤ batchSize links per call). */
  judge(links: LinkInput[]): Promise<LinkVerdict[]>;
  lang: Lang;
  /** Top window of the mail UI; same-origin frames are reached from it. */
  window: Window;
  /** Lifetime: aborting removes every listener and observer (habit 7). */
  signal?: AbortSignal;
  batchSize?: number;
  /** Main-thread time accounting (benchmarks, QA build). */
  onTiming?: (phase: 'scan' | 'send' | 'apply', ms: number, links: number) => void;
}

export interface LinkGuard {
  /** Links judged so far / links waiting for an answer. */
  stats(): { judged: number; pending: number; requests: number; cached: number };
  /** Resolves when nothing is waiting for the background. */
  idle(): Promise<void>;
}

const MAX_CACHE = 10_000;
const LINK_OR_FRAME = `${LINK_SELECTOR}, iframe, frame`;

/**
 * Webmail link guard (issue 5). Scans every link of the mail UI's documents (top + same-origin
 * frames, present and future), asks the background in batches, caches answers per question,
 * marks links in place and holds every way of opening a dangerous — or not yet judged — link
 * until the user decides in the confirm dialog.
 */
export function createLinkGuard(opts: LinkGuardOptions): LinkGuard {
  const { window: top, lang, signal } = opts;
  const batchSize = opts.batchSize ?? 500;
  const states = new WeakMap<LinkElement, LinkState>();
  const cache = new Map<string, LinkVerdict>();
  const waiting = new Map<string, Set<LinkElement>>(); // key → links waiting for it
  const inFlight = new Set<string>();
  const queued = new Set<string>();
  const inputs = new Map<string, LinkInput>();
  const docs = new WeakSet<Document>();
  const frames = new WeakSet<HTMLIFrameElement>();
  const allowOnce = new WeakSet<LinkElement>();
  const idleWaiters: Array<() => void> = [];
  const holders = new Map<string, Array<(v: LinkVerdict) => void>>();
  let judged = 0;
  let requests = 0;
  let cached = 0;
  let flushScheduled = false;
  const pageOrigin = top.location.origin;

  const now = () => top.performance.now();
  const timed = <T>(phase: 'scan' | 'send' | 'apply', n: () => number, fn: () => T): T => {
    if (!opts.onTiming) return fn();
    const t0 = now();
    try {
      return fn();
    } finally {
      opts.onTiming(phase, now() - t0, n());
    }
  };

  // ------------------------------------------------------------------ judging

  function consider(a: LinkElement): void {
    const st0 = states.get(a);
    // Our own removal of a dangerous link's href: the link is still the one we judged.
    if (st0?.saved && !a.hasAttribute('href')) return;
    const abs = absoluteHref(a);
    if (!abs || abs.origin === pageOrigin) {
      // Not a web link, or the mail UI's own navigation: nothing to judge.
      if (st0) {
        st0.verdict = undefined;
        applyVerdict(a, st0, lang);
        states.delete(a);
      }
      return;
    }
    const href = abs.href;
    const input = linkInput(a, href);
    const key = keyOf(input);
    if (st0 && st0.key === key && st0.verdict) {
      // The same dangerous href put back by the page: take it out again.
      if (st0.verdict.kind === 'dangerous' && a.hasAttribute('href')) applyVerdict(a, st0, lang);
      return;
    }
    const st: LinkState = st0 ?? { key, href };
    st.key = key;
    st.href = href;
    st.verdict = cache.get(key);
    states.set(a, st);
    if (st.verdict) {
      cached++;
      applyVerdict(a, st, lang);
      return;
    }
    let set = waiting.get(key);
    if (!set) waiting.set(key, (set = new Set()));
    set.add(a);
    if (!inFlight.has(key)) {
      queued.add(key);
      inputs.set(key, input);
      scheduleFlush();
    }
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    // A microtask: the batch is everything found in this task (one mutation callback / scan).
    queueMicrotask(flush);
  }

  function flush(): void {
    flushScheduled = false;
    const n = queued.size;
    timed('send', () => n, send);
  }

  function send(): void {
    const keys = [...queued];
    queued.clear();
    for (let i = 0; i < keys.length; i += batchSize) {
      const chunk = keys.slice(i, i + batchSize);
      const batch = chunk.map((k) => inputs.get(k)!);
      for (const k of chunk) {
        inputs.delete(k);
        inFlight.add(k);
      }
      requests++;
      opts
        .judge(batch)
        .then(
          (verdicts) => timed('apply', () => chunk.length, () => settle(chunk, verdicts)),
          () => timed('apply', () => chunk.length, () => settle(chunk, [])),
        )
        .catch(() => {});
    }
  }

  function settle(keys: string[], verdicts: LinkVerdict[]): void {
    keys.forEach((key, i) => {
      inFlight.delete(key);
      const v = verdicts[i];
      // No answer (background unavailable): the link stays unmarked and opens normally — the
      // page guard still protects the password on arrival. Not cached: the next scan retries.
      const verdict: LinkVerdict = v ?? { kind: 'neutral', reasons: [], target: key.slice(0, key.indexOf('\u0001')), via: [], listVersion: 0 };
      if (v) {
        if (cache.size >= MAX_CACHE) cache.clear();
        cache.set(key, v);
      }
      const links = waiting.get(key);
      waiting.delete(key);
      for (const a of links ?? []) {
        const st = states.get(a);
        if (!st || st.key !== key) continue;
        st.verdict = verdict;
        judged++;
        applyVerdict(a, st, lang);
      }
      const hs = holders.get(key);
      holders.delete(key);
      for (const h of hs ?? []) h(verdict);
    });
    if (!inFlight.size && !queued.size) for (const w of idleWaiters.splice(0)) w();
  }

  /** The verdict for a link now, or when the background answers. */
  function verdictFor(a: LinkElement): LinkVerdict | Promise<LinkVerdict> | undefined {
    consider(a);
    const st = states.get(a);
    if (!st) return undefined;
    if (st.verdict) return st.verdict;
    return new Promise((resolve) => {
      const hs = holders.get(st.key) ?? [];
      hs.push(resolve);
      holders.set(st.key, hs);
    });
  }

  // ------------------------------------------------------------------ activation

  async function confirmAndOpen(a: LinkElement, v: LinkVerdict, mode: OpenMode): Promise<void> {
    const href = states.get(a)?.href ?? v.target;
    const choice = await showLinkDialog(top.document, { verdict: v, shown: linkText(a).replace(/\s+/g, ' ').trim(), lang });
    if (choice === 'genuine' && v.genuineUrl) top.open(v.genuineUrl, '_blank', 'noopener');
    else if (choice === 'proceed') openLink(a, href, mode);
  }

  function openLink(a: LinkElement, href: string, mode: OpenMode): void {
    const win = a.ownerDocument.defaultView ?? top;
    if (mode === 'same') win.location.assign(href);
    else win.open(href, '_blank', mode === 'window' ? 'noopener,popup' : 'noopener');
  }

  /** A held activation of a link that was not judged yet: finish it the way it was asked. */
  function replay(a: LinkElement, mode: OpenMode, viaClick: boolean): void {
    const st = states.get(a);
    if (!st) return;
    if (viaClick && mode === 'same') {
      allowOnce.add(a);
      a.click(); // the page's own handlers and the default action run as for the user's click
      allowOnce.delete(a);
    } else openLink(a, st.href, mode);
  }

  function onActivate(e: MouseEvent | KeyboardEvent, mode?: OpenMode): void {
    const a = linkFromEvent(e);
    if (!a || allowOnce.has(a)) return;
    const v = verdictFor(a);
    if (!v) return;
    if (!(v instanceof Promise) && v.kind !== 'dangerous') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const how = mode ?? openModeOf(e, a);
    if (!(v instanceof Promise)) {
      void confirmAndOpen(a, v, how);
      return;
    }
    // Not judged yet: hold the activation until the answer (a few ms); the target is never
    // requested before it. Transient user activation outlives the wait, so window.open works.
    void v.then((verdict) => {
      if (verdict.kind === 'dangerous') void confirmAndOpen(a, verdict, how);
      else replay(a, how, e.type === 'click');
    });
  }

  function isDangerousOrPending(a: LinkElement | undefined): boolean {
    if (!a) return false;
    const st = states.get(a);
    return !!st && (!st.verdict || st.verdict.kind === 'dangerous');
  }

  function listen(win: Window): void {
    const opt = { capture: true, signal } as AddEventListenerOptions;
    win.addEventListener('click', (e) => onActivate(e), opt);
    win.addEventListener(
      'auxclick',
      (e) => {
        if (e.button === 1) onActivate(e, 'tab');
      },
      opt,
    );
    win.addEventListener(
      'keydown',
      (e) => {
        // Enter on a live link becomes a click (handled above); a dangerous link has no href,
        // so Enter/Space on it are ours.
        if (e.key !== 'Enter' && e.key !== ' ') return;
        const a = linkFromEvent(e);
        if (!a || a.hasAttribute('href')) return;
        const st = states.get(a);
        if (st?.verdict?.kind !== 'dangerous') return;
        e.preventDefault();
        e.stopImmediatePropagation();
        void confirmAndOpen(a, st.verdict, openModeOf(e, a));
      },
      opt,
    );
    // The mail UI must not see presses on dangerous links (Gmail swaps the href on mousedown),
    // and no link may be dragged to the tab strip before it is judged.
    for (const type of ['mousedown', 'pointerdown', 'mouseup', 'pointerup'] as const) {
      win.addEventListener(
        type,
        (e) => {
          const a = linkFromEvent(e);
          if (a && states.get(a)?.verdict?.kind === 'dangerous') e.stopImmediatePropagation();
        },
        opt,
      );
    }
    win.addEventListener(
      'dragstart',
      (e) => {
        if (isDangerousOrPending(linkFromEvent(e))) e.preventDefault();
      },
      opt,
    );
    // The context menu's "open in new tab" cannot be intercepted. A judged dangerous link has no
    // href, so the menu has no link items. A link still waiting for its answer loses its href
    // while the menu is up (restored when the answer says it is safe).
    win.addEventListener(
      'contextmenu',
      (e) => {
        const a = linkFromEvent(e);
        if (!a) return;
        const v = verdictFor(a);
        const st = states.get(a);
        if (st && v instanceof Promise && !st.saved) {
          st.saved = { role: a.getAttribute('role'), tabindex: a.getAttribute('tabindex'), describedby: a.getAttribute('aria-describedby') };
          a.removeAttribute('href');
          void v.then(() => applyVerdict(a, st, lang));
        }
      },
      opt,
    );
  }

  // ------------------------------------------------------------------ documents and frames

  function scan(root: ParentNode): void {
    if (isLinkElement(root)) consider(root);
    for (const a of root.querySelectorAll<LinkElement>(LINK_SELECTOR)) consider(a);
    for (const f of root.querySelectorAll<HTMLIFrameElement>('iframe, frame')) attachFrame(f);
  }

  function attachFrame(f: HTMLIFrameElement): void {
    const tryDoc = () => {
      let d: Document | null = null;
      try {
        d = f.contentDocument; // null for cross-origin frames: not the mail UI's own
      } catch {
        d = null;
      }
      if (d) attach(d);
    };
    tryDoc();
    if (!frames.has(f)) {
      frames.add(f);
      f.addEventListener('load', tryDoc, { signal }); // a frame's new document after navigation
    }
  }

  function attach(doc: Document): void {
    if (docs.has(doc)) return;
    docs.add(doc);
    const win = doc.defaultView;
    if (win) listen(win);
    const MO = globalThis.MutationObserver ?? (top as unknown as typeof globalThis).MutationObserver;
    const observer = new MO((records) => {
      let n = 0;
      timed('scan', () => n, () => {
        for (const r of records) {
          if (r.type === 'attributes') {
            if (isLinkElement(r.target)) {
              n++;
              consider(r.target);
            }
            continue;
          }
          for (const node of r.addedNodes) {
            if (node.nodeType !== 1) continue;
            const el = node as Element;
            if (isLinkElement(el)) {
              n++;
              consider(el);
            }
            if (el.firstElementChild) {
              // one query for both: this runs for every subtree the mail UI inserts
              for (const x of el.querySelectorAll<Element>(LINK_OR_FRAME)) {
                if (isLinkElement(x)) {
                  n++;
                  consider(x);
                } else if (x.localName === 'iframe' || x.localName === 'frame') attachFrame(x as HTMLIFrameElement);
              }
            }
            if (el.localName === 'iframe' || el.localName === 'frame') attachFrame(el as HTMLIFrameElement);
          }
        }
      });
    });
    observer.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'title', 'aria-label'] });
    signal?.addEventListener('abort', () => observer.disconnect(), { once: true });
    timed('scan', () => 0, () => scan(doc));
  }

  attach(top.document);

  return {
    stats: () => ({ judged, pending: waiting.size, requests, cached }),
    idle: () =>
      !inFlight.size && !queued.size ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)),
  };
}
