import { describe, expect, it } from 'vitest';
import { judgeByShape, judgeGenuineDestination } from './destination';

const SBI = ['www.sbisec.co.jp', 'login.sbisec.co.jp', 'https://auth.sbi-partner.example', '*.sc.mufg.jp'];
const PAGE = 'https://www.sbisec.co.jp/ETGate/';

describe('credential destinations from a genuine broker page', () => {
  it('allows the page itself and relative actions', () => {
    expect(judgeGenuineDestination('/ETGate/login', PAGE, SBI)).toMatchObject({ allowed: true, reason: 'same-origin' });
  });
  it('allows another listed host of the same broker', () => {
    expect(judgeGenuineDestination('https://login.sbisec.co.jp/sso', PAGE, SBI)).toMatchObject({ allowed: true, reason: 'listed' });
  });
  it('allows a listed formTargets origin and a wildcard subtree', () => {
    expect(judgeGenuineDestination('https://auth.sbi-partner.example/x', PAGE, SBI).allowed).toBe(true);
    expect(judgeGenuineDestination('https://online.sc.mufg.jp/login', PAGE, SBI).allowed).toBe(true);
  });
  it('stops an injected form posting to a foreign origin', () => {
    expect(judgeGenuineDestination('https://evil-collector.example/steal', PAGE, SBI)).toMatchObject({ allowed: false, reason: 'off-list', host: 'evil-collector.example' });
  });
  it('stops a lookalike of the broker as destination', () => {
    expect(judgeGenuineDestination('https://login.sbisec.co.jp.evil.top/', PAGE, SBI).allowed).toBe(false);
  });
  it('stops http to a listed host (credential in clear text)', () => {
    expect(judgeGenuineDestination('http://login.sbisec.co.jp/sso', PAGE, SBI)).toMatchObject({ allowed: false, reason: 'insecure' });
  });
  it('stops mailto: and data: destinations', () => {
    expect(judgeGenuineDestination('mailto:x@evil.example', PAGE, SBI)).toMatchObject({ allowed: false, reason: 'not-http' });
    expect(judgeGenuineDestination('data:text/html,hi', PAGE, SBI).allowed).toBe(false);
  });
  it('a formTargets origin does not open its whole domain', () => {
    expect(judgeGenuineDestination('https://other.sbi-partner.example/', PAGE, SBI).allowed).toBe(false);
  });
});

describe('shape-only judgement', () => {
  it('needs a list decision for a foreign https origin', () => {
    expect(judgeByShape('https://elsewhere.example/', 'https://blog.example/')).toBeUndefined();
  });
  it('javascript: actions send nothing by themselves', () => {
    expect(judgeByShape('javascript:void 0', 'https://blog.example/')).toMatchObject({ allowed: true });
  });
});
