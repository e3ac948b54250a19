import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, defaultExtensionDir, ensureTls, ROOT, startFixtureServer, type FixtureServer } from './harness';
import { outDirOf } from './harness/paths';

// Firefox ESR (no Playwright driver for Debian's Firefox): `web-ext run` starts the Firefox
// build headless on a page that reports back to the local server. A page dressed up as SBI証券
// on an unrelated domain only gets locked if the content script runs, asks the background,
// reports the page identity and receives the upgraded verdict: both halves work in Firefox.
const FIREFOX = '/usr/bin/firefox-esr';
const WEB_EXT = join(ROOT, 'node_modules/.bin/web-ext');
const available = existsSync(FIREFOX) && existsSync(WEB_EXT);

let dir = '';
let server: FixtureServer;
let ff: ChildProcess | undefined;

const page = (brand: string) => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${brand} ログイン</title></head>
<body><h1 data-own>${brand}</h1><p data-own>本人確認のためログインしてください。</p>
<form data-own method="post" action="/collect"><input data-own name="user_id"><input data-own name="user_password" type="password"><button data-own>ログイン</button></form>
<script>
const report = (what, extra = '') => fetch('/report?what=' + what + '&ua=' + encodeURIComponent(navigator.userAgent) + extra, { method: 'POST' });
report('load');
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) {
    if (n.nodeType === 1 && !n.hasAttribute('data-own')) report('foreign', '&tag=' + n.localName);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
</script></body></html>`;

beforeAll(async () => {
  if (!available) return;
  const envDir = process.env.SHOKEN_E2E_FIREFOX_DIR;
  const out = outDirOf(defaultExtensionDir(false));
  dir = envDir ? join(ROOT, envDir) : join(out, 'firefox-mv2');
  if (!envDir && (process.env.SHOKEN_E2E_NO_BUILD !== '1' || !existsSync(join(dir, 'manifest.json')))) {
    dir = await buildExtension({ outDir: out, browser: 'firefox' });
  }
  server = await startFixtureServer({ tls: ensureTls(), siteRoots: [] });
}, 180_000);

afterAll(async () => {
  if (ff?.pid) {
    try {
      process.kill(-ff.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  await server?.close();
});

describe.skipIf(!available)('Firefox ESR', () => {
  it('the Firefox build passes web-ext lint with no errors', () => {
    const r = spawnSync(WEB_EXT, ['lint', '--source-dir', dir, '--output', 'json'], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(r.stdout) as { summary: { errors: number }; errors: { code: string; message: string }[] };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 120_000);

  it('content script and background lock a page dressed up as a broker', async () => {
    const host = 'account-check-jp.top';
    // Control: the same page and script, as an ordinary shop's login: nothing may be added there.
    const control = 'shop.example.com';
    server.route(host, '/', () => page('SBI証券 | SBI SECURITIES'));
    server.route(control, '/', () => page('Example Shop'));
    server.route('*', '/report', () => ({ status: 204 }));
    const url = `http://${host}:${server.httpPort}/`;
    const controlUrl = `http://${control}:${server.httpPort}/`;
    ff = spawn(
      WEB_EXT,
      [
        'run', '--source-dir', dir, '--firefox', FIREFOX, '--arg=-headless', '--no-input', '--no-reload',
        '--start-url', controlUrl, '--start-url', url,
        // Every hostname resolves to the local server (Firefox's counterpart of --host-resolver-rules).
        '--pref', 'network.dns.forceResolve=127.0.0.1',
        '--pref', 'network.proxy.type=0',
        '--pref', 'dom.security.https_only_mode=false',
      ],
      { cwd: ROOT, detached: true, stdio: 'ignore', env: { ...process.env, MOZ_HEADLESS: '1' } },
    );
    const loaded = await server.waitForRequest((r) => r.host === host && r.path === '/report' && r.search.includes('what=load'), 60_000);
    expect(decodeURIComponent(loaded.search)).toMatch(/Firefox\//);
    const foreign = await server.waitForRequest((r) => r.host === host && r.path === '/report' && r.search.includes('what=foreign'), 30_000);
    // The guard's lock overlay: an element the page did not create.
    expect(foreign.search).toMatch(/tag=/);
    // The control page loaded in the same browser and stayed untouched.
    await server.waitForRequest((r) => r.host === control && r.search.includes('what=load'), 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.requestsTo(control, '/report').filter((r) => r.search.includes('what=foreign'))).toEqual([]);
  }, 120_000);
});
