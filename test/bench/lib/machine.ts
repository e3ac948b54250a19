import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** One line naming the machine the figures came from (README quotes it next to them). */
export function machineSummary(): string {
  const cpu = os.cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  let chromium = '';
  try {
    chromium = execFileSync(process.env.SHOKEN_CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    chromium = 'chromium: not found';
  }
  const load = os.loadavg()[0].toFixed(2);
  return `machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, ${chromium}, load avg ${load}`;
}
