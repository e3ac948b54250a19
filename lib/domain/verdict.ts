import type { BrandNames } from '../list/types';

export type VerdictKind = 'genuine' | 'impostor' | 'suspicious' | 'unrelated';

/**
 * Machine-readable reasons. Each heuristic has its own code so a verdict explains itself
 * (and tests can assert *why*, not only *what*).
 */
export type ReasonCode =
  | 'listed-host' // genuine: host named by the list
  | 'listed-subtree' // genuine: host under a listed subtree
  | 'policy-origin' // genuine: added by managed policy
  | 'insecure-scheme' // http: on a listed host — never genuine
  | 'brand-domain-unlisted' // a host under the broker's own domain that the list does not name
  | 'related-group' // registrable domain of a genuine group company (not the broker)
  | 'exempt' // list-exempt domain (identity providers, webmail)
  | 'confusable-skeleton' // IDN host whose skeleton equals a genuine host / label
  | 'edit-distance' // one insertion/deletion/substitution away from a broker label
  | 'adjacent-swap' // two neighbouring characters swapped
  | 'hyphen-dot-change' // hyphen or dot inserted/removed (rakutensec, sbi-sec)
  | 'suffix-swap' // broker label on another public suffix (sbisec.com)
  | 'embedded-domain' // genuine registrable domain embedded in a foreign host
  | 'label-in-subdomain' // broker label as a subdomain label of a foreign domain
  | 'combo-squat' // broker label + keyword (sbisec-login.com)
  | 'hosting-platform' // broker label on a hosting / proxy platform (pages.dev, translate.goog)
  | 'brand-word' // ordinary brand word only: suspicious at most
  | 'page-identity' // page presents itself as the broker (issue 6)
  | 'not-web' // data:, blob:, about:, file:, extension pages...
  | 'ip-address'
  | 'unparseable'
  | 'no-match';

export interface Verdict {
  kind: VerdictKind;
  /** Normalised ASCII host that was judged (absent when the input had none). */
  host?: string;
  /** Brand id (genuine: this broker; impostor/suspicious: the broker imitated). */
  brand?: string;
  brandNames?: BrandNames;
  /** The genuine login URL to offer ("did you mean …?"); set for impostor/suspicious/genuine. */
  imitates?: string;
  /** The list element that matched (host, label or domain). */
  matched?: string;
  reasons: ReasonCode[];
  listVersion: number;
}
