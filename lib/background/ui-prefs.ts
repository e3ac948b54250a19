import type { UiPrefs, UiSettings } from '../messaging/protocol';
import type { ManagedPolicy } from '../policy/types';

/**
 * The user's UI preferences in storage.local (background only). Values are re-validated on
 * every read: storage can hold anything an older version (or a bug) wrote.
 */
export const PREFS_KEY = 'ui.prefs';
export const DEFAULT_PREFS: UiPrefs = { myBrokers: [], passwordReuseOptIn: false };
const MAX_BROKERS = 20;

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

function clean(raw: unknown): UiPrefs {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const ids = Array.isArray(r.myBrokers) ? r.myBrokers.filter((x): x is string => typeof x === 'string' && /^[a-z0-9-]{1,64}$/.test(x)) : [];
  return {
    myBrokers: [...new Set(ids)].slice(0, MAX_BROKERS),
    passwordReuseOptIn: r.passwordReuseOptIn === true,
  };
}

export function createPrefsStore(local: LocalArea) {
  return {
    async get(): Promise<UiPrefs> {
      try {
        return clean((await local.get(PREFS_KEY))[PREFS_KEY]);
      } catch {
        return { ...DEFAULT_PREFS };
      }
    },
    /** Merges a partial change; `knownBrokers` drops ids the list does not have. */
    async set(patch: Partial<UiPrefs>, knownBrokers: ReadonlySet<string>): Promise<UiPrefs> {
      const cur = await this.get();
      const next = clean({ ...cur, ...patch });
      next.myBrokers = next.myBrokers.filter((id) => knownBrokers.has(id));
      await local.set({ [PREFS_KEY]: next });
      return next;
    },
  };
}

export type PrefsStore = ReturnType<typeof createPrefsStore>;

/** Password-reuse alerts are on when the user opted in, or when the firm's policy forces them. */
export function settingsOf(prefs: UiPrefs, policy: ManagedPolicy): UiSettings {
  return {
    prefs,
    passwordReuse: { on: prefs.passwordReuseOptIn || policy.passwordReuse, forcedByPolicy: policy.passwordReuse },
  };
}

/** For other background parts (password-reuse alerts): is the feature on right now? */
export async function passwordReuseEnabled(prefs: PrefsStore, policy: ManagedPolicy): Promise<boolean> {
  return settingsOf(await prefs.get(), policy).passwordReuse.on;
}
