import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialSelector } from './credential';
import { CREDENTIAL_ANIMATION } from './start';

// The stylesheet the manifest injects with the content script finds credential fields by the
// same selector the guard's cheap test is a subset of (credential.test.ts proves that superset).
// It is a static file (the manifest needs one): this keeps it equal to credentialSelector().
const CSS = readFileSync(join(__dirname, '../../entrypoints/content/credential-watch.css'), 'utf8');

describe('credential-watch.css', () => {
  it('animates exactly what credentialSelector() matches, inside a cascade layer', () => {
    const m = /@layer shoken-guard \{\s*([\s\S]*?)\s*\{\s*animation: (\S+) 1ms;\s*\}\s*\}/.exec(CSS);
    expect(m).not.toBeNull();
    // On a mismatch, write credentialSelector() into the CSS (one selector per line).
    expect(m![1].replace(/,\s+/g, ',')).toBe(credentialSelector());
    expect(m![2]).toBe(CREDENTIAL_ANIMATION);
  });

  it('defines that animation, changing nothing visible (a custom property only)', () => {
    const m = new RegExp(`@keyframes ${CREDENTIAL_ANIMATION} \\{([\\s\\S]*)\\}`).exec(CSS);
    expect(m).not.toBeNull();
    const props = [...m![1].matchAll(/([\w-]+)\s*:/g)].map((x) => x[1]);
    expect(props.length).toBeGreaterThan(0);
    expect(props.every((p) => p.startsWith('--'))).toBe(true);
  });
});
