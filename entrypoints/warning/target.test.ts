import { describe, it, expect } from 'vitest';
import { targetFrom } from './target';

describe('warning page target', () => {
  it('reads an encoded http(s) URL', () => {
    const t = targetFrom(`?target=${encodeURIComponent('https://sbisec.co.jp.evil.example/ETGate/?a=1#x')}`);
    expect(t?.hostname).toBe('sbisec.co.jp.evil.example');
    expect(t?.href).toBe('https://sbisec.co.jp.evil.example/ETGate/?a=1#x');
  });

  it('refuses missing, malformed and non-web targets', () => {
    expect(targetFrom('')).toBeUndefined();
    expect(targetFrom('?target=')).toBeUndefined();
    expect(targetFrom('?target=not%20a%20url')).toBeUndefined();
    expect(targetFrom(`?target=${encodeURIComponent('javascript:alert(1)')}`)).toBeUndefined();
    expect(targetFrom(`?target=${encodeURIComponent('data:text/html,x')}`)).toBeUndefined();
  });
});
