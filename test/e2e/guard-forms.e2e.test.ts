import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';
import { GuardUi, guardRoutes, judged, SECRET, sleep, warmUp } from './guard-helpers';

// Where the password goes: an injected or tampered form on a genuine broker page must not
// send the credential outside the broker's list entry (hosts + formTargets), whichever way it
// is submitted. test/fixtures/sites/guard-lab.example/guard/forms.html.

let env: E2E;
beforeAll(async () => {
  env = await startE2E({ testMode: true, routes: guardRoutes() });
  await warmUp(env);
});
afterAll(async () => {
  await env?.close();
});

const EVIL = 'https://evil-collector.example/steal';

function secretSentTo(host: string): boolean {
  return env.server.requestsTo(host).some((r) => r.body.includes(SECRET) || r.search.includes(SECRET));
}

async function formsPage(host: string, to = EVIL): Promise<Page> {
  env.server.clearRequests();
  const page = await env.open(`https://${host}/guard/forms.html?to=${encodeURIComponent(to)}`);
  expect(await judged(page)).not.toBe('pending');
  return page;
}

async function blockedNotice(page: Page): Promise<string> {
  const ui = await GuardUi.of(page);
  try {
    for (let i = 0; i < 30; i++) {
      const n = await ui.notice('blocked');
      if (n.present) return n.text;
      await sleep(50);
    }
    return '';
  } finally {
    await ui.dispose();
  }
}

describe('credential destinations from a genuine broker page', () => {
  it('a form whose action points off-list is stopped with an explanation', async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.fill('#pw1', SECRET);
    await page.click('#b1');
    const text = await blockedNotice(page);
    expect(text).toContain('evil-collector.example');
    expect(text).toContain('SBI証券');
    await sleep(300);
    expect(secretSentTo('evil-collector.example')).toBe(false);
    expect(new URL(page.url()).host).toBe('www.sbisec.co.jp');
    await page.close();
  });

  it("a submitter's formaction pointing off-list is stopped", async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.fill('#pw3', SECRET);
    await page.click('#b3');
    expect(await blockedNotice(page)).toContain('evil-collector.example');
    await sleep(300);
    expect(secretSentTo('evil-collector.example')).toBe(false);
    await page.close();
  });

  it("an action rewritten by the page's own submit listener during the submit is caught", async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.evaluate(() => (window as unknown as { __swapOnSubmit(): void }).__swapOnSubmit());
    await page.fill('#pw2', SECRET);
    // (a scripted click: the stopped navigation would keep Playwright's click waiting)
    await page.evaluate(() => document.getElementById('b2')!.click());
    expect(await blockedNotice(page)).toContain('evil-collector.example');
    await sleep(400);
    expect(secretSentTo('evil-collector.example')).toBe(false);
    await page.close();
  });

  it('form.submit() (no submit event) to an off-list origin sends no credential', async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.fill('#pw1', SECRET);
    await page.evaluate(() => (document.getElementById('offlist') as HTMLFormElement).submit());
    await sleep(500);
    expect(secretSentTo('evil-collector.example')).toBe(false);
    await page.close();
  });

  it('requestSubmit() to an off-list origin is stopped', async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.fill('#pw1', SECRET);
    await page.evaluate(() => (document.getElementById('offlist') as HTMLFormElement).requestSubmit());
    expect(await blockedNotice(page)).toContain('evil-collector.example');
    await sleep(300);
    expect(secretSentTo('evil-collector.example')).toBe(false);
    await page.close();
  });

  it('the genuine same-origin form goes through with the password', async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.fill('#pw2', SECRET);
    // Scripted click: Playwright's click waits for the navigation the submit starts, which on a
    // loaded machine outlived the test timeout; the request log is the proof either way.
    await page.evaluate(() => document.getElementById('b2')!.click());
    const req = await env.server.waitForRequest((r) => r.host === 'www.sbisec.co.jp' && r.path === '/guard/collect', 15000);
    expect(new URLSearchParams(req.body).get('pw')).toBe(SECRET);
    // Closing a tab in the middle of the navigation's commit hangs Playwright's close(): let the
    // response page arrive first.
    await page.locator('#received').waitFor();
    await page.close();
  });

  it("a form posting to another of the broker's listed hosts goes through", async () => {
    const page = await formsPage('www.sbisec.co.jp', 'https://login.sbisec.co.jp/guard/collect');
    await page.fill('#pw1', SECRET);
    await page.evaluate(() => document.getElementById('b1')!.click());
    const req = await env.server.waitForRequest((r) => r.host === 'login.sbisec.co.jp' && r.path === '/guard/collect', 15000);
    expect(new URLSearchParams(req.body).get('pw')).toBe(SECRET);
    await page.locator('#received').waitFor();
    await page.close();
  });

  it('a form without a credential field is never touched', async () => {
    const page = await formsPage('www.sbisec.co.jp');
    await page.click('#b1');
    await env.server.waitForRequest((r) => r.host === 'evil-collector.example', 5000);
    await page.close();
  });
});

