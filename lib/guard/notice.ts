/**
 * A small notice next to a credential field (caution on `suspicious` pages, "submission
 * stopped" on a blocked form). Same protections as the overlay, lighter: closed shadow root,
 * inline `!important` host style, top layer (popover=manual), re-inserted if removed.
 * It does not block anything; it tells.
 */

import { SHIELDED_HOST_STYLE } from './host-style';

const HOST_STYLE = SHIELDED_HOST_STYLE;

const CSS = `
.n{all:initial;position:fixed;margin:0;box-sizing:border-box;max-width:min(420px,calc(100vw - 16px));padding:12px 14px;
  border-radius:10px;border:1px solid #d0d7de;background:#fff;color:#1f2328;box-shadow:0 8px 28px rgba(0,0,0,.25);
  font:14px/1.55 system-ui,-apple-system,"Hiragino Sans","Noto Sans JP","Yu Gothic UI",Meiryo,sans-serif;overflow:visible}
.n.caution{border-left:6px solid #8a4b00}
.n.blocked{border-left:6px solid #b3261e}
.t{display:block;font-weight:700;font-size:15px;margin:0 0 4px}
.b{display:block;margin:0 0 8px}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
a{color:#fff;background:#1a6b35;border-radius:8px;padding:6px 10px;text-decoration:none;font-weight:700}
button{font:inherit;padding:5px 10px;border-radius:8px;border:1px solid #8c959f;background:#fff;color:#1f2328;cursor:pointer}
`;

export interface NoticeContent {
  tone: 'caution' | 'blocked';
  title: string;
  body: string;
  link?: { url: string; text: string; onClick?: () => void };
  closeText: string;
  anchor?: Element | null;
}

export function createNotice(win: Window, signal: AbortSignal) {
  const doc = win.document;
  let host: HTMLElement | undefined;
  let box: HTMLElement | undefined;
  let anchor: Element | null | undefined;
  let observer: MutationObserver | undefined;
  let shownContent: NoticeContent | undefined;

  function place() {
    if (!box) return;
    try {
      let top = 12;
      let left = 12;
      if (anchor && anchor.isConnected) {
        const r = anchor.getBoundingClientRect();
        top = Math.min(Math.max(8, r.bottom + 6), Math.max(8, win.innerHeight - 140));
        left = Math.min(Math.max(8, r.left), Math.max(8, win.innerWidth - 430));
      }
      box.style.setProperty('top', `${top}px`, 'important');
      box.style.setProperty('left', `${left}px`, 'important');
    } catch {
      /* ignore */
    }
  }

  function ensure() {
    if (!host || !box) return;
    try {
      const html = doc.documentElement;
      if (html && host.parentNode !== html) html.appendChild(host);
      if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
      for (const a of Array.from(host.attributes)) if (a.name !== 'style') host.removeAttribute(a.name);
      if (!box.matches(':popover-open')) box.showPopover();
      place();
    } catch {
      /* never crash */
    }
  }

  function hide() {
    observer?.disconnect();
    observer = undefined;
    host?.remove();
    host = box = undefined;
    shownContent = undefined;
  }

  signal.addEventListener('abort', hide, { once: true });
  win.addEventListener('scroll', place, { capture: true, passive: true, signal });
  win.addEventListener('resize', place, { passive: true, signal });

  return {
    show(c: NoticeContent) {
      hide();
      shownContent = c;
      anchor = c.anchor;
      host = doc.createElement('div');
      const root = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
      box = doc.createElement('div');
      box.className = `n ${c.tone}`;
      box.setAttribute('popover', 'manual');
      box.setAttribute('role', c.tone === 'blocked' ? 'alert' : 'status');
      const title = doc.createElement('strong');
      title.className = 't';
      title.textContent = c.title;
      const body = doc.createElement('span');
      body.className = 'b';
      body.textContent = c.body;
      const row = doc.createElement('div');
      row.className = 'row';
      if (c.link) {
        const a = doc.createElement('a');
        a.href = c.link.url;
        a.rel = 'noreferrer';
        a.textContent = c.link.text;
        const onClick = c.link.onClick;
        if (onClick) a.addEventListener('click', (e) => (e.preventDefault(), onClick()), { signal });
        row.appendChild(a);
      }
      const close = doc.createElement('button');
      close.type = 'button';
      close.textContent = c.closeText;
      close.addEventListener('click', (e) => e.isTrusted && hide(), { signal });
      row.appendChild(close);
      box.append(title, body, row);
      root.appendChild(box);
      observer = new MutationObserver(() => ensure());
      try {
        observer.observe(doc, { childList: true, subtree: false });
        if (doc.documentElement) observer.observe(doc.documentElement, { childList: true });
        observer.observe(host, { attributes: true });
      } catch {
        /* ignore */
      }
      ensure();
    },
    /** Move next to another field (caution follows the focused credential field). */
    anchorTo(el: Element) {
      anchor = el;
      place();
    },
    hide,
    get shown(): NoticeContent | undefined {
      return shownContent;
    },
  };
}

export type Notice = ReturnType<typeof createNotice>;
