import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';

/** Live service worker of the extension, waiting for one to start if none is running. */
export async function currentServiceWorker(context: BrowserContext, extensionId: string | undefined, timeoutMs = 15_000): Promise<Worker> {
  const mine = (w: Worker) => w.url().startsWith(extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://');
  const found = context.serviceWorkers().find(mine);
  if (found) return found;
  return context.waitForEvent('serviceworker', { predicate: mine, timeout: timeoutMs });
}

interface VersionInfo {
  versionId: string;
  registrationId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/** A CDP session on a page in the extension's own origin, for ServiceWorker.* commands. */
export class ExtensionDevtools {
  private page?: Page;
  private cdp?: CDPSession;
  private versions = new Map<string, VersionInfo>();
  private listeners = new Set<() => void>();

  constructor(private context: BrowserContext, private extensionId: string) {}

  async session(): Promise<CDPSession> {
    if (this.cdp) return this.cdp;
    this.page = await this.context.newPage();
    await this.page.goto(`chrome-extension://${this.extensionId}/manifest.json`);
    this.cdp = await this.context.newCDPSession(this.page);
    this.cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: VersionInfo[] }) => {
      for (const v of e.versions) this.versions.set(v.versionId, v);
      for (const l of this.listeners) l();
    });
    await this.cdp.send('ServiceWorker.enable');
    return this.cdp;
  }

  private ours(): VersionInfo[] {
    return [...this.versions.values()].filter((v) => v.scriptURL.startsWith(`chrome-extension://${this.extensionId}/`));
  }

  private waitFor(cond: () => boolean, what: string, timeoutMs: number): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const l = () => {
        if (cond()) {
          clearTimeout(t);
          this.listeners.delete(l);
          resolve();
        }
      };
      const t = setTimeout(() => {
        this.listeners.delete(l);
        reject(new Error(`service worker: ${what} not reached in ${timeoutMs} ms (${JSON.stringify(this.ours())})`));
      }, timeoutMs);
      t.unref();
      this.listeners.add(l);
    });
  }

  /** Stops the worker the way Chromium does when idle; resolves once it is stopped. */
  async stop(timeoutMs = 15_000): Promise<void> {
    const cdp = await this.session();
    await cdp.send('ServiceWorker.stopAllWorkers');
    await this.waitFor(() => this.ours().length > 0 && this.ours().every((v) => v.runningStatus === 'stopped'), 'stopped', timeoutMs);
  }

  /** Starts the (stopped) worker without sending it an event (no-op if running). */
  async start(): Promise<void> {
    const cdp = await this.session();
    await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${this.extensionId}/` });
  }

  /** Running status of the extension's newest worker version, as last reported (undefined before any stop/start). */
  status(): VersionInfo['runningStatus'] | undefined {
    const v = this.ours();
    return v.length ? v[v.length - 1].runningStatus : undefined;
  }

  /**
   * Playwright keeps one Worker handle across a stop and restart, but evaluating in it hangs
   * while the worker is stopped: start it first (no-op when it is running or never stopped).
   */
  async ensureRunning(timeoutMs = 15_000): Promise<void> {
    if (!this.cdp) return;
    if (this.ours().some((v) => v.runningStatus === 'running')) return;
    await this.start();
    await this.waitFor(() => this.ours().some((v) => v.runningStatus === 'running'), 'running', timeoutMs);
  }

  async dispose(): Promise<void> {
    await this.cdp?.detach().catch(() => {});
    await this.page?.close().catch(() => {});
    this.cdp = undefined;
    this.page = undefined;
  }
}
