import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { GuardUi, sleep } from './guard-helpers';
import { warmUp } from './identity-helpers';

// Password reuse (issue 6) in real Chromium with the built extension: a password typed on a
// genuine broker origin is remembered as a truncated tag only; the same password typed or
// pasted on any other origin stops the submission, clears the field and tells the user to
// change it at the genuine site now. Off unless opted in.

const PASSWORD = 'Kabu-Secret-2025';
// The fixture sites' page-side recorder (test/fixtures/sites/_default/page-recorder.js, served for every host).
const RECORDER = '<script src="/page-recorder.js"></script>';
const page = (title: string, body: string) => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title>${RECORDER}</head><body>${body}</body></html>`,
});
const LOGIN_FORM = `<form method="post" action="/done"><input id="uid" name="user_id"><input id="pw" name="user_password" type="password"><button id="go">ログイン</button></form>`;

let env: E2E;
beforeAll(async () => {
  env = await startE2E({
    routes: [
      // A login page on the genuine origin (served for the real hostname by the local server).
      ['www.sbisec.co.jp', '/identity-test/login.html', () => page('SBI証券 ログイン', LOGIN_FORM)],
      // A page whose own script types the password with synthetic events and by setting values:
      // it must not be able to learn anything (no alert, nothing cleared).
      [
        'probe.example-blog.jp',
        '/probe.html',
        () =>
          page(
            'probe',
            `<input id="pw" type="password"><script>
              setTimeout(() => {
              const f = document.getElementById('pw');
              f.focus();
              for (const c of ${JSON.stringify(PASSWORD)}) {
                f.dispatchEvent(new KeyboardEvent('keydown', { key: c, bubbles: true }));
                f.value += c;
                f.dispatchEvent(new InputEvent('input', { data: c, inputType: 'insertText', bubbles: true }));
                f.dispatchEvent(new ClipboardEvent('paste', { bubbles: true }));
              }
              window.__probed = true;
              }, 300);
            </script>`,
          ),
      ],
    ],
  });
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await warmUp(env);
});
afterAll(async () => {
  await env?.close();
});

async function setOptIn(on: boolean) {
  const sw = await env.serviceWorker();
  await sw.evaluate(async (on) => {
    await (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome.storage.local.set({ 'ui.prefs': { myBrokers: [], passwordReuseOptIn: on } });
  }, on);
}
async function stored(): Promise<unknown> {
  const sw = await env.serviceWorker();
  return sw.evaluate(async () => (await (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome.storage.local.get('reuse.v1'))['reuse.v1']);
}
async function blockedNotice(p: Page) {
  const ui = await GuardUi.of(p);
  try {
    return await ui.notice('blocked');
  } finally {
    await ui.dispose();
  }
}
const submitted = (p: Page) => p.evaluate(() => (window as unknown as { __submitted?: number }).__submitted ?? 0);

/** Opens `url`, lets the guard arm, and types `text` into its #pw field like a user. */
async function typedPage(url: string, text: string, delay?: number) {
  const p = await env.open(url);
  await sleep(200);
  await p.focus('#pw');
  await p.keyboard.type(text, delay === undefined ? undefined : { delay });
  return p;
}

async function rememberOnGenuine() {
  const p = await env.open('https://www.sbisec.co.jp/identity-test/login.html');
  await sleep(200);
  await p.fill('#uid', 'taro');
  await p.focus('#pw');
  await p.keyboard.type(PASSWORD, { delay: 5 });
  await p.keyboard.press('Enter');
  await sleep(400);
  await p.close();
}

describe('password reuse, off by default', () => {
  it('remembers nothing and alerts nothing unless opted in', async () => {
    await rememberOnGenuine();
    expect(await stored()).toBeUndefined();
  });
});

describe('password reuse, opted in', () => {
  beforeAll(async () => {
    await setOptIn(true);
    await rememberOnGenuine();
  });

  it('keeps only a 28-bit tag, the length and the broker — never the password', async () => {
    const s = (await stored()) as { entries: { brand: string; len: number; tag: number }[] };
    expect(JSON.stringify(s)).not.toContain(PASSWORD);
    expect(s.entries).toHaveLength(1);
    expect(s.entries[0]).toMatchObject({ brand: 'sbi', len: PASSWORD.length });
    expect(s.entries[0].tag).toBeLessThan(2 ** 28);
  });

  it('typed on another site: the field is cleared, the submission stopped, the user sent to change it', async () => {
    const p = await typedPage('https://www.keizai-times.jp/articles/sbi-rakuten-nisa/', PASSWORD, 15);
    try {
      await sleep(300);
      expect(await p.inputValue('#pw')).toBe('');
      await p.keyboard.press('Enter');
      await p.click('aside button').catch(() => {});
      await sleep(100);
      expect(await submitted(p)).toBe(0);
      const n = await blockedNotice(p);
      expect(n.present).toBe(true);
      // Browser-language strings (chrome.i18n): Japanese browsers get Japanese, others English.
      expect(n.text).toMatch(/SBI証券|SBI SECURITIES/);
      expect(n.text).toMatch(/パスワードを変更|Change your password/);
    } finally {
      await p.close();
    }
  });

  it('pasted on another site: same', async () => {
    const p = await env.open('https://kabu-minna.jp/');
    try {
      await sleep(200);
      await p.evaluate((t) => navigator.clipboard.writeText(t), PASSWORD);
      await p.focus('#pw');
      await p.keyboard.press('Control+V');
      await sleep(300);
      expect(await p.inputValue('#pw')).toBe('');
      expect((await blockedNotice(p)).present).toBe(true);
    } finally {
      await p.close();
    }
  });

  it('Enter pressed the instant the last character lands: the submission waits for the check and never happens', async () => {
    const p = await typedPage('https://www.keizai-times.jp/articles/sbi-rakuten-nisa/', PASSWORD);
    try {
      await p.keyboard.press('Enter');
      await sleep(400);
      expect(await submitted(p)).toBe(0);
      expect(await p.inputValue('#pw')).toBe('');
    } finally {
      await p.close();
    }
  });

  it('…and with another password the held submission goes through once the check is clean', async () => {
    const p = await typedPage('https://www.keizai-times.jp/articles/sbi-rakuten-nisa/', 'Different-Pass-77');
    try {
      await p.keyboard.press('Enter');
      await sleep(400);
      expect(await submitted(p)).toBe(1);
      expect(await p.inputValue('#pw')).toBe('Different-Pass-77');
    } finally {
      await p.close();
    }
  });

  it('another password on another site goes through untouched', async () => {
    const p = await typedPage('https://kabu-tanken.jp/news/20261121-sbi/', 'Another-Pass-99', 15);
    try {
      await sleep(200);
      expect(await p.inputValue('#pw')).toBe('Another-Pass-99');
      await p.keyboard.press('Enter');
      await sleep(100);
      expect(await submitted(p)).toBe(1);
      expect((await blockedNotice(p)).present).toBe(false);
    } finally {
      await p.close();
    }
  });

  it('the same password typed on the genuine site again is no alarm', async () => {
    const p = await typedPage('https://www.sbisec.co.jp/identity-test/login.html', PASSWORD, 15);
    try {
      await sleep(200);
      expect(await p.inputValue('#pw')).toBe(PASSWORD);
      expect((await blockedNotice(p)).present).toBe(false);
    } finally {
      await p.close();
    }
  });

  it('a page cannot probe: its own synthetic typing of the password triggers nothing', async () => {
    const p = await env.open('https://probe.example-blog.jp/probe.html');
    try {
      await p.waitForFunction(() => (window as unknown as { __probed?: boolean }).__probed === true);
      await sleep(300);
      expect(await p.inputValue('#pw')).toBe(PASSWORD);
      expect((await blockedNotice(p)).present).toBe(false);
    } finally {
      await p.close();
    }
  });
});

describe('password reuse forced on by a firm (managed policy passwordReuse)', () => {
  let firm: E2E;
  beforeAll(async () => {
    firm = await startE2E({
      policy: { passwordReuse: true },
      routes: [['www.sbisec.co.jp', '/identity-test/login.html', () => page('SBI証券 ログイン', LOGIN_FORM)]],
    });
    await warmUp(firm);
  });
  afterAll(async () => {
    await firm?.close();
  });

  it('works without the user opting in', async () => {
    const g = await firm.open('https://www.sbisec.co.jp/identity-test/login.html');
    await sleep(200);
    await g.focus('#pw');
    await g.keyboard.type(PASSWORD, { delay: 5 });
    await g.keyboard.press('Enter');
    await sleep(400);
    await g.close();
    const p = await firm.open('https://kabu-tanken.jp/news/20261121-sbi/');
    try {
      await sleep(200);
      await p.focus('#pw');
      await p.keyboard.type(PASSWORD, { delay: 15 });
      await sleep(300);
      expect(await p.inputValue('#pw')).toBe('');
      expect((await blockedNotice(p)).present).toBe(true);
    } finally {
      await p.close();
    }
  });
});
