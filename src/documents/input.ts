import { z } from 'zod';
import { accessLevels } from '../policy/levels.ts';
import { unLanguages } from '../web/i18n/locales.ts';
import { choice, isoDay, optionalDay, optionalText, requiredText } from '../web/input.ts';

/**
 * A list field: the API sends an array, a form repeats the field (checkboxes, multiple select) or types
 * the items into one box separated by commas or new lines. Empty items are dropped, duplicates kept once.
 */
const list = <Item extends z.ZodType>(item: Item, max: number) =>
  z.preprocess(
    (value) => {
      const raw = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      const items = raw.flatMap((entry) => (typeof entry === 'string' ? entry.split(/[\n,;]+/) : [entry]));
      return [
        ...new Set(items.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)).filter(Boolean)),
      ];
    },
    z.array(item).max(max, 'too_many'),
  );

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, 'bad_choice');
const iso3 = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'bad_choice'));

/** Security Council and General Assembly resolutions: S/RES/2396 (2017), A/RES/77/298. */
const resolution = z
  .string()
  .max(40, 'too_long')
  .regex(/^(S\/RES\/\d{1,5} \(\d{4}\)|A\/RES\/\d{1,3}\/\d{1,4})$/, 'bad_resolution');

export const levelChoice = choice(accessLevels);

/** A document's metadata, as a form or the API sends it; names refer to records by slug or ISO code. */
export const documentMetadataInput = z.object({
  title: requiredText(300),
  summary: optionalText(4000),
  type: slug,
  level: levelChoice,
  body: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(slug.nullable())
    .nullable()
    .optional(),
  namedEntities: list(slug, 60),
  namedMemberStates: list(iso3, 193),
  bodies: list(slug, 20),
  countries: list(iso3, 193),
  regions: list(z.string().max(40, 'too_long'), 10),
  themes: list(z.string().max(60, 'too_long'), 12),
  pillars: list(z.coerce.number().int('bad_choice').min(1, 'bad_choice').max(4, 'bad_choice'), 4),
  resolutions: list(resolution, 20),
  publishedOn: isoDay,
  declassifyOn: optionalDay,
  declassifyTo: z
    .union([z.literal('').transform(() => null), levelChoice])
    .nullable()
    .optional(),
  /** The secretariat adds documents on behalf of an entity; everyone else owns what they add. */
  owner: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(slug.nullable())
    .nullable()
    .optional(),
});
export type DocumentMetadataInput = z.infer<typeof documentMetadataInput>;

export const languageChoice = choice(unLanguages);

/** A new file for a document: a new version of an edition, or the first of a new language edition. */
export const versionInput = z.object({
  language: languageChoice,
  note: optionalText(500),
  /** The edition's title in its language, when it differs from the document's. */
  title: optionalText(300),
});
export type VersionInput = z.infer<typeof versionInput>;

/** A new document: its metadata, and the language of its first file with a note on it. */
export const newDocumentInput = documentMetadataInput.extend(versionInput.omit({ title: true }).shape);
export type NewDocumentInput = z.infer<typeof newDocumentInput>;
