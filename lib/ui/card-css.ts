/**
 * Styles of the warning card, as a string so the page guard can put them inside a closed
 * shadow root (page CSS cannot reach in) and the warning page can reuse them verbatim.
 * `all: initial` on the root stops inherited page styles (font, colour, line-height) leaking in.
 * Colours meet WCAG AA contrast on white (checked by axe-core in the E2E tests).
 */
export const WARNING_CARD_CSS = `
.sg-root{all:initial;display:block;box-sizing:border-box;color:#1f2328;
  font-family:system-ui,-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP","Noto Sans CJK JP","Yu Gothic UI",Meiryo,sans-serif;
  font-size:16px;line-height:1.6;-webkit-font-smoothing:antialiased;text-align:left}
.sg-root *,.sg-root *::before,.sg-root *::after{box-sizing:border-box}
.sg-backdrop{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-start;justify-content:center;
  overflow:auto;padding:6vh 16px 24px;background:rgba(22,27,34,.72)}
.sg-card{width:100%;max-width:560px;margin:0 auto;background:#fff;border-radius:14px;overflow:hidden;
  box-shadow:0 12px 40px rgba(0,0,0,.28);border:1px solid #d0d7de}
.sg-band{display:flex;align-items:center;gap:10px;padding:14px 22px;color:#fff;background:#b3261e;font-weight:700;font-size:15px}
.sg-suspicious .sg-band{background:#8a4b00}
.sg-band svg{flex:none}
.sg-body{padding:20px 22px 22px}
.sg-title{margin:0 0 8px;font-size:22px;line-height:1.35;font-weight:700;color:#1f2328}
.sg-lead{margin:0 0 14px}
.sg-host{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em;background:#f6f8fa;
  border:1px solid #d0d7de;border-radius:4px;padding:0 4px;word-break:break-all}
.sg-lock{margin:0 0 16px;padding:10px 12px;border-radius:8px;background:#fdecea;color:#7a1712;font-weight:600}
.sg-suggest{margin:0 0 18px;padding:14px;border-radius:10px;background:#eef6f0;border:1px solid #b7dfc2}
.sg-suggest-label{margin:0 0 4px;font-size:14px;color:#1d5a30;font-weight:600}
.sg-suggest-url{margin:0 0 12px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:15px;
  color:#12361d;word-break:break-all}
.sg-primary{display:block;width:100%;padding:13px 16px;border:0;border-radius:10px;background:#1a6b35;color:#fff;
  font:inherit;font-weight:700;font-size:17px;text-align:center;text-decoration:none;cursor:pointer}
.sg-primary:hover{background:#145a2b}
.sg-root :focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.sg-why{margin:0 0 16px}
.sg-why-title{margin:0 0 4px;font-size:14px;font-weight:700;color:#424a53}
.sg-why ul{margin:0;padding-left:1.3em;font-size:14px;color:#424a53}
.sg-firm{margin:0 0 14px;padding:10px 12px;border-radius:8px;background:#f6f8fa;border:1px solid #d0d7de;font-size:15px}
.sg-firm a{color:#0b57d0}
.sg-continue{margin-top:6px;padding-top:12px;border-top:1px solid #d8dee4;font-size:14px;color:#424a53}
.sg-link{padding:4px 0;border:0;background:none;color:#57606a;font:inherit;font-size:14px;text-decoration:underline;cursor:pointer}
.sg-link:hover{color:#1f2328}
.sg-confirm p{margin:0 0 10px;color:#7a1712;font-weight:600}
.sg-actions{display:flex;flex-wrap:wrap;gap:10px}
.sg-secondary{padding:8px 14px;border-radius:8px;border:1px solid #8c959f;background:#fff;color:#1f2328;font:inherit;font-size:14px;cursor:pointer}
.sg-secondary.sg-danger{border-color:#b3261e;color:#b3261e}
.sg-note{margin:0;font-size:14px;color:#57606a}
`;
