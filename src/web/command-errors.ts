import type { z } from 'zod';
import { DomainError, type Problem } from '../errors.ts';
import type { FieldErrors } from './forms.tsx';
import { isMessageKey, type Translate } from './i18n/translate.ts';

/** Each problem in the reader's language, keyed by the field it belongs to (the first problem wins). */
export function fieldErrorsOf(t: Translate, problems: readonly Problem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    if (errors[problem.field]) continue;
    const key = `problem.${problem.code}`;
    errors[problem.field] = isMessageKey(key) ? t(key, problem.values) : t('problem.invalid');
  }
  return errors;
}

/**
 * Reads a form or JSON body with a zod schema whose issue messages are problem codes. Returns the
 * parsed data or the problems, never throws on bad input.
 */
export function readInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): { data: z.infer<Schema>; problems: null } | { data: null; problems: Problem[] } {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data, problems: null };
  return {
    data: null,
    problems: result.error.issues.map((issue) => ({
      field: String(issue.path[0] ?? 'form'),
      code: /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid',
    })),
  };
}

/**
 * What a failed command means for a form: the problems to show next to the fields and the status to
 * answer with. A stale edit is a conflict shown at the top of the same form, which keeps the user's input.
 */
export function formFailure(
  t: Translate,
  error: unknown,
): { status: 400 | 403 | 404 | 409; errors: FieldErrors } {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 409) return { status: 409, errors: { form: t('problem.stale_edit') } };
  if (error.status === 403 || error.status === 404) return { status: error.status, errors: {} };
  return { status: 400, errors: fieldErrorsOf(t, error.problems) };
}
