import ja from '../../public/_locales/ja/messages.json';
import en from '../../public/_locales/en/messages.json';

/**
 * UI strings come from public/_locales (the single source of truth, also used by the browser
 * for the manifest). They are bundled here as data so a component can render in a given
 * language anywhere — extension pages, a closed shadow root in a page, or a Node test —
 * instead of depending on browser.i18n (which cannot switch language per component).
 * Japanese is the default; English when the browser's language is not Japanese.
 */
export type Lang = 'ja' | 'en';

interface LocaleEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, LocaleEntry>;

const catalogues: Record<Lang, Catalogue> = { ja: ja as Catalogue, en: en as Catalogue };

/** 'ja' for any Japanese UI language, else 'en'. */
export function langFrom(uiLanguage: string | undefined | null): Lang {
  return (uiLanguage ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The browser's UI language (navigator.language as a fallback; Japanese when unknown). */
export function detectLang(): Lang {
  const g = globalThis as { chrome?: { i18n?: { getUILanguage?: () => string } }; navigator?: { language?: string } };
  try {
    const ui = g.chrome?.i18n?.getUILanguage?.();
    if (ui) return langFrom(ui);
  } catch {
    /* not in an extension context */
  }
  return g.navigator?.language ? langFrom(g.navigator.language) : 'ja';
}

/**
 * Chrome's messages.json semantics: `$NAME$` refers to a declared placeholder whose content
 * is usually `$1`…`$9` (a substitution); `$$` is a literal dollar.
 */
function format(entry: LocaleEntry, subs: readonly string[]): string {
  const named = entry.placeholders ?? {};
  const lowerNamed: Record<string, string> = {};
  for (const [k, v] of Object.entries(named)) lowerNamed[k.toLowerCase()] = v.content;
  const positional = (s: string) => s.replace(/\$(\d)/g, (_m, d: string) => subs[Number(d) - 1] ?? '');
  // One pass, so a substituted value is never scanned again for "$…$" or "$$".
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (m, name: string | undefined) => {
    if (name === undefined) return '$';
    const content = lowerNamed[name.toLowerCase()];
    return content === undefined ? m : positional(content);
  });
}

/** Translate `key` in `lang`; falls back to Japanese, then to the key itself (visible in tests). */
export function t(lang: Lang, key: string, ...subs: string[]): string {
  const entry = catalogues[lang][key] ?? catalogues.ja[key];
  return entry ? format(entry, subs) : key;
}

export type Translate = (key: string, ...subs: string[]) => string;

export function translator(lang: Lang): Translate {
  return (key, ...subs) => t(lang, key, ...subs);
}

/** Whether a key exists in both catalogues (used by tests and dev checks). */
export function hasKey(key: string): boolean {
  return key in catalogues.ja && key in catalogues.en;
}

/**
 * Like `t`, but substitutions may be rich nodes (e.g. the page host in <code>): returns the
 * message split into an array of strings and the given nodes, in the language's word order.
 */
export function tParts<N>(lang: Lang, key: string, ...subs: (string | N)[]): (string | N)[] {
  const marks = subs.map((_s, i) => `\u0000${i}\u0000`);
  const text = t(lang, key, ...marks);
  const out: (string | N)[] = [];
  for (const piece of text.split(/(\u0000\d+\u0000)/)) {
    const m = /^\u0000(\d+)\u0000$/.exec(piece);
    if (m) out.push(subs[Number(m[1])]);
    else if (piece) out.push(piece);
  }
  return out;
}
