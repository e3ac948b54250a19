import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { iframeOf } from './frames';

const doc = (body: string) => parseHTML(`<html><body>${body}</body></html>`).document as unknown as Document;

describe('finding the <iframe> of a child frame in the top page', () => {
  it('by its exact URL, then by its origin, else the only frame; ambiguity gives no answer', () => {
    const two = doc('<iframe id="a" src="https://a.example/x"></iframe><iframe id="b" src="https://b.example/form?y=1"></iframe>');
    expect(iframeOf(two, 5, 'https://b.example/form?y=1')?.id).toBe('b');
    expect(iframeOf(two, 5, 'https://b.example/after-redirect')?.id).toBe('b');
    expect(iframeOf(two, 5, 'https://c.example/')).toBeNull();
    const same = doc('<iframe src="https://a.example/1"></iframe><iframe src="https://a.example/2"></iframe>');
    expect(iframeOf(same, 5, 'https://a.example/3')).toBeNull();
    const one = doc('<iframe id="only" srcdoc="<p>x</p>"></iframe>');
    expect(iframeOf(one, 5, 'about:srcdoc')?.id).toBe('only');
    expect(iframeOf(doc('<p>no frames</p>'), 5, 'https://a.example/')).toBeNull();
  });
});
