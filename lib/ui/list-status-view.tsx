import type { ListStatus } from '../messaging/protocol';
import { formatDateTime } from './format';
import { translator, type Lang } from './i18n';
import { listHealth, type HealthNote } from './list-health';

function sub(raw: string, lang: Lang): string {
  if (raw.startsWith('date:')) return formatDateTime(Number(raw.slice(5)), lang);
  if (raw.startsWith('key:')) return translator(lang)(raw.slice(4));
  return raw;
}

export function noteText(n: HealthNote, lang: Lang): string {
  return translator(lang)(n.key, ...n.subs.map((s) => sub(s, lang)));
}

/** List version + freshness notes (popup and options). Warnings are announced politely. */
export function ListHealthNotes({ status, lang, now }: { status: ListStatus; lang: Lang; now: number }) {
  const notes = listHealth(status, now);
  return (
    <div role="status" data-testid="list-health">
      {notes.map((n) => (
        <p key={n.key} class={`note note-${n.level}`} data-level={n.level}>
          {noteText(n, lang)}
        </p>
      ))}
    </div>
  );
}
