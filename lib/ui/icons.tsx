/** Small inline icons (decorative: aria-hidden; the text next to them carries the meaning). */
const common = { width: 24, height: 24, viewBox: '0 0 24 24', 'aria-hidden': 'true' as const, focusable: 'false' as const };

export const ShieldIcon = ({ size = 20 }: { size?: number }) => (
  <svg {...common} width={size} height={size}>
    <path fill="currentColor" d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3z" />
  </svg>
);

export const CheckIcon = () => (
  <svg {...common}>
    <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1.3 14.6-4.3-4.3 1.4-1.4 2.9 2.9 5.9-5.9 1.4 1.4-7.3 7.3z" />
  </svg>
);

export const AlertIcon = () => (
  <svg {...common}>
    <path fill="currentColor" d="M12 2 1 21h22L12 2zm-1 7h2v6h-2V9zm0 8h2v2h-2v-2z" />
  </svg>
);

export const InfoIcon = () => (
  <svg {...common}>
    <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1 5h2v2h-2V7zm0 4h2v6h-2v-6z" />
  </svg>
);
