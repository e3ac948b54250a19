// `npm run demo`: the whole guard, end to end, on a fresh machine with no internet.
// Builds the extension, starts headless Chromium with it, serves genuine broker pages,
// lookalikes, dressed-up pages on unrelated domains and a webmail page on their real
// hostnames (locally), types a password into every password field like a user would, and
// prints what happened. Exit code 1 when the guard failed anywhere.
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { buildExtension } from '../e2e/harness/build';
import { CHROMIUM, startE2E, type E2E } from '../e2e/harness/browser';
import { ROOT } from '../e2e/harness/paths';
import { ensureChromium } from './chromium';
import { OBSERVED_PATH, RECORDER_JS, RECORDER_PATH } from './pages';
import { ROWS, type Row } from './scenarios';
import { renderTable } from './table';

const PASSWORD = 'Demo-Pass-2468';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

interface Outcome {
  row: Row;
  verdict: string;
  kind: string;
  guard: string;
  received: string;
  failures: string[];
  shot: string;
}

function longestLeak(observed: string[]): number {
  let n = 0;
  for (let k = 1; k <= PASSWORD.length; k++) if (observed.some((s) => s.includes(PASSWORD.slice(0, k)))) n = k;
  return n;
}

async function observedIn(env: E2E, page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const r of env.server.requests.filter((r) => r.path === OBSERVED_PATH)) {
    try {
      const o = JSON.parse(r.body) as { keys?: string; values?: string[] };
      out.push(String(o.keys ?? ''), ...(o.values ?? []).map(String));
    } catch {
      out.push(r.body);
    }
  }
  for (const f of page.frames()) {
    const o = await f.evaluate(() => (window as unknown as { __demoObserved?: { keys: string; values: string[] } }).__demoObserved).catch(() => undefined);
    if (o) out.push(o.keys, ...o.values);
  }
  return out;
}

async function passwordFields(page: Page, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found: { frame: Frame; index: number }[] = [];
    for (const frame of page.frames()) {
      const n = await frame.locator('input[type=password]').count().catch(() => 0);
      for (let i = 0; i < n; i++) found.push({ frame, index: i });
    }
    if (found.length || Date.now() > deadline) return found;
    await sleep(150);
  }
}

/** Types like a user: click into the field (or focus it if something covers it), then keystrokes. */
async function typeInto(page: Page, frame: Frame, index: number): Promise<void> {
  const field = frame.locator('input[type=password]').nth(index);
  try {
    await field.click({ timeout: 1500 });
  } catch {
    await field.focus({ timeout: 1500 }).catch(() => {});
  }
  await page.keyboard.type(PASSWORD, { delay: 15 });
}

async function statusOf(env: E2E, ext: Page, page: Page, url: string) {
  const onWarning = page.url().startsWith(`chrome-extension://${env.extensionId}/`);
  const tabId = onWarning ? 0 : await env.tabIdOf(page).catch(() => 0);
  return ext.evaluate(
    ([tabId, url]) => {
      const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      return rt.sendMessage(tabId ? { type: 'tab/status', payload: { tabId } } : { type: 'warning/verdict', payload: { target: url } });
    },
    [tabId, url] as const,
  ) as Promise<{ verdict: { kind: string; reasons: string[] }; action: string } | null>;
}

