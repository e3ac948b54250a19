import { matchPatterns, webmailHostsFrom } from '../webmail/hosts';

/**
 * Managed policy `webmailHosts` (a firm's own webmail): the link checker must run there too, but
 * the manifest's static `matches` are fixed at build time. The same content-script file is
 * registered dynamically for the policy's hosts (scripting.registerContentScripts), and
 * re-synced whenever the policy changes. Needs the "scripting" permission (host access is
 * already granted by <all_urls>); nothing else.
 */
export const POLICY_SCRIPT_ID = 'shoken-webmail-policy-hosts';
/** WXT's output path for entrypoints/webmail.content. */
export const WEBMAIL_SCRIPT_FILE = 'content-scripts/webmail.js';

/** The subset of chrome.scripting this needs (injected: a fake in unit tests). */
export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  allFrames: false;
  persistAcrossSessions: boolean;
}

/**
 * Makes the registered script match exactly the policy's valid extra hosts. Returns the hosts
 * registered and the policy entries refused (invalid entries never block the valid ones).
 */
export async function syncWebmailPolicyHosts(
  scripting: ScriptingLike | undefined,
  policyHosts: readonly unknown[] | undefined,
): Promise<{ hosts: string[]; problems: string[] }> {
  const { hosts, problems } = webmailHostsFrom(policyHosts);
  if (!scripting) return { hosts: [], problems: [...problems, 'scripting API unavailable: policy webmail hosts not checked'] };
  const existing = await scripting.getRegisteredContentScripts({ ids: [POLICY_SCRIPT_ID] });
  const had = existing.some((s) => s.id === POLICY_SCRIPT_ID);
  if (!hosts.length) {
    if (had) await scripting.unregisterContentScripts({ ids: [POLICY_SCRIPT_ID] });
    return { hosts, problems };
  }
  const script: RegisteredScript = {
    id: POLICY_SCRIPT_ID,
    matches: matchPatterns(hosts),
    js: [WEBMAIL_SCRIPT_FILE],
    runAt: 'document_start',
    allFrames: false,
    persistAcrossSessions: true,
  };
  const same = existing.find((s) => s.id === POLICY_SCRIPT_ID)?.matches?.join() === script.matches.join();
  if (same) return { hosts, problems }; // every service-worker start re-syncs: no needless update
  if (had) await scripting.updateContentScripts([script]);
  else await scripting.registerContentScripts([script]);
  return { hosts, problems };
}
