import { z } from 'zod';
import { Field, type FieldErrors, TextArea } from './forms.tsx';
import type { Locale, LocalizedText, UnLanguage } from './i18n/locales.ts';
import { unLanguages } from './i18n/locales.ts';

const displayNames = new Map<Locale, Intl.DisplayNames>();

/** "French", "français", "الفرنسية": a UN language's name in the reader's language. */
export function languageName(locale: Locale, language: UnLanguage): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language' });
    displayNames.set(locale, names);
  }
  return names.of(language) ?? language;
}

/** A language's name in itself, as "also in" links show it: "Français", "العربية", "中文". */
export function endonym(language: UnLanguage): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

const direction = (language: UnLanguage) => (language === 'ar' ? 'rtl' : 'ltr');

/**
 * One input per UN language for a text kept in several languages (`name_en`, `name_fr`...): English is
 * required, the others are filled where known.
 */
export function LocalizedInputs(props: {
  locale: Locale;
  prefix: string;
  label: (language: string) => string;
  values: Record<string, string>;
  errors: FieldErrors;
  multiline?: boolean;
  /** The languages to offer; all six by default. */
  languages?: readonly UnLanguage[];
}) {
  return (
    <>
      {(props.languages ?? unLanguages).map((language) => {
        const name = `${props.prefix}_${language}`;
        const label = props.label(languageName(props.locale, language));
        return props.multiline ? (
          <TextArea
            name={name}
            label={label}
            value={props.values[name]}
            error={props.errors[name]}
            lang={language}
            dir={direction(language)}
          />
        ) : (
          <Field
            name={name}
            label={label}
            value={props.values[name]}
            error={props.errors[name]}
            required={language === 'en'}
          />
        );
      })}
    </>
  );
}

/** The form values for a stored text: `{ en: 'x' }` becomes `{ name_en: 'x' }`. */
export function localizedValues(
  prefix: string,
  text: Partial<Record<UnLanguage, string>> | null | undefined,
): Record<string, string> {
  return Object.fromEntries(unLanguages.map((language) => [`${prefix}_${language}`, text?.[language] ?? '']));
}

/** Back from the form: empty languages are left out. */
export function localizedFrom(prefix: string, values: Record<string, string | undefined>) {
  const entries = unLanguages
    .map((language) => [language, (values[`${prefix}_${language}`] ?? '').trim()] as const)
    .filter(([, text]) => text !== '');
  return Object.fromEntries(entries) as Partial<Record<UnLanguage, string>>;
}

/** A localized text with English present, or null when nothing was entered in any language. */
export function optionalLocalized(
  prefix: string,
  values: Record<string, string | undefined>,
): LocalizedText | null {
  const text = localizedFrom(prefix, values);
  return text.en ? (text as LocalizedText) : null;
}

/**
 * The zod fields of a text in the six languages, `prefix_en` ... `prefix_es`, each capped at `max`;
 * English required when `required`.
 */
export function localizedFields(prefix: string, max: number, required: boolean) {
  return Object.fromEntries(
    unLanguages.map((language) => [
      `${prefix}_${language}`,
      language === 'en' && required
        ? z.string().trim().min(1, 'required').max(max, 'too_long')
        : z.string().trim().max(max, 'too_long').optional(),
    ]),
  );
}

/**
 * A refinement for forms with an optional text in several languages: if any language is filled in,
 * English must be too, since it is the language every reader falls back to.
 */
export function englishWithAnyLanguage(prefix: string) {
  return (values: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const filled = unLanguages.some(
      (language) => String(values[`${prefix}_${language}`] ?? '').trim() !== '',
    );
    if (filled && String(values[`${prefix}_en`] ?? '').trim() === '') {
      ctx.addIssue({ code: 'custom', path: [`${prefix}_en`], message: 'required' });
    }
  };
}
