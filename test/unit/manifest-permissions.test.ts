import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../e2e/harness/build';

// The permissions the built extension asks for are a promise to users and to store review:
// a new permission, host permission or web-exposed resource must be a deliberate change made
// here (and justified in the README, section qa), never a side effect of a new import.
// Builds both targets into a temp dir (~10-20 s); SHOKEN_MANIFEST_FROM=<outDir> reads an
// existing build instead.
type Manifest = Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[] }[];
};

let out = '';
let chrome: Manifest;
let firefox: Manifest;
const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

beforeAll(async () => {
  const from = process.env.SHOKEN_MANIFEST_FROM;
  out = from ?? mkdtempSync(join(tmpdir(), 'shoken-manifest-'));
  const chromeDir = from ? join(from, 'chrome-mv3') : await buildExtension({ outDir: out });
  const firefoxDir = from ? join(from, 'firefox-mv2') : await buildExtension({ outDir: out, browser: 'firefox' });
  chrome = JSON.parse(readFileSync(join(chromeDir, 'manifest.json'), 'utf8'));
  firefox = JSON.parse(readFileSync(join(firefoxDir, 'manifest.json'), 'utf8'));
}, 180_000);

afterAll(() => {
  if (out && !process.env.SHOKEN_MANIFEST_FROM) rmSync(out, { recursive: true, force: true });
});

const sorted = (a: string[] | undefined) => [...(a ?? [])].sort();

describe('manifest permissions (deliberate changes only)', () => {
  it('Chrome/Edge asks for exactly these API permissions', () => {
    // scripting: content-script registration for webmail hosts added by managed policy (webmailHosts).
    expect(sorted(chrome.permissions)).toEqual(['alarms', 'scripting', 'storage', 'tabs', 'webNavigation']);
    expect(chrome.optional_permissions ?? []).toEqual([]);
  });

  it('Chrome/Edge host access: all pages (the guard must judge every page and frame)', () => {
    expect(sorted(chrome.host_permissions)).toEqual(['<all_urls>']);
  });

  it('exposes nothing to web pages or other extensions', () => {
    expect(chrome.web_accessible_resources ?? []).toEqual([]);
    expect(chrome.externally_connectable).toBeUndefined();
  });

  it('Firefox asks for the same permissions (MV2 folds host access into permissions)', () => {
    const ff = sorted([...(firefox.permissions ?? []), ...(firefox.host_permissions ?? [])]);
    expect(ff).toEqual(sorted([...(chrome.permissions ?? []), ...(chrome.host_permissions ?? [])]));
    expect(firefox.web_accessible_resources ?? []).toEqual([]);
  });

  it('content scripts run only where declared', () => {
    const matches = (m: Manifest) => sorted((m.content_scripts ?? []).flatMap((c) => c.matches));
    const all = matches(chrome);
    expect(all).toContain('<all_urls>');
    // Every other match pattern is an https webmail origin (the webmail link checker).
    for (const p of all.filter((x) => x !== '<all_urls>')) expect(p).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
    expect(matches(firefox)).toEqual(all);
  });

  it('store metadata is consistent: version from package.json, same name/description, gecko id only where it belongs', () => {
    expect(chrome.version).toBe(pkg.version);
    expect(firefox.version).toBe(pkg.version);
    expect(firefox.name).toBe(chrome.name);
    expect(firefox.description).toBe(chrome.description);
    expect(chrome.key).toBeTypeOf('string');
    expect(firefox.key).toBeUndefined();
    const gecko = (firefox.browser_specific_settings as { gecko: { id: string; data_collection_permissions: unknown } }).gecko;
    expect(gecko.id).toBe('shoken-guard@shoken-guard.jp');
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('both stores get the same icons, at the sizes they require', () => {
    const icons = chrome.icons as Record<string, string> | undefined;
    expect(Object.keys(icons ?? {}).map(Number)).toEqual(expect.arrayContaining([16, 32, 48, 128]));
    expect(firefox.icons).toEqual(icons);
  });
});
