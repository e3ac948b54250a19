import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptSignedList } from './accept';
import { canonicalJson } from './canonical';
import { PUBLISHER_KEYS, TEST_ONLY_KEYS, publisherKeys } from './trusted-keys';
import brokers from './data/brokers.json';

const RESIGN = 'lib/list/data/brokers.json changed without re-signing. Re-sign with the publisher key: `npm run list -- sign-bundled` (key at /root/.shoken-guard/publisher-private.jwk), bump "version", and commit lib/list/data/brokers.signed.json.';

describe('bundled signed list (the floor every install starts from)', () => {
  const text = readFileSync(new URL('./data/brokers.signed.json', import.meta.url), 'utf8');

  it('verifies under the pinned production keys', async () => {
    const r = await acceptSignedList(text, { keys: PUBLISHER_KEYS, now: Date.parse(JSON.parse(text).list.issued) });
    expect(r.keyIds.every((id) => PUBLISHER_KEYS.some((k) => k.keyId === id))).toBe(true);
  });

  it('carries exactly lib/list/data/brokers.json', () => {
    const signed = JSON.parse(text).list;
    if (canonicalJson(signed) !== canonicalJson(brokers)) throw new Error(RESIGN);
  });
});

describe('trusted keys', () => {
  it('pins no test key among the production keys', () => {
    for (const k of PUBLISHER_KEYS) {
      expect(k.keyId).not.toMatch(/test/i);
      expect(TEST_ONLY_KEYS.some((t) => t.jwk.x === k.jwk.x)).toBe(false);
      expect('d' in k.jwk).toBe(false);
    }
  });
  it('does not trust the TEST-ONLY key outside the QA build', () => {
    // Unit tests run without SHOKEN_TEST_MODE: this is the production answer.
    expect(publisherKeys().map((k) => k.keyId)).toEqual(PUBLISHER_KEYS.map((k) => k.keyId));
  });
});
