import { describe, expect, it } from 'vitest';
import { oneEdit } from './lookalike';
import { skeleton } from './skeleton';
import { parseTarget } from './host';

describe('oneEdit', () => {
  it('names substitutions, insertions, deletions and adjacent swaps with their position', () => {
    expect(oneEdit('sbisek', 'sbisec')).toEqual({ kind: 'sub', at: 5 });
    expect(oneEdit('sbiisec', 'sbisec')).toEqual({ kind: 'ins', at: 3 });
    expect(oneEdit('sbsec', 'sbisec')).toEqual({ kind: 'del', at: 2 });
    expect(oneEdit('sbisce', 'sbisec')).toEqual({ kind: 'swap', at: 4 });
  });
  it('rejects equal strings and anything two edits away', () => {
    expect(oneEdit('sbisec', 'sbisec')).toBeNull();
    expect(oneEdit('sbxsxc', 'sbisec')).toBeNull();
    expect(oneEdit('sbisecxx', 'sbisec')).toBeNull();
  });
});

describe('skeleton (UTS #39 data)', () => {
  it('folds Cyrillic, fullwidth and digit lookalikes onto Latin prototypes', () => {
    expect(skeleton('ѕbіsес')).toBe(skeleton('sbisec'));
    expect(skeleton('ｓｂｉ')).toBe('sbi');
    expect(skeleton('smbcnikk0')).toBe(skeleton('smbcnikko'));
    expect(skeleton('rnonex')).toBe(skeleton('monex'));
  });
  it('keeps genuinely different letters apart', () => {
    expect(skeleton('sbisec')).not.toBe(skeleton('sbisek'));
    expect(skeleton('daiwa')).not.toBe(skeleton('daiva'));
  });
});

describe('parseTarget', () => {
  it('judges the real host behind userinfo, and decodes IDN to punycode', () => {
    expect(parseTarget('https://www.rakuten-sec.co.jp@evil.example/')).toMatchObject({ host: 'evil.example' });
    expect(parseTarget('https://ѕbisec.co.jp/')).toMatchObject({ host: 'xn--bisec-g2e.co.jp' });
  });
  it('reads bare hosts (with ports) as https and blob: URLs by their inner origin', () => {
    expect(parseTarget('www.sbisec.co.jp')).toMatchObject({ kind: 'web', scheme: 'https', host: 'www.sbisec.co.jp' });
    expect(parseTarget('www.sbisec.co.jp:8443')).toMatchObject({ kind: 'web', host: 'www.sbisec.co.jp' });
    expect(parseTarget('blob:http://x.example/uuid')).toMatchObject({ kind: 'web', scheme: 'http', host: 'x.example' });
  });
  it('refuses non-strings and over-long input without throwing', () => {
    expect(parseTarget(undefined)).toEqual({ kind: 'unparseable' });
    expect(parseTarget('a'.repeat(9000))).toEqual({ kind: 'unparseable' });
    expect(parseTarget('about:blank')).toEqual({ kind: 'not-web', scheme: 'about' });
  });
});
