import { isMessageKey, type Translate } from '../web/i18n/translate.ts';

/** A UN geographic region's name in the reader's language; the stored English name when none is known. */
export function regionName(t: Translate, region: string): string {
  const key = `region.${region}`;
  return isMessageKey(key) ? t(key) : region;
}
