import type { Browser, Runtime, Tabs } from 'webextension-polyfill';
import { classify } from '../domain/classify';
import type { Verdict } from '../domain/verdict';
import type { FrameStatus, ContentProtocol, ExtensionProtocol } from '../messaging/protocol';
import { createRouter, type SenderInfo } from '../messaging/router';
import { createListSource } from './list-source';
import { listLifecycle, scheduleListAlarm } from './list-alarms';
import { exposeListTestHook } from './list-test-hook';
import { createRefreshOrder, createTabPainter, showToolbarState, toolbarLook, type ToolbarLook } from './toolbar';
import { createReporter } from './report';
import { createPolicyReader } from '../policy/reader';
import { createPrefsStore } from './ui-prefs';
import { createUiHandlers } from './ui-handlers';
import { createPolicyIndexer, firmOf } from './ui-policy-index';
import { createWebmailLinkHandler } from './webmail-links';
import { syncWebmailPolicyHosts } from './webmail-registration';
import { createGuardBackground } from './guard-status';
import { createGuardNavigation, guardContentHandlers, guardExtensionHandlers } from './guard-routes';
import { collectFromTop } from './guard-push';
import { createIdentityHandlers } from './identity-handlers';
import { createReuseHandlers } from './reuse-handlers';
import { createReuseStore } from '../reuse/store';
import { passwordReuseEnabled } from './ui-prefs';

export interface BackgroundDeps {
  browser: Browser;
  now: () => number;
}

