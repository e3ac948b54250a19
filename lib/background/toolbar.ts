import type { Browser } from 'webextension-polyfill';
import type { Verdict } from '../domain/verdict';

/** What the toolbar button shows for one tab. */
export interface ToolbarLook {
  title: string;
  text: string;
  color: string;
}

/** Toolbar: a genuine mark on genuine broker origins, a warning mark on impostors, nothing elsewhere. */
export function toolbarLook(v: Verdict, opts: { stale?: boolean } = {}): ToolbarLook {
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
  return { title, text, color };
}

export async function showToolbarState(browser: Browser, tabId: number, look: ToolbarLook): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: Browser['action'] }).browserAction;
  // Title and colour first, the badge text last: whoever sees the new badge (the user, a QA
  // script polling it) also sees the title that explains it — never the previous page's.
  await action.setTitle({ tabId, title: look.title });
  if (look.text) await action.setBadgeBackgroundColor({ tabId, color: look.color });
  await action.setBadgeText({ tabId, text: look.text });
}

/**
 * Paints of one tab, one after the other. A paint is several calls (title, colour, badge): two
 * interleaved paints could leave a tab with one verdict's badge and the other's title (seen as a
 * flaky QA-kit E2E case). `current` is asked again when a paint's turn comes (a newer refresh
 * of the tab makes an older one moot). Tabs do not wait for each other.
 *
 * With `keyOf`, a paint of exactly what the tab already shows is skipped (a navigation fires
 * several tab events, each refreshing the tab: three extension API calls apiece). Chromium
 * clears a tab's button when a new document commits in it: `forget(tabId)` then — a paint that
 * was under way across the commit is not remembered either, so the next one paints again.
 */
export function createTabPainter<V>(paint: (tabId: number, verdict: V) => Promise<void>, keyOf?: (verdict: V) => string) {
  const painting = new Map<number, Promise<void>>();
  /** tabId → key of what the tab shows; forgotten at each commit. */
  const shown = new Map<number, string>();
  /** tabId → commits seen: a paint remembers its key only if no commit happened meanwhile. */
  const commits = new Map<number, number>();
  const painter = (tabId: number, verdict: V, current: () => boolean = () => true): Promise<void> => {
    const next = (painting.get(tabId) ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        if (!current()) return;
        const key = keyOf?.(verdict);
        if (key !== undefined && shown.get(tabId) === key) return;
        shown.delete(tabId);
        const epoch = commits.get(tabId) ?? 0;
        await paint(tabId, verdict);
        if (key === undefined || (commits.get(tabId) ?? 0) !== epoch) return;
        shown.delete(tabId); // re-inserted last: the oldest entries go first below
        shown.set(tabId, key);
        // Closed tabs are never announced to us (no tabs.onRemoved listener): keep the map small.
        if (shown.size > 500) shown.delete(shown.keys().next().value!);
      });
    painting.set(tabId, next);
    void next.finally(() => painting.get(tabId) === next && painting.delete(tabId)).catch(() => {});
    return next;
  };
  return Object.assign(painter, {
    /** A new document committed in the tab's top frame (Chromium has cleared its button). */
    forget(tabId: number): void {
      shown.delete(tabId);
      commits.set(tabId, (commits.get(tabId) ?? 0) + 1);
      if (commits.size > 500) commits.delete(commits.keys().next().value!);
    },
  });
}

/**
 * Which refresh of a tab may paint. Only the newest one started for a tab: refreshes overlap (a
 * cold start makes the first verdict slow, a navigation fires several events), and an older one
 * would paint an older page's mark. A refresh whose URL comes from an API answer (tabs.get,
 * tabs.query) counts as started when the call was made, not when it answered: events (commits,
 * tab updates) and API answers reach the worker on separate channels, so an answer read before a
 * commit can arrive after the commit's event, carrying the previous page's URL.
 */
export function createRefreshOrder() {
  let clock = 0;
  const newest = new Map<number, number>();
  return {
    /** Now, for a URL about to be read through an API call. */
    now: () => clock,
    /** Starts a refresh of the tab (its URL read at `askedAt`, or known now); undefined if a newer one already started. */
    start(tabId: number, askedAt = clock): number | undefined {
      if ((newest.get(tabId) ?? 0) > askedAt) return undefined;
      const seq = ++clock;
      newest.set(tabId, seq);
      return seq;
    },
    /** Is this still the newest refresh of the tab? */
    current: (tabId: number, seq: number) => newest.get(tabId) === seq,
  };
}
