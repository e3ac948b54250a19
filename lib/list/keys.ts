import { fromBase64, toHex } from './base64';

/**
 * Signature algorithms. ECDSA-P256 means ECDSA on P-256 with SHA-256, signature as raw r||s
 * (IEEE P1363, 64 bytes) — what WebCrypto produces and verifies. It is the publisher default
 * because it verifies in every browser we ship to (Firefox 128 ESR included; WebCrypto
 * Ed25519 needs Firefox >= 129 / Chrome >= 137). Ed25519 is accepted for firm lists.
 */
export const ALGORITHMS = ['ECDSA-P256', 'Ed25519'] as const;
export type SignatureAlgorithm = (typeof ALGORITHMS)[number];

export function isAlgorithm(a: unknown): a is SignatureAlgorithm {
  return typeof a === 'string' && (ALGORITHMS as readonly string[]).includes(a);
}

/** A public key the build (or managed policy) trusts to sign lists. */
export interface TrustedKey {
  keyId: string;
  algorithm: SignatureAlgorithm;
  /** Public JWK (ECDSA: kty EC, crv P-256, x, y; Ed25519: kty OKP, crv Ed25519, x). */
  jwk: JsonWebKey;
  /** Why this key is trusted (shown by the CLI; never used for decisions). */
  note?: string;
}

export function importParams(algorithm: SignatureAlgorithm): EcKeyImportParams | Algorithm {
  return algorithm === 'ECDSA-P256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'Ed25519' };
}

export function verifyParams(algorithm: SignatureAlgorithm): EcdsaParams | Algorithm {
  return algorithm === 'ECDSA-P256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'Ed25519' };
}

/** Only the public members: a JWK with "d" must never be pinned or imported for verification. */
export function publicJwk(jwk: JsonWebKey): JsonWebKey {
  return jwk.kty === 'EC'
    ? { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y }
    : { kty: 'OKP', crv: jwk.crv, x: jwk.x };
}

export function algorithmOfJwk(jwk: JsonWebKey): SignatureAlgorithm | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ECDSA-P256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519';
  return undefined;
}

/**
 * Parses a public key given as text (managed policy `firmList.publicKey`): either a JWK JSON
 * object, base64 SPKI DER (PEM armour allowed), or the base64 raw key. Returns the public JWK.
 */
export async function parsePublicKeyText(text: string, algorithm: SignatureAlgorithm): Promise<JsonWebKey> {
  const t = text.trim();
  if (t.startsWith('{')) {
    const jwk = JSON.parse(t) as JsonWebKey;
    if (algorithmOfJwk(jwk) !== algorithm) throw new Error(`public key is not a ${algorithm} key`);
    if ('d' in jwk) throw new Error('this is a PRIVATE key: give the public key only');
    return publicJwk(jwk);
  }
  const der = fromBase64(t.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''));
  // Raw public keys (32-byte Ed25519, 65-byte uncompressed P-256 point) or SPKI DER.
  const raw = (algorithm === 'Ed25519' && der.length === 32) || (algorithm === 'ECDSA-P256' && der.length === 65 && der[0] === 4);
  const key = await crypto.subtle.importKey(raw ? 'raw' : 'spki', der, importParams(algorithm), true, ['verify']);
  return publicJwk(await crypto.subtle.exportKey('jwk', key));
}

/** Key id convention for new keys: "sg-" + first 16 hex digits of SHA-256 of the SPKI DER. */
export async function fingerprint(jwk: JsonWebKey): Promise<string> {
  const algorithm = algorithmOfJwk(jwk);
  if (!algorithm) throw new Error('unsupported key type');
  const key = await crypto.subtle.importKey('jwk', publicJwk(jwk), importParams(algorithm), true, ['verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', key));
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', spki))).slice(0, 16);
}
