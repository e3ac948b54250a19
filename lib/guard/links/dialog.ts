import type { LinkVerdict, LinkReason } from '../../domain/links';
import { t, type Lang } from '../../ui/i18n';
import { brandLabel } from './marks';

export type DialogChoice = 'genuine' | 'proceed' | 'cancel';

export interface DialogInfo {
  verdict: LinkVerdict;
  /** What the link shows (its text), as the user saw it. */
  shown: string;
  lang: Lang;
}

const REASON_KEYS: Partial<Record<LinkReason, string>> = {
  'translation-proxy': 'webmail_reason_translation_proxy',
  'target-impostor': 'webmail_reason_target_impostor',
  'target-suspicious': 'webmail_reason_target_suspicious',
  'text-shows-broker-url': 'webmail_reason_text_shows_broker_url',
  'text-names-broker': 'webmail_reason_text_names_broker',
  'opaque-redirect': 'webmail_reason_opaque_redirect',
};

export function reasonLines(v: LinkVerdict, lang: Lang): string[] {
  const brand = brandLabel(v, lang);
  return v.reasons.flatMap((r) => (REASON_KEYS[r] ? [t(lang, REASON_KEYS[r]!, brand)] : []));
}

const CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.45);
  display: flex; align-items: center; justify-content: center; font: 15px/1.6 system-ui, "Hiragino Sans", "Yu Gothic", sans-serif; }
.box { background: #fff; color: #1f1f1f; max-width: 560px; width: calc(100% - 32px); border-radius: 10px;
  border-top: 6px solid #c62828; padding: 20px 24px; box-shadow: 0 8px 32px rgba(0,0,0,.35); }
h2 { margin: 0 0 12px; font-size: 18px; color: #8e0000; }
dl { margin: 0 0 12px; } dt { font-size: 12px; color: #5f6368; } dd { margin: 0 0 8px; word-break: break-all; }
.target { font-family: ui-monospace, monospace; font-weight: bold; }
ul { margin: 0 0 12px; padding-left: 20px; } p { margin: 0 0 16px; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; }
button { font: inherit; padding: 8px 14px; border-radius: 6px; cursor: pointer; border: 1px solid #dadce0; background: #fff; color: #1f1f1f; }
button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; font-weight: bold; }
button.risk { border: none; background: none; color: #8e0000; text-decoration: underline; font-size: 13px; }
button:focus-visible { outline: 3px solid #fbbc04; outline-offset: 2px; }
`;

let open: { host: Element; resolve: (c: DialogChoice) => void } | undefined;

/**
 * The confirm dialog, in a closed shadow root so neither the mail's styles nor its scripts can
 * reach or click it. "Do not open" has the focus; Escape cancels; the page removing the dialog
 * counts as cancel. Resolves with the user's trusted choice.
 */
export function showLinkDialog(doc: Document, info: DialogInfo): Promise<DialogChoice> {
  if (open) {
    if (open.host.isConnected) return Promise.resolve('cancel'); // one dialog at a time
    open.resolve('cancel');
    open = undefined;
  }
  const { verdict, lang } = info;
  const host = doc.createElement('shoken-guard-link-dialog');
  const root = host.attachShadow({ mode: 'closed' });
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const style = el('style', CSS);
  const backdrop = el('div', undefined, 'backdrop');
  const box = el('div', undefined, 'box');
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', 'sg-title');
  box.setAttribute('aria-describedby', 'sg-reasons');
  box.lang = lang;
  const h = el('h2', t(lang, 'webmail_dialog_title'));
  h.id = 'sg-title';
  const dl = el('dl');
  if (info.shown) dl.append(el('dt', t(lang, 'webmail_dialog_shows')), el('dd', info.shown.slice(0, 200)));
  const goes = el('dd', undefined);
  goes.append(el('span', verdict.targetHost ?? verdict.target.slice(0, 200), 'target'));
  if (verdict.via.length) goes.append(' ', el('span', t(lang, 'webmail_dialog_via')));
  dl.append(el('dt', t(lang, 'webmail_dialog_goes')), goes);
  const ul = el('ul');
  ul.id = 'sg-reasons';
  for (const line of reasonLines(verdict, lang)) ul.append(el('li', line));
  const advice = el('p', t(lang, 'webmail_advice'));
  const buttons = el('div', undefined, 'buttons');
  const cancel = el('button', t(lang, 'webmail_cancel'));
  cancel.dataset.choice = 'cancel';
  const proceed = el('button', t(lang, 'webmail_proceed'), 'risk');
  proceed.dataset.choice = 'proceed';
  if (verdict.genuineUrl) {
    const genuine = el('button', t(lang, 'webmail_go_genuine', brandLabel(verdict, lang)), 'primary');
    genuine.dataset.choice = 'genuine';
    genuine.title = verdict.genuineUrl;
    buttons.append(genuine);
  }
  buttons.append(cancel, proceed);
  box.append(h, dl, ul, advice, buttons);
  backdrop.append(box);
  root.append(style, backdrop);

  return new Promise<DialogChoice>((resolve) => {
    const previousFocus = doc.activeElement as HTMLElement | null;
    const finish = (c: DialogChoice) => {
      if (open?.host !== host) return;
      open = undefined;
      host.remove();
      try {
        previousFocus?.focus?.();
      } catch {
        /* element gone */
      }
      resolve(c);
    };
    open = { host, resolve: finish };
    const all = [...buttons.querySelectorAll('button')];
    root.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      const choice = (e.target as HTMLElement | null)?.closest?.('button')?.dataset.choice as DialogChoice | undefined;
      if (choice) finish(choice);
      e.stopPropagation();
    });
    root.addEventListener('keydown', (e) => {
      const k = e as KeyboardEvent;
      if (!k.isTrusted) return;
      if (k.key === 'Escape') finish('cancel');
      else if (k.key === 'Tab') {
        // keep focus inside the dialog
        const i = all.indexOf(root.activeElement as HTMLButtonElement);
        const next = all[(i + (k.shiftKey ? all.length - 1 : 1) + all.length) % all.length];
        next.focus();
        k.preventDefault();
      }
      k.stopPropagation();
    });
    doc.documentElement.appendChild(host);
    cancel.focus();
  });
}

/** For tests and teardown: close the dialog if one is open. */
export function closeLinkDialog(): void {
  open?.resolve('cancel');
}
