import { describe, expect, it } from 'vitest';
import { mergeFirmList } from './merge';
import { brand, listDoc } from '../../test/fixtures/lists/make';

const publisher = listDoc({ exempt: ['example.org'] });

describe('firm list merge', () => {
  it('adds the firm brands as extra genuine origins', () => {
    const m = mergeFirmList(publisher, listDoc({ brands: [brand('nisa', 'nisa.firm-sec.co.jp')] }));
    expect(m.brands.map((b) => b.id)).toEqual(['alpha', 'beta', 'firm-nisa']);
    expect(m.brands[2].hosts).toEqual(['nisa.firm-sec.co.jp']);
    expect(m.version).toBe(publisher.version);
  });

  it('never removes or changes a publisher brand, even when the firm reuses its id', () => {
    const m = mergeFirmList(publisher, listDoc({ brands: [brand('alpha', 'login.alpha-other.co.jp')] }));
    expect(m.brands[0]).toEqual(publisher.brands[0]);
    expect(m.brands.map((b) => b.id)).toEqual(['alpha', 'beta', 'firm-alpha']);
  });

  it('keeps hosts the publisher lists with the publisher (exact or subtree)', () => {
    const m = mergeFirmList(
      publisher,
      listDoc({ brands: [brand('grab', 'www.alpha-sec.co.jp', { hosts: ['www.alpha-sec.co.jp', 'x.beta-sec.jp', 'own.firm.co.jp'], loginUrl: 'https://www.alpha-sec.co.jp/' })] }),
    );
    const added = m.brands.find((b) => b.id === 'firm-grab')!;
    expect(added.hosts).toEqual(['own.firm.co.jp']);
    expect(added.loginUrl).toBe('https://own.firm.co.jp/');
  });

  it('drops firm brands left without hosts, and ignores firm exempt/related (they switch detection off)', () => {
    const firm = listDoc({ exempt: ['evil.example'], brands: [brand('dup', 'trade.beta-sec.com'), brand('ok', 'ok.firm.co.jp', { related: ['phish.example'] })] });
    const m = mergeFirmList(publisher, firm);
    expect(m.brands.map((b) => b.id)).toEqual(['alpha', 'beta', 'firm-ok']);
    expect(m.exempt).toEqual(['example.org']);
    expect(m.brands[2].related).toBeUndefined();
  });

  it('is the publisher list itself without a firm list', () => {
    expect(mergeFirmList(publisher, undefined)).toBe(publisher);
  });
});
