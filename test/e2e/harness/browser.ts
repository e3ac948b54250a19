import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { defaultExtensionDir, SITES_DIR, ROOT } from './paths';
import { installPolicy, removePolicy } from './policy';
import { hostResolverRules, startFixtureServer, type FixtureServer, type RouteHandler } from './server';
import { ExtensionDevtools, currentServiceWorker } from './sw';
import { ensureTls } from './tls';
import { judgedToolbar, readToolbar, tabIdOf, type ToolbarState } from './toolbar';

export const CHROMIUM = process.env.SHOKEN_CHROMIUM || '/usr/bin/chromium';

export interface StartOptions {
  /** Unpacked extension dir; default: the production build (or QA build with testMode), see paths.ts. */
  extensionDir?: string;
  /** Load the QA build (`.output-test/chrome-mv3`) instead of the production build. */
  testMode?: boolean;
  /** No extension at all (baseline runs). */
  noExtension?: boolean;
  /** Dynamic routes installed before the browser starts: { 'host path': handler } or [host, path, handler]. */
  routes?: [host: string, path: string, handler: RouteHandler][];
  /** Extra fixture roots searched before test/fixtures/sites (same <hostname>/ layout). Also env SHOKEN_E2E_SITES (colon separated). */
  siteRoots?: string[];
  /** Managed policy for our extension, installed before launch and removed on close (needs root). */
  policy?: Record<string, unknown>;
  /** Extra Chromium arguments. */
  args?: string[];
  /** Browser locale (default ja-JP). */
  locale?: string;
}

export interface E2E {
  context: BrowserContext;
  /** Empty when launched with noExtension. */
  extensionId: string;
  extensionDir: string;
  server: FixtureServer;
  /** The extension's live service worker (re-acquired after a restart; waits for one to start). */
  serviceWorker(): Promise<Worker>;
  /** A new tab showing `url`, loaded. */
  open(url: string, opts?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit' }): Promise<Page>;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  tabIdOf(page: Page): Promise<number>;
  /** Toolbar state right now (page or tab id). */
  toolbar(target: Page | number): Promise<ToolbarState>;
  devtools: ExtensionDevtools;
  close(): Promise<void>;
}

function baseArgs(server: FixtureServer, spki: string, extDir: string | undefined): string[] {
  return [
    ...(extDir ? [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`] : ['--disable-extensions']),
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--disable-domain-reliability',
    '--disable-default-apps',
    // Less browser-internal traffic to Google hosts (which would also land on the fixture
    // server); whatever remains is filtered by isBrowserNoise().
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,AutofillServerCommunication,OptimizationHints,MediaRouter,SafeBrowsing,InterestFeedContentSuggestions,Translate',
    `--host-resolver-rules=${hostResolverRules(server)}`,
    `--ignore-certificate-errors-spki-list=${spki}`,
  ];
}

const open = new Set<E2E>();

/** Local fixture server + headless Chromium with the built extension, in a fresh profile. */
export async function startE2E(opts: StartOptions = {}): Promise<E2E> {
  const extensionDir = opts.noExtension ? '' : resolve(ROOT, opts.extensionDir ?? defaultExtensionDir(!!opts.testMode));
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no extension build in ${extensionDir} (run the e2e project without SHOKEN_E2E_NO_BUILD, or build it: see test/e2e/harness/README.md)`);
  }
  const tls = ensureTls();
  const envRoots = (process.env.SHOKEN_E2E_SITES ?? '').split(':').filter(Boolean).map((p) => resolve(ROOT, p));
  const server = await startFixtureServer({ tls, siteRoots: [...(opts.siteRoots ?? []).map((p) => resolve(ROOT, p)), ...envRoots, SITES_DIR] });
  for (const [h, p, fn] of opts.routes ?? []) server.route(h, p, fn);
  const profile = mkdtempSync(join(tmpdir(), 'shoken-e2e-profile-'));
  let context: BrowserContext | undefined;
  try {
    if (opts.policy) await installPolicy(opts.policy);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: opts.locale ?? 'ja-JP',
      args: [...baseArgs(server, tls.spki, extensionDir || undefined), ...(opts.args ?? [])],
    });
    const ctx = context;
    let extensionId = '';
    if (extensionDir) {
      const sw = await currentServiceWorker(ctx, undefined, 30_000);
      extensionId = new URL(sw.url()).host;
    }
    const devtools = new ExtensionDevtools(ctx, extensionId);
    const env: E2E = {
      context: ctx,
      extensionId,
      extensionDir,
      server,
      devtools,
      async serviceWorker() {
        await devtools.ensureRunning();
        return currentServiceWorker(ctx, extensionId);
      },
      async open(url, o) {
        const page = await ctx.newPage();
        try {
          await page.goto(url, { waitUntil: o?.waitUntil ?? 'load' });
        } catch (e) {
          // The guard may replace a lookalike's navigation with its warning page: the original
          // navigation is aborted, the tab is fine. Anything else is a real failure.
          if (!/ERR_ABORTED|interrupted by another navigation/.test(String(e))) throw e;
          await page.waitForLoadState(o?.waitUntil === 'commit' ? 'domcontentloaded' : o?.waitUntil ?? 'load').catch(() => {});
        }
        return page;
      },
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      tabIdOf: (page) => tabIdOf(env, page),
      toolbar: (t) => readToolbar(env, t),
      async close() {
        open.delete(env);
        await devtools.dispose();
        await Promise.race([ctx.close().catch(() => {}), new Promise((r) => setTimeout(r, 15_000).unref())]);
        await server.close();
        if (opts.policy) removePolicy();
        rmSync(profile, { recursive: true, force: true });
      },
    };
    open.add(env);
    return env;
  } catch (e) {
    await context?.close().catch(() => {});
    await server.close();
    if (opts.policy) removePolicy();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Stops the extension's service worker as Chromium does when idle (cold-start tests);
 * resolves once Chromium reports it stopped. The next event (a navigation, a message) wakes
 * it; env.serviceWorker() starts it if nothing has. Playwright's Worker handle stays valid.
 */
export async function stopServiceWorker(env: E2E): Promise<void> {
  await env.devtools.stop();
}

/** Starts a stopped service worker without sending it an event, and returns it. */
export async function startServiceWorker(env: E2E): Promise<Worker> {
  await env.devtools.start();
  return env.serviceWorker();
}

/** 'running' | 'stopped' | 'starting' | 'stopping' as last reported by DevTools (undefined until the first stop/start). */
export function serviceWorkerStatus(env: E2E) {
  return env.devtools.status();
}

/**
 * Toolbar state of a tab (page, tab id) or of a new tab opened at `url` (closed again), once
 * the background has judged it (see judgedToolbar). To wait for a particular mark use waitForBadge.
 */
export async function toolbarState(env: E2E, target: Page | number | string): Promise<ToolbarState> {
  if (typeof target !== 'string') return judgedToolbar(env, target);
  const page = await env.open(target);
  try {
    return await judgedToolbar(env, page);
  } finally {
    await page.close();
  }
}
