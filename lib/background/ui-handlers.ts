import type { ListIndex } from '../domain/classify';
import { POLICY_BRAND_ID } from '../domain/list-index';
import type { BrokerLink, ExtensionProtocol, ListStatus } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import type { PolicyReader } from '../policy/reader';
import { settingsOf, type PrefsStore } from './ui-prefs';

/** What the UI handlers need from the list source (status() is the list work's; optional until it lands). */
export interface UiListSource {
  index(): Promise<ListIndex>;
  status?(): Promise<ListStatus>;
}

export interface UiDeps {
  lists: UiListSource;
  policy: PolicyReader;
  prefs: PrefsStore;
}

type UiKeys = 'list/status' | 'ui/brokers' | 'ui/settings' | 'ui/set-prefs' | 'ui/policy';

/** Privileged handlers for the popup and options (wired into the extension router in app.ts). */
export function createUiHandlers(deps: UiDeps): Pick<Handlers<ExtensionProtocol>, UiKeys> {
  const { lists, policy, prefs } = deps;

  async function brokers(): Promise<BrokerLink[]> {
    const index = await lists.index();
    return index.brands
      .filter((b) => b.id !== POLICY_BRAND_ID && /^https:\/\//.test(b.loginUrl))
      .map((b) => ({ id: b.id, names: { ja: b.names.ja, en: b.names.en }, loginUrl: b.loginUrl }));
  }

  return {
    'list/status': async () => {
      if (lists.status) return lists.status();
      const index = await lists.index();
      return { version: index.version, source: 'bundled', stale: false, attempts: [] };
    },
    'ui/brokers': brokers,
    'ui/settings': async () => settingsOf(await prefs.get(), (await policy.get()).policy),
    'ui/set-prefs': async (patch) => {
      const p = patch && typeof patch === 'object' ? patch : {};
      const safe: Partial<typeof p> = {};
      if (Array.isArray(p.myBrokers)) safe.myBrokers = p.myBrokers;
      if (typeof p.passwordReuseOptIn === 'boolean') safe.passwordReuseOptIn = p.passwordReuseOptIn;
      const known = new Set((await brokers()).map((b) => b.id));
      const next = await prefs.set(safe, known);
      return settingsOf(next, (await policy.get()).policy);
    },
    'ui/policy': async () => {
      const { policy: pol, problems, managed } = await policy.get();
      return { managed, policy: pol, problems };
    },
  };
}
