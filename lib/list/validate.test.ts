import { describe, expect, it } from 'vitest';
import bundled from './data/brokers.json';
import type { ListDocument } from './types';
import { validateListDocument } from './validate';
import { buildIndex, classify } from '../domain/classify';

// Validation hashes each brand id and host once and validates again, carefully, only when one
// repeats (lib/list/validate.ts): these pin that both ways give the same answers.
const doc = () => structuredClone(bundled) as unknown as ListDocument;

describe('validateListDocument with repeated ids and hosts', () => {
  it('accepts a brand that lists one of its hosts twice, and indexes it as before', () => {
    const d = doc();
    d.brands[0].hosts.push(d.brands[0].hosts[0]);
    expect(validateListDocument(d).problems).toEqual([]);
    const index = buildIndex(d);
    expect(index.hosts.get(d.brands[0].hosts[0])?.id).toBe(d.brands[0].id);
    expect(classify(`https://${d.brands[0].hosts[0]}/`, index).kind).toBe('genuine');
  });

  it('names the brand that listed a host first, and the first brand with an id, once each', () => {
    const d = doc();
    d.brands[2].hosts.push(d.brands[1].hosts[0]);
    d.brands[4].id = d.brands[3].id;
    const { problems, kind } = validateListDocument(d);
    expect(kind).toBe('bad-host');
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^\\$\\.brands\\[2\\].*hosts\\[\\d+\\] "${d.brands[1].hosts[0].replace(/[.*]/g, '\\$&')}": already listed by brand "${d.brands[1].id}"$`)),
      `$.brands[4].id: duplicate brand id "${d.brands[3].id}" (also $.brands[3])`,
    ]);
  });

  it('hands no host facts to the index from a document with problems', () => {
    const d = doc();
    d.brands[4].id = d.brands[3].id;
    expect(validateListDocument(d).problems.length).toBe(1);
    d.brands[4].id = 'fixed-id';
    // Built from scratch (nothing remembered from the failed validation): still every host.
    expect(buildIndex(d).hosts.size).toBe(buildIndex(doc()).hosts.size);
  });
});
