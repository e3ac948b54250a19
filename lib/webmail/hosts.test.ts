import { describe, expect, it } from 'vitest';
import { checkWebmailHost, isWebmailHost, matchPatterns, WEBMAIL_HOSTS, WEBMAIL_MATCHES, webmailHostsFrom } from './hosts';

describe('webmail host list', () => {
  it('covers the services investors use (§D) as exact https hosts', () => {
    const hosts = WEBMAIL_HOSTS.map((h) => h.host);
    for (const h of ['mail.google.com', 'outlook.live.com', 'outlook.office.com', 'mail.yahoo.co.jp', 'www.icloud.com', 'mail.smt.docomo.ne.jp']) {
      expect(hosts).toContain(h);
    }
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const m of WEBMAIL_MATCHES) expect(m).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
  });

  it('does not treat other pages of the same companies as webmail', () => {
    expect(isWebmailHost('mail.google.com')).toBe(true);
    expect(isWebmailHost('www.google.com')).toBe(false);
    expect(isWebmailHost('mail.google.com.evil.top')).toBe(false);
    expect(isWebmailHost('mail.example-sec.co.jp', ['mail.example-sec.co.jp'])).toBe(true);
  });
});

describe('policy webmailHosts', () => {
  it('accepts hosts and https origins, normalised', () => {
    expect(checkWebmailHost(' Mail.Example-Sec.co.jp ')).toEqual({ ok: true, host: 'mail.example-sec.co.jp' });
    expect(checkWebmailHost('https://mail.example-sec.co.jp/')).toEqual({ ok: true, host: 'mail.example-sec.co.jp' });
  });

  it('refuses http, wildcards, paths, ports and junk with a message', () => {
    for (const bad of ['http://mail.example.jp', '*.example.jp', 'https://mail.example.jp/owa', 'https://mail.example.jp:8443', 'not a host', '', 42, null]) {
      const c = checkWebmailHost(bad);
      expect(c.ok).toBe(false);
      if (!c.ok) expect(c.message.length).toBeGreaterThan(0);
    }
  });

  it('keeps the valid entries when some are bad, and drops built-in duplicates', () => {
    const r = webmailHostsFrom(['mail.example-sec.co.jp', 'http://x.example', 'mail.google.com', 'mail.example-sec.co.jp']);
    expect(r.hosts).toEqual(['mail.example-sec.co.jp']);
    expect(r.problems).toHaveLength(1);
    expect(matchPatterns(r.hosts)).toEqual(['https://mail.example-sec.co.jp/*']);
  });
});
