/**
 * Marks live in attributes + one stylesheet per document: no element is inserted into the
 * mail's DOM (tables in HTML mail break easily) and nothing reads layout. The badge is CSS
 * generated content from an attribute; screen readers get the same words through
 * aria-describedby (see marks.ts).
 */
export const ATTR = 'data-shoken-link';
export const LABEL_ATTR = 'data-shoken-label';
export const STYLE_ID = 'shoken-guard-webmail-style';

export const LINK_CSS = `
[${ATTR}="dangerous"] {
  outline: 2px solid #c62828 !important;
  outline-offset: 1px !important;
  background: #fdecea !important;
  color: #8e0000 !important;
  text-decoration: line-through wavy #c62828 !important;
  cursor: pointer !important;
}
[${ATTR}="dangerous"]::before {
  content: "⚠ " attr(${LABEL_ATTR}) !important;
  display: inline-block !important;
  margin: 0 4px 0 0 !important;
  padding: 0 4px !important;
  border-radius: 3px !important;
  background: #c62828 !important;
  color: #fff !important;
  font: bold 12px/1.6 sans-serif !important;
  text-decoration: none !important;
  vertical-align: baseline !important;
}
[${ATTR}="dangerous"]:focus-visible { outline: 3px solid #1a73e8 !important; }
[${ATTR}="genuine"]::after {
  content: " ✓" attr(${LABEL_ATTR}) !important;
  color: #2e7d32 !important;
  font: 11px/1 sans-serif !important;
  text-decoration: none !important;
}
.shoken-guard-sr-only {
  position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important;
}
`;

export function ensureStyle(doc: Document): void {
  const existing = doc.getElementById(STYLE_ID);
  if (existing && existing.isConnected) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = LINK_CSS;
  (doc.head ?? doc.documentElement)?.appendChild(style);
}
