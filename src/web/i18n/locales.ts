/** The six official UN languages; data may carry any of them (ADR 0006). */
export const unLanguages = ['en', 'fr', 'ar', 'zh', 'ru', 'es'] as const;
export type UnLanguage = (typeof unLanguages)[number];

/** The languages the interface is translated into today; English is the fallback. */
export const locales = ['en', 'fr', 'ar'] as const satisfies readonly UnLanguage[];
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export const localeNames: Record<Locale, string> = { en: 'English', fr: 'Français', ar: 'العربية' };

const rightToLeft = new Set<string>(['ar']);

export function isUnLanguage(value: unknown): value is UnLanguage {
  return typeof value === 'string' && (unLanguages as readonly string[]).includes(value);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): 'rtl' | 'ltr' {
  return rightToLeft.has(locale) ? 'rtl' : 'ltr';
}

/** A name or text stored in data, in as many UN languages as are known; English is always present. */
export type LocalizedText = { en: string } & Partial<Record<UnLanguage, string>>;

export function pickText(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.en;
}
