import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE = join(POLICY_DIR, 'shoken-guard-test.json');
export const EXTENSION_ID = 'ihahggmkmcdinndjloaklpheikomoepj';
const LOCK_DIR = '/tmp/shoken-guard-policy.lock';

let installed = false;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The policy file is machine-wide, so concurrent test runs take a lock (a directory holding
 * the owner's pid; a dead owner's lock is taken over).
 */
async function lock(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      return;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      if (owner === process.pid) return;
      if (owner && !pidAlive(owner)) rmSync(LOCK_DIR, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`policy lock ${LOCK_DIR} held by pid ${owner}`);
      else await new Promise((r) => setTimeout(r, 200).unref());
    }
  }
}

function unlock(): void {
  try {
    if (Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8')) === process.pid) rmSync(LOCK_DIR, { recursive: true, force: true });
  } catch {
    /* not ours */
  }
}

/**
 * Writes the managed policy for our extension (what `chrome.storage.managed` will show).
 * Must happen before the browser launches. Needs root. Pair with removePolicy() (startE2E
 * does this for you with `policy`).
 */
export async function installPolicy(policy: Record<string, unknown>, extensionId = EXTENSION_ID): Promise<void> {
  await lock();
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2));
  } catch (e) {
    unlock();
    throw new Error(`cannot write ${POLICY_FILE} (root needed): ${e instanceof Error ? e.message : e}`);
  }
  installed = true;
}

export function removePolicy(): void {
  if (!installed) return;
  rmSync(POLICY_FILE, { force: true });
  installed = false;
  unlock();
}

// A crashed or interrupted test never leaves the policy behind.
process.on('exit', () => {
  if (installed && existsSync(POLICY_FILE)) removePolicy();
});

/** Runs `fn` with the policy installed and always removes it afterwards. */
export async function withPolicy<T>(policy: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  await installPolicy(policy);
  try {
    return await fn();
  } finally {
    removePolicy();
  }
}
