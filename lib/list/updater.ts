import { acceptSignedList, decodeList, fileBuffer, MAX_LIST_BYTES, type AcceptedList, type DecodedList } from './accept';
import { isListError, ListError } from './errors';
import type { TrustedKey } from './keys';
import { nextCheckDelay } from './schedule';
import type { HistoryEntry, ListSourceId, ListStore, Outcome, SourceMeta, StoredList } from './store';

/**
 * One update attempt for one list source (the publisher's, or a firm's from managed policy).
 * fetch, clock and randomness are injected (habit 3), so every transport failure is a unit test.
 *
 * Privacy: this is the only network request the extension makes. It carries no cookies, no
 * referrer, and nothing about the user's browsing; the list URL is fixed by the build or policy.
 */
export const DEFAULT_LIST_URL = 'https://lists.shoken-guard.jp/v1/list.json';
export const FETCH_TIMEOUT_MS = 30_000;

export interface UpdaterDeps {
  fetch: typeof fetch;
  now: () => number;
  store: ListStore;
  random?: () => number;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface SourceConfig {
  source: ListSourceId;
  url: string;
  keys: readonly TrustedKey[];
  /** Never accept a version at or below this (the bundled list's version for the publisher). */
  floorVersion: number;
  /** Firm lists: url + key identity; a different binding discards the stored chain. */
  binding?: string;
}

export interface UpdateResult {
  source: ListSourceId;
  outcome: Outcome;
  message: string;
  code?: string;
  version?: number;
  accepted?: AcceptedList;
  nextCheckAt: number;
}

async function readCapped(res: Response, maxBytes: number): Promise<DecodedList | undefined> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new ListError('too-large', `server announces ${declared} bytes, over the ${maxBytes}-byte cap`);
  if (!res.body) return undefined;
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new ListError('too-large', `list is over the ${maxBytes}-byte cap (stopped reading at ${size} bytes)`);
    }
    parts.push(value);
  }
  const all = fileBuffer(size); // room before the bytes for the signing context (verified in place)
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return decodeList(all); // keeps the bytes: the signature is checked over them, not re-encoded text
}

function transportError(e: unknown, timedOut: boolean, url: string): ListError {
  if (isListError(e)) return e;
  if (timedOut) return new ListError('timeout', `no complete answer from ${url} in time`);
  const msg = e instanceof Error ? e.message : String(e);
  return new ListError('network', `could not fetch ${url} (offline, DNS, TLS certificate or connection error): ${msg}`);
}

