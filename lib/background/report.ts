import type { Verdict } from '../domain/verdict';

/**
 * Firm-only incident reports (managed policy `reportEndpoint`). A securities firm's security
 * team may want to know which impostor sites its customers meet, to get them taken down.
 *
 * Privacy rules (consumer installs never report; firms receive the minimum):
 * - nothing is sent unless the policy names an https endpoint;
 * - the report holds the blocked page's ORIGIN only (no path or query, which can carry
 *   personal data), the verdict kind, the imitated broker id, reason codes and list version;
 * - no cookies, no referrer, no page content, nothing about the user;
 * - one report per origin per worker lifetime, at most MAX_PER_HOUR reports an hour.
 */
export interface IncidentReport {
  origin: string;
  kind: Verdict['kind'];
  brand: string | null;
  reasons: Verdict['reasons'];
  listVersion: number;
  at: string;
  extensionVersion: string;
}

export interface ReporterDeps {
  /** The endpoint from policy, or undefined (consumers). */
  endpoint: () => Promise<string | undefined>;
  fetch: typeof fetch;
  now: () => number;
  extensionVersion: string;
}

export const MAX_PER_HOUR = 30;
const TIMEOUT_MS = 10_000;

export function createReporter(deps: ReporterDeps) {
  const sent = new Set<string>();
  let windowStart = 0;
  let inWindow = 0;

  /** Reports a blocked page. Resolves to whether a report was sent; never throws. */
  return async function report(pageUrl: string | undefined, verdict: Verdict): Promise<boolean> {
    try {
      if (verdict.kind !== 'impostor' || !pageUrl) return false;
      const endpoint = await deps.endpoint();
      if (!endpoint || !endpoint.startsWith('https://')) return false;
      const url = new URL(pageUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
      const origin = url.origin;
      if (sent.has(origin)) return false;
      const now = deps.now();
      if (now - windowStart > 3_600_000) {
        windowStart = now;
        inWindow = 0;
      }
      if (inWindow >= MAX_PER_HOUR) return false;
      sent.add(origin);
      inWindow++;
      const body: IncidentReport = {
        origin,
        kind: verdict.kind,
        brand: verdict.brand ?? null,
        reasons: verdict.reasons,
        listVersion: verdict.listVersion,
        at: new Date(now).toISOString(),
        extensionVersion: deps.extensionVersion,
      };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
      try {
        const res = await deps.fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
          redirect: 'error',
          signal: controller.signal,
        });
        return res.ok;
      } finally {
        clearTimeout(timer);
      }
    } catch {
      return false; // a report is best effort: never disturbs the guard
    }
  };
}
