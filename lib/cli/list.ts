/**
 * Publisher tool for the signed list.  npm run list -- <command> [flags]
 *
 *   keygen  --private FILE --public FILE [--algorithm ECDSA-P256|Ed25519] [--key-id ID] [--test-only]
 *   sign    --in LIST.json --key PRIVATE.jwk [--key OTHER.jwk] --out SIGNED.json [--compact]
 *   verify  --in SIGNED.json [--public-key PUBLIC.json ...] [--min-version N] [--now ISO]
 *   show    --in LIST.json|SIGNED.json
 *   sign-bundled [--key FILE]   re-sign lib/list/data/brokers.json → lib/list/data/brokers.signed.json
 *
 * Exit codes: 0 ok · 1 list refused (invalid, bad signature, rollback…) · 2 usage error ·
 *             3 file / key I/O error · 4 refused unsafe action (private key inside a repository).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, resolve, relative, isAbsolute, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { acceptSignedList, parseEnvelope } from '../list/accept';
import { isListError } from '../list/errors';
import { toBase64 } from '../list/base64';
import { fingerprint, importParams, isAlgorithm, type TrustedKey } from '../list/keys';
import { formatSignedList, generateKeyPair, publicKeyOf, signList, type PrivateKeyFile } from '../list/sign';
import { PUBLISHER_KEYS } from '../list/trusted-keys';
import type { ListDocument } from '../list/types';
import { validateListDocument } from '../list/validate';

export const EXIT = { ok: 0, refused: 1, usage: 2, io: 3, unsafe: 4 } as const;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_PRIVATE_KEY = '/root/.shoken-guard/publisher-private.jwk';
const BUNDLED_IN = join(ROOT, 'lib/list/data/brokers.json');
const BUNDLED_OUT = join(ROOT, 'lib/list/data/brokers.signed.json');

class CliError extends Error {
  constructor(readonly exit: number, message: string) {
    super(message);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(EXIT.io, `cannot read ${file}: ${(e as Error).message}`);
  }
}
function readJson<T>(file: string): T {
  const t = readText(file);
  try {
    return JSON.parse(t) as T;
  } catch (e) {
    throw new CliError(EXIT.refused, `${file} is not valid JSON: ${(e as Error).message}`);
  }
}
function write(file: string, text: string, mode?: number) {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true, mode: mode ? 0o700 : undefined });
    writeFileSync(file, text, mode ? { mode } : undefined);
    if (mode) chmodSync(file, mode);
  } catch (e) {
    throw new CliError(EXIT.io, `cannot write ${file}: ${(e as Error).message}`);
  }
}

/** The repository (any git work tree, or this project) that contains `file`, if any. */
export function enclosingRepo(file: string): string | undefined {
  const abs = resolve(file);
  const rel = relative(ROOT, abs);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return ROOT;
  for (let d = dirname(abs); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function loadPrivateKey(file: string): PrivateKeyFile {
  const k = readJson<PrivateKeyFile>(file);
  if (!k || typeof k.keyId !== 'string' || !isAlgorithm(k.algorithm) || !k.privateJwk?.d) {
    throw new CliError(EXIT.io, `${file} is not a private key file made by "keygen" ({keyId, algorithm, privateJwk})`);
  }
  return k;
}

function loadPublicKey(file: string): TrustedKey {
  const k = readJson<TrustedKey>(file);
  if (!k || typeof k.keyId !== 'string' || !isAlgorithm(k.algorithm) || !k.jwk) throw new CliError(EXIT.io, `${file} is not a public key file made by "keygen" ({keyId, algorithm, jwk})`);
  if ('d' in k.jwk) throw new CliError(EXIT.unsafe, `${file} contains a PRIVATE key: pass the public key file`);
  return k;
}

async function keygen(v: Record<string, unknown>, out: (s: string) => void) {
  const algorithm = (v.algorithm as string | undefined) ?? 'ECDSA-P256';
  if (!isAlgorithm(algorithm)) throw new CliError(EXIT.usage, `--algorithm must be ECDSA-P256 or Ed25519`);
  const priv = v.private as string | undefined;
  const pub = v.public as string | undefined;
  if (!priv || !pub) throw new CliError(EXIT.usage, 'keygen needs --private FILE and --public FILE');
  const testOnly = !!v['test-only'];
  const repo = enclosingRepo(priv);
  if (repo && !(testOnly && basename(priv).includes('TEST-ONLY'))) {
    throw new CliError(EXIT.unsafe, `refusing to write a private key inside the repository ${repo}: keep it outside (default ${DEFAULT_PRIVATE_KEY}). Test keys: --test-only and a file name containing TEST-ONLY.`);
  }
  if (existsSync(priv)) throw new CliError(EXIT.unsafe, `${priv} exists: refusing to overwrite a private key`);
  const provisional = await generateKeyPair(algorithm, 'pending');
  let keyId = (v['key-id'] as string | undefined) ?? `sg-${await fingerprint(provisional.publicKey.jwk)}`;
  if (testOnly && !keyId.startsWith('test-only-')) keyId = `test-only-${keyId}`;
  if (!testOnly && keyId.toLowerCase().includes('test')) throw new CliError(EXIT.usage, 'production key ids must not contain "test"');
  const privateFile = { ...provisional.privateFile, keyId };
  const publicKey = { ...provisional.publicKey, keyId };
  write(priv, `${JSON.stringify(privateFile, null, 2)}\n`, 0o600);
  write(pub, `${JSON.stringify(publicKey, null, 2)}\n`);
  out(`key ${keyId} (${algorithm})\n  private: ${resolve(priv)} (mode 600, keep it secret)\n  public:  ${resolve(pub)}\n`);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await crypto.subtle.importKey('jwk', publicKey.jwk, importParams(algorithm), true, ['verify'])));
  out(`  managed policy firmList: {"keyId": "${keyId}", "algorithm": "${algorithm}", "publicKey": "${toBase64(spki)}"}\n`);
  out(`Publisher key: pin it in PUBLISHER_KEYS (lib/list/trusted-keys.ts). Firm key: put the line above in the firm's managed policy.\n`);
}

