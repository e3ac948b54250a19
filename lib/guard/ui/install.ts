import { collectIdentity } from '../../identity/collect';
import { setShadowOpener } from '../../identity/dom-text';
import { iframeOf } from '../../identity/frames';
import { createShadowOpener } from '../deep';
import { createNotice } from '../notice';
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
  /**
   * Page identity (issue 6) travels with the UI too: it is needed only once a frame that is
   * neither genuine nor locked shows a credential field (or the top frame is asked about one),
   * so pages without credential fields never parse it. Same for the reuse alert.
   */
  collectIdentity: typeof collectIdentity;
  iframeOf: typeof iframeOf;
  createNotice: typeof createNotice;
}

export function installGuardUi(): void {
  const g = globalThis as Record<string, unknown>;
  if (g[GUARD_UI_GLOBAL]) return;
  // Identity reads text inside closed shadow roots too (the guard's opener, this isolated world).
  setShadowOpener(createShadowOpener());
  const ui: GuardUiModule = { createLockOverlay, createGuardNotices, collectIdentity, iframeOf, createNotice };
  g[GUARD_UI_GLOBAL] = Object.freeze(ui);
}
