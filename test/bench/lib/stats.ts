export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Smallest and largest, for "median (min–max)" figures. */
export const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
