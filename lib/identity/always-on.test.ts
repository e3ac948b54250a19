import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 6's content-side wiring runs in every frame of every page: walk its static (non
// type-only) import graph and keep out what belongs elsewhere — UI catalogues and Preact (parsed
// on every page), the list store and the list itself (content scripts never see them), and the
// scoring and reuse store (background only: the page side never holds a tag or a word list).
const ROOT = resolve(__dirname, '../..');

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.') && !spec.startsWith('@/')) return `pkg:${spec}`;
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((c) => existsSync(c) && /\.(ts|tsx|json)$/.test(c));
}

function graph(entry: string): string[] {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (f.startsWith('pkg:') || f.endsWith('.json')) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      if (m[2]) continue;
      const r = resolveImport(f, m[3]);
      if (r) todo.push(r);
    }
  }
  return [...seen].map((f) => (f.startsWith('pkg:') ? f : f.slice(ROOT.length + 1)));
}

describe('content-side page identity and reuse stay small and unprivileged', () => {
  const files = graph(join(ROOT, 'lib/identity/arm.ts'));

  it('reaches the reuse typing buffer and the page-identity hooks', () => {
    expect(files).toEqual(expect.arrayContaining(['lib/identity/content.ts', 'lib/reuse/content.ts', 'lib/reuse/buffer.ts']));
  });

  it('leaves the collector and the reuse alert to the on-demand UI (not parsed in every frame)', () => {
    expect(files.filter((f) => ['lib/identity/collect.ts', 'lib/identity/dom-text.ts', 'lib/identity/frames.ts', 'lib/guard/notice.ts'].includes(f))).toEqual([]);
    expect(graph(join(ROOT, 'lib/guard/ui/install.ts'))).toEqual(expect.arrayContaining(['lib/identity/collect.ts', 'lib/identity/frames.ts', 'lib/guard/notice.ts']));
  });

  it('imports no UI catalogues, no Preact, no list, no list store, no scoring, no reuse store', () => {
    const bad = files.filter(
      (f) =>
        f.startsWith('pkg:preact') ||
        f.startsWith('lib/ui/') ||
        f.startsWith('public/') ||
        f.startsWith('lib/list/') ||
        f.startsWith('lib/domain/') ||
        ['lib/identity/score.ts', 'lib/identity/brand-index.ts', 'lib/identity/text.ts', 'lib/reuse/store.ts', 'lib/reuse/digest.ts'].includes(f),
    );
    expect(bad).toEqual([]);
  });
});
