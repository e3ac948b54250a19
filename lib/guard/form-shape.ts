import { isCredentialField } from './credential';
import type { CredentialElement } from './hooks';

/** The form's fields that hold a credential value now (password, PIN, one-time code). */
export function credentialsIn(form: HTMLFormElement): CredentialElement[] {
  const out: CredentialElement[] = [];
  const els = form.elements;
  for (let i = 0; i < els.length; i++) {
    const el = els[i] as CredentialElement;
    if ((el.localName === 'input' || el.localName === 'textarea') && el.value && isCredentialField(el)) out.push(el);
  }
  return out;
}

/** Where a submission goes: the submitter's `formaction`, else the form's action, else the page. */
export function destinationOf(win: Window, form: HTMLFormElement, submitter: HTMLElement | null): string {
  if (submitter && submitter.hasAttribute('formaction')) return (submitter as HTMLButtonElement).formAction;
  return form.action || win.location.href;
}
