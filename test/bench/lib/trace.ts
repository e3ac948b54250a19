import type { CDPSession } from 'playwright-core';

/** A Chromium trace event, as CDP's Tracing domain reports it (times in µs). */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread CPU time at the start and for the duration (complete events). */
  tts?: number;
  tdur?: number;
  args?: { data?: { url?: string; frame?: string } };
}

/** Runs `fn` under a Chromium trace of the given categories (on `cdp`'s target) and returns the events. */
export async function traced(cdp: CDPSession, categories: string[], fn: () => Promise<unknown>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (d: { value: unknown[] }) => void events.push(...(d.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } } as never);
  try {
    await fn();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}
