import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TLS_DIR } from './paths';

export interface TlsMaterial {
  key: Buffer;
  cert: Buffer;
  /** base64 sha256 of the certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spki: string;
}

/**
 * A throwaway self-signed certificate (generated once with openssl into the gitignored
 * test/fixtures/tls/). Chromium trusts it only through the SPKI pin flag, never globally.
 */
export function ensureTls(dir = TLS_DIR): TlsMaterial {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    // Generate into a private folder and rename it into place: concurrent runs never read a
    // half-written or mismatched key/cert pair; the loser of the race discards its own.
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30',
      '-subj', '/CN=shoken-guard-e2e',
      '-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem'),
    ], { stdio: 'pipe' });
    try {
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const key = readFileSync(keyPath);
  const cert = readFileSync(certPath);
  const der = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  const spki = createHash('sha256').update(der).digest('base64');
  return { key, cert, spki };
}
