import { parse } from 'tldts';
import type { BrandEntry, BrandNames, ListDocument } from '../list/types';
import { skeleton } from './skeleton';

/** How much a brand label proves on its own (see classify for the rules). */
export type LabelStrength = 'distinctive' | 'word';

export interface LabelRef {
  brand: BrandEntry;
  /** The label as the list spells it ("rakuten-sec"). */
  label: string;
  /** Skeleton with separators removed ("rakutensec"): the lookup key. */
  key: string;
  /** Length of the label without separators, before skeleton folding ("m" → "rn" grows it). */
  length: number;
  strength: LabelStrength;
}

export interface IndexOptions {
  /** Extra genuine https origins (managed policy). */
  extraOrigins?: string[];
  /** How those origins are named in verdicts. */
  extraOriginsName?: BrandNames;
}

/**
 * The list, indexed once so that a lookup never scans it (lessons from MetaMask's linear
 * Levenshtein scan): hash maps by host, by registrable domain, by label skeleton, and a
 * symmetric-deletion neighbourhood for one-edit lookalikes.
 */
export interface ListIndex {
  version: number;
  brands: BrandEntry[];
  byId: Map<string, BrandEntry>;
  /** Exact genuine hosts. */
  hosts: Map<string, BrandEntry>;
  /** Genuine host subtrees ("sc.mufg.jp" for "*.sc.mufg.jp"). */
  subtrees: Map<string, BrandEntry>;
  /** Registrable domains a broker owns outright (sbisec.co.jp). */
  brandDomains: Map<string, BrandEntry>;
  /** Skeletons of owned registrable domains and genuine hosts (IDN homographs of them). */
  domainSkeletons: Map<string, BrandEntry>;
  /** Genuine group companies' registrable domains: never flagged. */
  related: Map<string, BrandEntry>;
  exempt: Set<string>;
  /** Joined skeleton tokens of embeddable genuine domains ("sbiseccojp") → brand. */
  embeddable: Map<string, { brand: BrandEntry; domain: string }>;
  /** Label key → refs (exact / hyphen-changed / confusable matches). */
  labels: Map<string, LabelRef[]>;
  /** One-deletion neighbourhood of distinctive label keys → refs (edit distance / swaps). */
  deletions: Map<string, LabelRef[]>;
  /** Policy-added genuine hosts. */
  policyHosts: Map<string, BrandEntry>;
  minEditLength: number;
  /** Distinct key lengths (ascending) of distinctive labels long enough to be found glued. */
  labelLengths: number[];
  /** Same lengths as a set: a token more than one character away from all of them has no typo match. */
  editLengths: Set<number>;
  /** Cache of per-token typo/glue lookups (tokens repeat across hosts); bounded. */
  tokenMemo: Map<string, TokenHits>;
}

export interface TokenHits {
  edits: { ref: LabelRef; kind: 'sub' | 'ins' | 'del' | 'swap' }[];
  glued: LabelRef[];
}

/** Labels shorter than this are not searched for one-edit typos (too many real words). */
export const MIN_EDIT_LENGTH = 6;

export const POLICY_BRAND_ID = 'policy';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Splits a host (or label) into its dot/hyphen separated tokens. */
export function tokensOf(host: string): string[] {
  return host.split(/[.-]+/).filter(Boolean);
}

export function deletionsOf(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

export function buildIndex(doc: ListDocument, opts: IndexOptions = {}): ListIndex {
  const index: ListIndex = {
    version: doc.version,
    brands: doc.brands,
    byId: new Map(),
    hosts: new Map(),
    subtrees: new Map(),
    brandDomains: new Map(),
    domainSkeletons: new Map(),
    related: new Map(),
    exempt: new Set(doc.exempt ?? []),
    embeddable: new Map(),
    labels: new Map(),
    deletions: new Map(),
    policyHosts: new Map(),
    minEditLength: MIN_EDIT_LENGTH,
    labelLengths: [],
    editLengths: new Set(),
    tokenMemo: new Map(),
  };
  for (const brand of doc.brands) for (const d of brand.related ?? []) index.related.set(d, brand);

  for (const brand of doc.brands) {
    index.byId.set(brand.id, brand);
    const words = new Set(brand.words ?? []);
    const labels = new Map<string, LabelStrength>();
    const addEmbeddable = (domain: string) => {
      index.embeddable.set(tokensOf(skeleton(domain)).join(''), { brand, domain });
      index.domainSkeletons.set(skeleton(domain), brand);
    };
    for (const entry of brand.hosts) {
      const subtree = entry.startsWith('*.');
      const host = subtree ? entry.slice(2) : entry;
      (subtree ? index.subtrees : index.hosts).set(host, brand);
      index.domainSkeletons.set(skeleton(host), brand);
      const p = parse(host, { allowPrivateDomains: true });
      if (!p.domain || !p.domainWithoutSuffix) continue;
      if (index.related.has(p.domain) || index.exempt.has(p.domain)) {
        // A shared group domain (mufg.jp, dmm.com): only the broker's own part is embeddable.
        addEmbeddable(host.replace(/^www\./, ''));
      } else {
        index.brandDomains.set(p.domain, brand);
        addEmbeddable(p.domain);
        labels.set(p.domainWithoutSuffix, words.has(p.domainWithoutSuffix) ? 'word' : 'distinctive');
      }
    }
    for (const l of brand.labels ?? []) labels.set(l, 'distinctive');
    for (const w of words) labels.set(w, 'word');
    for (const [label, strength] of labels) {
      const length = tokensOf(label).join('').length;
      const ref: LabelRef = { brand, label, key: tokensOf(skeleton(label)).join(''), length, strength };
      push(index.labels, ref.key, ref);
      if (strength === 'distinctive' && length >= MIN_EDIT_LENGTH) {
        for (const d of deletionsOf(ref.key)) push(index.deletions, d, ref);
      }
    }
  }

  const lengths = new Set<number>();
  for (const refs of index.labels.values()) {
    for (const r of refs) if (r.strength === 'distinctive' && r.length >= MIN_EDIT_LENGTH) lengths.add(r.key.length);
  }
  index.labelLengths = [...lengths].sort((a, b) => a - b);
  index.editLengths = lengths;

  if (opts.extraOrigins?.length) {
    const policyBrand: BrandEntry = {
      id: POLICY_BRAND_ID,
      names: opts.extraOriginsName ?? { ja: '組織が指定したサイト', en: 'Site added by your organisation' },
      hosts: [],
      loginUrl: '',
      confidence: 'high',
    };
    for (const origin of opts.extraOrigins) {
      const host = hostOf(origin);
      if (host) {
        policyBrand.hosts.push(host);
        index.policyHosts.set(host, policyBrand);
      }
    }
    if (policyBrand.hosts.length) policyBrand.loginUrl = `https://${policyBrand.hosts[0]}/`;
  }
  return index;
}
