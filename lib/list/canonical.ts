/**
 * The exact bytes a list signature covers.
 *
 *   signedBytes(list) = UTF-8( "shoken-guard-list/v1" + "\0" + canonicalJson(list) )
 *
 * canonicalJson: object keys sorted by UTF-16 code units (Array.prototype.sort), no
 * whitespace, strings and numbers exactly as JSON.stringify writes them, array order kept.
 * For documents made of strings, integers, booleans, arrays and objects this equals RFC 8785
 * (JCS). The signature is checked over the canonical form of the *parsed* document, so what is
 * verified is exactly what is used: duplicate keys, whitespace or key order in the file cannot
 * smuggle in a second meaning. The context prefix keeps a list signature from being replayed as
 * a signature over any other kind of message made with the same key (Remote Settings does the
 * same with "Content-Signature:\0").
 */
export const SIGNING_CONTEXT = 'shoken-guard-list/v1\u0000';

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(v: unknown, out: string[]): void {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    out.push(JSON.stringify(v));
    return;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('canonicalJson: non-finite number');
    out.push(JSON.stringify(v));
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(',');
      write(v[i], out);
    }
    out.push(']');
    return;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      if (i) out.push(',');
      out.push(JSON.stringify(keys[i]), ':');
      write(o[keys[i]], out);
    }
    out.push('}');
    return;
  }
  throw new TypeError(`canonicalJson: unsupported ${typeof v}`);
}

const encoder = new TextEncoder();

export function signedBytes(list: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(SIGNING_CONTEXT + canonicalJson(list)) as Uint8Array<ArrayBuffer>;
}
