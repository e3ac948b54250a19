import type { E2E } from './harness';

/**
 * The first verdict after the browser starts can take seconds (the list is loaded and verified
 * on the worker's first wake); until then the guard holds credential input. Page-identity and
 * reuse tests are about what happens after that, so they start once an unrelated page accepts
 * typing into its password field.
 */
export async function warmUp(env: E2E, timeoutMs = 20_000): Promise<void> {
  const page = await env.open('https://qa-toushi.jp/q/12345/');
  try {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      await page.fill('#pw', '');
      await page.focus('#pw');
      await page.keyboard.type('w');
      if ((await page.inputValue('#pw')) === 'w') return;
      await new Promise((r) => setTimeout(r, 250).unref());
    }
    throw new Error('the page guard never released input on an unrelated page');
  } finally {
    await page.close();
  }
}
