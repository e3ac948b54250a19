import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { THIRD_PARTY } from './licences';

describe('licences shown in options', () => {
  it('match the licence field of each installed package', () => {
    for (const p of THIRD_PARTY) {
      const pkg = JSON.parse(readFileSync(`node_modules/${p.name}/package.json`, 'utf8')) as { license?: string };
      expect(pkg.license, p.name).toBe(p.licence);
    }
  });

  it('the project licence in package.json is MIT, as options says', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).license).toBe('MIT');
  });
});
