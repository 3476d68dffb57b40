import { z } from 'zod';
import { choice, requiredText, versionField } from '../web/input.ts';
import { sectionLevels, strategyStatuses } from './schema.ts';

/** What a State's focal point sends for one section: the draft, and whether to submit it for review. */
export const draftInput = z.object({
  version: versionField,
  text: requiredText(20_000),
  level: choice(sectionLevels),
  strategyStatus: z
    .union([z.literal('').transform(() => null), choice(strategyStatuses)])
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  submit: z
    .union([z.boolean(), z.enum(['1', 'true', 'on', '0', 'false', ''])])
    .optional()
    .transform((value) => value === true || value === '1' || value === 'true' || value === 'on'),
});
export type DraftInput = z.infer<typeof draftInput>;

/** The secretariat's decision on a submitted draft; a return needs a comment for the State. */
export const reviewInput = z.object({
  version: versionField,
  decision: choice(['publish', 'return'] as const),
  comment: z
    .string()
    .trim()
    .max(2000, 'too_long')
    .optional()
    .transform((value) => (value ? value : null)),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const iso3Param = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((value) => value.toUpperCase());
