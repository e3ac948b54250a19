import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BrandNames } from '../list/types';
import type { ReasonCode } from '../domain/verdict';
import { tParts, translator, type Lang } from './i18n';
import { reasonKey } from './reasons';
import { WARNING_CARD_CSS } from './card-css';
import { SupportContact } from './support-contact';

export { WARNING_CARD_CSS };

export interface WarningCardProps {
  /** The broker being imitated (absent if the engine could not name one). */
  brandNames?: BrandNames;
  /** The genuine login URL to offer ("did you mean …?"). */
  genuineUrl?: string;
  /** Host of the page being warned about (shown so the user sees what is wrong). */
  pageHost: string;
  reasons: readonly (ReasonCode | string)[];
  /** 'impostor' (password input is blocked) or 'suspicious' (a caution). Default impostor. */
  kind?: 'impostor' | 'suspicious';
  /** Managed policy: false hides "continue anyway" entirely. */
  allowContinue: boolean;
  /** Called after the user confirmed "continue anyway" (two steps, never one click). */
  onContinue?: () => void;
  /** Called for "go to the genuine site"; without it the link navigates by itself. */
  onGoGenuine?: () => void;
  /** Firm configured by managed policy: shown as the support contact. */
  firm?: { name?: string; support?: string };
  lang: Lang;
  /** 'overlay' wraps the card in a full-viewport modal backdrop (page guard); 'page' does not. */
  variant?: 'overlay' | 'page';
  /** Heading level of the title: h1 on the warning page (its main heading), h2 in the overlay. */
  titleLevel?: 1 | 2;
}

const WarnIcon = () => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M12 2 1 21h22L12 2zm0 5.5 7.5 12h-15L12 7.5zM11 10v5h2v-5h-2zm0 6v2h2v-2h-2z" />
  </svg>
);

/** Shared warning: used by the warning page and, inside a closed shadow root, by the page guard. */
export function WarningCard(props: WarningCardProps) {
  const { lang, kind = 'impostor', allowContinue, firm, variant = 'page' } = props;
  const tr = translator(lang);
  const broker = props.brandNames?.[lang] || props.brandNames?.ja || tr('ui_card_unknown_broker');
  const [confirming, setConfirming] = useState(false);
  const primary = useRef<HTMLAnchorElement>(null);
  const confirmYes = useRef<HTMLButtonElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);

  // Focus management: the safe action gets focus first, so Enter takes the user to safety.
  useEffect(() => {
    primary.current?.focus();
  }, []);
  useEffect(() => {
    if (confirming) confirmYes.current?.focus();
  }, [confirming]);

  const titleId = 'sg-title';
  const Title = props.titleLevel === 1 ? 'h1' : 'h2';
  const Sub = props.titleLevel === 1 ? 'h2' : 'h3';
  const leadId = 'sg-lead';

  const onPrimary = (e: MouseEvent) => {
    if (props.onGoGenuine) {
      e.preventDefault();
      props.onGoGenuine();
    }
  };

  // In the overlay the card is modal: keep Tab inside it (the page behind is the adversary's).
  const onKeyDown = (e: KeyboardEvent) => {
    if (variant !== 'overlay' || e.key !== 'Tab' || !cardRef.current) return;
    const focusables = Array.from(cardRef.current.querySelectorAll<HTMLElement>('a[href],button:not([disabled])'));
    if (focusables.length === 0) return;
    const root = cardRef.current.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (e.shiftKey && (active === first || !cardRef.current.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !cardRef.current.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  const reasons = Array.from(new Set(props.reasons.map(reasonKey)));

  const card = (
    <div
      ref={cardRef}
      class={`sg-card sg-${kind}`}
      role={variant === 'overlay' ? 'alertdialog' : 'region'}
      aria-modal={variant === 'overlay' ? 'true' : undefined}
      aria-labelledby={titleId}
      aria-describedby={leadId}
      onKeyDown={onKeyDown}
    >
      <div class="sg-band">
        <WarnIcon />
        <span>{tr('extName')}</span>
      </div>
      <div class="sg-body">
        <Title id={titleId} class="sg-title">
          {kind === 'impostor' ? tr('ui_card_title_impostor', broker) : tr('ui_card_title_suspicious', broker)}
        </Title>
        <p id={leadId} class="sg-lead">
          {tParts(
            lang,
            kind === 'impostor' ? 'ui_card_lead_impostor' : 'ui_card_lead_suspicious',
            <span class="sg-host">{props.pageHost}</span>,
            broker,
          )}
        </p>
        {kind === 'impostor' && <p class="sg-lock">{tr('ui_card_password_blocked')}</p>}
        {props.genuineUrl && (
          <div class="sg-suggest">
            <p class="sg-suggest-label">{tr('ui_card_did_you_mean')}</p>
            <p class="sg-suggest-url">{props.genuineUrl}</p>
            <a
              ref={primary}
              class="sg-primary"
              href={props.genuineUrl}
              rel="noreferrer"
              onClick={onPrimary}
              data-testid="sg-go-genuine"
            >
              {tr('ui_card_go_genuine', broker)}
            </a>
          </div>
        )}
        {reasons.length > 0 && (
          <div class="sg-why">
            <Sub class="sg-why-title">{tr('ui_why')}</Sub>
            <ul>
              {reasons.map((k) => (
                <li key={k}>{tr(k)}</li>
              ))}
            </ul>
          </div>
        )}
        {firm?.support && (
          <div class="sg-firm" data-testid="sg-firm">
            <SupportContact firm={firm} lang={lang} />
          </div>
        )}
        <div class="sg-continue">
          {!allowContinue ? (
            <p class="sg-note" data-testid="sg-continue-locked">
              {tr('ui_card_continue_disabled')}
            </p>
          ) : !confirming ? (
            <button type="button" class="sg-link" onClick={() => setConfirming(true)} data-testid="sg-continue">
              {tr('ui_card_continue')}
            </button>
          ) : (
            <div class="sg-confirm" role="group" aria-label={tr('ui_card_continue')}>
              <p>{tr('ui_card_continue_confirm')}</p>
              <div class="sg-actions">
                <button
                  ref={confirmYes}
                  type="button"
                  class="sg-secondary"
                  onClick={() => {
                    setConfirming(false);
                    primary.current?.focus();
                  }}
                  data-testid="sg-continue-cancel"
                >
                  {tr('ui_card_continue_cancel')}
                </button>
                <button
                  type="button"
                  class="sg-secondary sg-danger"
                  onClick={() => props.onContinue?.()}
                  data-testid="sg-continue-confirm"
                >
                  {tr('ui_card_continue_yes')}
                </button>
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  );

  return (
    <div class="sg-root" lang={lang}>
      {variant === 'overlay' ? <div class="sg-backdrop">{card}</div> : card}
    </div>
  );
}

/**
 * Renders the card with its styles into `container` (an element or a closed shadow root).
 * Returns an unmount function. The <style> goes in first so the card never flashes unstyled.
 */
export function renderWarningCard(container: Element | ShadowRoot, props: WarningCardProps): () => void {
  const doc = (container as Node).ownerDocument ?? document;
  const style = doc.createElement('style');
  style.textContent = WARNING_CARD_CSS;
  const host = doc.createElement('div');
  container.appendChild(style);
  container.appendChild(host);
  render(<WarningCard {...props} />, host);
  return () => {
    render(null, host);
    host.remove();
    style.remove();
  };
}