/** Builds every background listener from injected dependencies (habit 3). */
export function createBackground(deps: BackgroundDeps) {
  const { browser } = deps;
  // Signed list (list work): bundled floor, IndexedDB, updates; policy listUrl / firmList.
  const lists = createListSource({
    policy: async () => (await policy.get()).policy,
    schedule: (at) => scheduleListAlarm(browser, at, deps.now()),
    onChange: () => refreshActiveTabs(),
  });
  const listEvents = listLifecycle(lists);
  if (typeof __SHOKEN_TEST_MODE__ !== 'undefined' && __SHOKEN_TEST_MODE__) exposeListTestHook(lists);
  const ownId = browser.runtime.id;
  // Managed policy (ui): read once, cached, re-read on storage.onChanged 'managed'.
  const policy = createPolicyReader(browser.storage.managed as never);
  const prefs = createPrefsStore(browser.storage.local as never);
  const withPolicy = createPolicyIndexer();
  // Firms only (policy reportEndpoint): the blocked origin and verdict, nothing else.
  const report = createReporter({
    endpoint: async () => (await policy.get()).policy.reportEndpoint,
    fetch: (...a) => fetch(...a),
    now: deps.now,
    extensionVersion: browser.runtime.getManifest().version,
  });
  policy.subscribe(() => lists.reload());
  // Webmail (issue 5): the link checker also runs on the firm's own webmail (policy webmailHosts).
  const syncWebmail = () => policy.get().then((p) => syncWebmailPolicyHosts(browser.scripting as never, p.policy.webmailHosts)).catch(() => {});
  policy.subscribe(() => void syncWebmail());
  void syncWebmail();

  // Page guard (lib/background/guard-*.ts): verdict → lock/caution/none mapping, child-frame
  // inheritance, continue-anyway per origin, form destinations, lookalike redirects.
  const guard = createGuardBackground({
    browser,
    index: async () => withPolicy(await lists.index(), (await policy.get()).policy),
    policy: async () => {
      const { policy: pol } = await policy.get();
      return { allowContinue: pol.allowContinue, firm: firmOf(pol) };
    },
  });
  const guardNav = createGuardNavigation(guard, browser);

  // Page identity, trading PIN / OTP (issue 6, lib/background/identity-handlers.ts): may lock a
  // non-genuine page that presents itself as a broker, through guard.upgradeFrame.
  const policyIndex = async () => withPolicy(await lists.index(), (await policy.get()).policy);
  const identity = createIdentityHandlers({
    guard,
    index: policyIndex,
    now: deps.now,
    session: (browser.storage as unknown as { session?: never }).session,
    collectTop: (tabId, frameId, url) => collectFromTop(browser, tabId, frameId, url), // guard-push.ts: isolated-world call, no listener in every top frame
    onLocked: (tabId, frameId, verdict) => {
      if (frameId === 0) void paint(tabId, verdict).catch(() => {});
      if (frameId === 0) void browser.tabs.get(tabId).then((t) => report(t.url, verdict)).catch(() => {});
    },
  });
  // Password reuse (issue 6, opt-in / policy): tags in storage.local, background only.
  const reuse = createReuseHandlers({
    store: createReuseStore({
      area: browser.storage.local as never,
      subtle: crypto.subtle,
      random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      now: deps.now,
    }),
    enabled: async () => passwordReuseEnabled(prefs, (await policy.get()).policy),
    verdictFor: (url) => guard.verdictFor(url),
    index: policyIndex,
    now: deps.now,
  });

  // tabId lets a page-identity lock (guard.upgradeFrame, issue 6) show in the toolbar and popup.
  async function statusFor(url: string | undefined, tabId?: number): Promise<FrameStatus> {
    return guard.statusForFrame({ tabId, frameId: 0, url });
  }

  // Content scripts of any page: only our own extension's content scripts (sender.id),
  // and the judged URL is the sender's own frame URL.
  const contentRouter = createRouter<ContentProtocol>(
    {
      ...guardContentHandlers(guard, browser),
      'links/classify': createWebmailLinkHandler({ index: policyIndex }), // firm origins count as genuine links too
      ...identity,
      ...reuse.content,
    },
    (s) => s.id === ownId && !!s.tab,
  );
  // Extension pages: sender URL must be inside our own origin.
  const extensionRouter = createRouter<ExtensionProtocol>(
    {
      'tab/status': async ({ tabId }) => {
        const tab = await browser.tabs.get(tabId);
        return tab.url ? statusFor(tab.url, tabId) : null;
      },
      ...guardExtensionHandlers(guard),
      ...createUiHandlers({ lists, policy, prefs }),
      'list/update-now': () => lists.updateNow(),
      ...reuse.extension,
    },
    (s) => s.id === ownId && !!s.url && s.url.startsWith(browser.runtime.getURL('/')),
  );

  // Paints of one tab run one after the other, and what the tab already shows is not painted
  // again until a new document commits in it (see createTabPainter).
  const painter = createTabPainter<ToolbarLook>(
    (tabId, look) => showToolbarState(browser, tabId, look),
    (look) => `${look.text}\n${look.color}\n${look.title}`,
  );
  const paint = (tabId: number, verdict: Verdict, current?: () => boolean) => painter(tabId, toolbarLook(verdict, { stale: lists.isStale() }), current);

  // Only the newest refresh of a tab paints, or a stale "unrelated" (about:blank) overwrites a
  // fresh genuine mark (seen in test/e2e/toolbar.e2e.test.ts); a URL read through an API call
  // counts from when it was asked (see createRefreshOrder).
  const order = createRefreshOrder();
  async function refreshTab(tabId: number, url: string | undefined, askedAt?: number) {
    const seq = order.start(tabId, askedAt);
    if (seq === undefined) return;
    const status = await statusFor(url, tabId);
    if (!order.current(tabId, seq)) return;
    await paint(tabId, status.verdict, () => order.current(tabId, seq));
    // The judged origin (a tab sent to the warning page shows our page, not the impostor's).
    void report(status.concernOrigin ?? url, status.verdict);
  }

  // A worker that starts (install, update, browser start, wake after idle) paints the visible
  // tabs itself: a tab event that raced the worker's start-up (seen at install time) would
  // otherwise leave a genuine or impostor tab without its mark until the next navigation.
  function refreshActiveTabs() {
    const askedAt = order.now();
    void browser.tabs
      .query({ active: true })
      .then((tabs) => Promise.all(tabs.map((t) => t.id !== undefined && refreshTab(t.id, t.url, askedAt).catch(() => {}))))
      .catch(() => {});
  }
  refreshActiveTabs();

  return {
    /** Page guard: `guard.upgradeFrame(tabId, frameId, verdict)` is the page-identity hook (issue 6). */
    guard,
    onBeforeNavigate: guardNav.onBeforeNavigate,
    onCommitted(d: Parameters<typeof guardNav.onCommitted>[0]) {
      if (d.frameId === 0) {
        // Chromium has just cleared the tab's button for the new document: paint it now. Waiting
        // for the tab's 'complete' event left it blank for as long as the page kept loading (a
        // request that never ends: forever).
        painter.forget(d.tabId);
        void refreshTab(d.tabId, d.url).catch(() => {});
      }
      guardNav.onCommitted(d);
    },
    onMessage(message: unknown, sender: Runtime.MessageSender) {
      const s = sender as SenderInfo;
      return contentRouter(message, s) ?? extensionRouter(message, s);
    },
    onTabUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) {
      // Chromium clears a tab's badge and title when the new document commits, which can be
      // after 'loading' was reported: set the state again when the tab completes.
      if (change.url || change.status === 'loading' || change.status === 'complete') void refreshTab(tabId, tab.url).catch(() => {});
    },
    /** Signed list updates: alarms.onAlarm, runtime.onInstalled, runtime.onStartup. */
    onAlarm: listEvents.onAlarm,
    onInstalled: listEvents.onInstalled,
    onStartup: listEvents.onStartup,
    onStorageChanged(changes: unknown, areaName: string) {
      policy.onStorageChanged(changes, areaName);
    },
    onTabActivated({ tabId }: Tabs.OnActivatedActiveInfoType) {
      const askedAt = order.now();
      void browser.tabs.get(tabId).then((t) => refreshTab(tabId, t.url, askedAt)).catch(() => {});
    },
  };
}
