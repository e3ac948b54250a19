import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { LinkInput, LinkVerdict } from '../../domain/links';
import { createLinkGuard } from './guard';

// Scanning, batching, caching and marking, on a DOM stand-in (linkedom) with a recording judge.
// Activation (clicks, dialog) is proven in real Chromium: test/e2e/webmail-links.e2e.test.ts.

function setup(html: string) {
  const { window, document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  Object.defineProperty(window, 'location', { value: { origin: 'https://mail.example.jp' }, configurable: true });
  const calls: LinkInput[][] = [];
  const judge = async (links: LinkInput[]): Promise<LinkVerdict[]> => {
    calls.push(links);
    return links.map((l) => ({
      kind: l.href.includes('evil') ? 'dangerous' : l.href.includes('broker') ? 'genuine' : 'neutral',
      reasons: [],
      target: l.href,
      via: [],
      listVersion: 1,
      ...(l.href.includes('broker') ? { brand: 'b', brandNames: { ja: '例示証券', en: 'Example Sec' } } : {}),
    }));
  };
  const guard = createLinkGuard({ judge, lang: 'ja', window: window as unknown as Window, batchSize: 500 });
  return { window, document, calls, guard };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const links = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `<a href="https://news.example/${from + i}">記事 ${from + i}</a>`).join('');

describe('link guard: scanning and marking', () => {
  it('marks dangerous links by removing the href, genuine links quietly, others not at all', async () => {
    const { document, guard } = setup(
      '<a id="d" href="https://evil.example/x">楽天証券</a><a id="g" href="https://broker.example/">例示証券</a><a id="n" href="https://news.example/">n</a><a id="m" href="mailto:a@b.example">m</a>',
    );
    await guard.idle();
    const d = document.getElementById('d')!;
    expect(d.hasAttribute('href')).toBe(false);
    expect(d.getAttribute('data-shoken-link')).toBe('dangerous');
    expect(d.getAttribute('role')).toBe('link');
    expect(d.getAttribute('tabindex')).toBe('0');
    const desc = document.getElementById(d.getAttribute('aria-describedby')!.split(' ')[0])!;
    expect(desc.textContent).toContain('危険なリンク');
    const g = document.getElementById('g')!;
    expect(g.getAttribute('data-shoken-link')).toBe('genuine');
    expect(g.getAttribute('href')).toBe('https://broker.example/');
    expect(document.getElementById('n')!.hasAttribute('data-shoken-link')).toBe(false);
    expect(document.getElementById('m')!.getAttribute('href')).toBe('mailto:a@b.example');
  });

  it("skips the mail UI's own links (same origin)", async () => {
    const { calls, guard } = setup('<a href="https://mail.example.jp/inbox">受信トレイ</a><a href="https://news.example/">x</a>');
    await guard.idle();
    expect(calls.flat().map((l) => l.href)).toEqual(['https://news.example/']);
  });

  it('asks in batches of at most 500 and only once per distinct question', async () => {
    const repeated = Array.from({ length: 50 }, () => '<a href="https://news.example/unsub">配信停止</a>').join('');
    const { calls, guard } = setup(links(1000) + repeated);
    await guard.idle();
    expect(calls.map((c) => c.length)).toEqual([500, 500, 1]); // 1,001 distinct questions
    expect(guard.stats().judged).toBe(1050);
  });

  it('costs in proportion to what changed: added links only, and nothing for links already judged', async () => {
    const { document, calls, guard } = setup(`<div id="m">${links(200)}</div>`);
    await guard.idle();
    calls.length = 0;
    const more = document.createElement('div');
    more.innerHTML = links(10, 1000);
    document.getElementById('m')!.appendChild(more);
    await settle();
    await guard.idle();
    expect(calls.flat()).toHaveLength(10);
    // the same message rendered again (SPA re-open): every answer comes from the cache
    calls.length = 0;
    document.getElementById('m')!.innerHTML = links(200);
    await settle();
    expect(calls.flat()).toHaveLength(0);
    expect(guard.stats().cached).toBeGreaterThanOrEqual(200);
  });

  it('re-judges a link whose href the page changes, and removes a put-back dangerous href again', async () => {
    const { document, guard } = setup('<a id="x" href="https://news.example/a">x</a>');
    await guard.idle();
    const x = document.getElementById('x')!;
    x.setAttribute('href', 'https://evil.example/b');
    await settle();
    await guard.idle();
    expect(x.hasAttribute('href')).toBe(false);
    x.setAttribute('href', 'https://evil.example/b'); // a hostile page puts it back
    await settle();
    expect(x.hasAttribute('href')).toBe(false);
    x.setAttribute('href', 'https://news.example/c'); // and a safe replacement is restored as is
    await settle();
    await guard.idle();
    expect(x.getAttribute('href')).toBe('https://news.example/c');
    expect(x.hasAttribute('data-shoken-link')).toBe(false);
    expect(x.hasAttribute('role')).toBe(false);
  });

  it('leaves links usable when the background does not answer', async () => {
    const { window, document } = parseHTML('<!doctype html><html><body><a id="x" href="https://evil.example/">x</a></body></html>');
    Object.defineProperty(window, 'location', { value: { origin: 'https://mail.example.jp' } });
    const guard = createLinkGuard({ judge: () => Promise.reject(new Error('context invalidated')), lang: 'ja', window: window as unknown as Window });
    await guard.idle();
    expect(document.getElementById('x')!.getAttribute('href')).toBe('https://evil.example/');
  });
});
