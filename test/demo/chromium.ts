import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Makes sure Debian's Chromium (and openssl) are there. Installs them with apt when missing
 * and running as root; otherwise says exactly what to run and returns false.
 */
export function ensureChromium(executable: string): boolean {
  const missing: string[] = [];
  if (!existsSync(executable)) missing.push('chromium');
  if (spawnSync('openssl', ['version']).status !== 0) missing.push('openssl');
  if (!missing.length) return true;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`Missing: ${missing.join(', ')}. Install them first:\n  sudo sh -c '${cmd}'`);
    return false;
  }
  console.log(`Installing ${missing.join(', ')} (apt, about a minute)…`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}). Run yourself:\n  ${cmd}`);
      return false;
    }
  }
  return existsSync(executable);
}
