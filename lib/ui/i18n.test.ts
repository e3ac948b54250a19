import { describe, it, expect } from 'vitest';
import { langFrom, t, tParts, hasKey } from './i18n';

describe('i18n', () => {
  it('is Japanese for any Japanese UI language, English otherwise', () => {
    expect(langFrom('ja')).toBe('ja');
    expect(langFrom('ja-JP')).toBe('ja');
    expect(langFrom('en-US')).toBe('en');
    expect(langFrom('zh-TW')).toBe('en');
    expect(langFrom(undefined)).toBe('en');
  });

  it('fills named placeholders in each language word order', () => {
    expect(t('ja', 'ui_state_genuine', 'SBI証券')).toBe('正規のSBI証券です');
    expect(t('en', 'ui_state_genuine', 'SBI SECURITIES')).toBe('Genuine SBI SECURITIES');
    expect(t('ja', 'ui_card_lead_impostor', 'evil.example', 'SBI証券')).toContain('このページ（evil.example）はSBI証券の正規サイトではありません');
  });

  it('never lets a substituted value be re-interpreted as a placeholder', () => {
    expect(t('en', 'ui_state_genuine', '$BROKER$ $1 $$')).toBe('Genuine $BROKER$ $1 $$');
  });

  it('splits around rich substitutions without losing text', () => {
    const node = { host: true };
    const parts = tParts('en', 'ui_card_lead_impostor', node, 'SBI');
    expect(parts[0]).toBe('This page (');
    expect(parts[1]).toBe(node);
    expect(parts.slice(2).join('')).toBe(') is not the genuine SBI site. It may be imitating SBI to steal your ID and password.');
  });

  it('shows the key itself for an unknown key (visible in tests, never a crash)', () => {
    expect(t('ja', 'ui_no_such_key')).toBe('ui_no_such_key');
    expect(hasKey('ui_no_such_key')).toBe(false);
    expect(hasKey('ui_why')).toBe(true);
  });
});
