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
  await action.setBadgeText({ tabId, text });
  if (text) await action.setBadgeBackgroundColor({ tabId, color });
  await action.setTitle({ tabId, title });
}
