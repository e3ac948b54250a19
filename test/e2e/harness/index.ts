// Shared real-browser E2E harness: local HTTPS server for real hostnames + headless Chromium
// with the built extension. See README.md beside this file.
export { startE2E, stopServiceWorker, startServiceWorker, serviceWorkerStatus, toolbarState, CHROMIUM, type E2E, type StartOptions } from './browser';
export { withPolicy, installPolicy, removePolicy, POLICY_FILE, EXTENSION_ID } from './policy';
export { defaultToolbarTitle, judgedToolbar, readToolbar, settledToolbar, tabIdOf, waitForBadge, type ToolbarState } from './toolbar';
export { startFixtureServer, hostResolverRules, isBrowserNoise, type FixtureServer, type LoggedRequest, type RouteHandler, type RouteResponse } from './server';
export { buildExtension, type BuildOptions } from './build';
export { ensureTls } from './tls';
export { ROOT, SITES_DIR, defaultExtensionDir } from './paths';