async function signCmd(inFile: string, keyFiles: string[], outFile: string, out: (s: string) => void, compact = false) {
  if (!keyFiles.length) throw new CliError(EXIT.usage, 'sign needs --key PRIVATE.jwk (repeat for rotation)');
  const raw = readJson<unknown>(inFile);
  // Accept an already signed file as input: re-sign its list.
  const list = raw && typeof raw === 'object' && 'signatures' in raw && 'list' in raw ? (raw as { list: unknown }).list : raw;
  const { problems } = validateListDocument(list, { strict: true });
  if (problems.length) throw new CliError(EXIT.refused, `${inFile} is not a valid list (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  ${problems.join('\n  ')}`);
  const keys = keyFiles.map(loadPrivateKey);
  const signed = await signList(list, keys);
  // Self-check with the public halves before writing anything.
  await acceptSignedList(formatSignedList(signed), { keys: keys.map(publicKeyOf), now: Date.now(), skewMs: Number.MAX_SAFE_INTEGER });
  write(outFile, formatSignedList(signed, compact));
  const doc = list as ListDocument;
  out(`signed ${inFile} → ${outFile}: version ${doc.version}, ${doc.brands.length} brands, keys ${keys.map((k) => k.keyId).join(', ')}\n`);
}

async function verifyCmd(v: Record<string, unknown>, out: (s: string) => void) {
  const inFile = v.in as string | undefined;
  if (!inFile) throw new CliError(EXIT.usage, 'verify needs --in SIGNED.json');
  const pubFiles = (v['public-key'] as string[] | undefined) ?? [];
  const keys = pubFiles.length ? pubFiles.map(loadPublicKey) : [...PUBLISHER_KEYS];
  const now = v.now ? Date.parse(v.now as string) : Date.now();
  if (Number.isNaN(now)) throw new CliError(EXIT.usage, '--now must be an ISO timestamp');
  const minVersion = v['min-version'] !== undefined ? Number(v['min-version']) : undefined;
  if (minVersion !== undefined && !Number.isInteger(minVersion)) throw new CliError(EXIT.usage, '--min-version must be an integer');
  try {
    const r = await acceptSignedList(readText(inFile), { keys, now, currentVersion: minVersion });
    out(`OK ${inFile}: version ${r.doc.version}, ${r.doc.brands.length} brands, signed by ${r.keyIds.join(', ')}${r.stale ? ' — EXPIRED (stale) at ' + r.doc.expires : ''}\n`);
  } catch (e) {
    if (isListError(e)) throw new CliError(EXIT.refused, `REFUSED ${inFile} [${e.code}]: ${e.message}${e.problems.length > 1 ? '\n  ' + e.problems.join('\n  ') : ''}`);
    throw e;
  }
}

