import type { Browser } from 'webextension-polyfill';
import type { Verdict } from '../domain/verdict';

/** Toolbar: a genuine mark on genuine broker origins, a warning mark on impostors, nothing elsewhere. */
export async function showToolbarState(browser: Browser, tabId: number, v: Verdict, opts: { stale?: boolean } = {}): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: Browser['action'] }).browserAction;
  const name = v.brandNames?.ja ?? '';
  let text = '';
  let color = '#00000000';
  let title = '証券ガード / Shoken Guard';
  if (v.kind === 'genuine') {
    text = '✓';
    color = '#1b7f3b';
    title = `正規サイト: ${name}（証券ガード）\nGenuine site: ${v.brandNames?.en ?? ''}`;
  } else if (v.kind === 'impostor') {
    text = '!';
    color = '#c62828';
    title = `偽サイトの疑い: ${name} を装っています（証券ガード）\nImpostor imitating ${v.brandNames?.en ?? ''}`;
  } else if (v.kind === 'suspicious') {
    text = '?';
    color = '#b26a00';
    title = `注意: ${name} に似た名前のサイトです（証券ガード）\nCaution: name resembles ${v.brandNames?.en ?? ''}`;
  }
  // An expired list still protects (better than nothing) but the user should know (list work).
  if (opts.stale) title += '\n⚠ 正規サイト一覧が期限切れです（更新できていません）\nThe genuine-site list is out of date';
  // Title and colour first, the badge text last: whoever sees the new badge (the user, a QA
  // script polling it) also sees the title that explains it — never the previous page's.
  await action.setTitle({ tabId, title });
  if (text) await action.setBadgeBackgroundColor({ tabId, color });
  await action.setBadgeText({ tabId, text });
}

/**
 * Paints of one tab, one after the other. A paint is several calls (title, colour, badge): two
 * interleaved paints could leave a tab with one verdict's badge and the other's title (seen as a
 * flaky QA-kit E2E case). `current` is asked again when a paint's turn comes (a newer refresh
 * of the tab makes an older one moot). Tabs do not wait for each other.
 */
export function createTabPainter(paint: (tabId: number, verdict: Verdict) => Promise<void>) {
  const painting = new Map<number, Promise<void>>();
  return (tabId: number, verdict: Verdict, current: () => boolean = () => true): Promise<void> => {
    const next = (painting.get(tabId) ?? Promise.resolve())
      .catch(() => {})
      .then(() => (current() ? paint(tabId, verdict) : undefined));
    painting.set(tabId, next);
    void next.finally(() => painting.get(tabId) === next && painting.delete(tabId)).catch(() => {});
    return next;
  };
}
