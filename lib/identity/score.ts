import type { BrandSignalSet, IdentityIndex } from './brand-index';
import { credentialAsk } from './fields';
import { AGGREGATOR_WORDS, containsAny, hasDelimitedToken, LOGIN_WORDS, normalize, residue, titleSegments } from './text';
import type { IdentityReason, IdentityScore, IdentitySignals } from './types';

/**
 * Page identity: does this page present itself AS a listed broker? Pure, no DOM, no browser API.
 *
 * The decision rests on WHERE a brand appears, not on whether it is mentioned. News articles,
 * blogs, aggregators and stock-info portals mention brokers all the time; what they do not do is
 * put the broker in the places a site uses to say who it is: its site name, the site-name part
 * of its title, its header logo, the box around its login form, or the broker's own URL paths.
 *
 * Points per brand (each place counts once):
 *   site-name meta 3 · title site segment 3 (elsewhere in the title 1) · logo 3 · <h1> 1 ·
 *   text next to the credential form 4 · broker path token 3 (1 for tokens made of ordinary
 *   words, brand-index.ts) · broker field names 1 ·
 *   login wording +1 (only when a brand already scored).
 * A place that names two or more brokers counts for none (comparison tables, "SBI vs 楽天").
 * A page that names itself as something else (og:site_name or the title's site segment is a
 * non-broker name) loses 3; if it is also an aggregator (連携), the brand next to its form is
 * the account being linked, not the page's identity, and counts for nothing.
 */
export const WEIGHTS = {
  siteName: 3,
  titleSite: 3,
  titleMention: 1,
  logo: 3,
  heading: 1,
  formText: 4,
  path: 3,
  pathWeak: 1,
  fields: 1,
  loginWording: 1,
  competing: -3,
} as const;

/** A page asking for a password that scores this much presents itself as the broker. */
export const IMPOSTOR_THRESHOLD = 4;
/**
 * Lower bar when the page asks for a trading PIN / one-time code, or its domain already carries
 * the same broker's word (verdict 'suspicious'): those pages have less reason to exist.
 */
export const STRONG_CONTEXT_THRESHOLD = 3;

type Place = 'siteName' | 'titleSite' | 'titleMention' | 'logo' | 'heading' | 'formText' | 'path' | 'pathWeak' | 'fields';
const REASON_OF: Record<Place, IdentityReason> = {
  siteName: 'site-name',
  titleSite: 'title-site',
  titleMention: 'title-mention',
  logo: 'logo',
  heading: 'heading',
  formText: 'form-text',
  path: 'path',
  pathWeak: 'path',
  fields: 'fields',
};

function brandsNamedIn(text: string, index: IdentityIndex): BrandSignalSet[] {
  if (!text) return [];
  return index.brands.filter((b) => b.names.some((n) => text.includes(n)));
}

function logoBrands(text: string, src: string, index: IdentityIndex): BrandSignalSet[] {
  const t = normalize(text);
  return index.brands.filter(
    (b) => b.names.some((n) => t.includes(n)) || b.logos.some((tok) => hasDelimitedToken(src, tok)),
  );
}

