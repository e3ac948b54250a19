import { fromBase64 } from './base64';
import { SIGNING_CONTEXT, signedBytes } from './canonical';
import { ListError } from './errors';
import { importParams, isAlgorithm, verifyParams, type SignatureAlgorithm, type TrustedKey } from './keys';

/** One signature of the envelope. More than one lets a list verify under an old and a new key. */
export interface SignatureEntry {
  algorithm: SignatureAlgorithm | string;
  keyId: string;
  /** Base64 signature over signedBytes(list). */
  signature: string;
}

/** The signed list file: the list document plus its signatures. */
export interface SignedList {
  list: unknown;
  signatures: SignatureEntry[];
}

const keyCache = new WeakMap<TrustedKey, Promise<CryptoKey>>();

/**
 * The list's own bytes in the file, when the file is exactly {"list":L,"signatures":S} in
 * compact form (what `sign --compact` writes for big lists): set by parseEnvelope, used once
 * by verifySignatures, then dropped (it would keep the whole file text alive).
 */
const listTexts = new WeakMap<SignedList, string>();
/** The same region as UTF-8 bytes of the file, when the file arrived as bytes (DecodedList). */
const listBytes = new WeakMap<SignedList, Uint8Array>();

/**
 * Remembers the list's bytes in `text` when the file is `{"list":` + L + `,"signatures":` +
 * JSON.stringify(signatures) + `}` (+ whitespace), `signatures` being the parsed array.
 * Why this is safe to verify instead of a re-serialisation: the signer signs one complete JSON
 * value, so if L verifies, L is one value; then the top-level object of the (valid JSON) file
 * has exactly the keys "list" (= L) and "signatures", and the parsed `list` is JSON.parse(L):
 * the document used is the one whose bytes verified. Any other layout: nothing remembered.
 */
export function rememberListText(env: SignedList, text: string, file?: { bytes: Uint8Array; bom: number }): void {
  const head = '{"list":';
  if (!text.startsWith(head)) return;
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 10 && c !== 13 && c !== 32 && c !== 9) break;
    end--;
  }
  const tail = `,"signatures":${JSON.stringify(env.signatures)}}`;
  const at = end - tail.length;
  if (at <= head.length || !text.startsWith(tail, at)) return;
  listTexts.set(env, text.slice(head.length, at));
  if (file) {
    // `text` is the strict UTF-8 decoding of file.bytes (after a BOM of file.bom bytes), so its
    // ASCII head is the bytes right after the BOM and its short tail (signatures, whitespace) the
    // last bytes: what lies between is exactly the UTF-8 of the list's text. Verifying those
    // bytes skips encoding megabytes of text again.
    // Counted, not encoded: a worker CPU profile showed TextEncoder, given this short slice of
    // the 3 MB text, at milliseconds per call in some runs (not seen in the thread-time A/B).
    const tailBytes = utf8Bytes(text, at, text.length);
    listBytes.set(env, file.bytes.subarray(file.bom + head.length, file.bytes.length - tailBytes));
  }
}

/** Keys already imported, for verifySignatures to start a check without yielding first. */
const importedKeys = new WeakMap<TrustedKey, CryptoKey>();

function cryptoKey(k: TrustedKey): Promise<CryptoKey> {
  let p = keyCache.get(k);
  if (!p) {
    p = crypto.subtle.importKey('jwk', k.jwk, importParams(k.algorithm), false, ['verify']);
    p.then((key) => importedKeys.set(k, key), () => {});
    keyCache.set(k, p);
  }
  return p;
}

/**
 * Checks the signatures of an envelope against trusted keys. Rules:
 * - signatures by keys we do not trust are ignored, but at least one trusted signature must exist
 *   (else `unknown-key`, or `unknown-algorithm` when an entry names an algorithm we lack);
 * - every trusted-key signature must name the key's algorithm and must verify (one bad trusted
 *   signature fails the list: it means the bytes were changed).
 * Returns the ids of the keys whose signatures verified.
 */
