import type { LinkVerdict } from '../../domain/links';
import { t, type Lang } from '../../ui/i18n';
import type { LinkElement } from './collect';
import { ATTR, LABEL_ATTR, ensureStyle } from './styles';

/** What we changed on a dangerous link, to put back if its verdict changes. */
interface Saved {
  role: string | null;
  tabindex: string | null;
  describedby: string | null;
}

export interface LinkState {
  /** Key of the question being / last answered (href + text + title). */
  key: string;
  /** Absolute href the link had when judged (kept here once it is removed from the page). */
  href: string;
  verdict?: LinkVerdict;
  /** Set while the href is removed from the page (dangerous). */
  saved?: Saved;
  /** Our own descriptive id added to aria-describedby. */
  descId?: string;
}

const DESC_CONTAINER = 'shoken-guard-webmail-desc';
const descs = new WeakMap<Document, { container: HTMLElement; ids: Map<string, string> }>();
let descSeq = 0;

/** One hidden element per distinct description per document, referenced by aria-describedby. */
function descriptionId(doc: Document, text: string): string {
  let d = descs.get(doc);
  if (!d || !d.container.isConnected) {
    // first use, or the page removed our container: (re)create it
    const container = doc.createElement('div');
    container.id = DESC_CONTAINER;
    container.hidden = true;
    (doc.body ?? doc.documentElement).appendChild(container);
    descs.set(doc, (d = { container, ids: new Map() }));
  }
  let id = d.ids.get(text);
  if (id) return id;
  id = `shoken-guard-desc-${++descSeq}`;
  const el = doc.createElement('span');
  el.id = id;
  el.textContent = text;
  d.container.appendChild(el);
  d.ids.set(text, id);
  return id;
}

/** Translated strings, memoised: marking 1,000 links must not format 1,000 messages. */
const strings = new Map<string, string>();
function tm(lang: Lang, key: string, sub = ''): string {
  const k = `${lang}\u0001${key}\u0001${sub}`;
  let v = strings.get(k);
  if (v === undefined) strings.set(k, (v = t(lang, key, sub)));
  return v;
}

export function brandLabel(v: LinkVerdict, lang: Lang): string {
  return v.brandNames?.[lang] ?? v.brandNames?.ja ?? tm(lang, 'webmail_some_broker');
}

function addDescribedBy(a: LinkElement, st: LinkState, id: string): void {
  const cur = (a.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== st.descId);
  cur.push(id);
  a.setAttribute('aria-describedby', cur.join(' '));
  st.descId = id;
}

function removeDescribedBy(a: LinkElement, st: LinkState): void {
  if (!st.descId) return;
  const rest = (a.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== st.descId);
  if (rest.length) a.setAttribute('aria-describedby', rest.join(' '));
  else a.removeAttribute('aria-describedby');
  st.descId = undefined;
}

/**
 * Dangerous: the href is taken out of the page (kept in our isolated-world state) so that no
 * browser path — middle click, modified click, drag to the tab strip, the context menu's
 * "open in new tab", hyperlink-auditing pings — can reach the target. The element stays a
 * focusable link for keyboard and screen-reader users (role=link, tabindex=0) and our
 * listeners open the confirm dialog on activation.
 */
export function markDangerous(a: LinkElement, st: LinkState, lang: Lang): void {
  ensureStyle(a.ownerDocument);
  if (!st.saved) {
    st.saved = { role: a.getAttribute('role'), tabindex: a.getAttribute('tabindex'), describedby: a.getAttribute('aria-describedby') };
  }
  if (a.hasAttribute('href')) a.removeAttribute('href');
  if (a.getAttribute('role') !== 'link') a.setAttribute('role', 'link');
  if (!a.hasAttribute('tabindex')) a.setAttribute('tabindex', '0');
  a.setAttribute(ATTR, 'dangerous');
  a.setAttribute(LABEL_ATTR, tm(lang, 'webmail_badge_dangerous'));
  addDescribedBy(a, st, descriptionId(a.ownerDocument, tm(lang, 'webmail_desc_dangerous')));
}

export function markGenuine(a: LinkElement, st: LinkState, lang: Lang): void {
  ensureStyle(a.ownerDocument);
  restoreHref(a, st);
  a.setAttribute(ATTR, 'genuine');
  a.setAttribute(LABEL_ATTR, tm(lang, 'webmail_badge_genuine'));
  addDescribedBy(a, st, descriptionId(a.ownerDocument, tm(lang, 'webmail_desc_genuine', st.verdict ? brandLabel(st.verdict, lang) : '')));
}

export function clearMark(a: LinkElement, st: LinkState): void {
  restoreHref(a, st);
  if (a.hasAttribute(ATTR)) a.removeAttribute(ATTR);
  if (a.hasAttribute(LABEL_ATTR)) a.removeAttribute(LABEL_ATTR);
  removeDescribedBy(a, st);
}

/** Puts back what markDangerous changed (the verdict changed, e.g. the page replaced the href). */
function restoreHref(a: LinkElement, st: LinkState): void {
  const saved = st.saved;
  if (!saved) return;
  st.saved = undefined;
  if (!a.hasAttribute('href')) a.setAttribute('href', st.href);
  const put = (name: string, v: string | null) => (v === null ? a.removeAttribute(name) : a.setAttribute(name, v));
  put('role', saved.role);
  put('tabindex', saved.tabindex);
  removeDescribedBy(a, st);
  if (saved.describedby !== null && !a.hasAttribute('aria-describedby')) a.setAttribute('aria-describedby', saved.describedby);
}

export function applyVerdict(a: LinkElement, st: LinkState, lang: Lang): void {
  const kind = st.verdict?.kind;
  if (kind === 'dangerous') markDangerous(a, st, lang);
  else if (kind === 'genuine') markGenuine(a, st, lang);
  else if (a.hasAttribute(ATTR) || st.saved) clearMark(a, st);
}
