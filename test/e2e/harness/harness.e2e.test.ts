import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceWorkerStatus, startE2E, startServiceWorker, stopServiceWorker, waitForBadge, type E2E } from '.';

// The harness itself: real hostnames reach the local server, the request log and dynamic
// routes work, the service worker can be stopped and comes back.
let env: E2E;
beforeAll(async () => {
  env = await startE2E({
    routes: [['api.example.test', '/echo', (r) => ({ type: 'application/json', body: JSON.stringify({ method: r.method, body: r.body }) })]],
  });
});
afterAll(async () => {
  await env?.close();
});

describe('E2E harness', () => {
  it('loads the extension with its stable id', () => {
    expect(env.extensionId).toBe('ihahggmkmcdinndjloaklpheikomoepj');
  });

  it('serves per-host fixtures, falls back to _default, and logs requests', async () => {
    env.server.clearRequests();
    const a = await env.open('https://www.sbisec.co.jp/');
    expect(await a.title()).toContain('SBI証券');
    await a.goto('https://no-fixture.example/');
    expect(await a.locator('#host').textContent()).toBe('no-fixture.example');
    await a.close();
    expect(env.server.requestsTo('www.sbisec.co.jp', '/')).toHaveLength(1);
    expect(env.server.requestsTo('no-fixture.example', '/')).toHaveLength(1);
    expect(env.server.requestsTo('never-visited.example')).toHaveLength(0);
  });

  it('answers dynamic routes and records POST bodies', async () => {
    const p = await env.open('https://api.example.test/nothing-here');
    const got = await p.evaluate(async () => (await fetch('/echo', { method: 'POST', body: 'pw=secret' })).json());
    expect(got).toEqual({ method: 'POST', body: 'pw=secret' });
    const logged = await env.server.waitForRequest((r) => r.path === '/echo');
    expect(logged.body).toBe('pw=secret');
    await p.close();
  });

  it('stops the service worker and a new one can be started and evaluated', async () => {
    const before = await env.serviceWorker();
    await before.evaluate(() => ((globalThis as Record<string, unknown>).__e2eMarker = 1));
    await stopServiceWorker(env);
    expect(serviceWorkerStatus(env)).toBe('stopped');
    const after = await startServiceWorker(env);
    expect(serviceWorkerStatus(env)).toBe('running');
    // A fresh worker: module state from before the stop is gone.
    expect(await after.evaluate(() => (globalThis as Record<string, unknown>).__e2eMarker ?? null)).toBeNull();
  });

  it('a navigation wakes a stopped worker, which then marks the toolbar', async () => {
    await stopServiceWorker(env);
    expect(serviceWorkerStatus(env)).toBe('stopped');
    const page = await env.open('https://www.sbisec.co.jp/');
    await waitForBadge(env, page, '✓');
    await page.close();
  });
});
