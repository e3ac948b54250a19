import { parse } from 'tldts';
import type { BrandEntry } from '../list/types';
import { parseTarget } from './host';
import { homographOf, type ListIndex } from './list-index';
import { findLookalikes, mayLookAlike, shapeOf, type Finding } from './lookalike';
import { skeleton } from './skeleton';
import type { ReasonCode, Verdict, VerdictKind } from './verdict';
import { labelToUnicode } from './host';

export { buildIndex, type ListIndex, type IndexOptions } from './list-index';

/**
 * `host` comes from parseTarget: already extracted, lower-cased and IP-checked, so tldts need
 * not do it again. It does not re-validate it either: Chromium navigates to hosts that are not
 * strict DNS names ("www.sbisec.co.jp_x.example"), and those must be judged, not waved through.
 */
const HOST_PARSE = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const;

function verdictOf(
  kind: VerdictKind,
  index: ListIndex,
  reasons: ReasonCode[],
  host?: string,
  brand?: BrandEntry,
  matched?: string,
): Verdict {
  const v: Verdict = { kind, reasons, listVersion: index.version };
  if (host !== undefined) v.host = host;
  if (brand) {
    v.brand = brand.id;
    v.brandNames = brand.names;
    if (brand.loginUrl) v.imitates = brand.loginUrl;
  }
  if (matched !== undefined) v.matched = matched;
  return v;
}

/** The genuine entry for a host: exact host, then the nearest listed subtree, then policy. */
export function genuineBrandOf(host: string, index: ListIndex): { brand: BrandEntry; reason: ReasonCode; matched: string } | undefined {
  const exact = index.hosts.get(host);
  if (exact) return { brand: exact, reason: 'listed-host', matched: host };
  // Subtrees are looked up only at the depths the list uses ("sc.mufg.jp": 3 labels), so an
  // ordinary host costs one slice per depth, not one per label.
  for (const depth of index.subtreeDepths) {
    let at = host.length;
    for (let i = 0; i < depth && at > 0; i++) at = host.lastIndexOf('.', at - 1);
    if (at === -1 && depth > 1 + countDots(host)) continue;
    const suffix = at <= 0 ? host : host.slice(at + 1);
    const b = index.subtrees.get(suffix);
    if (b) return { brand: b, reason: 'listed-subtree', matched: `*.${suffix}` };
  }
  const p = index.policyHosts.get(host);
  if (p) return { brand: p, reason: 'policy-origin', matched: host };
  return undefined;
}

function unicode(h: string): string {
  return h.includes('xn--') ? h.split('.').map(labelToUnicode).join('.') : h;
}

function countDots(s: string): number {
  let n = 0;
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) n++;
  return n;
}

function strongest(findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.severity === 'impostor') ?? findings[0];
}

/**
 * Judges one URL (or bare host) against the indexed list. Pure and total: any input gives a
 * verdict, unparseable input is `unrelated` with a reason.
 *
 * genuine    https + a host the list names (exact or subtree), or a policy origin.
 * impostor   a lookalike of a broker domain strong enough to block passwords.
 * suspicious a brand word on a foreign domain and nothing more: caution only; the page
 *            guard upgrades it when the page also dresses up as that broker.
 * unrelated  everything else, including genuine group companies (Rakuten Ichiba, SBI Shinsei
 *            Bank, Nomura Real Estate…) and unlisted hosts under a broker's own domain.
 */
export function classify(input: string, index: ListIndex): Verdict {
  const target = parseTarget(input);
  if (target.kind === 'unparseable') return verdictOf('unrelated', index, ['unparseable']);
  if (target.kind === 'not-web') return verdictOf('unrelated', index, ['not-web']);
  const { host } = target;
  if (target.isIp) return verdictOf('unrelated', index, ['ip-address'], host);

  const genuine = genuineBrandOf(host, index);
  if (genuine) {
    if (target.scheme !== 'https') return verdictOf('unrelated', index, ['insecure-scheme'], host, genuine.brand, genuine.matched);
    return verdictOf('genuine', index, [genuine.reason], host, genuine.brand, genuine.matched);
  }

  const p = parse(host, HOST_PARSE);
  const domain = p.domain;
  if (!domain || !p.publicSuffix) return verdictOf('unrelated', index, ['no-match'], host);
  const own = index.brandDomains.get(domain);
  if (own) return verdictOf('unrelated', index, ['brand-domain-unlisted'], host, own, domain);
  // Group companies decide over their own domain; ICANN domain too for private-suffix hosts
  // (never for proxies/hosting, where anybody owns the subdomain).
  if (index.related.has(domain)) return verdictOf('unrelated', index, ['related-group'], host, undefined, domain);
  if (index.exempt.has(domain)) return verdictOf('unrelated', index, ['exempt'], host, undefined, domain);

  // Whole-domain homograph of a genuine domain or host (xn--… with Cyrillic letters, rn for m).
  const skDomain = skeleton(unicode(domain));
  const skHost = domain === host ? skDomain : skeleton(unicode(host));
  // A bare registrable domain is asked once (the host would ask the same question again).
  const homograph = homographOf(skDomain, domain, index) ?? (host === domain ? undefined : homographOf(skHost, host, index));
  const findings: Finding[] = homograph
    ? [{ brand: homograph, severity: 'impostor', reasons: ['confusable-skeleton'], matched: skDomain }]
    : [];
  // Most hosts match nothing: for plain ASCII ones a precheck on the skeleton says so without
  // building the token shape (the findings' reasons need it only when something matches).
  if (host.includes('xn--') || mayLookAlike(skHost, countDots(p.publicSuffix) + 1, index)) {
    findings.push(...findLookalikes(shapeOf(host, p.publicSuffix, p.isPrivate === true), index));
  }
  const best = strongest(findings);
  if (!best) return verdictOf('unrelated', index, ['no-match'], host);
  const reasons: ReasonCode[] = [];
  for (const f of findings) {
    if (f.brand !== best.brand) continue;
    for (const r of f.reasons) if (!reasons.includes(r)) reasons.push(r);
  }
  return verdictOf(best.severity, index, reasons, host, best.brand, best.matched);
}
