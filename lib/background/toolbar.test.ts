import { describe, expect, it } from 'vitest';
import type { Verdict } from '../domain/verdict';
import { createRefreshOrder, createTabPainter, toolbarLook } from './toolbar';

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
    const paint = createTabPainter(async (tabId, verdict: Verdict) => {
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

describe('createTabPainter with keyOf: what the tab shows is not painted again until a commit', () => {
  function keyed() {
    const log: string[] = [];
    const gates: (() => void)[] = [];
    let gated = false;
    const paint = createTabPainter(
      async (tabId: number, verdict: Verdict) => {
        if (gated) await new Promise<void>((r) => gates.push(r));
        await tick();
        log.push(`${tabId}:${verdict.kind}`);
      },
      (verdict) => verdict.kind,
    );
    return { log, paint, gate: (on: boolean) => (gated = on), open: () => gates.splice(0).forEach((g) => g()) };
  }

  it('a second paint of the same look is skipped; a different look paints', async () => {
    const k = keyed();
    await k.paint(1, v('genuine'));
    await k.paint(1, v('genuine')); // the tab's 'complete' event after its 'loading' one
    await k.paint(2, v('genuine')); // another tab is another button
    await k.paint(1, v('suspicious'));
    await k.paint(1, v('genuine'));
    expect(k.log).toEqual(['1:genuine', '2:genuine', '1:suspicious', '1:genuine']);
  });

  it('after a commit (Chromium cleared the button) the same look is painted again', async () => {
    const k = keyed();
    await k.paint(1, v('genuine'));
    k.paint.forget(1);
    await k.paint(1, v('genuine'));
    await k.paint(1, v('genuine'));
    expect(k.log).toEqual(['1:genuine', '1:genuine']);
  });

  it('a paint under way when the commit happens is not remembered: the next one paints', async () => {
    const k = keyed();
    k.gate(true);
    const first = k.paint(1, v('genuine')); // its calls may land before the clear
    await tick();
    k.paint.forget(1); // the commit clears the button meanwhile
    k.gate(false);
    k.open();
    await first;
    await k.paint(1, v('genuine'));
    expect(k.log).toEqual(['1:genuine', '1:genuine']);
  });

  it('a failed paint is not remembered', async () => {
    let fail = true;
    const log: string[] = [];
    const paint = createTabPainter(
      async (tabId: number, verdict: Verdict) => {
        await tick();
        if (fail) {
          fail = false;
          throw new Error('tab busy');
        }
        log.push(`${tabId}:${verdict.kind}`);
      },
      (verdict) => verdict.kind,
    );
    await paint(1, v('impostor')).catch(() => {});
    await paint(1, v('impostor'));
    expect(log).toEqual(['1:impostor']);
  });
});

describe('toolbarLook', () => {
  it('marks genuine, impostor and suspicious sites with their broker; nothing elsewhere; says when the list is stale', () => {
    const brandNames = { ja: 'SBI証券', en: 'SBI Securities' };
    const g = toolbarLook({ kind: 'genuine', brandNames } as Verdict);
    expect([g.text, g.title]).toEqual(['✓', expect.stringContaining('正規サイト: SBI証券')]);
    expect(toolbarLook({ kind: 'impostor', brandNames } as Verdict).text).toBe('!');
    expect(toolbarLook({ kind: 'suspicious', brandNames } as Verdict).text).toBe('?');
    const none = toolbarLook(v('unrelated'));
    expect(none.text).toBe('');
    expect(none.title).not.toContain('期限切れ');
    expect(toolbarLook(v('unrelated'), { stale: true }).title).toContain('正規サイト一覧が期限切れです');
  });
});

describe('createRefreshOrder: only the newest refresh of a tab paints', () => {
  it('a later refresh makes an earlier one of the same tab stale, not one of another tab', () => {
    const o = createRefreshOrder();
    const a = o.start(1)!;
    const other = o.start(2)!;
    const b = o.start(1)!;
    expect([o.current(1, a), o.current(1, b), o.current(2, other)]).toEqual([false, true, true]);
  });

  it("a URL read through an API call before a commit's event arrived loses to the event's refresh, even when its answer comes later", () => {
    const o = createRefreshOrder();
    const askedAt = o.now(); // tabs.get / tabs.query issued (reads the previous page's URL)
    const commit = o.start(7)!; // webNavigation.onCommitted reaches the worker first
    expect(o.start(7, askedAt)).toBeUndefined(); // the answer arrives after it: not started
    expect(o.current(7, commit)).toBe(true);
  });

  it('an API answer with no event since it was asked starts a refresh as usual; an event for another tab does not stop it', () => {
    const o = createRefreshOrder();
    const askedAt = o.now();
    o.start(8);
    const seq = o.start(9, askedAt);
    expect(seq).toBeDefined();
    expect(o.current(9, seq!)).toBe(true);
  });
});
