import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildIndex, classify } from '../domain/classify';
import brokers from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { createReuseStore } from '../reuse/store';
import { createReuseHandlers, MAX_CHECKS_PER_SECOND } from './reuse-handlers';

const index = buildIndex(brokers as unknown as ListDocument);
function setup(on = true) {
  const data: Record<string, unknown> = {};
  let enabled = on;
  const store = createReuseStore({
    area: { get: async (k) => (k in data ? { [k]: data[k] } : {}), set: async (i) => void Object.assign(data, i) },
    subtle: webcrypto.subtle as unknown as SubtleCrypto,
    random: (n) => webcrypto.getRandomValues(new Uint8Array(n)),
    now: () => 5,
    iterations: 1000,
  });
  let t = 0;
  const h = createReuseHandlers({ store, enabled: async () => enabled, verdictFor: async (u) => classify(u, index), index: async () => index, now: () => t });
  const sender = (url: string) => ({ id: 'x', url, frameId: 0, tab: { id: 3, url } });
  return { h, data, sender, setEnabled: (v: boolean) => (enabled = v), tick: (ms: number) => (t += ms) };
}
const GENUINE = 'https://www.sbisec.co.jp/ETGate/';
const PHISH = 'https://columnistof-daily.com/member/';

describe('password reuse handlers', () => {
  it('off by default: no mode, nothing remembered, nothing checked', async () => {
    const { h, data, sender } = setup(false);
    expect(await h.content['reuse/mode']({}, sender(GENUINE))).toEqual({ mode: 'off' });
    expect(await h.content['reuse/remember']({ secrets: ['Tr0ub4dor&3x'] }, sender(GENUINE))).toEqual({ stored: 0 });
    expect(Object.keys(data)).toHaveLength(0);
  });

  it('remembers on a genuine origin and catches the same password on an unrelated one, naming the broker', async () => {
    const { h, sender } = setup();
    expect(await h.content['reuse/mode']({}, sender(GENUINE))).toEqual({ mode: 'remember' });
    expect(await h.content['reuse/mode']({}, sender(PHISH))).toEqual({ mode: 'off' }); // nothing remembered yet
    expect(await h.content['reuse/remember']({ secrets: ['Tr0ub4dor&3x'] }, sender(GENUINE))).toEqual({ stored: 1 });
    expect(await h.content['reuse/mode']({}, sender(PHISH))).toEqual({ mode: 'detect' });
    expect(await h.content['reuse/check']({ tail: 'taroTr0ub4dor&3x' }, sender(PHISH))).toEqual({
      match: true, brand: 'sbi', brandNames: { ja: 'SBI証券', en: 'SBI SECURITIES' }, loginUrl: 'https://www.sbisec.co.jp/ETGate/',
    });
    expect(await h.content['reuse/check']({ tail: 'taroTr0ub4dor&3y' }, sender(PHISH))).toEqual({ match: false });
  });

  it('a non-genuine sender cannot plant a password, and typing it on the genuine site is not an alarm', async () => {
    const { h, sender } = setup();
    expect(await h.content['reuse/remember']({ secrets: ['Tr0ub4dor&3x'] }, sender(PHISH))).toEqual({ stored: 0 });
    await h.content['reuse/remember']({ secrets: ['Tr0ub4dor&3x'] }, sender(GENUINE));
    expect(await h.content['reuse/check']({ tail: 'Tr0ub4dor&3x' }, sender(GENUINE))).toEqual({ match: false });
  });

  it('rate-limits checks per tab', async () => {
    const { h, sender, tick } = setup();
    await h.content['reuse/remember']({ secrets: ['Tr0ub4dor&3x'] }, sender(GENUINE));
    for (let i = 0; i < MAX_CHECKS_PER_SECOND; i++) await h.content['reuse/check']({ tail: 'zzzzzzzzzz' }, sender(PHISH));
    expect(await h.content['reuse/check']({ tail: 'Tr0ub4dor&3x' }, sender(PHISH))).toEqual({ match: false });
    tick(1000);
    expect(await h.content['reuse/check']({ tail: 'Tr0ub4dor&3x' }, sender(PHISH))).toMatchObject({ match: true });
  });

  it('summary shows brands only; clear forgets everything', async () => {
    const { h, sender } = setup();
    await h.content['reuse/remember']({ secrets: ['Tr0ub4dor&3x'] }, sender(GENUINE));
    expect(await h.extension['reuse/summary']({}, sender('chrome-extension://x/options.html'))).toEqual({ on: true, entries: [{ brand: 'sbi', at: 5 }] });
    await h.extension['reuse/clear']({}, sender('chrome-extension://x/options.html'));
    expect(await h.content['reuse/check']({ tail: 'Tr0ub4dor&3x' }, sender(PHISH))).toEqual({ match: false });
  });
});
