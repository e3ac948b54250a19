import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BrokerLink, FrameStatus, ListStatus, PolicyView, UiSettings } from '@/lib/messaging/protocol';
import { send } from '@/lib/ui/api';
import { translator, type Lang } from '@/lib/ui/i18n';
import { AlertIcon, CheckIcon, InfoIcon, ShieldIcon } from '@/lib/ui/icons';
import { ListHealthNotes } from '@/lib/ui/list-status-view';
import { reasonKey } from '@/lib/ui/reasons';
import { brokerName, tabStateOf } from '@/lib/ui/tab-state';

type Loaded<T> = T | undefined | Error;

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

/** The tab the popup describes: the active tab, or `?tab=<id>` when opened as a page (tests, demos). */
async function targetTabId(): Promise<number | undefined> {
  const q = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(q) && q > 0) return q;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function useLoad<T>(fn: () => Promise<T>): Loaded<T> {
  const [v, setV] = useState<Loaded<T>>(undefined);
  useEffect(() => {
    fn().then(setV, (e: unknown) => setV(e instanceof Error ? e : new Error(String(e))));
  }, []);
  return v;
}

function StateCard({ status, lang }: { status: Loaded<FrameStatus | null>; lang: Lang }) {
  const tr = translator(lang);
  if (status === undefined) {
    return (
      <section class="card state" aria-busy="true">
        <p>{tr('ui_state_loading')}</p>
      </section>
    );
  }
  if (status instanceof Error) {
    return (
      <section class="card state" role="alert">
        <InfoIcon />
        <div>
          <h2>{tr('ui_state_error')}</h2>
        </div>
      </section>
    );
  }
  const state = tabStateOf(status);
  const broker = brokerName(status, lang, tr('ui_card_unknown_broker'));
  const title =
    state === 'genuine' ? tr('ui_state_genuine', broker)
    : state === 'impostor' ? tr('ui_state_impostor', broker)
    : state === 'suspicious' ? tr('ui_state_suspicious', broker)
    : state === 'unrelated' ? tr('ui_state_unrelated')
    : tr('ui_state_internal');
  const todo = tr(`ui_todo_${state}`);
  const reasons = status && state !== 'internal' && state !== 'unrelated' ? Array.from(new Set(status.verdict.reasons.map(reasonKey))) : [];
  const icon = state === 'genuine' ? <CheckIcon /> : state === 'impostor' || state === 'suspicious' ? <AlertIcon /> : <InfoIcon />;
  const warn = state === 'impostor' || state === 'suspicious';
  return (
    <section class={`card state state-${state}`} aria-labelledby="state-title" data-testid="tab-state" data-state={state}>
      {icon}
      <div style={{ minWidth: 0, flex: 1 }}>
        <h2 id="state-title">{title}</h2>
        {status?.verdict.host && <p class="mono small muted">{status.verdict.host}</p>}
        <p>{todo}</p>
        {reasons.length > 0 && (
          <>
            <h3 class="sr-only">{tr('ui_why')}</h3>
            <ul class="reasons" aria-label={tr('ui_why')}>
              {reasons.map((k) => (
                <li key={k}>{tr(k)}</li>
              ))}
            </ul>
          </>
        )}
        {status?.continued && <p class="note note-warn">{tr('ui_continued_note')}</p>}
        {warn && status?.verdict.imitates && (
          <p style={{ marginTop: '10px' }}>
            <a class="btn btn-primary btn-block" href={status.verdict.imitates} target="_blank" rel="noreferrer" data-testid="popup-go-genuine">
              {tr('ui_open_genuine', broker)}
            </a>
          </p>
        )}
      </div>
    </section>
  );
}

function MyBrokers({ brokers, settings, lang }: { brokers: Loaded<BrokerLink[]>; settings: Loaded<UiSettings>; lang: Lang }) {
  const tr = translator(lang);
  if (!Array.isArray(brokers) || !settings || settings instanceof Error) return null;
  const mine = settings.prefs.myBrokers.map((id) => brokers.find((b) => b.id === id)).filter((b): b is BrokerLink => !!b);
  return (
    <section class="card" aria-labelledby="mybrokers-title" data-testid="my-brokers">
      <h2 id="mybrokers-title" class="section-title">
        {tr('ui_mybrokers_title')}
      </h2>
      {mine.length === 0 ? (
        <>
          <p class="small muted" style={{ margin: '0 0 8px' }}>
            {tr('ui_mybrokers_empty')}
          </p>
          <button type="button" class="btn" onClick={() => void browser.runtime.openOptionsPage()}>
            {tr('ui_mybrokers_choose')}
          </button>
        </>
      ) : (
        <ul class="links">
          {mine.map((b) => (
            <li key={b.id}>
              <a href={b.loginUrl} target="_blank" rel="noreferrer" title={tr('ui_mybrokers_hint')}>
                <span>{b.names[lang] || b.names.ja}</span>
                <span class="host">{hostOf(b.loginUrl)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ListBox({ list, lang }: { list: Loaded<ListStatus>; lang: Lang }) {
  const tr = translator(lang);
  if (!list || list instanceof Error) return null;
  return (
    <section class="card" aria-labelledby="list-title" data-testid="list-box">
      <div class="row">
        <h2 id="list-title" class="section-title">
          {tr('ui_list_title')}
        </h2>
        <span class="badge">{tr('ui_list_version', String(list.version))}</span>
      </div>
      <ListHealthNotes status={list} lang={lang} now={Date.now()} />
    </section>
  );
}

export function Popup({ lang }: { lang: Lang }) {
  const tr = translator(lang);
  const status = useLoad(async () => {
    const id = await targetTabId();
    if (id === undefined) return null;
    // A tab showing our warning page: describe the page it warns about, not the warning page.
    const tab = await browser.tabs.get(id);
    const warningPage = browser.runtime.getURL('/warning.html');
    if (tab.url?.startsWith(warningPage)) {
      const target = new URL(tab.url).searchParams.get('target');
      if (target) return send('warning/verdict', { target });
    }
    return send('tab/status', { tabId: id });
  });
  const brokers = useLoad(() => send('ui/brokers', {}));
  const settings = useLoad(() => send('ui/settings', {}));
  const list = useLoad(() => send('list/status', {}));
  const policy = useLoad<PolicyView>(() => send('ui/policy', {}));
  const managed = policy && !(policy instanceof Error) && policy.managed;
  useEffect(() => {
    // index.html's <title> is __MSG_extName__ (WXT copies it to the manifest's action title).
    document.title = tr('ui_popup_title');
  }, []);
  return (
    <main class="stack">
      <header>
        <h1 class="brandbar">
          <ShieldIcon />
          {tr('ui_popup_title')}
        </h1>
        {managed && (
          <span class="badge" data-testid="managed-badge">
            {policy.policy.firmName ? tr('ui_managed_by', policy.policy.firmName) : tr('ui_managed')}
          </span>
        )}
      </header>
      <StateCard status={status} lang={lang} />
      <MyBrokers brokers={brokers} settings={settings} lang={lang} />
      <ListBox list={list} lang={lang} />
      <footer>
        <button type="button" class="btn" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-options">
          {tr('ui_open_options')}
        </button>
        <span class="muted small">v{browser.runtime.getManifest().version}</span>
      </footer>
    </main>
  );
}
