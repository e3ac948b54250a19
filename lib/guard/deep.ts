/**
 * Finding the real element behind an event, through open AND closed shadow roots.
 *
 * Events leaving a closed shadow root are retargeted to its host, and `composedPath()` hides the
 * inner nodes. Extensions may open any root: `chrome.dom.openOrClosedShadowRoot(el)` (Chromium)
 * and `el.openOrClosedShadowRoot` (Firefox). Focus-driven events (keys, input, composition,
 * paste) target the focused element, so we walk `activeElement` down the roots; drag events
 * target what is under the pointer, so we walk `elementFromPoint`.
 */

export type ShadowOpener = (el: Element) => ShadowRoot | null;

export function createShadowOpener(): ShadowOpener {
  // Resolved on first use: touching chrome.dom builds that API's bindings in the frame, a cost
  // every frame would pay at document_start although only focus / key events need it.
  let opener: ShadowOpener | undefined;
  return (el) => (opener ??= resolveShadowOpener())(el);
}

function resolveShadowOpener(): ShadowOpener {
  const g = globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null } } };
  const viaChrome = g.chrome?.dom?.openOrClosedShadowRoot;
  if (typeof viaChrome === 'function') {
    return (el) => {
      try {
        return viaChrome(el) ?? null;
      } catch {
        return null;
      }
    };
  }
  return (el) => {
    try {
      const f = (el as unknown as { openOrClosedShadowRoot?: unknown }).openOrClosedShadowRoot;
      if (typeof f === 'function') return (f.call(el) as ShadowRoot | null) ?? null;
      if (f && typeof f === 'object') return f as ShadowRoot;
      return el.shadowRoot ?? null;
    } catch {
      return null;
    }
  };
}

const MAX_DEPTH = 32;

/** The focused element, descending into open and closed shadow roots. */
export function deepActiveElement(doc: Document, open: ShadowOpener): Element | null {
  let a: Element | null = doc.activeElement;
  for (let i = 0; a && i < MAX_DEPTH; i++) {
    const root = open(a);
    const inner = root?.activeElement ?? null;
    if (!inner || inner === a) break;
    a = inner;
  }
  return a;
}

function descendFocus(el: Element, open: ShadowOpener): Element {
  let a = el;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const root = open(a);
    const inner = root?.activeElement ?? null;
    if (!inner || inner === a) break;
    a = inner;
  }
  return a;
}

function descendPoint(el: Element, x: number, y: number, open: ShadowOpener): Element {
  let a = el;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const root = open(a);
    const inner = root?.elementFromPoint?.(x, y) ?? null;
    if (!inner || inner === a) break;
    a = inner;
  }
  return a;
}

const POINTER_EVENTS = ['drop', 'dragover', 'dragenter'];

/** The innermost element an input-ish event is about. */
export function deepTarget(e: Event, open: ShadowOpener): Element | null {
  let t: EventTarget | null | undefined;
  try {
    t = e.composedPath()[0];
  } catch {
    t = e.target;
  }
  if (!t || typeof (t as Element).localName !== 'string') {
    // Window or document: key events with nothing focused land on body/document.
    const doc = (t as Document)?.nodeType === 9 ? (t as Document) : (t as Window)?.document;
    return doc ? deepActiveElement(doc, open) : null;
  }
  const el = t as Element;
  if (POINTER_EVENTS.includes(e.type)) {
    const me = e as MouseEvent;
    return descendPoint(el, me.clientX, me.clientY, open);
  }
  return descendFocus(el, open);
}
