import { createLockOverlay } from '../overlay';
import { createGuardNotices } from './notices';

/**
 * The guard's UI (warning card with Preact and both string catalogues, notices): ~60 KB that
 * every frame of every page would otherwise parse at document_start. It is injected into the
 * content script's isolated world only when a frame needs it (lock or caution or a stopped
 * submission) by the background (scripting.executeScript, 'guard/load-ui'), and found by the
 * content script on this isolated-world global. Pages cannot see isolated-world globals.
 */
export const GUARD_UI_GLOBAL = '__shokenGuardUi';

export interface GuardUiModule {
  createLockOverlay: typeof createLockOverlay;
  createGuardNotices: typeof createGuardNotices;
}

export function installGuardUi(): void {
  const g = globalThis as Record<string, unknown>;
  if (g[GUARD_UI_GLOBAL]) return;
  const ui: GuardUiModule = { createLockOverlay, createGuardNotices };
  g[GUARD_UI_GLOBAL] = Object.freeze(ui);
}
