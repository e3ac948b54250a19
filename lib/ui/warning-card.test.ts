import { describe, it, expect, beforeAll, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderWarningCard, type WarningCardProps } from './warning-card';

// A minimal DOM (linkedom) is enough to check what the card says and which actions exist;
// focus, contrast and keyboard behaviour are proven in real Chromium (test/e2e/ui-*.e2e.test.ts).
let document: Document;
beforeAll(() => {
  const w = parseHTML('<!doctype html><html><body></body></html>');
  document = w.document as unknown as Document;
  Object.assign(globalThis, { document, window: w.window, Node: w.Node, Element: w.Element });
});

const base: WarningCardProps = {
  brandNames: { ja: 'SBI証券', en: 'SBI SECURITIES' },
  genuineUrl: 'https://www.sbisec.co.jp/ETGate/',
  pageHost: 'sbisec.co.jp.evil.example',
  reasons: ['embedded-domain'],
  allowContinue: true,
  lang: 'ja',
};

async function mount(props: Partial<WarningCardProps>) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const unmount = renderWarningCard(host, { ...base, ...props });
  await new Promise((r) => setTimeout(r, 0));
  return { host, unmount };
}

describe('WarningCard', () => {
  it('names the imitated broker, the page host and the genuine URL in Japanese', async () => {
    const { host } = await mount({});
    const text = host.textContent ?? '';
    expect(text).toContain('SBI証券の偽サイトの疑いがあります');
    expect(text).toContain('sbisec.co.jp.evil.example');
    expect(text).toContain('https://www.sbisec.co.jp/ETGate/');
    expect(text).toContain('正規のアドレスを、無関係なドメインの中に埋め込んでいます。');
    expect(host.querySelector('[data-testid="sg-go-genuine"]')?.getAttribute('href')).toBe('https://www.sbisec.co.jp/ETGate/');
    expect(host.querySelector('style')?.textContent).toContain('.sg-card');
  });

  it('speaks English when lang is en', async () => {
    const { host } = await mount({ lang: 'en' });
    expect(host.textContent).toContain('This looks like a fake SBI SECURITIES site');
    expect(host.textContent).toContain('Go to the genuine SBI SECURITIES');
  });

  it('offers "continue anyway" only after a confirmation step', async () => {
    const onContinue = vi.fn();
    const { host } = await mount({ onContinue });
    expect(host.querySelector('[data-testid="sg-continue-confirm"]')).toBeNull();
    (host.querySelector('[data-testid="sg-continue"]') as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(onContinue).not.toHaveBeenCalled();
    (host.querySelector('[data-testid="sg-continue-confirm"]') as HTMLElement).click();
    expect(onContinue).toHaveBeenCalledTimes(1);
  });

  it('has no continue path at all when policy forbids it', async () => {
    const { host } = await mount({ allowContinue: false });
    expect(host.querySelector('[data-testid="sg-continue"]')).toBeNull();
    expect(host.querySelector('[data-testid="sg-continue-locked"]')?.textContent).toContain('管理者の設定');
  });

  it('shows the firm support contact, linking only https and e-mail', async () => {
    const { host } = await mount({ firm: { name: '例示証券', support: 'https://support.example-sec.co.jp/' } });
    const firm = host.querySelector('[data-testid="sg-firm"]');
    expect(firm?.textContent).toContain('例示証券');
    expect(firm?.querySelector('a')?.getAttribute('href')).toBe('https://support.example-sec.co.jp/');
    const phone = await mount({ firm: { support: '0120-000-000（平日9時〜17時）' } });
    expect(phone.host.querySelector('[data-testid="sg-firm"] a')).toBeNull();
    const js = await mount({ firm: { support: 'javascript:alert(1)' } });
    expect(js.host.querySelector('[data-testid="sg-firm"] a')).toBeNull();
  });

  it('calls onGoGenuine instead of navigating when given', async () => {
    const onGoGenuine = vi.fn();
    const { host } = await mount({ onGoGenuine });
    (host.querySelector('[data-testid="sg-go-genuine"]') as HTMLElement).click();
    expect(onGoGenuine).toHaveBeenCalledTimes(1);
  });

  it('unmounts cleanly', async () => {
    const { host, unmount } = await mount({});
    unmount();
    expect(host.childNodes.length).toBe(0);
  });
});
