import { describe, it, expect } from 'vitest';
import { createPrefsStore, passwordReuseEnabled, PREFS_KEY, settingsOf } from './ui-prefs';
import { parsePolicy } from '../policy/parse';

function memoryArea(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    async get(key: string) {
      return key in data ? { [key]: data[key] } : {};
    },
    async set(items: Record<string, unknown>) {
      Object.assign(data, structuredClone(items));
    },
  };
}

const known = new Set(['sbi', 'rakuten-sec', 'monex']);

describe('UI preferences', () => {
  it('default to no brokers and password-reuse alerts off', async () => {
    expect(await createPrefsStore(memoryArea()).get()).toEqual({ myBrokers: [], passwordReuseOptIn: false });
  });

  it('keep only known broker ids, once each, in order', async () => {
    const area = memoryArea();
    const store = createPrefsStore(area);
    const next = await store.set({ myBrokers: ['monex', 'sbi', 'monex', 'evil-broker', 'SBI'] }, known);
    expect(next.myBrokers).toEqual(['monex', 'sbi']);
    expect(area.data[PREFS_KEY]).toEqual({ myBrokers: ['monex', 'sbi'], passwordReuseOptIn: false });
  });

  it('survive garbage in storage (older versions, bugs) without throwing', async () => {
    const store = createPrefsStore(memoryArea({ [PREFS_KEY]: { myBrokers: 'sbi', passwordReuseOptIn: 'yes' } }));
    expect(await store.get()).toEqual({ myBrokers: [], passwordReuseOptIn: false });
    const broken = createPrefsStore({ get: () => Promise.reject(new Error('quota')), set: () => Promise.resolve() });
    expect(await broken.get()).toEqual({ myBrokers: [], passwordReuseOptIn: false });
  });

  it('merge partial changes without losing the other preference', async () => {
    const store = createPrefsStore(memoryArea());
    await store.set({ myBrokers: ['sbi'] }, known);
    const next = await store.set({ passwordReuseOptIn: true }, known);
    expect(next).toEqual({ myBrokers: ['sbi'], passwordReuseOptIn: true });
  });
});

describe('password-reuse alerts: user opt-in or policy', () => {
  const prefs = (optIn: boolean) => ({ myBrokers: [], passwordReuseOptIn: optIn });
  it.each([
    [false, false, false],
    [true, false, true],
    [false, true, true],
    [true, true, true],
  ])('opt-in %s, policy %s → on %s', async (optIn, forced, on) => {
    const policy = parsePolicy({ passwordReuse: forced }).policy;
    expect(settingsOf(prefs(optIn), policy)).toEqual({ prefs: prefs(optIn), passwordReuse: { on, forcedByPolicy: forced } });
    const store = createPrefsStore(memoryArea({ [PREFS_KEY]: prefs(optIn) }));
    expect(await passwordReuseEnabled(store, policy)).toBe(on);
  });
});
