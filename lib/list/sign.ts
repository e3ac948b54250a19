import { toBase64 } from './base64';
import { canonicalJson, signedBytes } from './canonical';
import { algorithmOfJwk, importParams, publicJwk, verifyParams, type SignatureAlgorithm, type TrustedKey } from './keys';
import type { SignatureEntry, SignedList } from './signature';

/** A private signing key as the CLI stores it (never inside the repository, TEST-ONLY keys aside). */
export interface PrivateKeyFile {
  keyId: string;
  algorithm: SignatureAlgorithm;
  privateJwk: JsonWebKey;
}

export async function generateKeyPair(algorithm: SignatureAlgorithm, keyId: string): Promise<{ privateFile: PrivateKeyFile; publicKey: TrustedKey }> {
  const pair = (await crypto.subtle.generateKey(importParams(algorithm) as EcKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const jwk = publicJwk(await crypto.subtle.exportKey('jwk', pair.publicKey));
  return { privateFile: { keyId, algorithm, privateJwk }, publicKey: { keyId, algorithm, jwk } };
}

export function publicKeyOf(file: PrivateKeyFile): TrustedKey {
  return { keyId: file.keyId, algorithm: file.algorithm, jwk: publicJwk(file.privateJwk) };
}

export async function signEntry(list: unknown, key: PrivateKeyFile): Promise<SignatureEntry> {
  if (algorithmOfJwk(key.privateJwk) !== key.algorithm || !key.privateJwk.d) throw new Error(`key ${key.keyId} is not a ${key.algorithm} private key`);
  const k = await crypto.subtle.importKey('jwk', key.privateJwk, importParams(key.algorithm), false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign(verifyParams(key.algorithm), k, signedBytes(list)));
  return { algorithm: key.algorithm, keyId: key.keyId, signature: toBase64(sig) };
}

/** Signs a list with one or more keys (several during a key rotation). */
export async function signList(list: unknown, keys: PrivateKeyFile[]): Promise<SignedList> {
  const signatures: SignatureEntry[] = [];
  for (const k of keys) signatures.push(await signEntry(list, k));
  return { list, signatures };
}

/**
 * The file form: two-space JSON, list first, trailing newline (readable diffs), or compact for
 * big lists. The bytes of the file do not matter to the signature (see canonical.ts).
 */
export function formatSignedList(s: SignedList, compact = false): string {
  // The list is written in canonical key order so verifiers hit their fast path (signature.ts).
  const list = JSON.parse(canonicalJson(s.list));
  return `${JSON.stringify({ list, signatures: s.signatures }, null, compact ? undefined : 2)}\n`;
}
