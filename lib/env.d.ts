/** Set by wxt.config.ts: true only in the QA (test-mode) build. */
declare const __SHOKEN_TEST_MODE__: boolean;
declare module 'punycode/punycode.es6.js' { export function toUnicode(s: string): string; export function toASCII(s: string): string; }
