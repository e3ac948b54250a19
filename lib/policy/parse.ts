import { DEFAULT_POLICY, type ManagedPolicy, type PolicyProblem } from './types';

/**
 * Managed policy → validated ManagedPolicy. Pure: no browser API, never throws.
 *
 * Chrome already drops values whose JSON type breaks public/managed_schema.json, silently.
 * The schema therefore only states types; everything semantic (https only, an origin and not
 * a URL, host syntax, lengths) is checked here so that a bad value is ignored WITH a problem
 * the options page can show to the user and the firm's IT team.
 * Firefox delivers storage.managed without a schema, so types are re-checked here too.
 */
export interface ParsedPolicy {
  policy: ManagedPolicy;
  problems: PolicyProblem[];
  /** Some managed policy was set at all (a firm deployment), valid or not. */
  managed: boolean;
}

export type PolicyProblemCode =
  | 'not-object'
  | 'unknown-key'
  | 'wrong-type'
  | 'not-https-origin'
  | 'not-https-url'
  | 'not-host'
  | 'too-long'
  | 'empty'
  | 'bad-key'
  | 'bad-algorithm';

const MAX_NAME = 80;
const MAX_CONTACT = 200;
const MAX_LIST = 200;

export const KNOWN_KEYS = [
  'genuineOrigins',
  'firmList',
  'listUrl',
  'allowContinue',
  'passwordReuse',
  'firmName',
  'supportContact',
  'webmailHosts',
  'reportEndpoint',
] as const;

function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** "https://Host.Example:8443/" → "https://host.example:8443"; anything but a bare https origin → undefined. */
export function normaliseHttpsOrigin(value: string): string | undefined {
  const s = value.trim();
  if (!/^https:\/\//i.test(s)) return undefined;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return undefined;
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) return undefined;
  // Host characters only (browsers differ: Chromium percent-encodes "*", Node keeps it).
  if (!/^[a-z0-9.-]+$/.test(u.hostname) && !/^\[[0-9a-f:.]+\]$/.test(u.hostname)) return undefined;
  if (/[*%]/.test(s.slice(8).split('/')[0])) return undefined;
  return u.origin;
}