describe('a submission before the guard is there (held by the always-on interceptor, judged by the core)', () => {
  /** Opens the early-submit page: its script submits at DOMContentLoaded, before the core can be injected. */
  async function earlySubmit(host: string, to: string) {
    env.server.clearRequests();
    const page = await env.context.newPage();
    const coreLoadedAt = new Promise<number>((resolve) => {
      // The QA build logs when the core arrived in the frame (performance.now() of the page).
      const poll = async () => {
        for (let i = 0; i < 200; i++) {
          const ui = await GuardUi.of(page).catch(() => undefined);
          const at = await ui?.isolated<string[]>('globalThis.__shokenGuardCoreLog').then((l) => l?.find((x) => / core loaded /.test(x))).catch(() => undefined);
          await ui?.dispose();
          if (at) return resolve(Number(at.split(' ')[0]));
          await sleep(25);
        }
        resolve(-1);
      };
      page.once('domcontentloaded', () => void poll());
    });
    await page.goto(`https://${host}/guard/early-submit.html?to=${encodeURIComponent(to)}`);
    return { page, coreLoadedAt };
  }

  it('to an allowed foreign destination: held until the core judged it, then re-submitted with the password', async () => {
    const { page } = await earlySubmit('blog-platform.example', 'https://auth.blog-platform.example/guard/collect');
    const req = await env.server.waitForRequest((r) => r.host === 'auth.blog-platform.example' && r.path === '/guard/collect', 15000);
    expect(new URLSearchParams(req.body).get('pw')).toBe(SECRET);
    await page.locator('#received').waitFor();
    // Nothing lost: held before the core existed (the case below proves the hold), released after.
    await page.close();
  });

  it('to an impostor domain: held, then stopped by the core with an explanation; the password never leaves', async () => {
    const { page, coreLoadedAt } = await earlySubmit('blog-platform.example', 'https://sbisec-login.com/steal');
    expect(await blockedNotice(page)).toContain('sbisec-login.com');
    await sleep(300);
    expect(secretSentTo('sbisec-login.com')).toBe(false);
    expect(new URL(page.url()).host).toBe('blog-platform.example');
    // The page submitted before the core was in the frame: only the always-on interceptor can have held it.
    const submittedAt = await page.evaluate(() => (window as unknown as { __submittedAt: number }).__submittedAt);
    const loaded = await coreLoadedAt;
    expect(loaded).toBeGreaterThan(0);
    expect(submittedAt).toBeLessThan(loaded);
    await page.close();
  });
});

describe('credential destinations from other pages', () => {
  it('an unrelated page posting a password to an impostor domain is stopped', async () => {
    const page = await formsPage('blog-platform.example', 'https://sbisec-login.com/steal');
    await page.fill('#pw1', SECRET);
    await page.click('#b1');
    expect(await blockedNotice(page)).toContain('sbisec-login.com');
    await sleep(300);
    expect(secretSentTo('sbisec-login.com')).toBe(false);
    await page.close();
  });

  it('an unrelated page posting to its own sign-in service goes through (held, judged, re-submitted)', async () => {
    const page = await formsPage('blog-platform.example', 'https://auth.blog-platform.example/guard/collect');
    await page.fill('#pw1', SECRET);
    await page.evaluate(() => document.getElementById('b1')!.click());
    const req = await env.server.waitForRequest((r) => r.host === 'auth.blog-platform.example' && r.path === '/guard/collect', 15000);
    expect(new URLSearchParams(req.body).get('pw')).toBe(SECRET);
    await page.locator('#received').waitFor();
    await page.close();
  });
});
