import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The page guard's always-on part runs in every frame of every page: whatever it imports is
// parsed at document_start everywhere. The guard's core (page-guard, form guard, page identity,
// password reuse: lib/guard/core.ts, entrypoints/guard-core.ts) and its UI (Preact, the warning
// card, the bundled string catalogues of lib/ui/i18n: lib/guard/ui, entrypoints/guard-ui.ts) are
// injected on demand instead. This walks the static (non type-only) import graph from the
// guard's entry and fails if either sneaks back in. (entrypoints/content/index.ts imports the core
// for the Firefox build only; the Chromium build drops it: the E2E suite proves the core is
// injected, guard-push.e2e.test.ts.)

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

  it('reaches the relay and the pending interceptor, with what it needs to hold input and submissions', () => {
    expect(files).toContain('lib/guard/relay.ts');
    expect(files).toContain('lib/guard/pre-guard.ts');
    expect(files).toContain('lib/guard/pending-buffer.ts');
    expect(files).toContain('lib/guard/credential.ts');
    expect(files).toContain('lib/guard/form-shape.ts');
  });

  it('never imports the core: page guard, form guard, page identity, password reuse (type-only imports are fine)', () => {
    const bad = files.filter((f) => f === 'lib/guard/page-guard.ts' || f === 'lib/guard/form-guard.ts' || f === 'lib/guard/core.ts' || f.startsWith('lib/identity/') || f.startsWith('lib/reuse/'));
    expect(bad).toEqual([]);
  });

  it('the core does carry them (so the test above is not vacuous)', () => {
    const core = [...graph(join(ROOT, 'lib/guard/core.ts'))].map((f) => (f.startsWith('pkg:') ? f : f.slice(ROOT.length + 1)));
    for (const f of ['lib/guard/page-guard.ts', 'lib/guard/form-guard.ts', 'lib/identity/arm.ts', 'lib/reuse/content.ts', 'lib/guard/ui-loader.ts']) expect(core).toContain(f);
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
