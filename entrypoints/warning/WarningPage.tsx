import { useEffect, useState } from 'preact/hooks';
import type { FrameStatus } from '@/lib/messaging/protocol';
import { send } from '@/lib/ui/api';
import { translator, type Lang } from '@/lib/ui/i18n';
import { WarningCard, WARNING_CARD_CSS } from '@/lib/ui/warning-card';
import { targetFrom } from './target';

/**
 * warning.html?target=<encoded URL>: where the background sends a tab that started loading a
 * strong lookalike. The verdict is asked from the background again (never trusted from the URL).
 */
export function WarningPage({ lang, search }: { lang: Lang; search: string }) {
  const tr = translator(lang);
  const target = targetFrom(search);
  const [status, setStatus] = useState<FrameStatus | Error>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    document.title = tr('ui_warning_doc_title');
    if (!target) return;
    send('warning/verdict', { target: target.href }).then(setStatus, (e: unknown) => setStatus(e instanceof Error ? e : new Error(String(e))));
  }, []);

  if (!target) {
    return (
      <main>
        <div class="plain-card" role="alert">
          <h1>{tr('ui_warning_no_target')}</h1>
        </div>
      </main>
    );
  }
  if (status === undefined) {
    return (
      <main aria-busy="true">
        <p class="muted">{tr('ui_warning_loading')}</p>
      </main>
    );
  }
  if (status instanceof Error) {
    // Fail closed: without a verdict we never offer to continue.
    return (
      <main>
        <div class="plain-card" role="alert">
          <h1>{tr('ui_state_error')}</h1>
          <p class="mono small">{target.host}</p>
        </div>
      </main>
    );
  }
  const kind = status.verdict.kind;
  if (kind !== 'impostor' && kind !== 'suspicious') {
    return (
      <main>
        <div class="plain-card" data-testid="warning-clear">
          <h1>{tr('ui_warning_clear_title')}</h1>
          <p>{tr('ui_warning_clear_body')}</p>
          <p class="mono small">{target.href}</p>
          <a class="btn" href={target.href} rel="noreferrer">
            {tr('ui_warning_open_page')}
          </a>
        </div>
      </main>
    );
  }
  const genuine = status.verdict.imitates && /^https:\/\//.test(status.verdict.imitates) ? status.verdict.imitates : undefined;
  return (
    <main>
      <style>{WARNING_CARD_CSS}</style>
      <WarningCard
        kind={kind}
        brandNames={status.verdict.brandNames}
        genuineUrl={genuine}
        pageHost={status.verdict.host ?? target.host}
        reasons={status.verdict.reasons}
        allowContinue={status.allowContinue}
        firm={status.firm}
        lang={lang}
        variant="page"
        titleLevel={1}
        onGoGenuine={genuine ? () => location.replace(genuine) : undefined}
        onContinue={() => {
          send('warning/continue', { target: target.href }).then(
            (r) => (r.ok ? location.replace(target.href) : setFailed(true)),
            () => setFailed(true),
          );
        }}
      />
      {failed && (
        <p class="note note-error" role="alert">
          {tr('ui_warning_continue_failed')}
        </p>
      )}
    </main>
  );
}