export async function runUpdate(cfg: SourceConfig, deps: UpdaterDeps): Promise<UpdateResult> {
  const now = deps.now();
  const random = deps.random ?? Math.random;
  const maxBytes = deps.maxBytes ?? MAX_LIST_BYTES;
  let state: Awaited<ReturnType<ListStore['get']>>;
  try {
    state = await deps.store.get(cfg.source);
  } catch (e) {
    // No storage (private mode, disk full): nothing could be kept, so do not fetch at all.
    return { source: cfg.source, outcome: 'failed', code: 'store', message: `list storage unavailable: ${(e as Error).message}`, nextCheckAt: now + nextCheckDelay(1, random()) };
  }
  const sameChain = (state.meta.binding ?? undefined) === (cfg.binding ?? undefined);
  const current = sameChain ? state.current : undefined;
  const currentVersion = Math.max(cfg.floorVersion, current?.version ?? 0);
  const conditional = !!current && state.meta.url === cfg.url;

  const meta: SourceMeta = { ...(sameChain ? state.meta : { source: cfg.source, failures: 0 }), source: cfg.source, url: cfg.url, binding: cfg.binding, lastAttemptAt: now };
  if (!conditional) {
    delete meta.etag;
    delete meta.lastModified;
  }

  let outcome: Outcome;
  let message: string;
  let code: string | undefined;
  let version: number | undefined;
  let accepted: AcceptedList | undefined;
  let stored: StoredList | undefined;
  try {
    let u: URL;
    try {
      u = new URL(cfg.url);
    } catch {
      throw new ListError('bad-url', `list URL "${cfg.url}" is not a URL`);
    }
    if (u.protocol !== 'https:') throw new ListError('bad-url', `list URL must be https, got ${cfg.url}`);

    const headers: Record<string, string> = { accept: 'application/json' };
    if (conditional && meta.etag) headers['if-none-match'] = meta.etag;
    if (conditional && meta.lastModified) headers['if-modified-since'] = meta.lastModified;

    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, deps.timeoutMs ?? FETCH_TIMEOUT_MS);
    let text = '';
    let file: DecodedList | undefined;
    let res: Response;
    try {
      res = await deps.fetch(cfg.url, { headers, signal: ctl.signal, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' });
      // A redirect may stay on the list's origin (moved file), never leave it: another host
      // could serve anything, and a signed-but-stale list from elsewhere is a freeze attack.
      if (res.url && new URL(res.url).origin !== u.origin) {
        throw new ListError('redirect', `list URL redirected to another host (${new URL(res.url).host}); refused`);
      }
      if (res.status !== 304 && !res.ok) throw new ListError('http-status', `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} from ${cfg.url}`);
      if (res.status !== 304) {
        file = await readCapped(res, maxBytes);
        text = file?.text ?? '';
      }
    } catch (e) {
      throw transportError(e, timedOut, cfg.url);
    } finally {
      clearTimeout(timer);
    }

    if (res.status === 304) {
      if (!conditional) throw new ListError('http-status', `HTTP 304 to an unconditional request from ${cfg.url}`);
      outcome = 'not-modified';
      message = `not modified (still version ${currentVersion})`;
    } else if (current && text === current.text) {
      outcome = 'not-modified';
      message = `unchanged (version ${current.version})`;
    } else {
      // Equal version is "nothing new", not an error (a server without ETag); lower is rollback.
      const r = await acceptSignedList(file ?? text, { keys: cfg.keys, now, currentVersion: currentVersion - 1, maxBytes, sizeChecked: true });
      version = r.doc.version;
      if (r.doc.version === currentVersion) {
        outcome = 'not-modified';
        message = `server has version ${version}, the version in use`;
      } else {
        accepted = r;
        outcome = 'accepted';
        message = `accepted version ${version} (was ${currentVersion})${r.stale ? ', already expired: marked stale' : ''}`;
        stored = { source: cfg.source, text, version: r.doc.version, issued: r.doc.issued, expires: r.doc.expires, keyIds: r.keyIds, acceptedAt: now, url: cfg.url, binding: cfg.binding };
      }
    }
    meta.failures = 0;
    meta.lastSuccessAt = now;
    delete meta.lastError;
    if (outcome === 'accepted' || outcome === 'not-modified') {
      const etag = res.headers.get('etag');
      const lm = res.headers.get('last-modified');
      if (outcome === 'accepted' || res.status === 304) {
        if (etag) meta.etag = etag;
        if (lm) meta.lastModified = lm;
      }
    }
  } catch (e) {
    const err = isListError(e) ? e : new ListError('network', e instanceof Error ? e.message : String(e));
    const transport = ['http-status', 'network', 'timeout', 'redirect', 'bad-url'].includes(err.code);
    outcome = transport ? 'failed' : 'refused';
    code = err.code;
    message = err.message;
    meta.failures = (meta.failures ?? 0) + 1;
    meta.lastError = { code: err.code, message: err.message, at: now };
  }
  const nextCheckAt = now + nextCheckDelay(meta.failures, random());
  meta.nextCheckAt = nextCheckAt;
  const event: HistoryEntry = { at: now, source: cfg.source, outcome, message };
  if (code) event.code = code;
  if (version !== undefined) event.version = version;
  try {
    await deps.store.commit(cfg.source, { accepted: stored, meta, event });
  } catch (e) {
    // Nothing was written (one transaction): the list in use stays; report it.
    return { source: cfg.source, outcome: 'failed', code: 'store', message: `could not save: ${(e as Error).message}`, nextCheckAt };
  }
  return { source: cfg.source, outcome, message, code, version, accepted, nextCheckAt };
}
