import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
function run(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/verdict.ts', ...args], { cwd: root, input: stdin, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: r.stderr };
}

// Each case spawns a tsx process: seconds on a loaded 2-core machine.
describe('verdict CLI', { timeout: 60_000 }, () => {
  it('prints one JSON verdict per argument with kind, brand, imitates and reasons', () => {
    const r = run(['https://www.sbisec.co.jp/ETGate/', 'sbisec-login.com', 'www.daiwahouse.co.jp']);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => [l.input, l.kind, l.brand])).toEqual([
      ['https://www.sbisec.co.jp/ETGate/', 'genuine', 'sbi'],
      ['sbisec-login.com', 'impostor', 'sbi'],
      ['www.daiwahouse.co.jp', 'unrelated', null],
    ]);
    expect(r.lines[1].imitates).toBe('https://www.sbisec.co.jp/ETGate/');
    expect(r.lines[1].reasons).toContain('combo-squat');
  });

  it('reads stdin one per line when no URL is given, skipping blank lines', () => {
    const r = run([], 'nomura.top\n\nwww.rakuten-sec.co.jp\n');
    expect(r.lines.map((l) => l.kind)).toEqual(['suspicious', 'genuine']);
  });

  it('judges against an unsigned list given with --list (a new broker becomes genuine)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-'));
    const file = join(dir, 'list.json');
    writeFileSync(file, JSON.stringify({
      format: 1, version: 7, issued: '2026-11-01T00:00:00Z', expires: '2027-11-01T00:00:00Z',
      brands: [{ id: 'qa-sec', names: { ja: 'QA証券', en: 'QA Securities' }, hosts: ['www.qa-sec.example'], loginUrl: 'https://www.qa-sec.example/login', confidence: 'high' }],
    }));
    const r = run(['--list', file, 'https://www.qa-sec.example/', 'qa-sec-login.com', 'www.sbisec.co.jp']);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => [l.kind, l.listVersion])).toEqual([['genuine', 7], ['impostor', 7], ['unrelated', 7]]);
  });

  it('exits 2 with a clear message for a bad list or an unknown option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"format":1,"version":0}');
    const bad = run(['--list', file, 'x.com']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a valid list document[\s\S]*version/);
    expect(run(['--frobnicate']).code).toBe(2);
  });
});
