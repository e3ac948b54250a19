/** Set by wxt.config.ts: true only in the QA (test-mode) build. */
declare const __SHOKEN_TEST_MODE__: boolean;
