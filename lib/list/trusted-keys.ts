import type { TrustedKey } from './keys';
import testOnlyKey from '../../test/fixtures/keys/TEST-ONLY-list-signing.public.json';

/**
 * Public keys pinned in the build that may sign the publisher list. More than one may be listed
 * so a key can rotate: ship a build trusting old + new, sign lists with both (the envelope holds
 * several signatures), then drop the old key from a later build. Private halves live outside
 * the repository (/root/.shoken-guard/publisher-private.jwk on the publishing machine).
 */
export const PUBLISHER_KEYS: readonly TrustedKey[] = [
  {
    keyId: 'sg-ffdc63b23c496951',
    algorithm: 'ECDSA-P256',
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'mNCQDYRDKHp0pwytjEJjrjEqoQQcSlebpjjJJD_5778',
      y: '2L6zAtlh-rzPpEqOgTg0oEwe2SiKPL2MGVdo5bCj5W0',
    },
    note: 'publisher key 1, generated 2026-11-22',
  },
];

/** TEST-ONLY key from test/fixtures/keys. Trusted only by the QA build (SHOKEN_TEST_MODE=1). */
export const TEST_ONLY_KEYS: readonly TrustedKey[] = [testOnlyKey as TrustedKey];

/**
 * The keys this build trusts for the publisher list. In the production build
 * `__SHOKEN_TEST_MODE__` is the literal `false`, so the test branch and the test-key import are
 * removed by the bundler (test/e2e/list-keys.e2e.test.ts greps the built background.js for it).
 */
export function publisherKeys(): readonly TrustedKey[] {
  if (typeof __SHOKEN_TEST_MODE__ !== 'undefined' && __SHOKEN_TEST_MODE__) return [...PUBLISHER_KEYS, ...TEST_ONLY_KEYS];
  return PUBLISHER_KEYS;
}
