import { translator, type Lang } from './i18n';

/**
 * How a firm's support contact (managed policy, free text) is shown: an https URL or an
 * e-mail address becomes a link, anything else (a phone number, opening hours) is text.
 * Only https: and mailto: links are ever produced.
 */
export function contactHref(support: string): string | undefined {
  const s = support.trim();
  if (/^https:\/\/[^\s]+$/i.test(s)) return s;
  if (/^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i.test(s)) return `mailto:${s}`;
  return undefined;
}

export function SupportContact({ firm, lang }: { firm: { name?: string; support?: string }; lang: Lang }) {
  const tr = translator(lang);
  const support = firm.support ?? '';
  const href = contactHref(support);
  const label = firm.name ? tr('ui_firm_contact_named', firm.name) : tr('ui_firm_contact');
  return (
    <p style={{ margin: 0 }}>
      <strong>{label}</strong>{' '}
      {href ? (
        <a href={href} target="_blank" rel="noreferrer">
          {support}
        </a>
      ) : (
        <span>{support}</span>
      )}
    </p>
  );
}
