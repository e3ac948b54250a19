import type { LinkInput } from '../../domain/links';

/** Same cap as the background's (domain/links MAX_LINK_TEXT); kept local so the content script
 * does not bundle the domain code (tldts) it never runs. */
const MAX_LINK_TEXT = 512;

/**
 * What the link checker reads from the page: nothing but links. The mail service's markup is
 * not relied on (services change it); a link is any <a href> / <area href>, wherever it is.
 * Only cheap DOM reads (attributes, textContent): no layout (innerText would force it).
 */
export const LINK_SELECTOR = 'a[href], area[href]';

export type LinkElement = HTMLAnchorElement | HTMLAreaElement;

export function isLinkElement(n: unknown): n is LinkElement {
  const el = n as Element | null;
  if (!el || el.nodeType !== 1) return false;
  const name = el.localName;
  return (name === 'a' || name === 'area') && el.namespaceURI === 'http://www.w3.org/1999/xhtml';
}

/** The link an event is about (the click may land on a <span> inside the <a>). */
export function linkFromEvent(e: Event): LinkElement | undefined {
  for (const n of e.composedPath()) {
    if (isLinkElement(n)) return n;
    if ((n as Node).nodeType === 9) break; // reached the document
  }
  return undefined;
}

/**
 * Absolute http(s) URL of the link and its origin, or undefined (mailto:, javascript:, no href).
 * One read of the element's own resolved `href` (the browser resolves it against the document
 * base and normalises it, so the origin is everything before the first '/' after "://"): far
 * cheaper than URL parsing in JS or several URL getters, which matters for 1,000-link mails.
 */
export function absoluteHref(a: LinkElement): { href: string; origin: string } | undefined {
  if (!a.hasAttribute('href')) return undefined;
  const href = a.href;
  const start = href.startsWith('https://') ? 8 : href.startsWith('http://') ? 7 : 0;
  if (!start) return undefined;
  const slash = href.indexOf('/', start);
  return { href, origin: slash < 0 ? href : href.slice(0, slash) };
}

function cut(s: string): string {
  return s.length > MAX_LINK_TEXT ? s.slice(0, MAX_LINK_TEXT) : s;
}

/** Text the user sees for the link: its text plus alt texts of images inside it. */
export function linkText(a: LinkElement): string {
  // Raw textContent (no whitespace normalisation here: the background normalises; the cache
  // key only needs to be stable). Image alt texts count: a lure can be a picture of a button.
  let text = a.textContent ?? '';
  if (text.length < MAX_LINK_TEXT && a.firstElementChild && a.querySelector('img[alt]')) {
    for (const img of a.querySelectorAll('img[alt]')) text += ' ' + (img.getAttribute('alt') ?? '');
  }
  if (a.localName === 'area') text += ' ' + (a.getAttribute('alt') ?? '');
  return cut(text);
}

export function linkTitle(a: LinkElement): string {
  const t = [a.getAttribute('title'), a.getAttribute('aria-label')].filter(Boolean).join(' ');
  return cut(t);
}

export function linkInput(a: LinkElement, href: string): LinkInput {
  return { href, text: linkText(a), title: linkTitle(a) };
}

/** Cache key: the same href with the same text is the same question. */
export function keyOf(l: LinkInput): string {
  return `${l.href}\u0001${l.text ?? ''}\u0001${l.title ?? ''}`;
}

/** How the user asked to open a link (a new tab cannot be asked for by a plain click). */
export type OpenMode = 'same' | 'tab' | 'window';

export function openModeOf(e: MouseEvent | KeyboardEvent, a: LinkElement): OpenMode {
  if ('button' in e && e.button === 1) return 'tab';
  if (e.ctrlKey || e.metaKey) return 'tab';
  if (e.shiftKey) return 'window';
  const target = (a.getAttribute('target') ?? '').toLowerCase();
  return target && target !== '_self' && target !== '_top' && target !== '_parent' ? 'tab' : 'same';
}