export async function verifySignatures(env: SignedList, keys: readonly TrustedKey[]): Promise<string[]> {
  const byId = new Map(keys.map((k) => [k.keyId, k]));
  const usable = env.signatures.filter((s) => byId.has(s.keyId));
  if (!usable.length) {
    const odd = env.signatures.find((s) => !isAlgorithm(s.algorithm));
    if (odd) throw new ListError('unknown-algorithm', `unknown signature algorithm "${String(odd.algorithm)}" (supported: ECDSA-P256, Ed25519)`);
    const ids = env.signatures.map((s) => s.keyId).join(', ');
    throw new ListError('unknown-key', `signed by key ${ids || '(none)'}, which this build does not trust (trusted: ${[...byId.keys()].join(', ') || 'none'})`);
  }
  // Fast path: the signer writes the list in canonical key order (sign.ts), so JSON.stringify
  // of the parsed list is usually already the canonical form (3 MB: ~8 ms instead of ~80 ms).
  // It is only a guess: when it fails to verify, the real canonical form is tried. Either way the
  // verified bytes re-parse to exactly the document we use.
  // Fastest: the list's bytes as they are in the file (rememberListText), no re-serialisation.
  const raw = listTexts.get(env);
  const rawBytes = listBytes.get(env);
  listTexts.delete(env);
  listBytes.delete(env);
  const fast = rawBytes ? withContext(rawBytes) : over(encodeSigned(raw ?? JSON.stringify(env.list)));
  const checks: { s: SignatureEntry; k: TrustedKey; sig: Uint8Array<ArrayBuffer> }[] = [];
  for (const s of usable) {
    const k = byId.get(s.keyId)!;
    if (!isAlgorithm(s.algorithm)) throw new ListError('unknown-algorithm', `unknown signature algorithm "${String(s.algorithm)}" for key ${s.keyId}`);
    if (s.algorithm !== k.algorithm) throw new ListError('algorithm-mismatch', `key ${s.keyId} is ${k.algorithm}, but the signature claims ${s.algorithm}`);
    let sig: Uint8Array<ArrayBuffer>;
    try {
      sig = fromBase64(s.signature);
    } catch {
      throw new ListError('bad-signature', `signature of key ${s.keyId} is not base64`);
    }
    checks.push({ s, k, sig });
  }
  // Every check starts now, before this function first yields, when the keys are already
  // imported, and the caller goes on to validate the document. In a Chromium service worker the
  // hashing of the megabytes was measured on the worker's own thread (no overlap with the
  // validation: list-verify bench, session 3); browsers that do it elsewhere overlap the two.
  const first = checks.map(({ k, sig }) => {
    const key = importedKeys.get(k);
    return key ? fast((data) => crypto.subtle.verify(verifyParams(k.algorithm), key, sig, data)) : undefined;
  });
  for (const p of first) p?.catch(() => {}); // awaited below, in order
  let slow: Uint8Array<ArrayBuffer> | undefined;
  let stringified: Uint8Array<ArrayBuffer> | undefined;
  const ok: string[] = [];
  for (let i = 0; i < checks.length; i++) {
    const { s, k, sig } = checks[i];
    const key = await cryptoKey(k);
    let valid = await (first[i] ?? fast((data) => crypto.subtle.verify(verifyParams(k.algorithm), key, sig, data)));
    if (!valid && raw !== undefined) valid = await crypto.subtle.verify(verifyParams(k.algorithm), key, sig, (stringified ??= encodeSigned(JSON.stringify(env.list))));
    if (!valid) valid = await crypto.subtle.verify(verifyParams(k.algorithm), key, sig, (slow ??= signedBytes(env.list)));
    if (!valid) throw new ListError('bad-signature', `signature of key ${s.keyId} does not match the list: the list or the signature was altered, or it was signed by another key`);
    ok.push(s.keyId);
  }
  return ok;
}

const CONTEXT_BYTES = new TextEncoder().encode(SIGNING_CONTEXT);

/**
 * How many bytes TextEncoder would write for s[from, to): a surrogate pair is 4 bytes, a lone
 * surrogate 3 (it is encoded as U+FFFD).
 */
export function utf8Bytes(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Buffers made by fileBuffer: their bytes before the file are spare room. */
const roomy = new WeakSet<ArrayBuffer>();

/**
 * A buffer for a list file of `size` bytes (the updater reads the response body into it), with
 * room for the signing context before it: verification then writes SIGNING_CONTEXT right before
 * the list's bytes — over that room and the file's own `{"list":` head, already decoded and
 * parsed by then, and put back as soon as verify() returns — and hands WebCrypto one view of
 * context + list, instead of copying the megabytes after a fresh copy of the context (≈ 1 ms
 * for 3 MB). The bytes verified are exactly signedBytes' layout (context, then the list's bytes).
 */
export function fileBuffer(size: number): Uint8Array<ArrayBuffer> {
  const buffer = new ArrayBuffer(CONTEXT_BYTES.length + size);
  roomy.add(buffer);
  return new Uint8Array(buffer, CONTEXT_BYTES.length, size);
}

/** Runs a check over the signed bytes (SIGNING_CONTEXT, then the list's bytes). */
type SignedCheck = (check: (data: Uint8Array<ArrayBuffer>) => Promise<boolean>) => Promise<boolean>;

const over = (data: Uint8Array<ArrayBuffer>): SignedCheck => (check) => check(data);

/**
 * The signed bytes of a list whose own bytes are `list`: in place when they are in a fileBuffer
 * — the context is written before them just for the synchronous verify() call and the
 * overwritten bytes are put back as it returns (WebCrypto copies its data argument before
 * returning: "getting a copy of the bytes held by the data parameter"), so no code ever sees the
 * file's bytes changed — else one copy of context + list.
 */
function withContext(list: Uint8Array): SignedCheck {
  const room = CONTEXT_BYTES.length;
  const buffer = list.buffer;
  // Only buffers from fileBuffer: anywhere else the bytes before a view may be someone's data.
  if (buffer instanceof ArrayBuffer && roomy.has(buffer) && list.byteOffset >= room) {
    const data = new Uint8Array(buffer, list.byteOffset - room, room + list.length);
    return (check) => {
      const saved = data.slice(0, room);
      data.set(CONTEXT_BYTES);
      try {
        return check(data);
      } finally {
        data.set(saved);
      }
    };
  }
  const out = new Uint8Array(CONTEXT_BYTES.length + list.length);
  out.set(CONTEXT_BYTES);
  out.set(list, CONTEXT_BYTES.length);
  return over(out);
}

function encodeSigned(listJson: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(SIGNING_CONTEXT + listJson) as Uint8Array<ArrayBuffer>;
}
