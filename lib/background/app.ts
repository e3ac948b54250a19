import type { Browser, Runtime, Tabs } from 'webextension-polyfill';
import { classify } from '../domain/classify';
import type { FrameStatus, ContentProtocol, ExtensionProtocol } from '../messaging/protocol';
import { createRouter, type SenderInfo } from '../messaging/router';
import { createListSource } from './list-source';
import { showToolbarState } from './toolbar';
import { createWebmailLinkHandler } from './webmail-links';

export interface BackgroundDeps {
  browser: Browser;
  now: () => number;
}

/** Builds every background listener from injected dependencies (habit 3). */
export function createBackground(deps: BackgroundDeps) {
  const { browser } = deps;
  const lists = createListSource();
  const ownId = browser.runtime.id;

  async function statusFor(url: string | undefined): Promise<FrameStatus> {
    const index = await lists.index();
    const verdict = classify(url ?? '', index);
    const action = verdict.kind === 'impostor' ? 'lock' : verdict.kind === 'suspicious' ? 'caution' : 'none';
    return { verdict, action, allowContinue: true, continued: false };
  }

  // Content scripts of any page: only our own extension's content scripts (sender.id),
  // and the judged URL is the sender's own frame URL.
  const contentRouter = createRouter<ContentProtocol>(
    { 'frame/status': (_p, sender) => statusFor(sender.url), 'links/classify': createWebmailLinkHandler({ index: () => lists.index() }) },
    (s) => s.id === ownId && !!s.tab,
  );
  // Extension pages: sender URL must be inside our own origin.
  const extensionRouter = createRouter<ExtensionProtocol>(
    {
      'tab/status': async ({ tabId }) => {
        const tab = await browser.tabs.get(tabId);
        return tab.url ? statusFor(tab.url) : null;
      },
    },
    (s) => s.id === ownId && !!s.url && s.url.startsWith(browser.runtime.getURL('/')),
  );

  async function refreshTab(tabId: number, url: string | undefined) {
    const status = await statusFor(url);
    await showToolbarState(browser, tabId, status.verdict);
  }

  return {
    onMessage(message: unknown, sender: Runtime.MessageSender) {
      const s = sender as SenderInfo;
      return contentRouter(message, s) ?? extensionRouter(message, s);
    },
    onTabUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) {
      if (change.url || change.status === 'loading') void refreshTab(tabId, tab.url).catch(() => {});
    },
    onTabActivated({ tabId }: Tabs.OnActivatedActiveInfoType) {
      void browser.tabs.get(tabId).then((t) => refreshTab(tabId, t.url)).catch(() => {});
    },
  };
}
