/**
 * Inline style for the host element of our in-page UI (overlay, notices). Inline
 * `!important` beats any author rule the page adds; `all: initial` cuts inherited styles; the
 * zero-size fixed box leaves the page's layout alone (the UI itself lives in the top layer).
 */
export const SHIELDED_HOST_STYLE = [
  'all: initial !important',
  'display: block !important',
  'position: fixed !important',
  'top: 0 !important',
  'left: 0 !important',
  'width: 0 !important',
  'height: 0 !important',
  'visibility: visible !important',
  'opacity: 1 !important',
  'z-index: 2147483647 !important',
].join('; ');