function showCmd(inFile: string, out: (s: string) => void) {
  const text = readText(inFile);
  let list: unknown;
  let sigs = 'unsigned';
  try {
    const env = parseEnvelope(text);
    list = env.list;
    sigs = env.signatures.map((s) => `${s.keyId} (${s.algorithm})`).join(', ');
  } catch {
    list = readJson(inFile);
  }
  const d = list as ListDocument;
  const lines = [
    `file:      ${inFile}`,
    `version:   ${d.version}   format ${d.format}`,
    `issued:    ${d.issued}`,
    `expires:   ${d.expires}${Date.parse(d.expires) <= Date.now() ? '  (EXPIRED)' : ''}`,
    `publisher: ${d.publisher ?? '-'}`,
    `signed by: ${sigs}`,
    `brands:    ${d.brands?.length ?? 0}${d.exempt ? `   exempt domains: ${d.exempt.length}` : ''}`,
  ];
  for (const b of d.brands ?? []) lines.push(`  ${b.id.padEnd(16)} ${b.names?.ja ?? ''} / ${b.names?.en ?? ''}  [${b.confidence}]\n    ${(b.hosts ?? []).join(' ')}\n    login ${b.loginUrl}`);
  const { problems } = validateListDocument(list, { strict: true });
  lines.push(problems.length ? `problems (${problems.length}):\n  ${problems.join('\n  ')}` : 'valid: yes');
  out(`${lines.join('\n')}\n`);
  if (problems.length) throw new CliError(EXIT.refused, `${problems.length} problem(s)`);
}

export async function main(argv: string[], out: (s: string) => void = (s) => void process.stdout.write(s)): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    const { values: v } = parseArgs({
      args: rest,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        key: { type: 'string', multiple: true },
        'public-key': { type: 'string', multiple: true },
        private: { type: 'string' },
        public: { type: 'string' },
        algorithm: { type: 'string' },
        'key-id': { type: 'string' },
        'test-only': { type: 'boolean' },
        compact: { type: 'boolean' },
        'min-version': { type: 'string' },
        now: { type: 'string' },
      },
      strict: true,
    }).valueOf() as { values: Record<string, unknown> };
    switch (cmd) {
      case 'keygen':
        await keygen(v, out);
        break;
      case 'sign':
        if (!v.in || !v.out) throw new CliError(EXIT.usage, 'sign needs --in LIST.json --key PRIVATE.jwk --out SIGNED.json');
        await signCmd(v.in as string, (v.key as string[]) ?? [], v.out as string, out, !!v.compact);
        break;
      case 'sign-bundled':
        await signCmd(BUNDLED_IN, (v.key as string[]) ?? [DEFAULT_PRIVATE_KEY], BUNDLED_OUT, out);
        break;
      case 'verify':
        await verifyCmd(v, out);
        break;
      case 'show':
        if (!v.in) throw new CliError(EXIT.usage, 'show needs --in FILE');
        showCmd(v.in as string, out);
        break;
      default:
        throw new CliError(EXIT.usage, `usage: npm run list -- keygen|sign|verify|show|sign-bundled [flags]  (unknown command "${cmd ?? ''}")`);
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      return e.exit;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(e as Error).message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    return EXIT.io;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
