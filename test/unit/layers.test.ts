import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Layer rules, enforced mechanically (architecture habit 9):
 * - lib/domain is pure: no browser API, no wxt, no idb, no DOM globals.
 * - What a content script bundles never reaches the list store, IndexedDB or the signing code:
 *   the list and its storage live in the background only (a content script's IndexedDB would
 *   belong to the page's origin).
 */
const root = resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(type\s)?[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Runtime imports only: `import type` is erased and bundles nothing. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].filter((m) => !m[1]).map((m) => m[2] ?? m[3]);
}

function resolveLocal(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = join(root, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return undefined;
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(cand).isFile()) return cand;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** Every local file reachable from an entry, plus every bare package it imports. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!/\.(ts|tsx)$/.test(f)) continue;
    for (const spec of importsOf(f)) {
      const local = resolveLocal(f, spec);
      if (local) stack.push(local);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.add(spec);
    }
  }
  return { files: seen, packages };
}

describe('layer rules', () => {
  it('lib/domain imports no browser API, no wxt, no idb and touches no DOM global', () => {
    const offenders: string[] = [];
    for (const f of files(join(root, 'lib/domain'))) {
      const src = readFileSync(f, 'utf8');
      for (const spec of importsOf(f)) {
        if (/^(wxt|webextension-polyfill|idb|preact)/.test(spec)) offenders.push(`${relative(root, f)} imports ${spec}`);
      }
      if (/\b(browser|chrome|document|window|indexedDB|localStorage)\s*\./.test(src.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''))) {
        offenders.push(`${relative(root, f)} uses a browser global`);
      }
    }
    expect(offenders).toEqual([]);
  });

  const contentEntries = readdirSync(join(root, 'entrypoints'))
    .filter((n) => n === 'content' || n.endsWith('.content'))
    .map((n) => join(root, 'entrypoints', n, 'index.ts'));

  it('finds the content scripts to check', () => {
    expect(contentEntries.length).toBeGreaterThanOrEqual(1);
  });

  it.each(contentEntries.map((e) => [relative(root, e), e]))('%s never reaches the list store, IndexedDB or list signing', (_name, entry) => {
    const { files: reach, packages } = closure(entry);
    const forbidden = [...reach].map((f) => relative(root, f)).filter((f) => /^lib\/(list|background)\//.test(f) || /^lib\/reuse\/store/.test(f));
    expect(forbidden).toEqual([]);
    expect([...packages].filter((p) => p === 'idb' || p.startsWith('idb/'))).toEqual([]);
  });
});
