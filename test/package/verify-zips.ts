// Runs after `wxt zip` (npm run zip): every zip in the output dir (store packages and the
// Firefox sources zip) is checked for key material by name and by content; exit 1 if any.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { auditZip } from './audit';

const outDir = resolve(process.argv[2] ?? process.env.SHOKEN_OUT_DIR ?? '.output');
const zips = readdirSync(outDir).filter((f) => f.endsWith('.zip')).map((f) => join(outDir, f));
if (!zips.length) {
  console.error(`no zips in ${outDir}`);
  process.exit(1);
}
let bad = 0;
for (const z of zips) {
  const a = auditZip(z);
  const kb = (statSync(z).size / 1024).toFixed(1);
  console.log(`${a.problems.length ? 'FAIL' : 'ok  '}  ${relative(process.cwd(), z)}  (${a.entries} entries, ${kb} KiB)`);
  for (const p of a.problems) console.log(`      ${p}`);
  bad += a.problems.length;
}
if (bad) {
  console.error(`\n${bad} secret-looking entries: do not upload these zips (fix zip.excludeSources in wxt.config.ts).`);
  process.exit(1);
}
console.log('\nNo keys in any zip. Upload: *-chrome.zip to the Chrome Web Store and Edge Add-ons, *-firefox.zip + *-sources.zip to addons.mozilla.org.');
