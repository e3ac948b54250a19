import { describe, it, expect } from 'vitest';
import { buildIndex } from '../domain/classify';
import type { ListDocument } from '../list/types';
import bundled from '../list/data/brokers.json';
import { createPolicyReader } from '../policy/reader';
import { createPrefsStore } from './ui-prefs';
import { createUiHandlers } from './ui-handlers';

const doc = ((bundled as { list?: unknown }).list ?? bundled) as ListDocument;
const index = buildIndex(doc, { extraOrigins: ['https://nisa.example-sec.co.jp'] });
const sender = {};

function setup(managed: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = {};
  const prefs = createPrefsStore({
    get: async (k) => (k in data ? { [k]: data[k] } : {}),
    set: async (items) => void Object.assign(data, items),
  });
  const policy = createPolicyReader({ get: async () => managed });
  return createUiHandlers({ lists: { index: async () => index }, policy, prefs });
}

describe('UI handlers (privileged)', () => {
  it('list every broker of the list with an https login URL, never the policy pseudo-brand', async () => {
    const brokers = await setup()['ui/brokers']({}, sender);
    expect(brokers.length).toBe(doc.brands.length);
    expect(brokers.every((b) => b.loginUrl.startsWith('https://'))).toBe(true);
    expect(brokers.map((b) => b.id)).not.toContain('policy');
    expect(brokers.find((b) => b.id === 'sbi')).toEqual({ id: 'sbi', names: { ja: 'SBI証券', en: 'SBI SECURITIES' }, loginUrl: 'https://www.sbisec.co.jp/ETGate/' });
  });

  it('ignore malformed preference changes and unknown brokers', async () => {
    const h = setup();
    const s = await h['ui/set-prefs']({ myBrokers: ['sbi', 'not-a-broker'], passwordReuseOptIn: 'true' as unknown as boolean }, sender);
    expect(s.prefs).toEqual({ myBrokers: ['sbi'], passwordReuseOptIn: false });
    const s2 = await h['ui/set-prefs'](null as never, sender);
    expect(s2.prefs.myBrokers).toEqual(['sbi']);
  });

  it('report password reuse forced by policy, and the policy with its problems', async () => {
    const h = setup({ passwordReuse: true, genuineOrigins: ['http://x.example'] });
    expect((await h['ui/settings']({}, sender)).passwordReuse).toEqual({ on: true, forcedByPolicy: true });
    const view = await h['ui/policy']({}, sender);
    expect(view.managed).toBe(true);
    expect(view.problems.map((p) => p.key)).toEqual(['genuineOrigins[0]']);
  });

  it('fall back to the index version when the list source has no status yet', async () => {
    expect(await setup()['list/status']({}, sender)).toEqual({ version: doc.version, source: 'bundled', stale: false, attempts: [] });
  });
});
