import { z } from 'zod';

/**
 * Field schemas for forms and the API, whose messages are problem codes (see command-errors.ts). A form
 * field left empty is '' and means "none" for optional fields.
 */
export const isoDay = z
  .string()
  .trim()
  .regex(/^(?!0000)\d{4}-\d{2}-\d{2}$/, { message: 'bad_date', abort: true })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'bad_date');

export const optionalDay = z
  .union([z.literal('').transform(() => null), isoDay])
  .nullable()
  .optional();

export const requiredText = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

export const optionalUrl = z
  .string()
  .trim()
  .max(500, 'too_long')
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'bad_url')
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .optional();

/** Versions are database integers: anything else is not a version this platform gave out. */
export const versionField = z.coerce
  .number({ error: 'stale_edit' })
  .int('stale_edit')
  .min(0, 'stale_edit')
  .max(2_147_483_647, 'stale_edit');

export const choice = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z.enum(values, { error: 'bad_choice' });
