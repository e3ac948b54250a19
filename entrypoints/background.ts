import { browser } from 'wxt/browser';
import type { Browser } from 'webextension-polyfill';
import { createBackground } from '@/lib/background/app';

// Thin wiring only (habit 1). Listeners are registered synchronously so a service worker
// woken by an event finds them; all state is loaded lazily inside the app.
export default defineBackground(() => {
  // At build time wxt/browser IS webextension-polyfill (@wxt-dev/webextension-polyfill aliases
  // it); its TypeScript types still describe WXT's own object, hence the cast.
  const app = createBackground({ browser: browser as unknown as Browser, now: () => Date.now() });
  browser.runtime.onMessage.addListener(app.onMessage as never);
  browser.tabs.onUpdated.addListener(app.onTabUpdated);
  browser.tabs.onActivated.addListener(app.onTabActivated);
  browser.webNavigation.onBeforeNavigate.addListener(app.onBeforeNavigate);
  browser.webNavigation.onCommitted.addListener(app.onCommitted);
  browser.storage.onChanged.addListener(app.onStorageChanged);
  browser.alarms.onAlarm.addListener(app.onAlarm);
  browser.runtime.onInstalled.addListener(app.onInstalled);
  browser.runtime.onStartup.addListener(app.onStartup);
});
