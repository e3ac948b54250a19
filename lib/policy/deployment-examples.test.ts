import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePolicy, KNOWN_KEYS } from './parse';
import { DEFAULT_POLICY } from './types';

// The deployment guide (README section "ui") shows these files. They must say the same thing
// in every format: the Linux JSON (loaded verbatim by test/e2e/policy-firm.e2e.test.ts into a
// real Chromium), the Windows registry files and the macOS configuration profiles.
const DIR = 'test/fixtures/policy';
const CHROME_UPDATE = 'https://clients2.google.com/service/update2/crx';
const EDGE_UPDATE = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';

/** The extension id Chromium derives from the manifest key in wxt.config.ts. */
function extensionId(): string {
  const key = /const CHROME_KEY =\s*'([^']+)'/.exec(readFileSync('wxt.config.ts', 'utf8'))![1];
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}
const ID = extensionId();

const linux = JSON.parse(readFileSync(`${DIR}/firm-example.json`, 'utf8'));
const firm = linux['3rdparty'].extensions[ID] as Record<string, unknown>;
const schema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8'));

type Node = { type: string; items?: Node; properties?: Record<string, Node>; title?: string; description?: string; enum?: string[] };

/** What Chromium does with a managed value: keep it only if its JSON type matches the schema. */
function conforms(value: unknown, node: Node): boolean {
  switch (node.type) {
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string' && (!node.enum || node.enum.includes(value));
    case 'integer': return Number.isInteger(value);
    case 'array': return Array.isArray(value) && value.every((v) => conforms(v, node.items!));
    case 'object': return !!value && typeof value === 'object' && Object.entries(value).every(([k, v]) => node.properties?.[k] !== undefined && conforms(v, node.properties[k]));
    default: return false;
  }
}

/** Minimal .reg reader (regedit "Version 5.00" format, UTF-16 LE): key path → { name: value }. */
function readReg(path: string): Map<string, Record<string, string | number>> {
  const buf = readFileSync(path);
  expect([...buf.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  const text = buf.subarray(2).toString('utf16le');
  expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
  const keys = new Map<string, Record<string, string | number>>();
  let cur: Record<string, string | number> | undefined;
  for (const line of text.split('\r\n')) {
    const k = /^\[(.+)\]$/.exec(line);
    if (k) keys.set(k[1], (cur = {}));
    const v = /^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (v && cur) cur[v[1]] = v[3] !== undefined ? parseInt(v[3], 16) : v[2].replace(/\\(.)/g, '$1');
  }
  return keys;
}

/** Chromium's registry → policy conversion, driven by the schema: lists are subkeys "1".."n". */
function policyFromReg(keys: Map<string, Record<string, string | number>>, base: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const values = keys.get(base) ?? {};
  for (const [name, node] of Object.entries(schema.properties as Record<string, Node>)) {
    if (node.type === 'array') {
      const sub = keys.get(`${base}\\${name}`);
      if (sub) out[name] = Object.keys(sub).sort((a, b) => Number(a) - Number(b)).map((n) => sub[n]);
    } else if (name in values) {
      out[name] = node.type === 'boolean' ? values[name] !== 0 : values[name];
    }
  }
  return out;
}

/** Minimal plist reader (dict, array, string, integer, true, false). */
function readPlist(path: string): unknown {
  const xml = readFileSync(path, 'utf8');
  const tokens = [...xml.replace(/<\?xml[^>]*>|<!DOCTYPE[^>]*>/g, '').matchAll(/<(\/?)(\w+)(\/?)>([^<]*)/g)];
  let i = 0;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  function value(): unknown {
    const [, close, tag, self, text] = tokens[i++];
    if (close) throw new Error(`unexpected </${tag}>`);
    if (tag === 'plist') { const v = value(); i++; return v; }
    if (self) { if (tag === 'true') return true; if (tag === 'false') return false; throw new Error(tag); }
    if (tag === 'string') { i++; return unescape(text); }
    if (tag === 'integer') { i++; return Number(text); }
    if (tag === 'array') { const a: unknown[] = []; while (!tokens[i][1]) a.push(value()); i++; return a; }
    if (tag === 'dict') {
      const d: Record<string, unknown> = {};
      while (!tokens[i][1]) { const key = unescape(tokens[i][4]); i += 2; d[key] = value(); }
      i++;
      return d;
    }
    throw new Error(`unknown plist tag ${tag}`);
  }
  return value();
}

describe('managed schema', () => {
  it('documents every policy key the extension reads, with a title and a description', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...KNOWN_KEYS].sort());
    for (const [k, node] of Object.entries(schema.properties as Record<string, Node>)) {
      expect(node.title, k).toBeTruthy();
      expect((node.description ?? '').length, k).toBeGreaterThan(20);
    }
  });
});

