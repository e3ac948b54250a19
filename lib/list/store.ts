import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * Persistent list state in the background's IndexedDB (never a content script's: there
 * IndexedDB belongs to the web page's origin).
 *
 * One database, three stores. Every update outcome is written by `commit` in ONE readwrite
 * transaction over all three (new list + previous list + source metadata + history line), so a
 * service worker killed mid-update leaves either the old state or the new one, never a mix.
 * Lists are stored as the exact signed text and re-verified when loaded: a key dropped from a
 * later build stops a stored list signed with it from being used.
 */
export type ListSourceId = 'publisher' | 'firm';

export interface StoredList {
  source: ListSourceId;
  /** The signed list file as received. */
  text: string;
  version: number;
  issued: string;
  expires: string;
  keyIds: string[];
  acceptedAt: number;
  url: string;
  /** Firm lists: which url + key they were accepted under (a changed policy starts over). */
  binding?: string;
}

export interface SourceMeta {
  source: ListSourceId;
  url?: string;
  etag?: string;
  lastModified?: string;
  /** Consecutive failed attempts (drives back-off). */
  failures: number;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  nextCheckAt?: number;
  lastError?: { code: string; message: string; at: number };
  binding?: string;
}

export type Outcome = 'accepted' | 'not-modified' | 'refused' | 'failed';

export interface HistoryEntry {
  id?: number;
  at: number;
  source: ListSourceId;
  outcome: Outcome;
  version?: number;
  code?: string;
  message: string;
}

export interface SourceState {
  current?: StoredList;
  previous?: StoredList;
  meta: SourceMeta;
}

export interface ListStore {
  get(source: ListSourceId): Promise<SourceState>;
  /** Atomically: optionally install `accepted` (current → previous), write meta, append history. */
  commit(source: ListSourceId, change: { accepted?: StoredList; meta: SourceMeta; event: HistoryEntry }): Promise<void>;
  /** Newest first. */
  history(limit?: number): Promise<HistoryEntry[]>;
}

interface Schema extends DBSchema {
  lists: { key: string; value: StoredList & { slot: string } };
  meta: { key: ListSourceId; value: SourceMeta };
  history: { key: number; value: HistoryEntry };
}

export const HISTORY_LIMIT = 30;
export const DB_NAME = 'shoken-guard-list';

const emptyMeta = (source: ListSourceId): SourceMeta => ({ source, failures: 0 });

export function createIdbStore(name = DB_NAME): ListStore {
  let db: Promise<IDBPDatabase<Schema>> | undefined;
  const open = () =>
    (db ??= openDB<Schema>(name, 1, {
      upgrade(d) {
        d.createObjectStore('lists', { keyPath: 'slot' });
        d.createObjectStore('meta', { keyPath: 'source' });
        d.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
      },
    }).catch((e) => {
      db = undefined; // retry on the next call
      throw e;
    }));
  const strip = (v: (StoredList & { slot: string }) | undefined): StoredList | undefined => {
    if (!v) return undefined;
    const { slot: _slot, ...rest } = v;
    return rest;
  };

  return {
    async get(source) {
      const d = await open();
      const tx = d.transaction(['lists', 'meta'], 'readonly');
      const [current, previous, meta] = await Promise.all([
        tx.objectStore('lists').get(`${source}:current`),
        tx.objectStore('lists').get(`${source}:previous`),
        tx.objectStore('meta').get(source),
      ]);
      return { current: strip(current), previous: strip(previous), meta: meta ?? emptyMeta(source) };
    },

    async commit(source, { accepted, meta, event }) {
      const d = await open();
      const tx = d.transaction(['lists', 'meta', 'history'], 'readwrite');
      try {
        const lists = tx.objectStore('lists');
        if (accepted) {
          const old = await lists.get(`${source}:current`);
          if (old) await lists.put({ ...old, slot: `${source}:previous` });
          await lists.put({ ...accepted, slot: `${source}:current` });
        }
        await tx.objectStore('meta').put(meta);
        const history = tx.objectStore('history');
        const { id: _id, ...line } = event;
        await history.add(line as HistoryEntry);
        const count = await history.count();
        if (count > HISTORY_LIMIT) {
          let cursor = await history.openCursor();
          for (let n = count - HISTORY_LIMIT; cursor && n > 0; n--) {
            await cursor.delete();
            cursor = await cursor.continue();
          }
        }
        await tx.done;
      } catch (e) {
        try {
          tx.abort();
        } catch {
          /* already aborted */
        }
        await tx.done.catch(() => {});
        throw e;
      }
    },

    async history(limit = HISTORY_LIMIT) {
      const d = await open();
      const out: HistoryEntry[] = [];
      let cursor = await d.transaction('history').store.openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    },
  };
}
