/**
 * Where may a credential go? Pure rules shared by the content script (synchronous decision at
 * submit time on genuine broker pages) and the background (guard/form-target).
 *
 * Attack: an injected or tampered login form on a genuine broker page that posts the
 * password to the attacker's origin (form action rewritten by a script, a submitter's
 * `formaction`, an extra form slipped into the page).
 */

export interface DestinationJudgement {
  allowed: boolean;
  reason: 'same-origin' | 'listed' | 'off-list' | 'insecure' | 'not-http' | 'script-url' | 'unparseable' | 'impostor-destination' | 'unrelated';
  host?: string;
}

/** Does `host` fall under a list pattern ("www.x.co.jp", "*.sc.mufg.jp")? */
export function hostMatchesPattern(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === pattern;
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/**
 * Judges a destination by its shape alone: same origin, scheme. Returns undefined when the
 * destination is a foreign http(s) origin that needs a list decision.
 */
export function judgeByShape(dest: string, pageUrl: string): DestinationJudgement | undefined {
  const d = parse(dest, pageUrl);
  if (!d) return { allowed: false, reason: 'unparseable' };
  // A javascript: action runs script in the page itself; it sends nothing by itself.
  if (d.protocol === 'javascript:') return { allowed: true, reason: 'script-url' };
  if (d.protocol !== 'https:' && d.protocol !== 'http:') return { allowed: false, reason: 'not-http', host: d.protocol };
  const page = parse(pageUrl);
  if (page && page.origin === d.origin) return { allowed: true, reason: 'same-origin', host: d.hostname };
  return undefined;
}

/**
 * Genuine broker page: the credential may only go to the broker's own list entry
 * (hosts + formTargets), over https.
 */
export function judgeGenuineDestination(dest: string, pageUrl: string, formTargets: readonly string[]): DestinationJudgement {
  const shaped = judgeByShape(dest, pageUrl);
  if (shaped) return shaped;
  const d = parse(dest, pageUrl)!;
  const host = d.hostname.toLowerCase();
  if (d.protocol !== 'https:') return { allowed: false, reason: 'insecure', host };
  for (const t of formTargets) {
    if (t.includes('://')) {
      const o = parse(t);
      if (o && o.origin === d.origin) return { allowed: true, reason: 'listed', host };
    } else if (hostMatchesPattern(t.toLowerCase(), host)) {
      return { allowed: true, reason: 'listed', host };
    }
  }
  return { allowed: false, reason: 'off-list', host };
}
