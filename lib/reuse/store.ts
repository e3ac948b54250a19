import { REUSE, reuseTag, type Subtle } from './digest';

/**
 * Remembered broker passwords, as truncated tags (digest.ts), in storage.local — background
 * only: content scripts never see this, and it stores nothing about any other site.
 */
export const REUSE_KEY = 'reuse.v1';

export interface ReuseEntry {
  brand: string;
  len: number;
  tag: number;
  at: number;
}

interface ReuseState {
  v: 1;
  /** Per-install salt, base64. */
  salt: string;
  entries: ReuseEntry[];
}

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove?(key: string): Promise<void>;
}

export interface ReuseStoreDeps {
  area: LocalArea;
  subtle: Subtle;
  random: (n: number) => Uint8Array;
  now: () => number;
  iterations?: number;
}

const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function valid(raw: unknown): ReuseState | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<ReuseState>;
  if (r.v !== 1 || typeof r.salt !== 'string' || !Array.isArray(r.entries)) return null;
  const entries = r.entries.filter(
    (e): e is ReuseEntry =>
      !!e && typeof e.brand === 'string' && Number.isInteger(e.len) && e.len >= REUSE.minLength && e.len <= REUSE.maxLength &&
      Number.isInteger(e.tag) && e.tag >= 0 && e.tag < 2 ** REUSE.bits && typeof e.at === 'number',
  );
  try {
    if (unb64(r.salt).length < 16) return null;
  } catch {
    return null;
  }
  return { v: 1, salt: r.salt, entries: entries.slice(0, REUSE.maxEntries) };
}

/** Code points, so a length is the number of characters the user typed. */
const chars = (s: string) => Array.from(s);

export function createReuseStore(deps: ReuseStoreDeps) {
  const iterations = deps.iterations ?? REUSE.iterations;
  let state: ReuseState | null = null;

  async function load(): Promise<ReuseState> {
    if (state) return state;
    let loaded: ReuseState | null = null;
    try {
      loaded = valid((await deps.area.get(REUSE_KEY))[REUSE_KEY]);
    } catch {
      loaded = null;
    }
    state = loaded ?? { v: 1, salt: b64(deps.random(16)), entries: [] };
    return state;
  }

  async function save(s: ReuseState) {
    state = s;
    await deps.area.set({ [REUSE_KEY]: s });
  }

  return {
    /** Remembers secrets typed on `brand`'s genuine origin. Returns how many are now stored. */
    async remember(brand: string, secrets: readonly string[]): Promise<number> {
      const s = await load();
      const salt = unb64(s.salt);
      let entries = s.entries.slice();
      for (const secret of secrets.slice(0, 4)) {
        const len = chars(secret).length;
        if (len < REUSE.minLength || len > REUSE.maxLength) continue;
        const tag = await reuseTag(deps.subtle, secret, salt, iterations);
        entries = entries.filter((e) => !(e.brand === brand && e.len === len && e.tag === tag));
        entries.unshift({ brand, len, tag, at: deps.now() });
      }
      entries = entries.slice(0, REUSE.maxEntries);
      await save({ ...s, entries });
      return entries.length;
    },

    /**
     * Does the typing buffer END with a remembered password? One digest per distinct stored
     * length (≤ REUSE.maxEntries): constant work per keystroke, whatever the buffer holds.
     */
    async check(buffer: string): Promise<ReuseEntry | null> {
      const s = await load();
      if (!s.entries.length) return null;
      const cs = chars(buffer).slice(-REUSE.maxLength);
      const salt = unb64(s.salt);
      const lengths = [...new Set(s.entries.map((e) => e.len))];
      let hit: ReuseEntry | null = null;
      for (const len of lengths) {
        if (len > cs.length) continue;
        const tag = await reuseTag(deps.subtle, cs.slice(cs.length - len).join(''), salt, iterations);
        hit ??= s.entries.find((e) => e.len === len && e.tag === tag) ?? null;
      }
      return hit;
    },

    async count(): Promise<number> {
      return (await load()).entries.length;
    },

    async summary(): Promise<{ brand: string; at: number }[]> {
      return (await load()).entries.map((e) => ({ brand: e.brand, at: e.at }));
    },

    async clear(): Promise<void> {
      state = { v: 1, salt: b64(deps.random(16)), entries: [] };
      await deps.area.set({ [REUSE_KEY]: state });
    },
  };
}

export type ReuseStore = ReturnType<typeof createReuseStore>;
