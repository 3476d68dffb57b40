import { z } from 'zod';
import { choice, isoDay, optionalDay, optionalText, requiredText, versionField } from '../web/input.ts';
import { assessmentKinds, priorities, themes } from './schema.ts';

/** A checkbox of a form ("on") or a JSON boolean. */
export const formBoolean = z
  .union([z.boolean(), z.enum(['1', 'true', 'on', '0', 'false', ''])])
  .optional()
  .transform((value) => value === true || value === '1' || value === 'true' || value === 'on');

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, 'bad_choice');
const slugList = z.preprocess(
  (value) => {
    const raw = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    return [
      ...new Set(
        raw
          .flatMap((entry) => (typeof entry === 'string' ? entry.split(/[\n,;]+/) : [entry]))
          .map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
          .filter(Boolean),
      ),
    ];
  },
  z.array(slug).max(60, 'too_many'),
);

export const iso3 = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'cted_bad_country'));

export const assessmentInput = z.object({
  country: iso3,
  kind: choice(assessmentKinds),
  visitStart: isoDay,
  visitEnd: isoDay,
  widerSharing: formBoolean,
  namedEntities: slugList,
  summary: optionalText(4000),
  reportDocument: z
    .union([z.literal('').transform(() => null), z.uuid('bad_choice')])
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

export const sharingInput = z.object({
  version: versionField,
  widerSharing: formBoolean,
  namedEntities: slugList,
});
export type SharingInput = z.infer<typeof sharingInput>;

const recommendationFields = {
  theme: choice(themes),
  priority: choice(priorities),
  text: requiredText(4000),
  dueOn: optionalDay.transform((value) => value ?? null),
};

export const recommendationInput = z.object({
  assessment: z.uuid('bad_choice'),
  ...recommendationFields,
  status: choice(['open', 'in_progress', 'implemented'] as const).default('open'),
  issuedOn: isoDay,
});
export type RecommendationInput = z.infer<typeof recommendationInput>;

export const recommendationUpdateInput = z.object({
  version: versionField,
  ...recommendationFields,
  status: choice(['open', 'in_progress', 'implemented', 'superseded'] as const),
});
export type RecommendationUpdateInput = z.infer<typeof recommendationUpdateInput>;

/** A supersession: the replacing recommendation, in the same assessment. */
export const supersedeInput = z.object({
  version: versionField,
  ...recommendationFields,
  issuedOn: isoDay,
});
export type SupersedeInput = z.infer<typeof supersedeInput>;

export const uptakeInput = z.object({
  note: requiredText(2000),
  since: isoDay,
});
export type UptakeInput = z.infer<typeof uptakeInput>;

export { slug };