/** An absolute https URL without credentials, normalised by URL; else undefined. */
export function normaliseHttpsUrl(value: string): string | undefined {
  const s = value.trim();
  if (!/^https:\/\//i.test(s)) return undefined;
  try {
    const u = new URL(s);
    if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/** A DNS host name (IDN allowed, converted to punycode, lower case); no scheme, port or path. */
export function normaliseHost(value: string): string | undefined {
  const s = value.trim().replace(/\.$/, '');
  if (!s || /[\s/:@?#*]/.test(s)) return undefined;
  try {
    const h = new URL(`https://${s}/`).hostname;
    if (!/^[a-z0-9.-]+$/.test(h) || !h.includes('.') || h.split('.').some((l) => l === '' || l.length > 63)) return undefined;
    return h;
  } catch {
    return undefined;
  }
}

export function parsePolicy(raw: unknown): ParsedPolicy {
  const policy: ManagedPolicy = { ...DEFAULT_POLICY, genuineOrigins: [], webmailHosts: [] };
  const problems: PolicyProblem[] = [];
  const problem = (key: string, code: PolicyProblemCode, message: string, value?: unknown) =>
    problems.push(value === undefined ? { key, code, message } : { key, code, message, value: show(value) });

  if (raw === undefined || raw === null) return { policy, problems, managed: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem('(root)', 'not-object', `policy must be an object, got ${show(raw)}`, raw);
    return { policy, problems, managed: true };
  }
  const r = raw as Record<string, unknown>;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(r, k) && r[k] !== undefined;

  for (const k of Object.keys(r)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(k)) problem(k, 'unknown-key', `unknown policy key "${k}" ignored`);
  }

  const bool = (k: 'allowContinue' | 'passwordReuse') => {
    if (!has(k)) return;
    if (typeof r[k] === 'boolean') policy[k] = r[k] as boolean;
    else problem(k, 'wrong-type', `${k} must be true or false, got ${show(r[k])}; default kept`, r[k]);
  };
  bool('allowContinue');
  bool('passwordReuse');

  const text = (k: 'firmName' | 'supportContact', max: number) => {
    if (!has(k)) return;
    const v = r[k];
    if (typeof v !== 'string') return void problem(k, 'wrong-type', `${k} must be a string, got ${show(v)}`, v);
    // Control characters could fake line structure in the warning; collapse whitespace.
    const s = v.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (!s) return void problem(k, 'empty', `${k} is empty`);
    if (s.length > max) return void problem(k, 'too-long', `${k} is longer than ${max} characters`);
    policy[k] = s;
  };
  text('firmName', MAX_NAME);
  text('supportContact', MAX_CONTACT);

  const list = (k: 'genuineOrigins' | 'webmailHosts', norm: (s: string) => string | undefined, code: PolicyProblemCode, what: string) => {
    if (!has(k)) return;
    const v = r[k];
    if (!Array.isArray(v)) return void problem(k, 'wrong-type', `${k} must be a list of strings, got ${show(v)}`, v);
    const out = new Set<string>();
    v.forEach((item, i) => {
      const n = typeof item === 'string' ? norm(item) : undefined;
      if (n === undefined) problem(`${k}[${i}]`, typeof item === 'string' ? code : 'wrong-type', `${show(item)} is not ${what}; ignored`, item);
      else if (out.size < MAX_LIST) out.add(n);
    });
    if (v.length > MAX_LIST) problem(k, 'too-long', `only the first ${MAX_LIST} entries of ${k} are used`);
    policy[k] = [...out];
  };
  list('genuineOrigins', normaliseHttpsOrigin, 'not-https-origin', 'an https origin like https://www.example.co.jp');
  list('webmailHosts', normaliseHost, 'not-host', 'a host name like mail.example.co.jp');

  const url = (k: 'listUrl' | 'reportEndpoint') => {
    if (!has(k)) return;
    const v = r[k];
    const n = typeof v === 'string' ? normaliseHttpsUrl(v) : undefined;
    if (n === undefined) problem(k, typeof v === 'string' ? 'not-https-url' : 'wrong-type', `${k} must be an https URL, got ${show(v)}; ignored`, v);
    else policy[k] = n;
  };
  url('listUrl');
  url('reportEndpoint');

  if (has('firmList')) {
    const v = r.firmList;
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      problem('firmList', 'wrong-type', `firmList must be an object, got ${show(v)}; ignored`, v);
    } else {
      const f = v as Record<string, unknown>;
      const u = typeof f.url === 'string' ? normaliseHttpsUrl(f.url) : undefined;
      const key = typeof f.publicKey === 'string' ? f.publicKey.trim() : '';
      const keyId = typeof f.keyId === 'string' ? f.keyId.trim() : '';
      const alg = f.algorithm;
      if (!u) problem('firmList.url', 'not-https-url', `firmList.url must be an https URL, got ${show(f.url)}; firmList ignored`, f.url);
      else if (!key || !/^[A-Za-z0-9+/=\s-]+$/.test(key.replace(/-----[A-Z ]+-----/g, '')))
        problem('firmList.publicKey', 'bad-key', 'firmList.publicKey must be a base64 public key; firmList ignored');
      else if (!keyId) problem('firmList.keyId', 'empty', 'firmList.keyId is empty; firmList ignored');
      else if (alg !== 'Ed25519' && alg !== 'ECDSA-P256')
        problem('firmList.algorithm', 'bad-algorithm', `firmList.algorithm must be Ed25519 or ECDSA-P256, got ${show(alg)}; firmList ignored`, alg);
      else policy.firmList = { url: u, publicKey: key, keyId, algorithm: alg };
    }
  }

  return { policy, problems, managed: Object.keys(r).length > 0 };
}
