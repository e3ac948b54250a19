import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BrokerLink, ListStatus, PolicyView, UiPrefs, UiSettings } from '@/lib/messaging/protocol';
import { send } from '@/lib/ui/api';
import { formatDate, formatDateTime } from '@/lib/ui/format';
import { translator, type Lang, type Translate } from '@/lib/ui/i18n';
import { ShieldIcon } from '@/lib/ui/icons';
import { THIRD_PARTY, THIRD_PARTY_DATA } from '@/lib/ui/licences';
import { attemptKey } from '@/lib/ui/list-health';
import { ListHealthNotes } from '@/lib/ui/list-status-view';

const PP_CODES = new Set(['unknown-key', 'wrong-type', 'not-https-origin', 'not-https-url', 'not-host', 'too-long', 'empty', 'bad-key', 'bad-algorithm', 'not-object']);
const ppKey = (code?: string) => (code && PP_CODES.has(code) ? `ui_pp_${code.replace(/-/g, '_')}` : 'ui_pp_other');

function MyBrokersSection({ tr, lang, brokers, settings, save }: { tr: Translate; lang: Lang; brokers: BrokerLink[]; settings: UiSettings; save: (p: Partial<UiPrefs>) => void }) {
  const chosen = new Set(settings.prefs.myBrokers);
  const toggle = (id: string, on: boolean) => {
    const ids = brokers.map((b) => b.id).filter((x) => (x === id ? on : chosen.has(x)));
    save({ myBrokers: ids });
  };
  return (
    <section class="card" aria-labelledby="sec-brokers">
      <fieldset>
        <legend>
          <h2 id="sec-brokers">{tr('ui_mybrokers_title')}</h2>
        </legend>
        <p class="muted">{tr('ui_options_mybrokers_help')}</p>
        <div class="checks" data-testid="broker-choices">
          {brokers.map((b) => (
            <label class="check" key={b.id}>
              <input type="checkbox" value={b.id} checked={chosen.has(b.id)} onChange={(e) => toggle(b.id, (e.currentTarget as HTMLInputElement).checked)} />
              <span>{b.names[lang] || b.names.ja}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

function ReuseSection({ tr, settings, save }: { tr: Translate; settings: UiSettings; save: (p: Partial<UiPrefs>) => void }) {
  const forced = settings.passwordReuse.forcedByPolicy;
  return (
    <section class="card" aria-labelledby="sec-reuse">
      <h2 id="sec-reuse">{tr('ui_reuse_title')}</h2>
      <label class="check" style={{ marginTop: '8px' }}>
        <input
          type="checkbox"
          data-testid="reuse-toggle"
          checked={settings.passwordReuse.on}
          disabled={forced}
          aria-describedby="reuse-help"
          onChange={(e) => save({ passwordReuseOptIn: (e.currentTarget as HTMLInputElement).checked })}
        />
        <span>{tr('ui_reuse_label')}</span>
      </label>
      {forced && (
        <p class="note note-ok" data-testid="reuse-forced">
          {tr('ui_reuse_forced')}
        </p>
      )}
      <p id="reuse-help" class="muted small">
        {tr('ui_reuse_help')}
      </p>
    </section>
  );
}

function ListSection({ tr, lang, list, setList }: { tr: Translate; lang: Lang; list: ListStatus; setList: (s: ListStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const updateNow = () => {
    setBusy(true);
    send('list/update-now', {})
      .then(setList, () => {})
      .finally(() => setBusy(false));
  };
  const sourceKey = ['bundled', 'stored', 'fetched'].includes(list.source) ? `ui_list_source_${list.source}` : '';
  return (
    <section class="card" aria-labelledby="sec-list" data-testid="list-section">
      <div class="row">
        <h2 id="sec-list">{tr('ui_list_title')}</h2>
        <span class="badge">{tr('ui_list_version', String(list.version))}</span>
      </div>
      <ListHealthNotes status={list} lang={lang} now={Date.now()} />
      <dl>
        <dt>{tr('ui_list_issued')}</dt>
        <dd>{formatDate(list.issued, lang)}</dd>
        <dt>{tr('ui_list_expires')}</dt>
        <dd>{formatDate(list.expires, lang)}</dd>
        <dt>{tr('ui_list_source')}</dt>
        <dd>{sourceKey ? tr(sourceKey) : list.source}</dd>
      </dl>
      <div class="row" style={{ marginTop: '12px' }}>
        <h3 class="section-title">{tr('ui_list_attempts')}</h3>
        <button type="button" class="btn" onClick={updateNow} disabled={busy} aria-busy={busy} data-testid="list-update-now">
          {busy ? tr('ui_list_updating') : tr('ui_list_update_now')}
        </button>
      </div>
      {list.attempts.length === 0 ? (
        <p class="muted small">{tr('ui_list_no_attempts')}</p>
      ) : (
        <table data-testid="list-attempts">
          <thead>
            <tr>
              <th scope="col">{tr('ui_list_attempt_time')}</th>
              <th scope="col">{tr('ui_list_attempt_result')}</th>
            </tr>
          </thead>
          <tbody>
            {list.attempts.slice(0, 10).map((a) => (
              <tr key={a.at}>
                <td>{formatDateTime(a.at, lang)}</td>
                <td>
                  {a.source === 'firm' && <span class="badge">{tr('ui_list_source_firm')}</span>}{' '}
                  {a.outcome === 'not-modified'
                    ? tr('ui_attempt_not_modified')
                    : a.ok && a.version !== undefined
                      ? tr('ui_list_attempt_version', String(a.version))
                      : tr(attemptKey(a))}
                  {!a.ok && a.message && <div class="muted small mono">{a.message}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PolicySection({ tr, view }: { tr: Translate; view: PolicyView }) {
  const p = view.policy;
  return (
    <section class="card" aria-labelledby="sec-policy" data-testid="policy-section">
      <h2 id="sec-policy">{tr('ui_policy_title')}</h2>
      <p class="muted">{tr('ui_policy_intro')}</p>
      <dl>
        {p.firmName && (
          <>
            <dt>{tr('ui_policy_firm')}</dt>
            <dd>{p.firmName}</dd>
          </>
        )}
        {p.supportContact && (
          <>
            <dt>{tr('ui_policy_support')}</dt>
            <dd>{p.supportContact}</dd>
          </>
        )}
        <dt>{tr('ui_policy_continue')}</dt>
        <dd>{p.allowContinue ? tr('ui_policy_continue_allowed') : tr('ui_policy_continue_blocked')}</dd>
        <dt>{tr('ui_policy_origins')}</dt>
        <dd class="mono">{p.genuineOrigins.length ? p.genuineOrigins.join(', ') : tr('ui_none')}</dd>
        {p.webmailHosts.length > 0 && (
          <>
            <dt>{tr('ui_policy_webmail')}</dt>
            <dd class="mono">{p.webmailHosts.join(', ')}</dd>
          </>
        )}
        {p.listUrl && (
          <>
            <dt>{tr('ui_policy_list_url')}</dt>
            <dd class="mono">{p.listUrl}</dd>
          </>
        )}
        {p.firmList && (
          <>
            <dt>{tr('ui_policy_firm_list')}</dt>
            <dd class="mono">{p.firmList.url}</dd>
          </>
        )}
      </dl>
      {view.problems.length > 0 && (
        <div class="note note-warn" role="note" data-testid="policy-problems">
          <h3 class="section-title">{tr('ui_policy_problems_title')}</h3>
          <p class="small">{tr('ui_policy_problems_help')}</p>
          <ul class="problems small">
            {view.problems.map((pr, i) => (
              <li key={i}>
                <code class="mono">{pr.key}</code>
                {pr.value !== undefined && (
                  <>
                    {' = '}
                    <code class="mono">{pr.value}</code>
                  </>
                )}
                {' — '}
                {tr(ppKey(pr.code))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function PrivacySection({ tr, view }: { tr: Translate; view: PolicyView | undefined }) {
  return (
    <section class="card" aria-labelledby="sec-privacy" data-testid="privacy-section">
      <h2 id="sec-privacy">{tr('ui_privacy_title')}</h2>
      <p>{tr('ui_privacy_body')}</p>
      {view?.policy.listUrl && <p class="small mono">{tr('ui_privacy_list_url', view.policy.listUrl)}</p>}
      {view?.policy.reportEndpoint && <p class="note note-warn">{tr('ui_privacy_report', view.policy.reportEndpoint)}</p>}
    </section>
  );
}

function AboutSection({ tr }: { tr: Translate }) {
  return (
    <section class="card" aria-labelledby="sec-about">
      <h2 id="sec-about">{tr('ui_about_title')}</h2>
      <p data-testid="version">{tr('ui_about_version', browser.runtime.getManifest().version)}</p>
      <p class="small">{tr('ui_about_licence')}</p>
      <ul class="plain">
        {[...THIRD_PARTY, ...THIRD_PARTY_DATA].map((l) => (
          <li key={l.name}>
            <a href={l.url} target="_blank" rel="noreferrer">
              {l.name}
            </a>{' '}
            <span class="muted">({l.licence})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Options({ lang }: { lang: Lang }) {
  const tr = translator(lang);
  const [brokers, setBrokers] = useState<BrokerLink[]>();
  const [settings, setSettings] = useState<UiSettings>();
  const [list, setList] = useState<ListStatus>();
  const [policy, setPolicy] = useState<PolicyView>();
  const [saved, setSaved] = useState('');

  useEffect(() => {
    document.title = tr('ui_options_title');
    void send('ui/brokers', {}).then(setBrokers, () => setBrokers([]));
    void send('ui/settings', {}).then(setSettings, () => {});
    void send('list/status', {}).then(setList, () => {});
    void send('ui/policy', {}).then(setPolicy, () => {});
  }, []);

  const save = (patch: Partial<UiPrefs>) => {
    send('ui/set-prefs', patch).then(
      (s) => {
        setSettings(s);
        setSaved(tr('ui_options_saved'));
      },
      () => setSaved(tr('ui_options_save_failed')),
    );
  };

  return (
    <main class="stack">
      <header>
        <h1>
          <ShieldIcon size={28} />
          {tr('ui_options_title')}
        </h1>
        <p>{tr('ui_options_intro')}</p>
      </header>
      <p class="saved" role="status" aria-live="polite" data-testid="saved">
        {saved}
      </p>
      {brokers && settings && <MyBrokersSection tr={tr} lang={lang} brokers={brokers} settings={settings} save={save} />}
      {settings && <ReuseSection tr={tr} settings={settings} save={save} />}
      {list && <ListSection tr={tr} lang={lang} list={list} setList={setList} />}
      {policy?.managed && <PolicySection tr={tr} view={policy} />}
      <PrivacySection tr={tr} view={policy} />
      <AboutSection tr={tr} />
    </main>
  );
}
