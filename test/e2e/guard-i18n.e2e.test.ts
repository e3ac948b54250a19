import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { disableRedirect, GuardUi, guardRoutes, judged, warmUp } from './guard-helpers';

// Japanese first, English by browser language: the same locked page in an English browser.

let env: E2E;
beforeAll(async () => {
  env = await startE2E({ testMode: true, routes: guardRoutes(), locale: 'en-US', args: ['--lang=en-US'] });
  await disableRedirect(env);
  await warmUp(env);
});
afterAll(async () => {
  await env?.close();
});

describe('overlay language', () => {
  it('an English browser gets the overlay in English, naming the broker in English', async () => {
    const page = await env.open('https://www.sbisec.co.jp.secure-login.top/guard/basic.html');
    expect(await judged(page)).toBe('lock');
    const ui = await GuardUi.of(page);
    let text = '';
    for (let i = 0; i < 40 && !text; i++) {
      text = (await ui.overlay()).text;
      if (!text) await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toContain('SBI SECURITIES');
    expect(text).not.toContain('SBI証券');
    expect(text).toContain('https://www.sbisec.co.jp/ETGate/');
    await ui.dispose();
    await page.close();
  });

  it('and the caution notice on a suspicious page', async () => {
    const page = await env.open('https://matsui-info.com/guard/basic.html');
    expect(await judged(page)).toBe('caution');
    await page.click('#pw');
    const ui = await GuardUi.of(page);
    await expect.poll(async () => (await ui.notice('caution')).text, { timeout: 5000 }).toContain('Matsui Securities');
    await ui.dispose();
    await page.close();
  });
});
