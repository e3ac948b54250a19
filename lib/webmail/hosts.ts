/**
 * Webmail user interfaces whose links Shoken Guard checks (issue 5). DATA, one entry per host,
 * from shared docs "brokers-and-threats" §D. Hosts are exact (no wildcards): a mail UI lives on
 * one host, and a wildcard would put the link checker on unrelated pages of the same company.
 * Managed policy adds a firm's own webmail (`webmailHosts`), see `webmailHostsFrom`.
 */
export interface WebmailHost {
  host: string;
  service: string;
  confidence: 'high' | 'medium' | 'low';
}

export const WEBMAIL_HOSTS: readonly WebmailHost[] = [
  { host: 'mail.google.com', service: 'Gmail', confidence: 'high' },
  { host: 'outlook.live.com', service: 'Outlook.com', confidence: 'high' },
  { host: 'outlook.office.com', service: 'Outlook (Microsoft 365)', confidence: 'high' },
  { host: 'outlook.office365.com', service: 'Outlook (Microsoft 365)', confidence: 'high' },
  { host: 'mail.yahoo.co.jp', service: 'Yahoo!メール', confidence: 'high' },
  { host: 'www.icloud.com', service: 'iCloud メール', confidence: 'high' },
  { host: 'mail.smt.docomo.ne.jp', service: 'ドコモメール', confidence: 'high' },
  { host: 'webmail.softbank.jp', service: 'SoftBank メール', confidence: 'medium' },
  // Sources disagree on au メール's host; both are checked (a wrong entry costs nothing).
  { host: 'mail.ezweb.ne.jp', service: 'au メール', confidence: 'low' },
  { host: 'mail.auone.jp', service: 'au メール', confidence: 'low' },
  { host: 'webmail.nifty.com', service: '@nifty メール', confidence: 'low' },
  { host: 'mail.biglobe.ne.jp', service: 'BIGLOBE メール', confidence: 'low' },
];

/** Content-script match patterns for a host list (https only: no webmail is served over http). */
export function matchPatterns(hosts: readonly string[]): string[] {
  return hosts.map((h) => `https://${h}/*`);
}

export const WEBMAIL_MATCHES: readonly string[] = matchPatterns(WEBMAIL_HOSTS.map((h) => h.host));

const HOST_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

export type HostCheck = { ok: true; host: string } | { ok: false; message: string };

/**
 * Validates one policy entry: a bare host ("mail.example-sec.co.jp") or an https origin
 * ("https://mail.example-sec.co.jp"). Wildcards, paths, ports, IPs and http are refused with a
 * message the options page can show.
 */
export function checkWebmailHost(entry: unknown): HostCheck {
  if (typeof entry !== 'string') return { ok: false, message: 'not a string' };
  let s = entry.trim().toLowerCase();
  if (s.startsWith('http://')) return { ok: false, message: `${entry}: webmail must be https` };
  if (s.startsWith('https://')) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return { ok: false, message: `${entry}: not a valid origin` };
    }
    if (u.port || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username) {
      return { ok: false, message: `${entry}: give an origin only (no port, path or query)` };
    }
    s = u.hostname;
  }
  if (s.includes('*')) return { ok: false, message: `${entry}: wildcards are not allowed` };
  if (!HOST_RE.test(s)) return { ok: false, message: `${entry}: not a host name` };
  return { ok: true, host: s };
}

/** Policy hosts that are valid and not already built in (the bundled matches cover those). */
export function webmailHostsFrom(policyHosts: readonly unknown[] | undefined): { hosts: string[]; problems: string[] } {
  const builtIn = new Set(WEBMAIL_HOSTS.map((h) => h.host));
  const hosts = new Set<string>();
  const problems: string[] = [];
  for (const e of policyHosts ?? []) {
    const c = checkWebmailHost(e);
    if (!c.ok) problems.push(c.message);
    else if (!builtIn.has(c.host)) hosts.add(c.host);
  }
  return { hosts: [...hosts].sort(), problems };
}

export function isWebmailHost(host: string, extra: readonly string[] = []): boolean {
  const h = host.toLowerCase();
  return WEBMAIL_HOSTS.some((w) => w.host === h) || extra.includes(h);
}
