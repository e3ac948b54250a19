import { browser } from 'wxt/browser';
import { createBackground } from '@/lib/background/app';

// Thin wiring only (habit 1). Listeners are registered synchronously so a service worker
// woken by an event finds them; all state is loaded lazily inside the app.
export default defineBackground(() => {
  const app = createBackground({ browser, now: () => Date.now() });
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
