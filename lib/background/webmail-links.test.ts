import { describe, expect, it } from 'vitest';
import bundled from '../list/data/brokers.json';
import type { ListDocument } from '../list/types';
import { buildIndex } from '../domain/classify';
import { createWebmailLinkHandler, MAX_LINKS_PER_REQUEST, parseLinkRequest } from './webmail-links';

const doc = bundled as unknown as ListDocument;

describe('links/classify handler', () => {
  it('judges a batch in order: dangerous, genuine, neutral', async () => {
    const list = buildIndex(doc);
    const handle = createWebmailLinkHandler({ index: async () => list });
    const res = await handle({
      links: [
        { href: 'https://www.google.com/url?q=https://dsgr1234.com/rakuten/', text: '楽天証券 ログインページ' },
        { href: 'https://www.sbisec.co.jp/ETGate/', text: 'SBI証券' },
        { href: 'https://www.nikkei.com/', text: 'ニュース' },
      ],
    });
    expect(res.map((r) => r.kind)).toEqual(['dangerous', 'genuine', 'neutral']);
    expect(res[0].target).toBe('https://dsgr1234.com/rakuten/');
  });

  it('rebuilds its indexes when the list changes (a new version is used at once)', async () => {
    let list = buildIndex(doc);
    const handle = createWebmailLinkHandler({ index: async () => list });
    const link = { href: 'https://mail-sec.example.co.jp/login', text: 'ログイン' };
    expect((await handle({ links: [link] }))[0].kind).toBe('neutral');
    const next: ListDocument = {
      ...doc,
      version: doc.version + 1,
      brands: [...doc.brands, { id: 'example-sec', names: { ja: '例示証券', en: 'Example Securities' }, hosts: ['mail-sec.example.co.jp'], loginUrl: 'https://mail-sec.example.co.jp/login', confidence: 'high' }],
    };
    list = buildIndex(next);
    const v = (await handle({ links: [link] }))[0];
    expect(v).toMatchObject({ kind: 'genuine', brand: 'example-sec', listVersion: doc.version + 1 });
  });

  it('refuses malformed or oversized payloads with a clear error', () => {
    expect(() => parseLinkRequest(null)).toThrow(/payload.links must be an array/);
    expect(() => parseLinkRequest({ links: [{ href: 3 }] })).toThrow(/links\[0\].href/);
    const many = Array.from({ length: MAX_LINKS_PER_REQUEST + 1 }, () => ({ href: 'https://x.example/' }));
    expect(() => parseLinkRequest({ links: many })).toThrow(/at most 500/);
  });

  it('caps page-supplied strings', () => {
    const [l] = parseLinkRequest({ links: [{ href: 'https://x.example/' + 'a'.repeat(20_000), text: 'b'.repeat(5000), title: 7 }] });
    expect(l.href.length).toBe(8192);
    expect(l.text!.length).toBe(512);
    expect(l.title).toBe('');
  });
});
