import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REASON_KEYS } from '../../lib/ui/reasons';
import { listErrorKey } from '../../lib/ui/list-health';

// Every user-facing string exists in Japanese and English, with the same placeholders, and
// every locale key the code names exists (a typo or a key added to one language fails here).
type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Catalogue => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));
const ja = load('ja');
const en = load('en');

const PREFIXES = ['ui', 'guard', 'webmail', 'list', 'reuse', 'identity', 'qa'];
const KEY_IN_CODE = new RegExp(`['"\`]((?:${PREFIXES.join('|')})_[a-z0-9_]+)['"\`]`, 'g');
const MSG_IN_MANIFEST = /__MSG_([A-Za-z0-9_]+)__/g;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function placeholdersOf(e: Catalogue[string]): string[] {
  const used = [...e.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase());
  return [...new Set(used)].sort();
}

describe('locales', () => {
  it('ja and en have exactly the same keys', () => {
    const onlyJa = Object.keys(ja).filter((k) => !(k in en));
    const onlyEn = Object.keys(en).filter((k) => !(k in ja));
    expect({ onlyJa, onlyEn }).toEqual({ onlyJa: [], onlyEn: [] });
  });

  it('no message is empty, and keys are valid Chrome message names', () => {
    for (const [lang, cat] of [['ja', ja], ['en', en]] as const) {
      for (const [k, e] of Object.entries(cat)) {
        expect(k, `${lang}`).toMatch(/^[A-Za-z0-9_@]+$/);
        expect(typeof e.message === 'string' && e.message.trim().length > 0, `${lang}:${k} is empty`).toBe(true);
      }
    }
  });

  it('every $PLACEHOLDER$ is declared, and ja and en use the same ones', () => {
    for (const k of Object.keys(ja)) {
      if (!(k in en)) continue;
      const pj = placeholdersOf(ja[k]);
      expect(placeholdersOf(en[k]), k).toEqual(pj);
      for (const [lang, cat] of [['ja', ja], ['en', en]] as const) {
        const declared = Object.keys(cat[k].placeholders ?? {}).map((n) => n.toLowerCase());
        for (const p of placeholdersOf(cat[k])) expect(declared, `${lang}:${k} uses $${p}$`).toContain(p);
      }
    }
  });

  it('every locale key named in the code exists in both languages', () => {
    const missing: string[] = [];
    for (const file of [...sourceFiles('lib'), ...sourceFiles('entrypoints'), 'wxt.config.ts']) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(KEY_IN_CODE)) if (!(m[1] in ja) || !(m[1] in en)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(MSG_IN_MANIFEST)) if (!(m[1] in ja) || !(m[1] in en)) missing.push(`${file}: __MSG_${m[1]}__`);
    }
    expect(missing).toEqual([]);
  });

  it('keys the UI builds at run time exist (reasons, states, list errors, policy problems)', () => {
    const dynamic = [
      ...Object.values(REASON_KEYS),
      'ui_reason_other',
      ...['genuine', 'impostor', 'suspicious', 'unrelated', 'internal'].flatMap((s) => [`ui_todo_${s}`]),
      ...['genuine', 'impostor', 'suspicious', 'unrelated', 'internal'].map((s) => `ui_state_${s}`),
      ...['network', 'timeout', 'http-status', 'redirect', 'bad-url', 'too-large', 'not-json', 'envelope', 'unknown-algorithm', 'unknown-key',
        'algorithm-mismatch', 'bad-signature', 'schema', 'duplicate-brand', 'bad-host', 'bad-login-url', 'rollback', 'future-issued', 'store', 'other']
        .map(listErrorKey),
      ...['unknown-key', 'wrong-type', 'not-https-origin', 'not-https-url', 'not-host', 'too-long', 'empty', 'bad-key', 'bad-algorithm', 'not-object', 'other']
        .map((c) => `ui_pp_${c.replace(/-/g, '_')}`),
      ...['bundled', 'stored', 'fetched'].map((s) => `ui_list_source_${s}`),
    ];
    expect(dynamic.filter((k) => !(k in ja) || !(k in en))).toEqual([]);
  });
});
