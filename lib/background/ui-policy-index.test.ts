import { describe, it, expect } from 'vitest';
import { buildIndex, classify } from '../domain/classify';
import type { ListDocument } from '../list/types';
import bundled from '../list/data/brokers.json';
import { parsePolicy } from '../policy/parse';
import { createPolicyIndexer, firmOf } from './ui-policy-index';

const doc = ((bundled as { list?: unknown }).list ?? bundled) as ListDocument;
const base = buildIndex(doc);

describe('policy origins in the index', () => {
  it('makes the firm origin genuine (policy-origin) while the list keeps working', () => {
    const { policy } = parsePolicy({ genuineOrigins: ['https://nisa.example-sec.co.jp'], firmName: '例示証券' });
    const index = createPolicyIndexer()(base, policy);
    expect(classify('https://nisa.example-sec.co.jp/login', base).kind).not.toBe('genuine');
    const v = classify('https://nisa.example-sec.co.jp/login', index);
    expect(v.kind).toBe('genuine');
    expect(v.reasons).toContain('policy-origin');
    expect(v.brandNames?.ja).toBe('例示証券');
    expect(classify('https://www.sbisec.co.jp/ETGate/', index).kind).toBe('genuine');
    expect(classify('https://sbisec.co.jp.evil.example/', index).kind).toBe('impostor');
    // Only https on that exact host.
    expect(classify('http://nisa.example-sec.co.jp/', index).kind).not.toBe('genuine');
    expect(classify('https://other.example-sec.co.jp/', index).kind).not.toBe('genuine');
  });

  it('returns the list index untouched without policy origins, and caches per policy', () => {
    const idx = createPolicyIndexer();
    const none = parsePolicy({}).policy;
    expect(idx(base, none)).toBe(base);
    const p = parsePolicy({ genuineOrigins: ['https://a.example-sec.co.jp'] }).policy;
    expect(idx(base, p)).toBe(idx(base, p));
  });

  it('shows firm info only when configured', () => {
    expect(firmOf(parsePolicy({}).policy)).toBeUndefined();
    expect(firmOf(parsePolicy({ supportContact: '0120-000-000' }).policy)).toEqual({ name: undefined, support: '0120-000-000' });
  });
});