describe('deployment examples', () => {
  it('the Linux example is valid: every value survives the schema and the extension parses it without problems', () => {
    expect(Object.keys(linux['3rdparty'].extensions)).toEqual([ID]);
    for (const [k, v] of Object.entries(firm)) expect(conforms(v, schema.properties[k]), k).toBe(true);
    const { policy, problems } = parsePolicy(firm);
    expect(problems).toEqual([]);
    expect(policy).not.toEqual(DEFAULT_POLICY);
  });

  it('the Linux install file force-installs this extension id from the Chrome Web Store', () => {
    const install = JSON.parse(readFileSync(`${DIR}/linux-install.json`, 'utf8'));
    expect(install.ExtensionInstallForcelist).toEqual([`${ID};${CHROME_UPDATE}`]);
  });

  it.each([
    ['windows-chrome.reg', 'SOFTWARE\\Policies\\Google\\Chrome', CHROME_UPDATE],
    ['windows-edge.reg', 'SOFTWARE\\Policies\\Microsoft\\Edge', EDGE_UPDATE],
  ])('%s says exactly what the Linux example says', (file, root, update) => {
    const keys = readReg(`${DIR}/${file}`);
    const hklm = `HKEY_LOCAL_MACHINE\\${root}`;
    expect(keys.get(`${hklm}\\ExtensionInstallForcelist`)).toEqual({ 1: `${ID};${update}` });
    expect(policyFromReg(keys, `${hklm}\\3rdparty\\extensions\\${ID}\\policy`)).toEqual(firm);
  });

  it.each([
    ['macos-chrome.mobileconfig', 'com.google.Chrome', CHROME_UPDATE],
    ['macos-edge.mobileconfig', 'com.microsoft.Edge', EDGE_UPDATE],
  ])('%s says exactly what the Linux example says', (file, domain, update) => {
    const profile = readPlist(`${DIR}/${file}`) as { PayloadType: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    const uuids = [profile, ...profile.PayloadContent].map((p) => (p as { PayloadUUID: string }).PayloadUUID);
    expect(new Set(uuids).size).toBe(uuids.length);
    const install = profile.PayloadContent.find((p) => p.PayloadType === domain)!;
    expect(install.ExtensionInstallForcelist).toEqual([`${ID};${update}`]);
    const ext = profile.PayloadContent.find((p) => p.PayloadType === `${domain}.extensions.${ID}`)!;
    const policy = Object.fromEntries(Object.entries(ext).filter(([k]) => !k.startsWith('Payload')));
    expect(policy).toEqual(firm);
  });
});

describe('deployment guide in the README', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('<!-- section: ui'), readme.indexOf('<!-- section:', readme.indexOf('<!-- section: ui') + 10));

  it('shows the tested Linux policy, unchanged', () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(section)![1];
    expect(JSON.parse(block)).toEqual(linux);
  });

  it('shows registry lines that are in the tested Windows file', () => {
    const block = /```\n(\[HKEY[\s\S]*?)\n```/.exec(section)![1];
    const reg = readFileSync(`${DIR}/windows-chrome.reg`).subarray(2).toString('utf16le').split('\r\n');
    for (const line of block.split('\n').filter(Boolean)) expect(reg, line).toContain(line);
  });
});
