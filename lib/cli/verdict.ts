/**
 * npm run -s verdict -- [--list FILE] [URL-or-host ...]
 *
 * Prints one JSON verdict per line ({input, kind, brand, imitates, reasons, host, matched,
 * listVersion}). Without arguments, reads URLs/hosts from stdin, one per line.
 * --list FILE judges against another list document: a signed envelope ({list, signatures}) or
 * — for QA and list authors, in this CLI only — an unsigned document. Signatures are not
 * checked here (that is `npm run list -- verify`), the document rules are.
 * Exit codes: 0 done, 2 bad usage or bad list.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import bundled from '../list/data/brokers.json';
import { buildIndex, classify, type ListIndex } from '../domain/classify';
import type { ListDocument } from '../list/types';
import { validateListDocument } from '../list/validate';

const USAGE = 'usage: npm run -s verdict -- [--list FILE] [URL-or-host ...]   (stdin when no URL is given)';

export function loadListFile(path: string): ListDocument {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const doc = raw && typeof raw === 'object' && 'signatures' in raw && 'list' in raw ? raw.list : raw;
  const { problems } = validateListDocument(doc);
  if (problems.length) throw new Error(`${path} is not a valid list document:\n  ${problems.slice(0, 10).join('\n  ')}`);
  return doc as ListDocument;
}

export function verdictLine(input: string, index: ListIndex): string {
  const v = classify(input, index);
  return JSON.stringify({
    input,
    kind: v.kind,
    brand: v.brand ?? null,
    imitates: v.imitates ?? null,
    reasons: v.reasons,
    host: v.host ?? null,
    matched: v.matched ?? null,
    listVersion: v.listVersion,
  });
}

async function main(argv: string[]): Promise<number> {
  const inputs: string[] = [];
  let listPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list') {
      listPath = argv[++i];
      if (!listPath) {
        console.error(`--list needs a file\n${USAGE}`);
        return 2;
      }
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else inputs.push(a);
  }
  let doc: ListDocument;
  try {
    doc = listPath ? loadListFile(listPath) : (bundled as ListDocument);
  } catch (e) {
    console.error(`verdict: ${(e as Error).message}`);
    return 2;
  }
  const index = buildIndex(doc);
  if (inputs.length) {
    for (const input of inputs) console.log(verdictLine(input, index));
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const input = line.trim();
    if (input) process.stdout.write(verdictLine(input, index) + '\n');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`verdict: ${e?.message ?? e}`);
    process.exit(2);
  },
);
