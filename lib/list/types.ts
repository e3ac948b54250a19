/**
 * The list document: the genuine brokerage origins Shoken Guard trusts.
 * JSON Schema: public/list/list.schema.json. All hosts are ASCII (punycode), lower case.
 */
export interface BrandNames {
  ja: string;
  en: string;
}

/** Page-content signals (issue 6): what a page shows when it dresses up as this broker. */
export interface BrandSignals {
  /** Strings that name the broker on a page (title, headings, logo alt, text near a form). */
  names?: string[];
  /** Path tokens copied from the genuine site, e.g. "/ETGate/". Lower case. */
  paths?: string[];
  /** Substrings of logo image URLs / file names, e.g. "sbisec_logo". */
  logos?: string[];
  /** Form field names the genuine login form uses, e.g. "user_id". */
  fields?: string[];
}

export interface BrandEntry {
  /** Stable id, [a-z0-9-]+, unique in the list. */
  id: string;
  names: BrandNames;
  /**
   * Genuine hosts. "www.sbisec.co.jp" is that exact host; "*.sc.mufg.jp" is every host under
   * sc.mufg.jp (and sc.mufg.jp itself). Only https origins on these hosts are genuine.
   */
  hosts: string[];
  /** Where "go to the genuine site" sends the user. https, on one of `hosts`. */
  loginUrl: string;
  /**
   * Distinctive labels the lookalike heuristics hunt for (e.g. "sbisec", "rakuten-sec").
   * Derived labels of the hosts' registrable domains are always added by the engine.
   */
  labels?: string[];
  /**
   * Ordinary words / surnames that name the brand ("nomura", "daiwa", "rakuten", "sbi"):
   * seen alone in a foreign host they make it at most `suspicious`, never `impostor`.
   */
  words?: string[];
  /** Registrable domains of genuine group companies that are NOT this broker: never flagged. */
  related?: string[];
  /** Extra origins (https://host) this broker's login forms legitimately post to. */
  formTargets?: string[];
  /** How well public sources support this entry. */
  confidence: 'high' | 'medium' | 'low';
  note?: string;
  signals?: BrandSignals;
}

export interface ListDocument {
  /** Document format version. */
  format: 1;
  /** Strictly increasing list version (no rollback). */
  version: number;
  /** ISO 8601 UTC timestamps. */
  issued: string;
  expires: string;
  publisher?: string;
  brands: BrandEntry[];
  /** Registrable domains never judged impostor/suspicious (identity providers, webmail...). */
  exempt?: string[];
}
