import { describe, expect, it } from 'vitest';
import type { Verdict } from '../domain/verdict';
import { createTabPainter } from './toolbar';

const v = (kind: Verdict['kind']) => ({ kind }) as Verdict;
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A paint of three awaited steps (title, colour, badge), logged. */
function recorder() {
  const log: string[] = [];
  const paint = async (tabId: number, verdict: Verdict) => {
    for (const step of ['title', 'colour', 'badge']) {
      await tick();
      log.push(`${tabId}:${verdict.kind}:${step}`);
    }
  };
  return { log, paint: createTabPainter(paint) };
}

describe('createTabPainter: paints of one tab never interleave', () => {
  it('two paints of one tab started together run one after the other, in order', async () => {
    const r = recorder();
    await Promise.all([r.paint(1, v('unrelated')), r.paint(1, v('impostor'))]);
    expect(r.log).toEqual(['1:unrelated:title', '1:unrelated:colour', '1:unrelated:badge', '1:impostor:title', '1:impostor:colour', '1:impostor:badge']);
  });

  it('a paint that is no longer current when its turn comes is skipped', async () => {
    const r = recorder();
    let seq = 1;
    const first = r.paint(1, v('unrelated'), () => seq === 1);
    seq = 2; // a newer refresh of the tab arrived before the first paint's turn
    const second = r.paint(1, v('impostor'), () => seq === 2);
    await Promise.all([first, second]);
    expect(r.log).toEqual(['1:impostor:title', '1:impostor:colour', '1:impostor:badge']);
  });

  it('a failing paint does not stop the next one; other tabs do not wait', async () => {
    const log: string[] = [];
    let fail = true;
    const paint = createTabPainter(async (tabId, verdict) => {
      await tick();
      if (fail && tabId === 1) {
        fail = false;
        throw new Error('tab closed');
      }
      log.push(`${tabId}:${verdict.kind}`);
    });
    const a = paint(1, v('unrelated')).catch(() => 'failed');
    const b = paint(1, v('genuine'));
    const c = paint(2, v('impostor'));
    expect(await a).toBe('failed');
    await Promise.all([b, c]);
    expect(log).toEqual(['2:impostor', '1:genuine']);
  });
});
