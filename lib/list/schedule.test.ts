import { describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS, nextCheckDelay, RETRY_BASE_MS, RETRY_MAX_MS } from './schedule';

const H = 3_600_000;

describe('update schedule', () => {
  it('checks every 6 h after a success, spread over an hour of jitter', () => {
    expect(nextCheckDelay(0, 0)).toBe(CHECK_INTERVAL_MS);
    expect(nextCheckDelay(0, 0.5)).toBe(6.5 * H);
    expect(nextCheckDelay(0, 1)).toBe(7 * H);
  });
  it('backs off exponentially after failures, capped at 12 h', () => {
    const d = [1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => nextCheckDelay(n, 0));
    expect(d.slice(0, 6)).toEqual([0.25, 0.5, 1, 2, 4, 8].map((h) => h * H));
    expect(d.slice(6)).toEqual([RETRY_MAX_MS, RETRY_MAX_MS, RETRY_MAX_MS]);
    expect(nextCheckDelay(1, 1)).toBe(RETRY_BASE_MS * 1.25);
  });
  it('clamps a bad random input', () => {
    expect(nextCheckDelay(0, 7)).toBe(7 * H);
    expect(nextCheckDelay(0, -1)).toBe(6 * H);
  });
});
