import { DateTime, IANAZone } from 'luxon';
import type { Locale } from '../web/i18n/locales.ts';

/** Is `zone` an IANA time zone this runtime knows (e.g. "America/New_York")? */
export function isTimeZone(zone: string): boolean {
  return (
    zone.length <= 64 && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/.test(zone) && IANAZone.isValidZone(zone)
  );
}

/**
 * The instant of a wall-clock time in a zone ("2022-06-08", "14:00", "Europe/Vienna"), or null when the
 * time does not exist there (the hour skipped when clocks go forward).
 */
export function instantIn(day: string, time: string, zone: string): Date | null {
  const local = DateTime.fromISO(`${day}T${time}`, { zone });
  if (!local.isValid) return null;
  // Luxon moves a time in the skipped hour forward; such a time was never on any clock there.
  if (local.toFormat('HH:mm') !== time.slice(0, 5)) return null;
  return local.toJSDate();
}

/** The wall-clock day and time of an instant in a zone, as the form fields show them. */
export function wallClockOf(instant: Date, zone: string): { day: string; time: string } {
  const local = DateTime.fromJSDate(instant, { zone });
  return { day: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayIn(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd');
}

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(locale: Locale, zone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: zone,
      ...(withDate ? { dateStyle: 'long' } : {}),
      timeStyle: 'short',
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * A meeting's span in a zone, in the reader's language: "8 June 2022, 14:00 – 16:00 (Europe/Vienna)", with
 * the end's date only when it ends on another day there.
 */
export function formatSpan(locale: Locale, startsAt: Date, endsAt: Date, zone: string): string {
  const sameDay = dayIn(startsAt, zone) === dayIn(endsAt, zone);
  const start = formatOf(locale, zone, true).format(startsAt);
  const end = formatOf(locale, zone, !sameDay).format(endsAt);
  return `${start} – ${end} (${zone})`;
}

/** When a meeting starts, in a zone: "8 June 2022, 14:00 (Europe/Vienna)". */
export function formatStart(locale: Locale, startsAt: Date, zone: string): string {
  return `${formatOf(locale, zone, true).format(startsAt)} (${zone})`;
}
