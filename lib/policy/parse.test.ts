import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { parsePolicy } from './parse';
import { DEFAULT_POLICY } from './types';

const codes = (raw: unknown) => parsePolicy(raw).problems.map((p) => `${p.key}:${p.code}`);

describe('parsePolicy', () => {
  it('gives consumers (no policy) the defaults and no problems', () => {
    expect(parsePolicy(undefined)).toEqual({ policy: DEFAULT_POLICY, problems: [], managed: false });
    expect(parsePolicy({})).toEqual({ policy: DEFAULT_POLICY, problems: [], managed: false });
    expect(parsePolicy({ allowContinue: true }).managed).toBe(true);
  });

  it('accepts the firm example from the deployment guide unchanged in meaning', () => {
    const file = JSON.parse(readFileSync('test/fixtures/policy/firm-example.json', 'utf8'));
    const ext = file['3rdparty'].extensions.ihahggmkmcdinndjloaklpheikomoepj;
    const { policy, problems } = parsePolicy(ext);
    expect(problems).toEqual([]);
    expect(policy.allowContinue).toBe(false);
    expect(policy.genuineOrigins.length).toBeGreaterThan(0);
    expect(policy.firmName).toBeTruthy();
    expect(policy.supportContact).toBeTruthy();
  });

  it('normalises genuine origins and drops anything that is not a bare https origin', () => {
    const { policy, problems } = parsePolicy({
      genuineOrigins: [
        'https://NISA.Example-Sec.co.jp/',
        'https://nisa.example-sec.co.jp',
        'http://plain.example-sec.co.jp',
        'https://app.example-sec.co.jp/login',
        'https://*.example-sec.co.jp',
        'https://%2A.example-sec.co.jp',
        'https://user:pw@x.example-sec.co.jp',
        'https://ポータル.example-sec.co.jp',
        42,
      ],
    });
    expect(policy.genuineOrigins).toEqual(['https://nisa.example-sec.co.jp', `https://${domainToASCII('ポータル.example-sec.co.jp')}`]);
    expect(problems.map((p) => `${p.key}:${p.code}`)).toEqual([
      'genuineOrigins[2]:not-https-origin',
      'genuineOrigins[3]:not-https-origin',
      'genuineOrigins[4]:not-https-origin',
      'genuineOrigins[5]:not-https-origin',
      'genuineOrigins[6]:not-https-origin',
      'genuineOrigins[8]:wrong-type',
    ]);
    expect(problems[0].value).toBe('http://plain.example-sec.co.jp');
  });

  it('keeps defaults when booleans have the wrong type, and says so', () => {
    const { policy } = parsePolicy({ allowContinue: 'false', passwordReuse: 1 });
    expect(policy.allowContinue).toBe(true);
    expect(policy.passwordReuse).toBe(false);
    expect(codes({ allowContinue: 'false', passwordReuse: 1 })).toEqual(['allowContinue:wrong-type', 'passwordReuse:wrong-type']);
    expect(parsePolicy({ allowContinue: false, passwordReuse: true }).policy).toMatchObject({ allowContinue: false, passwordReuse: true });
  });

  it('flattens control characters in firm texts and rejects overly long ones', () => {
    const { policy } = parsePolicy({ firmName: ' 例示\n証券\u0000 ', supportContact: 'x'.repeat(201) });
    expect(policy.firmName).toBe('例示 証券');
    expect(policy.supportContact).toBeUndefined();
    expect(codes({ supportContact: 'x'.repeat(201), firmName: '  ' })).toEqual(['firmName:empty', 'supportContact:too-long']);
  });

  it('accepts webmail host names only (IDN to punycode)', () => {
    const { policy, problems } = parsePolicy({ webmailHosts: ['Mail.Example.co.jp', 'https://mail.x.jp/', 'localhost', 'メール.example.jp'] });
    expect(policy.webmailHosts).toEqual(['mail.example.co.jp', domainToASCII('メール.example.jp')]);
    expect(problems.map((p) => p.key)).toEqual(['webmailHosts[1]', 'webmailHosts[2]']);
  });

  it('requires https for the list mirror and the report endpoint', () => {
    const { policy, problems } = parsePolicy({ listUrl: 'http://mirror.example/list.json', reportEndpoint: 'https://soc.example-sec.co.jp/report' });
    expect(policy.listUrl).toBeUndefined();
    expect(policy.reportEndpoint).toBe('https://soc.example-sec.co.jp/report');
    expect(problems.map((p) => `${p.key}:${p.code}`)).toEqual(['listUrl:not-https-url']);
  });

  it('takes a firm list only when url, key, key id and algorithm are all valid', () => {
    const good = { url: 'https://lists.example-sec.co.jp/list.json', publicKey: 'MCowBQYDK2VwAyEA1234+/abc=', keyId: 'firm-2026', algorithm: 'Ed25519' };
    expect(parsePolicy({ firmList: good }).policy.firmList).toEqual(good);
    expect(codes({ firmList: { ...good, algorithm: 'RSA' } })).toEqual(['firmList.algorithm:bad-algorithm']);
    expect(parsePolicy({ firmList: { ...good, url: 'ftp://x' } }).policy.firmList).toBeUndefined();
    expect(codes({ firmList: { ...good, publicKey: '<script>' } })).toEqual(['firmList.publicKey:bad-key']);
    expect(codes({ firmList: 'yes' })).toEqual(['firmList:wrong-type']);
  });

  it('notes unknown keys and non-object policies without throwing', () => {
    expect(codes({ allowContinu: false })).toEqual(['allowContinu:unknown-key']);
    expect(codes([1, 2])).toEqual(['(root):not-object']);
    expect(codes('x')).toEqual(['(root):not-object']);
  });
});
