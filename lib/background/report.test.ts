import { describe, expect, it } from 'vitest';
import type { Verdict } from '../domain/verdict';
import { createReporter, MAX_PER_HOUR } from './report';

const impostor: Verdict = { kind: 'impostor', host: 'sbisec-login.com', brand: 'sbi', reasons: ['combo-squat'], listVersion: 3 };

function setup(endpoint: string | undefined) {
  const calls: { url: string; init: RequestInit }[] = [];
  let now = Date.parse('2026-11-22T03:00:00Z');
  const report = createReporter({
    endpoint: async () => endpoint,
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(null, { status: 204 });
    }) as typeof fetch,
    now: () => now,
    extensionVersion: '0.1.0',
  });
  return { report, calls, advance: (ms: number) => (now += ms) };
}

describe('firm incident reports', () => {
  it('sends nothing without a policy endpoint (every consumer install)', async () => {
    const { report, calls } = setup(undefined);
    expect(await report('https://sbisec-login.com/ETGate/?user=taro', impostor)).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('sends only the origin, verdict kind, brand, reasons and list version — never the path or query', async () => {
    const { report, calls } = setup('https://soc.example-sec.co.jp/report');
    expect(await report('https://sbisec-login.com/ETGate/?user=taro#pw', impostor)).toBe(true);
    expect(calls).toHaveLength(1);
    const body = JSON.parse(String(calls[0].init.body));
    expect(body).toEqual({
      origin: 'https://sbisec-login.com', kind: 'impostor', brand: 'sbi', reasons: ['combo-squat'], listVersion: 3,
      at: '2026-11-22T03:00:00.000Z', extensionVersion: '0.1.0',
    });
    expect(String(calls[0].init.body)).not.toContain('taro');
    expect(calls[0].init.credentials).toBe('omit');
    expect(calls[0].init.referrerPolicy).toBe('no-referrer');
  });

  it('reports impostors only, and each origin once', async () => {
    const { report, calls } = setup('https://soc.example-sec.co.jp/report');
    expect(await report('https://www.sbisec.co.jp/', { ...impostor, kind: 'genuine' })).toBe(false);
    expect(await report('https://nomura.top/', { ...impostor, kind: 'suspicious' })).toBe(false);
    await report('https://sbisec-login.com/a', impostor);
    await report('https://sbisec-login.com/b', impostor);
    expect(calls).toHaveLength(1);
  });

  it('refuses a non-https endpoint and caps reports per hour', async () => {
    const insecure = setup('http://soc.example/report');
    expect(await insecure.report('https://sbisec-login.com/', impostor)).toBe(false);
    expect(insecure.calls).toHaveLength(0);

    const { report, calls, advance } = setup('https://soc.example-sec.co.jp/report');
    for (let i = 0; i < MAX_PER_HOUR + 5; i++) await report(`https://fake${i}.example/`, impostor);
    expect(calls).toHaveLength(MAX_PER_HOUR);
    advance(3_600_001);
    expect(await report('https://later.example/', impostor)).toBe(true);
  });

  it('never throws when the endpoint fails', async () => {
    const report = createReporter({
      endpoint: async () => 'https://soc.example/report',
      fetch: (async () => {
        throw new TypeError('network down');
      }) as typeof fetch,
      now: () => 0,
      extensionVersion: '0.1.0',
    });
    expect(await report('https://sbisec-login.com/', impostor)).toBe(false);
  });
});
