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
  const fast = plainTarget(text);
  if (fast) return fast;
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

/**
 * Fast path, same answer as the URL parser: a bare host or an http(s) URL whose host is plain
 * lower-case ASCII ([a-z0-9-] labels, no empty label, no "xn--" label that IDNA would check,
 * a last label not starting with a digit so never IPv4), followed by nothing or by "/", "?"
 * or "#". WHATWG host parsing leaves such a host unchanged, so `new URL()` is skipped.
 * Anything else (userinfo, port, upper case, IDN, IPs, tabs, backslashes…) returns undefined
 * and goes the full way.
 */
function plainTarget(text: string): Target | undefined {
  let start = 0;
  let scheme: 'https' | 'http' = 'https';
  if (text.startsWith('https://')) start = 8;
  else if (text.startsWith('http://')) {
    start = 7;
    scheme = 'http';
  } else if (text.includes(':')) return undefined; // other schemes, ports: the full way
  let end = start;
  let labelStart = start;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45) continue; // a-z 0-9 -
    if (c === 46) {
      // '.': no empty label, no xn-- label
      if (end === labelStart || isXn(text, labelStart)) return undefined;
      labelStart = end + 1;
      continue;
    }
    if (start > 0 && (c === 47 || c === 63 || c === 35)) break; // '/', '?', '#' end a URL's host
    return undefined;
  }
  if (end === labelStart || isXn(text, labelStart)) return undefined; // empty last label, trailing dot
  const last = text.charCodeAt(labelStart);
  if (last >= 48 && last <= 57) return undefined; // maybe an IPv4 address
  return { kind: 'web', scheme, host: text.slice(start, end), isIp: false };
}

function isXn(s: string, at: number): boolean {
  return s.charCodeAt(at) === 120 && s.charCodeAt(at + 1) === 110 && s.charCodeAt(at + 2) === 45 && s.charCodeAt(at + 3) === 45;
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
