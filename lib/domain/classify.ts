import type { ListDocument } from '../list/types';
import type { Verdict } from './verdict';

// TEMPORARY STUB (being replaced by the real engine): exact host match only.
export interface ListIndex {
  version: number;
  doc: ListDocument;
}
export function buildIndex(doc: ListDocument): ListIndex {
  return { version: doc.version, doc };
}
export function classify(input: string, index: ListIndex): Verdict {
  let url: URL;
  try {
    url = new URL(input.includes('://') ? input : `https://${input}`);
  } catch {
    return { kind: 'unrelated', reasons: ['unparseable'], listVersion: index.version };
  }
  const host = url.hostname.toLowerCase();
  for (const b of index.doc.brands) {
    if (b.hosts.includes(host) && url.protocol === 'https:') {
      return { kind: 'genuine', host, brand: b.id, brandNames: b.names, imitates: b.loginUrl, matched: host, reasons: ['listed-host'], listVersion: index.version };
    }
  }
  return { kind: 'unrelated', host, reasons: ['no-match'], listVersion: index.version };
}
