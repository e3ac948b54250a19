// The npm package, not Node's deprecated built-in of the same name (the bundle runs in browsers).
import { toUnicode } from 'punycode/punycode.es6.js';

/** What the engine needs to know about an input before judging it. */
export type Target =
  | { kind: 'web'; scheme: 'https' | 'http'; host: string; isIp: boolean }
  | { kind: 'not-web'; scheme: string }
  | { kind: 'unparseable' };

const MAX_INPUT = 8192;
// Schemes written without "//"; anything else without "://" is a bare host (maybe with a port).
const OPAQUE_SCHEME = /^(data|blob|about|javascript|mailto|tel|filesystem|view-source):/i;

/**
 * Normalises any input (URL or bare host) to a host the engine can judge.
 * - WHATWG URL parsing does IDNA (Unicode → punycode), lower-casing and userinfo splitting,
 *   so `https://www.rakuten-sec.co.jp@evil.example/` is judged as evil.example.
 * - blob: and filesystem: URLs are judged by their inner origin (a page can mint a blob:
 *   document that runs with the impostor's origin).
 * - A bare host ("www.sbisec.co.jp") is read as https.
 * Never throws.
 */
export function parseTarget(input: unknown): Target {
  if (typeof input !== 'string') return { kind: 'unparseable' };
  let text = input.trim();
  if (!text || text.length > MAX_INPUT) return { kind: 'unparseable' };
  if (!text.includes('://') && !OPAQUE_SCHEME.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'unparseable' };
  }
  let scheme = url.protocol.slice(0, -1);
  if (scheme === 'blob' || scheme === 'filesystem') {
    try {
      url = new URL(url.pathname);
      scheme = url.protocol.slice(0, -1);
    } catch {
      return { kind: 'not-web', scheme };
    }
  }
  if (scheme !== 'https' && scheme !== 'http') return { kind: 'not-web', scheme };
  let host = url.hostname;
  if (!host) return { kind: 'unparseable' };
  while (host.endsWith('.')) host = host.slice(0, -1);
  if (!host) return { kind: 'unparseable' };
  const isIp = host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);
  return { kind: 'web', scheme, host, isIp };
}

/** Unicode form of one ASCII label (punycode decoded); the label itself when not IDN or broken. */
export function labelToUnicode(label: string): string {
  if (!label.startsWith('xn--')) return label;
  try {
    return toUnicode(label);
  } catch {
    return label;
  }
}
