import { registrableDomain } from '../domain/registrable';

/**
 * Host rules for list entries. A list host is a bare ASCII host name ("www.sbisec.co.jp") or a
 * subtree ("*.sc.mufg.jp" = sc.mufg.jp and every host below it). Returns a problem or null.
 *
 * Why each rule: an IP or a public suffix would make a huge or meaningless slice of the web
 * "genuine" (a list claiming `*.co.jp` would bless every phishing site on .co.jp); Unicode must
 * be punycode because browsers report xn-- host names and confusable Unicode must never be
 * matched by accident; a scheme or port means the publisher wrote an origin where a host belongs
 * (and an http: origin is never genuine).
 */
/** The host shape accepted (checked by `dnsNameLastLabel`, a scanner equivalent to this regex). */
export const DNS_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * `domains`, when given, receives the registrable domain of a host that has no problem (in
 * call order, so a caller validating a whole list gets them in list order).
 */
export function hostProblem(pattern: unknown, domains?: (string | null)[]): string | null {
  if (typeof pattern !== 'string' || !pattern) return 'must be a non-empty string';
  const wildcard = pattern.startsWith('*.');
  const host = wildcard ? pattern.slice(2) : pattern;
  // Fast path first (a 10,000-brand list has 20,000+ hosts); diagnose only what fails it.
  const last = host.length <= 253 ? dnsNameLastLabel(host) : -1;
  if (last < 0) return diagnose(pattern, wildcard, host);
  // A numeric (or 0x-hex) last label makes browsers parse the whole host as IPv4 (WHATWG URL):
  // "192.0.2.7", "0x7f.0.0.1" and "login.alpha.1" are IP addresses.
  const c = host.charCodeAt(last);
  if (c >= 48 && c <= 57 && /^(0x[0-9a-f]*|[0-9]+)$/.test(host.slice(last))) return 'is an IP address: only DNS host names can be genuine';
  const domain = registrableDomain(host);
  if (!domain) return `is a public suffix ("${host}"): it would make every site under it genuine`;
  domains?.push(domain);
  return null;
}

/**
 * DNS_NAME without a regex: labels of 1–63 [a-z0-9-] not starting or ending with "-", at least
 * two of them. Returns where the last label starts, or -1 when `host` does not match.
 */
export function dnsNameLastLabel(host: string): number {
  let start = 0;
  let labels = 0;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - start;
      if (len < 1 || len > 63 || host.charCodeAt(start) === 45 || host.charCodeAt(i - 1) === 45) return -1;
      labels++;
      if (i < host.length) start = i + 1;
      continue;
    }
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return -1;
  }
  return labels >= 2 ? start : -1;
}

/** Why a host is not a plain DNS name, in the publisher's terms. */
function diagnose(pattern: string, wildcard: boolean, host: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pattern)) {
    return pattern.toLowerCase().startsWith('http:')
      ? 'is an http: origin: plain-http origins are never genuine; list the bare host name (https is implied)'
      : 'must be a bare host name without scheme (https is implied)';
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(host)) {
    let puny = '';
    try {
      puny = new URL(`https://${host}/`).hostname;
    } catch {
      /* unparseable either way */
    }
    return `contains non-ASCII characters: write it in punycode${puny ? ` ("${wildcard ? '*.' : ''}${puny}")` : ''}`;
  }
  if (host !== host.toLowerCase()) return 'must be lower case';
  if (host.includes('*')) return 'a wildcard is only allowed as a leading "*." label';
  if (/^\[.*\]$/.test(host)) return 'is an IP address: only DNS host names can be genuine';
  if (/[:/?#@\s]/.test(host)) return 'must be a bare host name (no port, path or credentials)';
  return 'is not a valid DNS host name';
}

/** A registrable domain (exempt, related): same rules, no wildcard. */
export function domainProblem(d: unknown): string | null {
  if (typeof d === 'string' && d.startsWith('*.')) return 'must be a domain without wildcard';
  return hostProblem(d);
}

/** Does `host` (ASCII, lower case) fall under the list pattern? */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === pattern;
}
