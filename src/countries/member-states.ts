import countries from 'world-countries';
import type { LocalizedText } from '../web/i18n/locales.ts';

export interface MemberStateRecord {
  iso3: string;
  iso2: string;
  name: LocalizedText;
  region: string;
  subregion: string;
  regionalGroup: string;
}

/**
 * The UN Member States, read from the maintained `world-countries` package (ADR 0008).
 * A Member State belongs to a UN regional group; the package flags the Holy See, a non-member observer
 * State, as `unMember` too, but gives it no regional group, so requiring one yields exactly the 193.
 */
export function unMemberStates(): MemberStateRecord[] {
  return countries
    .filter((country) => country.unMember && country.unRegionalGroup !== '')
    .map((country) => {
      const name: LocalizedText = { en: country.name.common };
      const translations = country.translations as Record<string, { common: string } | undefined>;
      for (const [language, code] of [
        ['fr', 'fra'],
        ['ar', 'ara'],
        ['zh', 'zho'],
        ['ru', 'rus'],
        ['es', 'spa'],
      ] as const) {
        const translated = translations[code]?.common;
        if (translated) name[language] = translated;
      }
      return {
        iso3: country.cca3,
        iso2: country.cca2,
        name,
        region: country.region,
        subregion: country.subregion,
        regionalGroup: country.unRegionalGroup,
      };
    })
    .sort((a, b) => a.name.en.localeCompare(b.name.en, 'en'));
}
