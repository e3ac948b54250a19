import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A/AA + best practices). Injected with evaluate(), which
 * is not subject to the extension pages' CSP (an inline <script> would be blocked).
 */
export async function axe(page: Page, opts: { include?: string; disable?: string[] } = {}): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async ({ include, disable }) => {
    const a = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const rules = Object.fromEntries((disable ?? []).map((r) => [r, { enabled: false }]));
    const res = await a.run(include ? { include: [include] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules,
    });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, opts);
}

/** Readable summary for assertion messages. */
export function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.map((n) => JSON.stringify(n.target)).join('\n  ')}`).join('\n');
}

/**
 * Screenshot for the README: 1x, then palette-compressed with pngquant when it is installed
 * (apt-get install pngquant) so the committed PNGs stay small.
 */
export async function savePng(page: Page, file: string, fullPage: boolean): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  const { statSync } = await import('node:fs');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage });
  try {
    execFileSync('pngquant', ['--force', '--skip-if-larger', '--quality=65-90', '--output', file, file], { stdio: 'ignore' });
  } catch {
    /* pngquant missing, or it could not do better: keep the original */
  }
  return statSync(file).size;
}
