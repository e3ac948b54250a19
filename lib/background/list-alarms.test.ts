import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { LIST_ALARM, listLifecycle, scheduleListAlarm } from './list-alarms';
import type { ListSource } from './list-source';

describe('list update triggers', () => {
  it('sets one named alarm, never sooner than a minute', async () => {
    const create = vi.fn(async () => {});
    const browser = { alarms: { create } } as unknown as Browser;
    await scheduleListAlarm(browser, 5_000, 1_000);
    await scheduleListAlarm(browser, 10_000_000, 1_000);
    expect(create.mock.calls).toEqual([
      [LIST_ALARM, { when: 61_000 }],
      [LIST_ALARM, { when: 10_000_000 }],
    ]);
  });

  it('updates on install, on browser start and on its own alarm only; failures never escape', async () => {
    const updateNow = vi.fn(() => Promise.reject(new Error('offline')));
    const events = listLifecycle({ updateNow } as unknown as ListSource);
    events.onInstalled();
    events.onStartup();
    events.onAlarm({ name: 'someone-else', scheduledTime: 0 });
    events.onAlarm({ name: LIST_ALARM, scheduledTime: 0 });
    await new Promise((r) => setTimeout(r, 0));
    expect(updateNow).toHaveBeenCalledTimes(3);
  });
});
