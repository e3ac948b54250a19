import { classify, type ListIndex } from '../domain/classify';
import { buildLinkIndex, classifyLink, MAX_LINK_TEXT, type LinkIndex, type LinkInput, type LinkVerdict } from '../domain/links';
import type { Verdict } from '../domain/verdict';
import type { BrandEntry } from '../list/types';
import { ProtocolError } from '../messaging/router';

/**
 * 'links/classify' (content → background, unprivileged). The payload is page data — link
 * hrefs and texts from a mail — and classification is pure, so accepting it is safe as long as
 * sizes are capped: a hostile mail cannot make the background do unbounded work. Nothing is
 * stored beyond an in-memory per-target verdict cache, and nothing leaves the browser.
 */
export const MAX_LINKS_PER_REQUEST = 500;
export const MAX_HREF = 8192;
const MAX_CACHE = 20_000;

export interface LinkClassifyRequest {
  links: LinkInput[];
}

function brandsOf(index: ListIndex): BrandEntry[] {
  const i = index as unknown as { brands?: BrandEntry[]; doc?: { brands?: BrandEntry[] } };
  return i.brands ?? i.doc?.brands ?? [];
}

/** Validates the page-supplied payload; throws a ProtocolError that says what is wrong. */
export function parseLinkRequest(payload: unknown): LinkInput[] {
  const links = (payload as { links?: unknown } | null)?.links;
  if (!Array.isArray(links)) throw new ProtocolError('links/classify: payload.links must be an array');
  if (links.length > MAX_LINKS_PER_REQUEST) {
    throw new ProtocolError(`links/classify: at most ${MAX_LINKS_PER_REQUEST} links per request (got ${links.length})`);
  }
  return links.map((l, i) => {
    if (!l || typeof l !== 'object' || typeof (l as LinkInput).href !== 'string') {
      throw new ProtocolError(`links/classify: links[${i}].href must be a string`);
    }
    const { href, text, title } = l as LinkInput;
    return {
      href: href.slice(0, MAX_HREF),
      text: typeof text === 'string' ? text.slice(0, MAX_LINK_TEXT) : '',
      title: typeof title === 'string' ? title.slice(0, MAX_LINK_TEXT) : '',
    };
  });
}

export function createWebmailLinkHandler(deps: { index: () => Promise<ListIndex> }) {
  let current: { list: ListIndex; links: LinkIndex<ListIndex> } | undefined;
  const byTarget = new Map<string, Verdict>();

  // Per-target cache: a mail repeats the same targets (footer links, tracking pixels' pages), and
  // link texts ask about the same broker hosts again and again.
  const cachedClassify = (url: string, list: ListIndex): Verdict => {
    let v = byTarget.get(url);
    if (!v) {
      if (byTarget.size >= MAX_CACHE) byTarget.clear();
      v = classify(url, list);
      byTarget.set(url, v);
    }
    return v;
  };

  return async (payload: unknown): Promise<LinkVerdict[]> => {
    const links = parseLinkRequest(payload);
    const list = await deps.index();
    if (current?.list !== list) {
      // A new list version (update, policy change) invalidates every cached verdict.
      byTarget.clear();
      current = { list, links: buildLinkIndex({ brands: brandsOf(list) }, list) };
    }
    const { links: index } = current;
    return links.map((l) => classifyLink(l, index, cachedClassify));
  };
}
