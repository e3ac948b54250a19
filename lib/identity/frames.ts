/**
 * The <iframe> of this document that shows frame `frameId` at `url`. runtime.getFrameId where
 * the browser has it in content scripts (Firefox); else by the frame's URL (src), else the only
 * frame of the page. Ambiguity means no answer: the top page is then not judged.
 */
export function iframeOf(doc: Document, frameId: number, url: string): Element | null {
  const frames = Array.from(doc.querySelectorAll('iframe, frame')).slice(0, 50);
  const g = globalThis as { chrome?: { runtime?: { getFrameId?: (el: Element) => number } } };
  const getFrameId = g.chrome?.runtime?.getFrameId;
  if (typeof getFrameId === 'function') {
    for (const f of frames) {
      try {
        if (getFrameId(f) === frameId) return f;
      } catch {
        /* not a frame we can map */
      }
    }
  }
  const resolved = (f: Element) => {
    try {
      return new URL(f.getAttribute('src') ?? '', doc.baseURI || undefined);
    } catch {
      return null;
    }
  };
  let target: URL | null = null;
  try {
    target = new URL(url);
  } catch {
    target = null;
  }
  if (target) {
    const exact = frames.filter((f) => resolved(f)?.href === target!.href);
    if (exact.length === 1) return exact[0];
    const sameOrigin = frames.filter((f) => resolved(f)?.origin === target!.origin);
    if (sameOrigin.length === 1) return sameOrigin[0];
    if (exact.length || sameOrigin.length) return null;
  }
  return frames.length === 1 ? frames[0] : null;
}
