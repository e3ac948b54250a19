import { describe, expect, it } from 'vitest';
import { POLICY_SCRIPT_ID, syncWebmailPolicyHosts, WEBMAIL_SCRIPT_FILE, type RegisteredScript, type ScriptingLike } from './webmail-registration';

/** In-memory stand-in for chrome.scripting's registry (same contract: ids are unique). */
function fakeScripting() {
  const reg = new Map<string, RegisteredScript>();
  const writes: string[] = [];
  const api: ScriptingLike = {
    async getRegisteredContentScripts(f) {
      return [...reg.values()].filter((s) => !f?.ids || f.ids.includes(s.id));
    },
    async registerContentScripts(scripts) {
      writes.push('register');
      for (const s of scripts) {
        if (reg.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        reg.set(s.id, s);
      }
    },
    async updateContentScripts(scripts) {
      writes.push('update');
      for (const s of scripts) {
        if (!reg.has(s.id)) throw new Error(`No script with ID '${s.id}'`);
        reg.set(s.id, s);
      }
    },
    async unregisterContentScripts(f) {
      for (const id of f?.ids ?? [...reg.keys()]) reg.delete(id);
    },
  };
  return { api, reg, writes };
}

describe('policy webmail hosts → dynamic content script', () => {
  it('registers the webmail script for the firm hosts, then follows policy changes', async () => {
    const { api, reg } = fakeScripting();
    await syncWebmailPolicyHosts(api, ['webmail.example-sec.co.jp']);
    expect(reg.get(POLICY_SCRIPT_ID)).toMatchObject({ matches: ['https://webmail.example-sec.co.jp/*'], js: [WEBMAIL_SCRIPT_FILE], runAt: 'document_start' });
    await syncWebmailPolicyHosts(api, ['webmail.example-sec.co.jp', 'mail2.example-sec.co.jp']);
    expect(reg.get(POLICY_SCRIPT_ID)!.matches).toEqual(['https://mail2.example-sec.co.jp/*', 'https://webmail.example-sec.co.jp/*']);
    await syncWebmailPolicyHosts(api, []);
    expect(reg.size).toBe(0);
  });

  it('writes nothing when the registration already matches (every worker start re-syncs)', async () => {
    const { api, writes } = fakeScripting();
    await syncWebmailPolicyHosts(api, ['webmail.example-sec.co.jp']);
    await syncWebmailPolicyHosts(api, ['https://WEBMAIL.example-sec.co.jp']);
    expect(writes).toEqual(['register']);
  });

  it('registers nothing for built-in hosts or invalid entries, and reports the invalid ones', async () => {
    const { api, reg } = fakeScripting();
    const r = await syncWebmailPolicyHosts(api, ['mail.google.com', '*.example.jp', 'http://x.example.jp']);
    expect(reg.size).toBe(0);
    expect(r.problems).toHaveLength(2);
  });

  it('says so when the scripting API is missing instead of failing', async () => {
    const r = await syncWebmailPolicyHosts(undefined, ['webmail.example-sec.co.jp']);
    expect(r.hosts).toEqual([]);
    expect(r.problems.join()).toMatch(/scripting API unavailable/);
  });
});
