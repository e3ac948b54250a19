import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRAND_KEYS, SIGNAL_KEYS, TOP_KEYS, validateListDocument } from './validate';
import brokers from './data/brokers.json';

const schema = JSON.parse(readFileSync(new URL('../../public/list/list.schema.json', import.meta.url), 'utf8'));
const defs = schema.$defs;

describe('JSON Schema public/list/list.schema.json agrees with the validator', () => {
  it('names the same properties', () => {
    expect(Object.keys(defs.listDocument.properties).sort()).toEqual([...TOP_KEYS].sort());
    expect(Object.keys(defs.brand.properties).sort()).toEqual([...BRAND_KEYS].sort());
    expect(Object.keys(defs.brand.properties.signals.properties).sort()).toEqual([...SIGNAL_KEYS].sort());
  });

  it('requires what the validator requires', () => {
    for (const key of defs.listDocument.required) {
      const d: Record<string, unknown> = { ...brokers };
      delete d[key];
      expect(validateListDocument(d).problems.join('\n'), key).toContain(`$.${key}`);
    }
    for (const key of defs.brand.required) {
      const b: Record<string, unknown> = { ...brokers.brands[0] };
      delete b[key];
      expect(validateListDocument({ ...brokers, brands: [b] }).problems.join('\n'), key).toContain(`.${key}`);
    }
  });

  it('uses the same host pattern as the validator (bundled hosts pass both)', () => {
    const re = new RegExp(defs.host.pattern);
    for (const b of brokers.brands) for (const h of b.hosts) expect(re.test(h), h).toBe(true);
    expect(re.test('http://x.co.jp')).toBe(false);
    expect(re.test('www.証券.jp')).toBe(false);
  });
});
