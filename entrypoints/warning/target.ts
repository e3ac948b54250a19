/** The page the warning is about: `?target=<encoded URL>`, http(s) only (never javascript:, data:…). */
export function targetFrom(search: string): URL | undefined {
  const raw = new URLSearchParams(search).get('target');
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}
