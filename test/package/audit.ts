import { readZip } from './zip-entries';

/** Names that must never ship: private keys, key material, env files, our throwaway TLS key. */
const FORBIDDEN_NAME = /(^|\/)(\.env(\..*)?|id_rsa.*|.*\.pem|.*\.key|.*\.p12|.*\.pfx|.*\.jwk|[^/]*private[^/]*)$|(^|\/)test\/fixtures\/(keys|tls)\//i;
/** Contents that look like private key material (PEM blocks, JWK private members). */
const FORBIDDEN_TEXT = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/];

export interface ZipAudit {
  zip: string;
  entries: number;
  problems: string[];
}

/** Lists every entry of `zip` that looks like a secret, by name or by content. */
export function auditZip(zip: string): ZipAudit {
  const entries = readZip(zip);
  const problems: string[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (FORBIDDEN_NAME.test(e.name)) {
      problems.push(`${e.name}: file name looks like key material`);
      continue;
    }
    if (e.size > 5_000_000) continue;
    const text = e.data().toString('latin1');
    for (const re of FORBIDDEN_TEXT) if (re.test(text)) problems.push(`${e.name}: contains ${re.source}`);
  }
  return { zip, entries: entries.length, problems };
}
