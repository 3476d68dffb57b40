/** The four pillars of the UN Global Counter-Terrorism Strategy; each working group serves one. */
export const pillars = [1, 2, 3, 4] as const;
export type Pillar = (typeof pillars)[number];
