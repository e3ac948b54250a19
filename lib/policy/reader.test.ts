import { describe, it, expect, vi } from 'vitest';
import { createPolicyReader } from './reader';

function fakeArea(initial: Record<string, unknown>) {
  let value = initial;
  return {
    get: vi.fn(async () => value),
    set(v: Record<string, unknown>) {
      value = v;
    },
  };
}

describe('createPolicyReader', () => {
  it('reads storage.managed once and serves the cached result', async () => {
    const area = fakeArea({ allowContinue: false });
    const reader = createPolicyReader(area);
    const [a, b] = await Promise.all([reader.get(), reader.get()]);
    await reader.get();
    expect(area.get).toHaveBeenCalledTimes(1);
    expect(a.policy.allowContinue).toBe(false);
    expect(b).toBe(a);
  });

  it('re-reads and notifies on a managed change, ignoring other areas', async () => {
    const area = fakeArea({ firmName: 'A証券' });
    const reader = createPolicyReader(area);
    const seen: string[] = [];
    reader.subscribe((p) => seen.push(p.policy.firmName ?? ''));
    expect((await reader.get()).policy.firmName).toBe('A証券');
    area.set({ firmName: 'B証券' });
    reader.onStorageChanged({}, 'local');
    expect((await reader.get()).policy.firmName).toBe('A証券');
    reader.onStorageChanged({ firmName: {} }, 'managed');
    expect((await reader.get()).policy.firmName).toBe('B証券');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['B証券']);
    expect(area.get).toHaveBeenCalledTimes(2);
  });

  it('treats an unreadable managed area (Firefox without policy) as no policy', async () => {
    const reader = createPolicyReader({ get: async () => Promise.reject(new Error('Managed storage manifest not found')) });
    const { policy, problems } = await reader.get();
    expect(policy.allowContinue).toBe(true);
    expect(problems).toEqual([]);
    expect((await createPolicyReader(undefined).get()).problems).toEqual([]);
  });
});

describe('policy reader when storage.managed hangs', () => {
  it('answers "no policy" after the timeout, re-reads nothing, and announces the late real policy', async () => {
    let release!: (v: Record<string, unknown>) => void;
    let calls = 0;
    const area = {
      get: () => {
        calls++;
        return new Promise<Record<string, unknown>>((r) => (release = r));
      },
    };
    const reader = createPolicyReader(area, 20);
    const announced: unknown[] = [];
    reader.subscribe((p) => announced.push(p.policy.allowContinue));
    const first = await reader.get();
    expect(first.policy.allowContinue).toBe(true); // default while the read hangs
    release({ allowContinue: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(announced).toEqual([false]);
    expect((await reader.get()).policy.allowContinue).toBe(false);
    expect(calls).toBe(1);
  });
});
