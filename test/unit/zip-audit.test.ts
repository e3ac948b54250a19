import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { auditZip } from '../package/audit';
import { readZip } from '../package/zip-entries';

// The zip audit run by `npm run zip` must catch key material by name and by content (stored
// and deflated entries), and must not flag ordinary files.
function makeZip(files: Record<string, string>, deflate: boolean): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const body = deflate ? deflateRawSync(data) : data;
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, body);
    centrals.push(central, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const dir = mkdtempSync(join(tmpdir(), 'shoken-zip-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = {
  'manifest.json': '{"name":"x","key":"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"}',
  'lib/list/sign.ts': 'export function sign(privateKey: CryptoKey) { return privateKey; }',
  'test/fixtures/keys/TEST-ONLY-list-signing.private.jwk': '{}',
  'test/fixtures/tls/cert.pem': 'x',
  'notes/leak.txt': 'oops\n-----BEGIN PRIVATE KEY-----\nMIIEvQ...\n-----END PRIVATE KEY-----\n',
  'config/signing.json': '{"kty":"OKP","crv":"Ed25519","x":"abc","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}',
  '.env': 'TOKEN=1',
};

describe.each([false, true])('zip audit (deflate %s)', (deflate) => {
  const path = join(dir, `t-${deflate}.zip`);
  writeFileSync(path, makeZip(FILES, deflate));

  it('reads every entry back', () => {
    const entries = readZip(path);
    expect(entries.map((e) => e.name)).toEqual(Object.keys(FILES));
    expect(entries[4].data().toString()).toBe(FILES['notes/leak.txt']);
  });

  it('flags key files by name and key material by content, and nothing else', () => {
    const flagged = auditZip(path).problems.map((p) => p.split(':')[0]).sort();
    expect(flagged).toEqual(['.env', 'config/signing.json', 'notes/leak.txt', 'test/fixtures/keys/TEST-ONLY-list-signing.private.jwk', 'test/fixtures/tls/cert.pem'].sort());
  });
});
