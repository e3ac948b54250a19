/** Bounds of in-page identity collection (and of what the background accepts). */
export const LIMITS = {
  title: 200,
  siteName: 100,
  heading: 120,
  headings: 3,
  /** The form's "region" grows through ancestors while their text stays under this. */
  regionChars: 400,
  regionDepth: 12,
  formText: 1200,
  formProse: 600,
  images: 60,
  logos: 12,
  logoText: 80,
  logoSrc: 120,
  fields: 20,
  fieldText: 60,
} as const;
