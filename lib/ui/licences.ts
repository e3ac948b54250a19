/**
 * Third-party code shipped inside the extension (checked against node_modules by
 * lib/ui/licences.test.ts, so a dependency bump cannot leave this page wrong).
 */
export interface Licence {
  name: string;
  licence: string;
  url: string;
}

export const THIRD_PARTY: Licence[] = [
  { name: 'preact', licence: 'MIT', url: 'https://github.com/preactjs/preact' },
  { name: 'tldts', licence: 'MIT', url: 'https://github.com/remusao/tldts' },
  { name: 'idb', licence: 'ISC', url: 'https://github.com/jakearchibald/idb' },
  { name: 'punycode', licence: 'MIT', url: 'https://github.com/mathiasbynens/punycode.js' },
  { name: 'unicode-confusables', licence: 'MIT', url: 'https://github.com/wanderer/unicode-confusables' },
  { name: 'webextension-polyfill', licence: 'MPL-2.0', url: 'https://github.com/mozilla/webextension-polyfill' },
  { name: '@wxt-dev/webextension-polyfill', licence: 'MIT', url: 'https://github.com/wxt-dev/wxt' },
];

/** Data, not packages. */
export const THIRD_PARTY_DATA: Licence[] = [
  { name: 'Unicode confusables.txt (UTS #39)', licence: 'Unicode-3.0', url: 'https://www.unicode.org/license.txt' },
  { name: 'Public Suffix List (via tldts)', licence: 'MPL-2.0', url: 'https://publicsuffix.org/' },
];
