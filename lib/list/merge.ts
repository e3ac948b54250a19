import { hostMatches } from './hosts';
import type { BrandEntry, ListDocument } from './types';

/**
 * Adds a firm's signed list (managed policy `firmList`) to the publisher's list.
 * A firm may ADD genuine origins for its customers; it can never remove or weaken the
 * publisher's: every publisher brand stays as is, firm brands are appended under a "firm-" id,
 * a firm host the publisher already lists (exactly or by subtree) stays the publisher's, and the
 * firm's `exempt` and `related` (which switch detection OFF for whole domains) are ignored.
 */
export function mergeFirmList(publisher: ListDocument, firm: ListDocument | undefined): ListDocument {
  if (!firm) return publisher;
  const patterns = publisher.brands.flatMap((b) => b.hosts);
  const covered = (h: string) => patterns.some((p) => p === h || (!h.startsWith('*.') && hostMatches(p, h)));
  const ids = new Set(publisher.brands.map((b) => b.id));
  const added: BrandEntry[] = [];
  for (const b of firm.brands) {
    const hosts = b.hosts.filter((h) => !covered(h));
    if (!hosts.length) continue;
    let id = `firm-${b.id}`.slice(0, 64);
    for (let i = 2; ids.has(id); i++) id = `firm-${b.id}`.slice(0, 60) + `-${i}`;
    ids.add(id);
    const { related: _related, ...rest } = b;
    const loginOk = hosts.some((h) => {
      try {
        return hostMatches(h, new URL(b.loginUrl).hostname);
      } catch {
        return false;
      }
    });
    added.push({ ...rest, id, hosts, loginUrl: loginOk ? b.loginUrl : `https://${hosts.find((h) => !h.startsWith('*.')) ?? hosts[0].slice(2)}/` });
  }
  return { ...publisher, brands: [...publisher.brands, ...added] };
}
