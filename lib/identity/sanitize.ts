import { LIMITS } from './collect-limits';
import { clip } from './clip';
import type { FieldSignal, IdentitySignals, LogoPlace, LogoSignal } from './types';

/**
 * The background never trusts a content payload's shape: everything in it came from a page.
 * Re-bounds every string and array (same limits as collection) and drops what is malformed.
 * `path` is always emptied here; the background sets it from the sender's URL.
 */
const str = (v: unknown, max: number) => (typeof v === 'string' ? clip(v, max) : '');
const arr = (v: unknown, max: number): unknown[] => (Array.isArray(v) ? v.slice(0, max) : []);
const PLACES: LogoPlace[] = ['header', 'logo', 'form'];

export function sanitizeSignals(raw: unknown): IdentitySignals {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const logos: LogoSignal[] = arr(r.logos, LIMITS.logos).flatMap((x) => {
    const l = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const place = PLACES.find((p) => p === l.place);
    return place ? [{ text: str(l.text, LIMITS.logoText), src: str(l.src, LIMITS.logoSrc), place, external: l.external === true }] : [];
  });
  const fields: FieldSignal[] = arr(r.fields, LIMITS.fields).flatMap((x) => {
    if (!x || typeof x !== 'object') return [];
    const f = x as Record<string, unknown>;
    return [
      {
        type: str(f.type, 20),
        name: str(f.name, LIMITS.fieldText),
        id: str(f.id, LIMITS.fieldText),
        autocomplete: str(f.autocomplete, 40),
        placeholder: str(f.placeholder, LIMITS.fieldText),
        label: str(f.label, LIMITS.fieldText),
        maxLength: typeof f.maxLength === 'number' && Number.isFinite(f.maxLength) ? f.maxLength : -1,
        inputMode: str(f.inputMode, 20),
        masked: f.masked === true,
      },
    ];
  });
  return {
    v: 1,
    title: str(r.title, LIMITS.title),
    siteName: str(r.siteName, LIMITS.siteName),
    headings: arr(r.headings, LIMITS.headings).map((h) => str(h, LIMITS.heading)).filter(Boolean),
    logos,
    formText: str(r.formText, LIMITS.formText),
    formProse: str(r.formProse, LIMITS.formProse),
    fields,
    path: '',
  };
}
