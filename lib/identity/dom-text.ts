/**
 * Bounded visible-text reading. A heavy page cannot make this expensive: every walk stops after
 * `maxChars` characters or `maxNodes` nodes, whichever comes first.
 */

/**
 * How to look into an element's shadow root. Default: open roots only. The content script sets
 * the guard's opener (chrome.dom.openOrClosedShadowRoot), so a page that hides its dressed-up
 * login box in a CLOSED shadow root is read like any other.
 */
let shadowOf: (el: Element) => ShadowRoot | null = (el) => el.shadowRoot ?? null;
export function setShadowOpener(open: (el: Element) => ShadowRoot | null): void {
  shadowOf = (el) => {
    try {
      return open(el);
    } catch {
      return null;
    }
  };
}

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'SELECT', 'OPTION', 'TEXTAREA']);

export function isHiddenCheaply(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  return false;
}

export interface TextOptions {
  maxChars: number;
  maxNodes?: number;
  /** Leave out text inside <a> (navigation and article lists, not the page's own words). */
  skipLinks?: boolean;
  /**
   * Only label-like text: drop text whose element holds more than PROSE_CHARS characters
   * (article sentences mention brokers; a login box names one in a heading, label or button).
   */
  shortOnly?: boolean;
  /** Only prose (the complement of shortOnly). */
  proseOnly?: boolean;
  /** Subtrees to leave out entirely. */
  skip?: (el: Element) => boolean;
  /** When the node budget runs out first, answer as if the text were full (a huge subtree is
   * never "small enough" just because its first nodes are empty). */
  fullOnNodeCap?: boolean;
}

/** A block of text longer than this is prose, not a label. */
export const PROSE_CHARS = 40;

function isProse(text: Node): boolean {
  const el = text.parentNode as Element | null;
  if (!el || el.nodeType !== 1) return (text.nodeValue ?? '').trim().length > PROSE_CHARS;
  return boundedText(el, { maxChars: PROSE_CHARS + 1, maxNodes: 40 }).length > PROSE_CHARS;
}

/** Visible-ish text of `root` (and its open shadow root), joined by spaces, at most maxChars. */
export function boundedText(root: Node, opts: TextOptions): string {
  const maxNodes = opts.maxNodes ?? 3000;
  let out = '';
  let nodes = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (++nodes > maxNodes) {
      if (opts.fullOnNodeCap) return out.padEnd(opts.maxChars, ' ');
      break;
    }
    if (n.nodeType === 3) {
      const t = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
      if (t && (opts.shortOnly || opts.proseOnly) && isProse(n) !== !!opts.proseOnly) continue;
      if (t) {
        out += (out ? ' ' : '') + t;
        if (out.length >= opts.maxChars) return out.slice(0, opts.maxChars);
      }
      continue;
    }
    if (n.nodeType === 1) {
      const el = n as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag)) continue;
      if (opts.skipLinks && tag === 'A') continue;
      if (n !== root && (isHiddenCheaply(el) || (opts.skip && opts.skip(el)))) continue;
      if (tag === 'INPUT') {
        // Visible wording of buttons (<input type=submit value="ログイン">), never a field's value.
        const type = (el.getAttribute('type') ?? '').toLowerCase();
        const v = type === 'submit' || type === 'button' ? el.getAttribute('value') : el.getAttribute('placeholder');
        if (v && !opts.proseOnly) stack.push({ nodeType: 3, nodeValue: v, parentNode: null } as unknown as Node);
        continue;
      }
      if (tag === 'IMG') {
        const alt = el.getAttribute('alt');
        if (alt && !opts.proseOnly) stack.push({ nodeType: 3, nodeValue: alt, parentNode: null } as unknown as Node);
        continue;
      }
    }
    // Push children in reverse so they pop in document order.
    const kids: Node[] = [];
    const sr = n.nodeType === 1 ? shadowOf(n as Element) : null;
    for (let c = n.firstChild; c && kids.length < 500; c = c.nextSibling) kids.push(c);
    if (sr) for (let c = sr.firstChild; c && kids.length < 500; c = c.nextSibling) kids.push(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out.length > opts.maxChars ? out.slice(0, opts.maxChars) : out;
}

/** Parent element, stepping out of shadow roots to their host. */
export function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const p = el.parentNode as (Node & { host?: Element }) | null;
  return p && p.host ? p.host : null;
}
