// Reproduction (not a test): the install-time signed-list update never happens when the user
// types into password fields of a genuine page and then of a dressed-up page during the first
// seconds after the browser starts. Without typing the fetch comes ~2–3 s after start.
//   npx tsx test/e2e/harness/repro/list-fetch-while-typing.ts [extDir] [type|none]
// Observed 2026-11-22 (production build): "type" → NO FETCH, no alarm, no meta in IndexedDB;
// "none" → fetched after ~2.2 s. Same service worker throughout (not restarted). Typing only on
// the genuine page: fetched; typing only on the dressed-up page (page-identity lock) ~1–2 s after
// start, before the update's fetch: NO fetch.
// Instrumented bundle: updateNow() → runAll() starts, then waits forever on `await policyOf()`:
// chrome.storage.managed.get(null) never resolves in that browser (a fresh call from the worker
// hangs too; no policy file present). lib/policy/reader.ts caches that pending promise, so
// everything behind the policy (list update, alarms, the toolbar's index) waits forever.
// Mitigation: time-box area.get (e.g. 1–2 s → "no policy", do not cache the timeout, re-read on
// the next get / storage.onChanged 'managed').
import { startE2E } from '../index';

declare const chrome: { alarms: { getAll(): Promise<unknown[]> } };

const extensionDir = process.argv[2] || undefined;
const typing = (process.argv[3] ?? 'type') === 'type';
const login = '<!doctype html><meta charset="utf-8"><title>SBI証券 ログイン</title><h1>SBI証券</h1><form><input name="user_id"><input name="user_password" type="password"></form>';
const env = await startE2E({ extensionDir, routes: [['www.sbisec.co.jp', '/ETGate/', () => login], ['account-check-jp.top', '/', () => login]] });
try {
  const t0 = Date.now();
  for (const u of ['https://www.sbisec.co.jp/ETGate/', 'https://account-check-jp.top/']) {
    const p = await env.open(u);
    if (typing) {
      await p.locator('input[type=password]').focus();
      await p.keyboard.type('abcdef', { delay: 5 });
    }
    await new Promise((r) => setTimeout(r, 800));
    await p.close();
  }
  const r = await env.server.waitForRequest((x) => x.host === 'lists.shoken-guard.jp', 15_000).then(
    (x) => `list fetched ${x.time - t0} ms after start`,
    () => 'NO list fetch within 15 s',
  );
  const sw = await env.serviceWorker();
  console.log(typing ? 'typed into both pages:' : 'no typing:', r, '| alarms:', JSON.stringify(await sw.evaluate(() => chrome.alarms.getAll())));
} finally {
  await env.close();
}
