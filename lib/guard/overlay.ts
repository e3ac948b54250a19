import { SHIELDED_HOST_STYLE } from './host-style';
import { renderWarningCard } from '../ui/warning-card';
import type { Lang } from '../ui/i18n';
import type { FrameStatus } from '../messaging/protocol';

/**
 * The lock overlay: the shared warning card (lib/ui/warning-card.tsx) inside a modal <dialog>
 * inside a CLOSED shadow root, so that the page —
 * - cannot read or click into it (closed root; the page only ever sees the host element),
 * - cannot restyle it (inline `!important` on the host beats any author rule; `all: initial`
 *   cuts inherited styles; the dialog lives in the top layer, above any z-index and outside
 *   ancestors' opacity/transform/overflow),
 * - cannot remove, hide or cover it for long: a MutationObserver re-inserts and re-styles the
 *   host (also after `document.open()` or a replaced <html>), the dialog's Escape/cancel is
 *   refused, and a periodic check re-opens it on top if another top-layer element covers it.
 * `showModal()` also makes the whole page inert: its fields can no longer be focused or clicked.
 */

const HOST_STYLE = `${SHIELDED_HOST_STYLE}; pointer-events: auto !important`;

const DIALOG_CSS = `
dialog{position:fixed;inset:0;width:100%;height:100%;max-width:none;max-height:none;margin:0;padding:0;border:0;
  background:transparent;overflow:visible;color-scheme:light;visibility:visible;opacity:1;display:block}
dialog::backdrop{background:transparent}
`;

export interface OverlayProps {
  status: FrameStatus;
  pageHost: string;
  lang: Lang;
  onContinue(): void;
  onGoGenuine(): void;
}

export function createLockOverlay(win: Window, signal: AbortSignal) {
  const doc = win.document;
  let host: HTMLElement | undefined;
  let dialog: HTMLDialogElement | undefined;
  let unmount: (() => void) | undefined;
  let active = false;
  let observer: MutationObserver | undefined;
  let tick: ReturnType<typeof setInterval> | undefined;
  let reasserts = 0;

  function build(props: OverlayProps) {
    host = doc.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = DIALOG_CSS;
    root.appendChild(style);
    dialog = doc.createElement('dialog');
    dialog.setAttribute('aria-modal', 'true');
    root.appendChild(dialog);
    // Escape would close a modal dialog: refuse while locked, and re-open if closed anyway.
    dialog.addEventListener('cancel', (e) => e.preventDefault(), { signal });
    dialog.addEventListener('close', () => active && queueMicrotask(ensure), { signal });
    unmount = renderWarningCard(dialog, {
      brandNames: props.status.verdict.brandNames,
      genuineUrl: props.status.verdict.imitates,
      pageHost: props.pageHost,
      reasons: props.status.verdict.reasons,
      kind: 'impostor',
      allowContinue: props.status.allowContinue,
      onContinue: props.onContinue,
      onGoGenuine: props.onGoGenuine,
      firm: props.status.firm,
      lang: props.lang,
      variant: 'overlay',
    });
  }

  /** Re-asserts presence, style, modality and top position. Never throws. */
  function ensure(checkCovered = false) {
    if (!active || !host || !dialog) return;
    try {
      const html = doc.documentElement;
      if (!html) return;
      if (host.parentNode !== html) {
        html.appendChild(host);
        reasserts++;
      }
      if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
      for (const a of Array.from(host.attributes)) if (a.name !== 'style') host.removeAttribute(a.name);
      if (html.hasAttribute('inert')) html.removeAttribute('inert');
      const body = doc.body;
      if (body?.hasAttribute('inert')) body.removeAttribute('inert');
      if (!dialog.open) {
        dialog.showModal();
      } else if (!dialog.matches(':modal')) {
        // Removed and re-inserted: still "open" but no longer modal nor in the top layer.
        dialog.close();
        dialog.showModal();
      } else if (checkCovered) {
        const x = Math.max(0, Math.floor(win.innerWidth / 2));
        const y = Math.max(0, Math.floor(win.innerHeight / 3));
        const top = doc.elementFromPoint(x, y);
        if (top && top !== host) {
          // Another top-layer element (a page <dialog>, popover, fullscreen) sits above us.
          dialog.close();
          dialog.showModal();
          reasserts++;
        }
      }
    } catch {
      /* a hostile page must never crash the guard */
    }
  }

  function watch() {
    observer = new MutationObserver(() => ensure());
    const observeAll = () => {
      try {
        observer!.observe(doc, { childList: true });
        if (doc.documentElement) observer!.observe(doc.documentElement, { childList: true, attributes: true, attributeFilter: ['inert', 'style'] });
        if (doc.body) observer!.observe(doc.body, { attributes: true, attributeFilter: ['inert'] });
        if (host) observer!.observe(host, { attributes: true });
      } catch {
        /* detached document */
      }
    };
    observeAll();
    // The <html> element may be replaced (document.open / replaceChild): observe the new one.
    const rewatch = new MutationObserver(() => observeAll());
    rewatch.observe(doc, { childList: true });
    tick = setInterval(() => ensure(true), 500);
    signal.addEventListener('abort', () => hide(), { once: true });
    signal.addEventListener('abort', () => rewatch.disconnect(), { once: true });
  }

  function hide() {
    active = false;
    observer?.disconnect();
    observer = undefined;
    if (tick) clearInterval(tick);
    tick = undefined;
    try {
      dialog?.close();
    } catch {
      /* already closed */
    }
    try {
      unmount?.();
    } catch {
      /* ignore */
    }
    host?.remove();
    host = dialog = unmount = undefined;
  }

  return {
    show(props: OverlayProps) {
      if (active) hide();
      active = true;
      try {
        build(props);
      } catch {
        return;
      }
      watch();
      ensure();
    },
    hide,
    ensure,
    get shown() {
      return active;
    },
    get reasserts() {
      return reasserts;
    },
    /** Does this event come from the overlay (retargeted to our host)? */
    owns(e: Event): boolean {
      if (!host) return false;
      try {
        return e.composedPath().includes(host);
      } catch {
        return e.target === host;
      }
    },
    isHost(n: unknown): boolean {
      return !!host && n === host;
    },
  };
}

export type LockOverlay = ReturnType<typeof createLockOverlay>;
