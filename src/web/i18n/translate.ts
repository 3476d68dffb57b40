import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locales.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };

/** English is the source catalog: its keys are the only valid message keys (ADR 0006). */
export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const catalogs: Record<Locale, Partial<Record<MessageKey, string>>> = { en, fr, ar };

const translators = new Map<Locale, Translate>();

/** A translator for one locale; a key missing from that catalog falls back to English. */
export function translator(locale: Locale): Translate {
  const existing = translators.get(locale);
  if (existing) return existing;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const translate: Translate = (key, values) => {
    let format = compiled.get(key);
    if (!format) {
      const ownMessage = catalogs[locale][key];
      format = new IntlMessageFormat(ownMessage ?? en[key], ownMessage === undefined ? 'en' : locale);
      compiled.set(key, format);
    }
    return String(format.format(values));
  };
  translators.set(locale, translate);
  return translate;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
