import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format.ts';
import { locales, textDirection } from './locales.ts';
import { catalogs, isMessageKey, translator } from './translate.ts';

const english = catalogs.en;
const englishKeys = Object.keys(english).sort();

/** The names of the arguments a message uses, e.g. {count, plural, ...} -> count. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const visit = (elements: unknown[]) => {
    for (const element of elements as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (element.value && element.type !== 0) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) visit(option.value);
    }
  };
  visit(new IntlMessageFormat(message, locale).getAst() as unknown[]);
  return [...names].sort();
}

describe('message catalogs', () => {
  it.each(locales.filter((locale) => locale !== 'en'))(
    '%s has every key that English has, and no other',
    (locale) => {
      const keys = Object.keys(catalogs[locale]).sort();
      expect(englishKeys.filter((key) => !keys.includes(key))).toEqual([]);
      expect(keys.filter((key) => !englishKeys.includes(key))).toEqual([]);
    },
  );

  it('finds the arguments of a message, plurals included', () => {
    expect(argumentsOf(english['home.lead'] as string, 'en')).toEqual(['entities', 'groups', 'pillars']);
    expect(argumentsOf(english['body.since'] as string, 'en')).toEqual(['date']);
    expect(argumentsOf(english['home.title'] as string, 'en')).toEqual([]);
  });

  it.each(locales)('every %s message is valid ICU and uses the same arguments as English', (locale) => {
    for (const key of englishKeys) {
      if (!isMessageKey(key)) throw new Error(key);
      const message = catalogs[locale][key];
      expect(message, `${locale} ${key}`).toBeTruthy();
      expect(argumentsOf(message as string, locale), `${locale} ${key}`).toEqual(
        argumentsOf(english[key] as string, 'en'),
      );
    }
  });

  it('formats plurals by each language’s rules', () => {
    expect(translator('en')('home.figureEntities', { count: 1 })).toBe('entity');
    expect(translator('en')('home.figureEntities', { count: 45 })).toBe('entities');
    expect(translator('fr')('home.figureObservers', { count: 5 })).toBe('observateurs');
    expect(translator('ar')('home.figureMembers', { count: 2 })).toBe('عضوان');
    expect(translator('ar')('home.figureMembers', { count: 5 })).toBe('أعضاء');
  });

  it('writes dates and numbers through Intl in the reader’s language', () => {
    expect(formatDate('en', '2022-04-01', 'month')).toBe('April 2022');
    expect(formatDate('fr', '2022-06-08')).toBe('8 juin 2022');
    expect(formatDate('ar', '2022-06-08')).toMatch(/يونيو/);
    expect(formatNumber('en', 1234)).toBe('1,234');
    expect(formatNumber('fr', 1234)).toMatch(/^1\s234$/u);
    expect(formatNumber('ar', 45)).toBe(new Intl.NumberFormat('ar').format(45));
  });

  it('lays Arabic out right to left and the others left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('en')).toBe('ltr');
    expect(textDirection('fr')).toBe('ltr');
  });
});
