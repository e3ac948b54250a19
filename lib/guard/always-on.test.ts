import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The page guard's always-on part runs in every frame of every page: whatever it imports is
// parsed at document_start everywhere. The UI (Preact, the warning card, the bundled string
// catalogues of lib/ui/i18n) is injected on demand instead (lib/guard/ui, entrypoints/guard-ui.ts).
// This walks the static (non type-only) import graph from the guard's entry and fails if the UI
// sneaks back in.

const ROOT = resolve(__dirname, '../..');

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('@/')) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return `pkg:${spec}`;
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(cand) && !cand.endsWith('/')) {
    try {
      readFileSync(cand);
      return cand;
    } catch {
      /* directory */
    }
  }
  return undefined;
}

function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (f.startsWith('pkg:') || f.endsWith('.json')) continue;
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      if (m[2]) continue; // type-only: erased at build time
      const r = resolveImport(f, m[3]);
      if (r) todo.push(r);
    }
  }
  return seen;
}

describe('always-on page guard stays small', () => {
  const files = [...graph(join(ROOT, 'lib/guard/start.ts'))].map((f) => (f.startsWith('pkg:') ? f : f.slice(ROOT.length + 1)));

  it('reaches the interceptor, the form guard and the loader', () => {
    expect(files).toContain('lib/guard/page-guard.ts');
    expect(files).toContain('lib/guard/form-guard.ts');
    expect(files).toContain('lib/guard/ui-loader.ts');
  });

  it('never imports the UI: Preact, the warning card, lib/ui/i18n catalogues, the overlay', () => {
    const bad = files.filter((f) => f.startsWith('pkg:preact') || f.startsWith('lib/ui/') || f.startsWith('public/_locales') || f === 'lib/guard/overlay.ts' || f.startsWith('lib/guard/ui/'));
    expect(bad).toEqual([]);
  });

  it('calls the extension natively, never through wxt/browser (the content build aliases it to the bare native object)', () => {
    // the vite:build:extendConfig hook in wxt.config.ts builds entrypoints/content without webextension-polyfill:
    // `wxt/browser` there is the native object, whose Chromium onMessage ignores returned promises.
    const all = [...graph(join(ROOT, 'entrypoints/content/index.ts'))].map((f) => (f.startsWith('pkg:') ? f : f.slice(ROOT.length + 1)));
    expect(all).toContain('lib/guard/ext.ts');
    expect(all.filter((f) => f === 'pkg:wxt/browser' || f.startsWith('pkg:webextension-polyfill') || f.startsWith('pkg:@wxt-dev/webextension-polyfill'))).toEqual([]);
  });

  it('the injected UI does carry the card (so the test above is not vacuous)', () => {
    const ui = [...graph(join(ROOT, 'lib/guard/ui/install.ts'))].map((f) => (f.startsWith('pkg:') ? f : f.slice(ROOT.length + 1)));
    expect(ui).toContain('lib/ui/warning-card.tsx');
    expect(ui).toContain('lib/guard/overlay.ts');
  });
});
