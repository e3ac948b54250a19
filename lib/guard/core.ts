import { armIdentityAndReuse } from '../identity/arm';
import { createPageGuard } from './page-guard';
import { CORE, type GuardCore } from './start';

/**
 * The guard's core as one object: the page guard and what it arms (page identity, password
 * reuse: lib/identity/arm.ts). guard-core.js registers it in a frame's isolated world on demand
 * (Chromium); the Firefox content script bundles it (lib/guard/start.ts, `core`).
 */
export const guardCore: GuardCore = {
  createPageGuard,
  arm: (guard, relay) => void armIdentityAndReuse(guard, relay),
};

/** guard-core.js: leaves the core where the content script looks for it (first load wins). */
export function registerGuardCore(): void {
  const g = globalThis as Record<string, unknown>;
  if (!g[CORE]) g[CORE] = guardCore;
}
