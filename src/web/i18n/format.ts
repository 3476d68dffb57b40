import type { Locale } from './locales.ts';

/** UN editorial style writes English dates day first ("1 April 2022"), as British English does. */
function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A calendar date (YYYY-MM-DD from the database) in the reader's language, e.g. "1 April 2022". */
export function formatDate(locale: Locale, isoDate: string, style: 'long' | 'month' = 'long'): string {
  const key = `${locale}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: 'UTC',
      ...(style === 'long' ? { dateStyle: 'long' } : { year: 'numeric', month: 'long' }),
    });
    dateFormats.set(key, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale));
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** Today's date in UTC as YYYY-MM-DD: the day on which dated memberships and chair terms are read. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** "UNITAD and FATF", "UNITAD et FATF", in the reader's language. */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
