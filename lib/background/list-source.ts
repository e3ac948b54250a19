import { buildIndex, type ListIndex } from '../domain/classify';
import { acceptSignedList, type AcceptedList } from '../list/accept';
import { parsePublicKeyText, type TrustedKey } from '../list/keys';
import { mergeFirmList } from '../list/merge';
import type { SignedList } from '../list/signature';
import { createIdbStore, type HistoryEntry, type ListStore, type SourceMeta } from '../list/store';
import { publisherKeys } from '../list/trusted-keys';
import type { ListDocument } from '../list/types';
import { DEFAULT_LIST_URL, runUpdate, type UpdateResult, type UpdaterDeps } from '../list/updater';
import type { ListStatus } from '../messaging/protocol';
import type { ManagedPolicy } from '../policy/types';
import bundledSigned from '../list/data/brokers.signed.json';

/**
 * The list the background judges with: the bundled signed list (the floor), replaced by a
 * newer signed list from IndexedDB when there is one, plus a firm's list from managed policy.
 *
 * - Lazy: nothing is read until the first `index()`; a service worker woken by an event pays
 *   one IndexedDB read + one signature check, then answers from memory.
 * - Stored lists are re-verified on load with the keys of THIS build (a dropped key stops
 *   working); a stored list that fails falls back to the previous one, then to the bundled list.
 * - The bundled list is part of the code (checked in CI by lib/list/bundled.test.ts), so it is
 *   not re-verified at run time.
 */
export type ListPolicy = Pick<ManagedPolicy, 'listUrl' | 'firmList'>;

export interface ListSourceDeps {
  store?: ListStore;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  policy?: () => Promise<ListPolicy>;
  keys?: readonly TrustedKey[];
  bundled?: SignedList;
  defaultUrl?: string;
  timeoutMs?: number;
  /** Called with the time the next update check is due (the background sets an alarm). */
  schedule?: (at: number) => void | Promise<void>;
  /** Called after an accepted update changed the list in use (refresh toolbars). */
  onChange?: () => void;
}

interface Loaded {
  index: ListIndex;
  publisher: { doc: ListDocument; origin: 'bundled' | 'stored'; stale: boolean };
  firm?: { doc: ListDocument; stale: boolean };
  loadError?: string;
}

export interface ListSource {
  index(): Promise<ListIndex>;
  /** Whether the list in use is past its expiry (false until loaded). */
  isStale(): boolean;
  status(): Promise<ListStatus>;
  updateNow(): Promise<ListStatus>;
  /** Drop the in-memory list (policy changed): the next index() reloads. */
  reload(): void;
}

const safeStore = (): ListStore => {
  try {
    return createIdbStore();
  } catch {
    return { get: async (source) => ({ meta: { source, failures: 0 } }), commit: async () => {}, history: async () => [] };
  }
};

