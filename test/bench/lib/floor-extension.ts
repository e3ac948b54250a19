import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The floor every extension of this shape pays: same content-script registration as Shoken
 * Guard (all URLs, every frame, document_start) and a service worker, both empty. Page-cost
 * figures are taken against it in the same run. Returns the unpacked dir (caller removes it).
 */
export function makeFloorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shoken-floor-ext-'));
  const manifest = {
    manifest_version: 3,
    name: 'floor (empty content script)',
    version: '1.0.0',
    permissions: ['storage', 'tabs', 'alarms', 'webNavigation'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'background.js' },
    content_scripts: [
      { matches: ['<all_urls>'], js: ['content.js'], run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'content.js'), '// empty on purpose\n');
  writeFileSync(join(dir, 'background.js'), '// empty on purpose\n');
  return dir;
}
