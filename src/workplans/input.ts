import { z } from 'zod';
import { choice, optionalText, requiredText, versionField } from '../web/input.ts';
import { dayOfWhen, planLevels } from './rules.ts';
import { activityStatuses, workPlanStatuses } from './schema.ts';

/**
 * What forms and the API send for work plans (ADR 0026). Zod messages are problem codes, so a form shows
 * a bad quarter and a rule broken in the database the same way (ADR 0020).
 */

/**
 * A list field: the API sends an array, a form repeats the field (checkboxes, multiple select) or types
 * one item a line (or separated by `separator`). Empty items are dropped, duplicates kept once.
 */
const list = <Item extends z.ZodType>(item: Item, max: number, separator = /[\n\r]+/) =>
  z.preprocess(
    (value) => {
      const raw = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      const items = raw.flatMap((entry) => (typeof entry === 'string' ? entry.split(separator) : [entry]));
      return [
        ...new Set(items.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)).filter(Boolean)),
      ];
    },
    z.array(item).max(max, 'too_many'),
  );

const year = z.coerce
  .number({ error: 'bad_number' })
  .int('bad_number')
  .min(2000, 'bad_number')
  .max(2100, 'bad_number');

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, 'bad_choice');

/** A quarter ("2022-Q3") or a date ("2022-08-15"), kept as typed; the command turns it into a day. */
const when = z
  .string({ error: 'required' })
  .trim()
  .min(1, 'required')
  .refine((value) => dayOfWhen(value, 'start') !== null, 'workplans_bad_when');

export const planLevelChoice = choice(planLevels);
export const activityStatusChoice = choice(activityStatuses);

export const workPlanInput = z.object({
  title: requiredText(200),
  summary: optionalText(4000),
  startYear: year,
  endYear: year,
  level: planLevelChoice,
  status: choice(workPlanStatuses),
});
export type WorkPlanInput = z.infer<typeof workPlanInput>;

export const outputInput = z.object({
  title: requiredText(300),
  description: optionalText(4000),
  /** Ids of the Joint Programme of Work's priorities the output serves. */
  priorities: list(z.uuid({ error: 'bad_choice' }), 20),
});
export type OutputInput = z.infer<typeof outputInput>;

export const activityInput = z.object({
  title: requiredText(300),
  description: optionalText(4000),
  /** The lead entity's slug. */
  lead: slug,
  /** Partner entities' slugs. */
  partners: list(slug, 45, /[\n\r,;]+/),
  starts: when,
  ends: when,
  status: activityStatusChoice,
});
export type ActivityInput = z.infer<typeof activityInput>;

export const progressInput = z.object({
  quarter: z
    .string({ error: 'workplans_bad_quarter' })
    .trim()
    .toUpperCase()
    .regex(/^\d{4}-Q[1-4]$/, 'workplans_bad_quarter'),
  status: activityStatusChoice,
  text: requiredText(4000),
  /** Links, one a line: platform documents or meetings, or https web pages. */
  evidence: list(z.string().max(500, 'too_long'), 10),
});
export type ProgressInput = z.infer<typeof progressInput>;

/** The version a form was loaded with, for the plan and for a row. */
export const withVersion = <Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) =>
  schema.extend({ version: versionField });
