import { describe, expect, it } from 'vitest';
import type { LinkVerdict } from '../../domain/links';
import { reasonLines } from './dialog';

const v = (over: Partial<LinkVerdict>): LinkVerdict => ({ kind: 'dangerous', reasons: [], target: 'https://dsgr1234.com/rakuten/', via: [], listVersion: 1, ...over });

describe('link dialog wording', () => {
  it('explains each reason naming the broker, Japanese first, English by browser language', () => {
    const verdict = v({ reasons: ['text-names-broker', 'opaque-redirect'], brand: 'rakuten-sec', brandNames: { ja: '楽天証券', en: 'Rakuten Securities' } });
    const ja = reasonLines(verdict, 'ja');
    expect(ja).toHaveLength(2);
    expect(ja[0]).toContain('楽天証券');
    expect(ja[1]).toContain('転送URL');
    const en = reasonLines(verdict, 'en');
    expect(en[0]).toContain('Rakuten Securities');
    expect(en[0]).not.toMatch(/[\u3040-\u30ff]/);
  });

  it('falls back to a generic broker word when no brand is known, and never shows a raw key', () => {
    for (const lang of ['ja', 'en'] as const) {
      const lines = reasonLines(v({ reasons: ['target-suspicious', 'translation-proxy'] }), lang);
      expect(lines).toHaveLength(2);
      for (const l of lines) expect(l).not.toMatch(/webmail_|\$BRAND\$|\$1/);
    }
  });
});
