import type { Alarms, Browser } from 'webextension-polyfill';
import type { ListSource } from './list-source';

/**
 * When the list is checked for updates: on install/update of the extension, on browser start,
 * and on a one-shot alarm set after every attempt (6 h + jitter after success, exponential
 * back-off after failure: lib/list/schedule.ts). Alarms survive the service worker being stopped.
 */
export const LIST_ALARM = 'shoken-guard/list-update';
/** Chromium refuses alarms sooner than 30 s; a minute also debounces install + startup. */
const MIN_DELAY_MS = 60_000;

export function scheduleListAlarm(browser: Browser, at: number, now = Date.now()): Promise<void> {
  return browser.alarms.create(LIST_ALARM, { when: Math.max(at, now + MIN_DELAY_MS) }) as unknown as Promise<void>;
}

export function listLifecycle(lists: ListSource) {
  const update = () => void lists.updateNow().catch(() => {});
  return {
    onAlarm(alarm: Alarms.Alarm) {
      if (alarm.name === LIST_ALARM) update();
    },
    onInstalled: update,
    onStartup: update,
  };
}