async function runRow(env: E2E, ext: Page, row: Row, shotDir: string, n: number): Promise<Outcome> {
  const failures: string[] = [];
  env.server.clearRequests();
  const page = await env.context.newPage();
  const host = new URL(row.url).hostname;
  let guard = '';
  let received = '';
  try {
    await page.goto(row.url, { waitUntil: 'load', timeout: 15_000 }).catch((e: Error) => {
      guard = `navigation: ${e.message.split('\n')[0]}`;
    });
    await sleep(300);
    const onWarning = page.url().startsWith(`chrome-extension://${env.extensionId}/`);
    const status = await statusOf(env, ext, page, row.url).catch(() => null);
    const kind = status?.verdict.kind ?? '?';
    const verdict = status ? `${kind} (${status.verdict.reasons.join(', ')})` : 'no answer';
    if (row.expect.verdict && !row.expect.verdict.includes(kind)) failures.push(`verdict ${kind}, expected ${row.expect.verdict.join('/')}`);

    if (row.links) {
      const l = row.links;
      const markOf = (id: string) => page.locator(`#${id}`).getAttribute('data-shoken-link', { timeout: 1000 }).catch(() => null);
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && (await Promise.all(l.dangerous.map(markOf))).some((m) => m !== 'dangerous')) await sleep(150);
      const marked = (await Promise.all(l.dangerous.map(markOf))).filter((m) => m === 'dangerous').length;
      const genuineOk = (await Promise.all(l.genuine.map(markOf))).every((m) => m === 'genuine');
      const ordinaryOk = (await Promise.all(l.ordinary.map(markOf))).every((m) => m === null);
      if (marked !== l.dangerous.length) failures.push(`${marked}/${l.dangerous.length} phishing links flagged`);
      if (!genuineOk) failures.push('genuine link not marked genuine');
      if (!ordinaryOk) failures.push('ordinary link marked');
      const target = new URL(String(await page.locator(`#${l.click}`).getAttribute('href').catch(() => '') || 'https://invalid/')).hostname;
      await page.locator(`#${l.click}`).click({ timeout: 2000 }).catch(() => {});
      await sleep(1200);
      const reached = env.server.requestsTo(target).length > 0;
      guard = `${marked}/${l.dangerous.length} phishing links flagged${genuineOk ? ', genuine marked' : ''}; clicked one`;
      received = reached ? 'YES: phishing page opened' : 'no (link held)';
      if (reached) failures.push('clicking the phishing link reached the phishing site');
      for (const p of env.context.pages()) if (p !== page && p !== ext) await p.close().catch(() => {});
    } else if (onWarning) {
      const fetched = env.server.requestsTo(host, new URL(row.url).pathname).length > 0;
      guard = fetched ? 'warning page (page fetched, never shown)' : 'warning page (page never requested)';
      received = 'no';
      if (row.expect.received === 'yes') failures.push('genuine page replaced by the warning page');
    } else {
      const fields = await passwordFields(page, 1500);
      for (const f of fields) await typeInto(page, f.frame, f.index);
      await sleep(600);
      const leak = longestLeak(await observedIn(env, page));
      received = leak === 0 ? 'no' : leak === PASSWORD.length ? 'YES' : `partly (${leak}/${PASSWORD.length} chars)`;
      guard ||= !fields.length ? 'no password field' : leak === 0 ? 'typing blocked' : 'typing allowed';
      if (!fields.length && row.expect.received === 'yes') failures.push('no password field found');
      if (row.expect.received === 'yes' && leak !== PASSWORD.length) failures.push('the genuine/ordinary page did not get the password');
      if (row.expect.received === 'no' && leak > 0) failures.push('the page received (part of) the password');
    }
    const shot = join(shotDir, `${String(n).padStart(2, '0')}-${row.category}-${host}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    return { row, verdict, kind, guard, received, failures, shot };
  } finally {
    await page.close().catch(() => {});
  }
}

async function main(): Promise<number> {
  if (!ensureChromium(CHROMIUM)) return 2;
  let extensionDir = process.env.SHOKEN_DEMO_EXT_DIR ? resolve(ROOT, process.env.SHOKEN_DEMO_EXT_DIR) : '';
  if (!extensionDir) {
    process.stdout.write('Building the extension (production build → .output-demo/chrome-mv3)… ');
    const t0 = Date.now();
    extensionDir = await buildExtension({ outDir: '.output-demo' });
    console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const shotDir = join(ROOT, 'test-results/demo', stamp);
  mkdirSync(shotDir, { recursive: true });

  const env = await startE2E({ extensionDir, siteRoots: [join(ROOT, 'test/demo/no-static-sites')] });
  try {
    env.server.route('*', RECORDER_PATH, () => ({ type: 'text/javascript', body: RECORDER_JS }));
    env.server.route('*', OBSERVED_PATH, () => ({ status: 204 }));
    for (const row of ROWS) {
      for (const [url, html] of row.pages) {
        const u = new URL(url);
        env.server.route(u.hostname, u.pathname, () => html);
      }
    }
    const ext = await env.open(env.extensionUrl('manifest.json'));
    console.log(`Headless Chromium ${env.context.browser()?.version() ?? ''} with Shoken Guard ${env.extensionId}; every hostname is served locally.\n`);
    const outcomes: Outcome[] = [];
    for (const [i, row] of ROWS.entries()) outcomes.push(await runRow(env, ext, row, shotDir, i + 1));

    const short = (u: string) => (u.length > 52 ? `${u.slice(0, 51)}…` : u);
    console.log(
      renderTable(
        ['#', 'kind of page', 'page', 'verdict (reason)', 'what the guard did', 'page got password?', 'result'],
        outcomes.map((o, i) => [
          String(i + 1),
          o.row.category,
          short(o.row.url),
          o.verdict,
          o.guard,
          o.received,
          o.failures.length ? `FAIL: ${o.failures.join('; ')}` : 'ok',
        ]),
      ),
    );
    const failed = outcomes.filter((o) => o.failures.length);
    console.log(`\nScreenshots: ${relative(process.cwd(), shotDir) || shotDir}/`);
    console.log(failed.length ? `\nThe guard FAILED on ${failed.length} of ${outcomes.length} pages.` : `\nAll ${outcomes.length} pages behaved as expected.`);
    return failed.length ? 1 : 0;
  } finally {
    await env.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(1);
  },
);
