import { REUSE } from './limits';

/**
 * Password-reuse digest: salted, slow, TRUNCATED. What is stored for a broker password is a
 * 28-bit tag of PBKDF2-HMAC-SHA-256(password, per-install salt, 20,000 iterations) and the
 * password's length. Never the password, never a full hash.
 *
 * Why 28 bits (the numbers behind "a stolen tag is useless offline"):
 * - Offline: a thief of storage.local tests candidates against the tag. Any candidate matches
 *   with probability 2^-28, so a password drawn from a space of N candidates leaves N / 2^28
 *   indistinguishable survivors. An 8-character random password over 62 symbols (N ≈ 2^47.6)
 *   leaves ≈ 2^19.6 ≈ 800,000 survivors; 10 characters leave ≈ 2^31.5 ≈ 3 billion. The thief
 *   must then guess online, where brokers lock an account after a handful of failures — and
 *   the login ID is not stored at all. Each candidate also costs 20,000 HMAC-SHA-256 (≈ 4 ms in
 *   a browser, ~10^5 candidates/s on a big GPU), so even walking 2^28 candidates takes about
 *   an hour of GPU time per tag. A password from a tiny dictionary (≤ 2^28 entries) is singled
 *   out by any stored tag whatever its length; no truncation helps those, which is why the
 *   minimum length is 8 and the tag is short.
 * - False alarms: the detector checks, per keystroke, one tail of the typing buffer per stored
 *   length (≤ MAX_ENTRIES). A random tail matches with probability 2^-28 ≈ 3.7·10^-9. A heavy
 *   typist (20,000 keys a day on non-genuine sites) with 6 stored passwords makes ≈ 4.4·10^7
 *   checks a year: ≈ 0.16 false alarms a year; one stored password and 5,000 keys a day:
 *   ≈ 0.007 a year. 24 bits would mean ≈ 2.6 false alarms a year for the heavy typist; 32
 *   bits would leave only 2^15.6 survivors for the 8-character password.
 * - Speed: 20,000 iterations is what a per-keystroke check can afford (≈ 4 ms per stored
 *   length in the service worker); the truncation, not the iteration count, is the main
 *   protection.
 */
export { REUSE };

export type Subtle = Pick<SubtleCrypto, 'importKey' | 'deriveBits'>;

/** The truncated tag of `secret` (an unsigned integer < 2^REUSE.bits). */
export async function reuseTag(subtle: Subtle, secret: string, salt: Uint8Array, iterations: number = REUSE.iterations): Promise<number> {
  const key = await subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 32);
  const v = new DataView(bits).getUint32(0);
  return v >>> (32 - REUSE.bits);
}