export function createListSource(deps: ListSourceDeps = {}): ListSource {
  const store = deps.store ?? safeStore();
  const now = deps.now ?? (() => Date.now());
  const keys = deps.keys ?? publisherKeys();
  const bundled = (deps.bundled ?? (bundledSigned as unknown as SignedList)).list as ListDocument;
  const policyOf: () => Promise<ListPolicy> = deps.policy ?? (async () => ({}));
  let loaded: Promise<Loaded> | undefined;
  let loadedValue: Loaded | undefined;
  let running: Promise<UpdateResult[]> | undefined;
  let firmKeys: { text: string; key: Promise<TrustedKey> } | undefined;

  const firmBinding = (f: NonNullable<ListPolicy['firmList']>) => `${f.url} ${f.keyId} ${f.algorithm} ${f.publicKey}`;
  function firmKey(f: NonNullable<ListPolicy['firmList']>): Promise<TrustedKey> {
    const text = firmBinding(f);
    if (firmKeys?.text !== text) {
      firmKeys = { text, key: parsePublicKeyText(f.publicKey, f.algorithm).then((jwk) => ({ keyId: f.keyId, algorithm: f.algorithm, jwk })) };
    }
    return firmKeys.key;
  }

  /** Re-verifies a stored list (skew unlimited: the issue time was checked when it was accepted). */
  async function reverify(text: string | undefined, k: readonly TrustedKey[]): Promise<AcceptedList | undefined> {
    if (!text) return undefined;
    return acceptSignedList(text, { keys: k, now: now(), skewMs: Number.POSITIVE_INFINITY, sizeChecked: true });
  }

  async function load(): Promise<Loaded> {
    let doc = bundled;
    let origin: 'bundled' | 'stored' = 'bundled';
    let stale = Date.parse(bundled.expires) <= now();
    let loadError: string | undefined;
    let firm: Loaded['firm'];
    try {
      const state = await store.get('publisher');
      for (const candidate of [state.current, state.previous]) {
        if (!candidate || candidate.version <= bundled.version) continue;
        try {
          const r = (await reverify(candidate.text, keys))!;
          ({ doc, stale } = r);
          origin = 'stored';
          break;
        } catch (e) {
          loadError = `stored list version ${candidate.version} no longer verifies: ${(e as Error).message}`;
        }
      }
      const policy = await policyOf();
      if (policy.firmList) {
        const f = policy.firmList;
        const fs = await store.get('firm');
        const cur = fs.current && fs.current.binding === firmBinding(f) ? fs.current : undefined;
        if (cur) {
          try {
            const r = (await reverify(cur.text, [await firmKey(f)]))!;
            firm = { doc: r.doc, stale: r.stale };
          } catch (e) {
            loadError = `firm list no longer verifies: ${(e as Error).message}`;
          }
        }
      }
    } catch (e) {
      // IndexedDB unavailable (private mode, disk full): the bundled list still protects.
      loadError = `list storage unavailable: ${(e as Error).message}`;
    }
    const merged = mergeFirmList(doc, firm?.doc);
    const value: Loaded = { index: buildIndex(merged), publisher: { doc, origin, stale }, firm, loadError };
    loadedValue = value;
    return value;
  }

  const get = () => (loaded ??= load());

  async function runAll(): Promise<UpdateResult[]> {
    const policy = await policyOf();
    const updater: UpdaterDeps = { fetch: deps.fetch ?? ((...a) => fetch(...a)), now, store, random: deps.random, timeoutMs: deps.timeoutMs };
    const results: UpdateResult[] = [];
    results.push(await runUpdate({ source: 'publisher', url: policy.listUrl ?? deps.defaultUrl ?? DEFAULT_LIST_URL, keys, floorVersion: bundled.version }, updater));
    if (policy.firmList) {
      const f = policy.firmList;
      try {
        results.push(await runUpdate({ source: 'firm', url: f.url, keys: [await firmKey(f)], floorVersion: 0, binding: firmBinding(f) }, updater));
      } catch (e) {
        // The policy's key does not parse: nothing to fetch with. Shown in status.
        results.push({ source: 'firm', outcome: 'refused', code: 'unknown-key', message: `firmList.publicKey: ${(e as Error).message}`, nextCheckAt: now() + 6 * 3_600_000 });
      }
    }
    if (results.some((r) => r.outcome === 'accepted')) {
      loaded = undefined;
      await get();
      deps.onChange?.();
    }
    const next = Math.min(...results.map((r) => r.nextCheckAt));
    await deps.schedule?.(next);
    return results;
  }

  function attemptOf(h: HistoryEntry) {
    return { at: h.at, ok: h.outcome === 'accepted' || h.outcome === 'not-modified', version: h.version, code: h.code, message: h.message, source: h.source, outcome: h.outcome };
  }

  async function status(): Promise<ListStatus> {
    const l = await get();
    const policy = await policyOf();
    let meta: SourceMeta = { source: 'publisher', failures: 0 };
    let firmMeta: SourceMeta | undefined;
    let history: HistoryEntry[] = [];
    try {
      meta = (await store.get('publisher')).meta;
      if (policy.firmList) firmMeta = (await store.get('firm')).meta;
      history = await store.history();
    } catch {
      /* storage unavailable: loadError says so */
    }
    const d = l.publisher.doc;
    const s: ListStatus = {
      version: d.version,
      issued: d.issued,
      expires: d.expires,
      source: l.publisher.origin,
      stale: l.publisher.stale,
      lastSuccess: meta.lastSuccessAt,
      lastAttempt: meta.lastAttemptAt,
      attempts: history.map(attemptOf),
      url: policy.listUrl ?? deps.defaultUrl ?? DEFAULT_LIST_URL,
      brands: l.index.brands.length,
      failures: meta.failures,
      nextCheckAt: meta.nextCheckAt,
      updating: !!running,
    };
    if (meta.lastError) s.lastError = meta.lastError;
    if (l.loadError) s.loadError = l.loadError;
    if (policy.firmList) {
      s.firm = { url: policy.firmList.url, version: l.firm?.doc.version, brands: l.firm?.doc.brands.length ?? 0, stale: l.firm?.stale ?? false };
      if (firmMeta?.lastError) s.firm.lastError = firmMeta.lastError;
    }
    return s;
  }

  return {
    index: async () => (await get()).index,
    isStale: () => !!loadedValue && (loadedValue.publisher.stale || !!loadedValue.firm?.stale),
    status,
    async updateNow() {
      // One update at a time (alarm + button + startup may coincide).
      running ??= runAll().finally(() => {
        running = undefined;
      });
      await running;
      return status();
    },
    reload() {
      loaded = undefined;
    },
  };
}