export function scoreIdentity(signals: IdentitySignals, index: IdentityIndex): IdentityScore {
  const notes = new Set<IdentityReason>();
  const places = new Map<string, Set<Place>>();
  const give = (brands: BrandSignalSet[], place: Place) => {
    if (brands.length > 1) {
      notes.add('many-brands');
      return;
    }
    for (const b of brands) {
      if (!places.has(b.id)) places.set(b.id, new Set());
      places.get(b.id)!.add(place);
    }
  };

  // --- the page's own name: site-name meta and the title's site segment -------------------
  let competing = false;
  const siteName = normalize(signals.siteName ?? '');
  if (siteName) {
    const named = brandsNamedIn(siteName, index);
    if (named.length) give(named, 'siteName');
    else if (residue(siteName, index.allNames).length > 2) competing = true;
  }

  const segments = titleSegments(signals.title ?? '').map(normalize).filter(Boolean);
  if (segments.length) {
    // Site name is conventionally the last segment ("ログイン | SBI証券"); when that one is
    // generic ("SBI証券 | ログイン"), the first.
    let site = segments[segments.length - 1];
    if (segments.length > 1 && residue(site, index.allNames).length <= 2 && brandsNamedIn(site, index).length === 0) {
      site = segments[0];
    }
    const inTitle = brandsNamedIn(segments.join('|'), index);
    if (inTitle.length > 1) notes.add('many-brands');
    else if (inTitle.length === 1) {
      const inSite = brandsNamedIn(site, index);
      // The site segment is the brand only when nothing but the brand and generic words remain.
      if (inSite.length === 1 && residue(site, index.allNames).length <= 2) give(inSite, 'titleSite');
      else give(inTitle, 'titleMention');
    }
    if (segments.length > 1) {
      const last = segments[segments.length - 1];
      if (brandsNamedIn(last, index).length === 0 && residue(last, index.allNames).length > 2) competing = true;
    }
  }
  if (competing) notes.add('competing-identity');

  // --- the box around the credential form -------------------------------------------------
  const formText = normalize(signals.formText ?? '');
  const formWords = formText + '|' + normalize(signals.formProse ?? '');
  const aggregator = competing && containsAny(formWords, AGGREGATOR_WORDS);
  if (aggregator) notes.add('aggregator');
  if (!aggregator) give(brandsNamedIn(formText, index), 'formText');

  // --- logos: header / marked logo / next to the form; ads linking elsewhere do not count --
  const logoNamed = new Set<BrandSignalSet>();
  for (const l of (signals.logos ?? []).slice(0, 16)) {
    if (l.external) continue;
    if (l.place === 'form' && aggregator) continue;
    for (const b of logoBrands(l.text ?? '', (l.src ?? '').toLowerCase(), index)) logoNamed.add(b);
  }
  give([...logoNamed], 'logo');

  // --- headings, path, field names -------------------------------------------------------
  const h1 = (signals.headings ?? []).slice(0, 3).map(normalize).join('|');
  const inH1 = brandsNamedIn(h1, index);
  if (inH1.length === 1) give(inH1, 'heading');
  else if (inH1.length > 1) notes.add('many-brands');

  const path = (signals.path ?? '').toLowerCase();
  const strongPath = index.brands.filter((b) => b.paths.some((p) => path.includes(p)));
  give(strongPath, 'path');
  if (!strongPath.length) give(index.brands.filter((b) => b.weakPaths.some((p) => path.includes(p))), 'pathWeak');

  const fieldNames = (signals.fields ?? []).flatMap((f) => [f.name, f.id].map((x) => (x ?? '').toLowerCase()));
  for (const b of index.brands) {
    if (b.fields.some((f) => fieldNames.includes(f))) {
      if (!places.has(b.id)) places.set(b.id, new Set());
      // Field names are shared between brokers (loginid/passwd): evidence for each, never alone.
      places.get(b.id)!.add('fields');
    }
  }

  const loginWording = containsAny(formWords, LOGIN_WORDS) || segments.some((s) => containsAny(s, LOGIN_WORDS));

  // --- totals ------------------------------------------------------------------------------
  let best: { id: string; score: number; places: Set<Place> } | undefined;
  let runnerUp = 0;
  for (const [id, ps] of places) {
    // Weak evidence (shared field names, ordinary-word paths) never makes an identity alone.
    if ([...ps].every((p) => p === 'fields' || p === 'pathWeak')) continue;
    let score = 0;
    for (const p of ps) score += WEIGHTS[p];
    if (loginWording) score += WEIGHTS.loginWording;
    if (competing) score += WEIGHTS.competing;
    if (!best || score > best.score) {
      if (best) runnerUp = Math.max(runnerUp, best.score);
      best = { id, score, places: ps };
    } else runnerUp = Math.max(runnerUp, score);
  }

  const asks = credentialAsk(signals.fields ?? []);
  const reasons: IdentityReason[] = [];
  if (best) {
    for (const p of ['siteName', 'titleSite', 'titleMention', 'logo', 'heading', 'formText', 'path', 'pathWeak', 'fields'] as Place[]) {
      if (best.places.has(p) && !reasons.includes(REASON_OF[p])) reasons.push(REASON_OF[p]);
    }
    if (loginWording) reasons.push('login-wording');
  }
  reasons.push(...notes);
  if (asks.password) reasons.push('password');
  if (asks.tradingPin) reasons.push('trading-pin');
  else if (asks.pin) reasons.push('pin');
  if (asks.otp) reasons.push('otp');

  // Two brands scoring alike: the page is about brokers, not one of them.
  if (best && best.score - runnerUp < 2 && runnerUp > 0) {
    if (!reasons.includes('many-brands')) reasons.push('many-brands');
    return { score: 0, reasons, asks, runnerUp };
  }
  return best && best.score > 0
    ? { brand: best.id, score: best.score, reasons, asks, runnerUp }
    : { score: Math.max(0, best?.score ?? 0), reasons, asks, runnerUp };
}
