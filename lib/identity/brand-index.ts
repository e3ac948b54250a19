import type { BrandEntry } from '../list/types';
import { normalize } from './text';

/** A brand's page signals, normalised once per list version (list data, not code: issue 6). */
export interface BrandSignalSet {
  id: string;
  /** Normalised names (brand names from the list + signals.names), longest first. */
  names: string[];
  /** Lower-case path tokens ("/etgate/") distinctive enough to name the broker. */
  paths: string[];
  /** Path tokens made of ordinary words ("/its/", "memberlogin", "/login/jp/"): weak evidence only. */
  weakPaths: string[];
  /** Lower-case logo file tokens ("sbisec"), matched on non-alphanumeric boundaries. */
  logos: string[];
  /** Lower-case form field names ("user_password"). */
  fields: string[];
}

export interface IdentityIndex {
  version: number;
  brands: BrandSignalSet[];
  /** Every brand name of every brand, normalised (for title residue computation). */
  allNames: string[];
}

/**
 * Words that many unrelated sites use in their own login paths. A list token made only of these
 * (after removing them, fewer than 4 letters remain) cannot say "this is broker X" on its own:
 * "/its/" is also a university's IT services, "MemberLogin.jsp" a thousand member sites.
 */
const GENERIC_PATH_WORDS = [
  'password', 'members', 'member', 'signin', 'logon', 'login', 'account', 'mypage', 'index', 'auth', 'user', 'home', 'web', 'jsp',
  'php', 'html', 'aspx', 'asp', 'its', 'top', 'id', 'jp', 'en', 'pc', 'sp',
];

export function isGenericPathToken(token: string): boolean {
  let rest = token.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  for (const w of GENERIC_PATH_WORDS) rest = rest.split(w).join('');
  return rest.replace(/\s+/g, '').length < 4;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.filter((x) => x.length > 0))];
}

/** From a list document or the engine's ListIndex (both carry `version` and `brands`). */
export function buildIdentityIndex(doc: { version: number; brands: readonly BrandEntry[] }): IdentityIndex {
  const brands: BrandSignalSet[] = [];
  for (const b of doc.brands ?? []) {
    const s = b.signals ?? {};
    // Names shorter than 3 normalised characters ("sbi") are ordinary words, not a brand claim.
    const names = uniq([b.names?.ja ?? '', b.names?.en ?? '', ...(s.names ?? [])].map(normalize))
      .filter((n) => n.length >= 3)
      .sort((x, y) => y.length - x.length);
    const paths = uniq((s.paths ?? []).map((p) => p.toLowerCase()));
    brands.push({
      id: b.id,
      names,
      paths: paths.filter((p) => !isGenericPathToken(p)),
      weakPaths: paths.filter(isGenericPathToken),
      logos: uniq((s.logos ?? []).map((p) => p.toLowerCase())),
      fields: uniq((s.fields ?? []).map((p) => p.toLowerCase())),
    });
  }
  const allNames = uniq(brands.flatMap((b) => b.names)).sort((x, y) => y.length - x.length);
  return { version: doc.version, brands, allNames };
}
