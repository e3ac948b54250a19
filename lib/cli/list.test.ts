import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EXIT, main } from './list';
import { listDoc } from '../../test/fixtures/lists/make';

const dir = mkdtempSync(join(tmpdir(), 'sg-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

async function run(...args: string[]) {
  let out = '';
  const code = await main(args, (s) => void (out += s));
  return { code, out };
}

describe('npm run list', () => {
  const priv = join(dir, 'k.private.jwk');
  const pub = join(dir, 'k.public.json');
  const listFile = join(dir, 'list.json');
  const signed = join(dir, 'list.signed.json');

  it('keygen writes a key pair outside the repository (private key mode 600)', async () => {
    const r = await run('keygen', '--private', priv, '--public', pub);
    expect(r.code).toBe(EXIT.ok);
    const k = JSON.parse(readFileSync(priv, 'utf8'));
    expect(k.keyId).toMatch(/^sg-[0-9a-f]{16}$/);
    expect(JSON.parse(readFileSync(pub, 'utf8')).jwk.d).toBeUndefined();
  });

  it('keygen refuses a private key inside the repository, and overwriting one', async () => {
    expect((await run('keygen', '--private', 'lib/list/oops.jwk', '--public', join(dir, 'x.json'))).code).toBe(EXIT.unsafe);
    expect(existsSync('lib/list/oops.jwk')).toBe(false);
    expect((await run('keygen', '--private', priv, '--public', pub)).code).toBe(EXIT.unsafe);
  });

  it('sign then verify round-trips; verify refuses another key with exit 1', async () => {
    writeFileSync(listFile, JSON.stringify(listDoc()));
    expect((await run('sign', '--in', listFile, '--key', priv, '--out', signed)).code).toBe(EXIT.ok);
    const ok = await run('verify', '--in', signed, '--public-key', pub, '--now', '2026-12-01T00:00:00Z');
    expect(ok.code).toBe(EXIT.ok);
    expect(ok.out).toMatch(/^OK .*version 10, 2 brands/);
    expect((await run('verify', '--in', signed, '--public-key', 'test/fixtures/keys/TEST-ONLY-list-signing.public.json')).code).toBe(EXIT.refused);
    expect((await run('verify', '--in', signed, '--public-key', pub, '--min-version', '10')).code).toBe(EXIT.refused);
  });

  it('sign refuses an invalid list and lists every problem (exit 1)', async () => {
    const bad = listDoc();
    (bad.brands[0] as { hosts: string[] }).hosts.push('co.jp');
    (bad as unknown as Record<string, unknown>).extra = 1;
    writeFileSync(listFile, JSON.stringify(bad));
    const errors: string[] = [];
    vi.mocked(process.stderr.write).mockImplementation((s) => {
      errors.push(String(s));
      return true;
    });
    expect((await run('sign', '--in', listFile, '--key', priv, '--out', join(dir, 'bad.signed.json'))).code).toBe(EXIT.refused);
    expect(errors.join('')).toMatch(/2 problems[\s\S]*\$\.extra: unknown property[\s\S]*public suffix/);
    expect(existsSync(join(dir, 'bad.signed.json'))).toBe(false);
  });

  it('show prints a human summary', async () => {
    const r = await run('show', '--in', signed);
    expect(r.out).toMatch(/version:\s+10/);
    expect(r.out).toMatch(/alpha .*\n\s+www\.alpha-sec\.co\.jp/);
  });

  it('exit 2 on usage errors, 3 on unreadable files', async () => {
    expect((await run('frobnicate')).code).toBe(EXIT.usage);
    expect((await run('sign', '--in', listFile)).code).toBe(EXIT.usage);
    expect((await run('verify', '--in', signed, '--bogus')).code).toBe(EXIT.usage);
    expect((await run('verify', '--in', join(dir, 'missing.json'))).code).toBe(EXIT.io);
  });
});
