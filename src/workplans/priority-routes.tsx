import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { isUuid } from '../directory/queries.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../web/forms.tsx';
import { type LocalizedText, pickText } from '../web/i18n/locales.ts';
import {
  LocalizedInputs,
  localizedFields,
  localizedFrom,
  localizedValues,
} from '../web/localized-fields.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged } from '../web/public-page.ts';
import { addPriority, renamePriority } from './priorities.ts';
import { listPriorities } from './queries.ts';

type Values = Record<string, string>;
const nameForm = z.object(localizedFields('name', 300, true));
const newForm = nameForm.extend({
  programme: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}$/, 'workplans_bad_programme'),
  code: z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.[ivx]{1,5})?$/, 'workplans_bad_code'),
});
const keepsPriorities = () => declarePolicy({ kind: 'records', resource: 'jpow_priority', action: 'edit' });

/** The secretariat's page for the Joint Programme of Work's priorities (ADR 0026). */
export function priorityRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  const guard = (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    if (viewer.actor.kind !== 'secretariat') {
      const t = c.get('t');
      return sendMessagePage(c, t('error.forbiddenTitle'), t('workplans.prioritiesForbidden'), 403);
    }
    return null;
  };

  const listPage = async (
    c: Context<AppEnv>,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const priorities = await listPriorities(db);
    return sendPrivatePage(
      c,
      t('workplans.prioritiesTitle'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('workplans.prioritiesTitle')}</h1>
        <p>{t('workplans.prioritiesLead')}</p>
        <table class="responsive-table">
          <thead>
            <tr>
              <th scope="col">{t('workplans.fieldProgramme')}</th>
              <th scope="col">{t('workplans.fieldCode')}</th>
              <th scope="col">{t('workplans.colPriority')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('workplans.renamePriority')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {priorities.map((priority) => (
              <tr>
                <td>{priority.programme}</td>
                <td>{priority.code}</td>
                <td>{pickText(priority.name, locale)}</td>
                <td>
                  <a href={`/admin/jpow-priorities/${priority.id}`}>{t('workplans.renamePriority')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('workplans.addPriority')}</h2>
        <Form action="/admin/jpow-priorities">
          <Field
            name="programme"
            label={t('workplans.fieldProgramme')}
            hint={t('workplans.programmeHint')}
            value={values.programme ?? ''}
            error={errors.programme}
          />
          <Field
            name="code"
            label={t('workplans.fieldCode')}
            hint={t('workplans.codeHint')}
            value={values.code ?? ''}
            error={errors.code}
          />
          <LocalizedInputs
            locale={locale}
            prefix="name"
            label={(language) => t('workplans.priorityNameIn', { language })}
            values={values}
            errors={errors}
          />
          <button class="button" type="submit">
            {t('workplans.addPriority')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/admin/jpow-priorities', keepsPriorities(), async (c) => guard(c) ?? listPage(c, {}, {}));

  app.post('/admin/jpow-priorities', keepsPriorities(), async (c) => {
    const refused = guard(c);
    if (refused) return refused;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(newForm, values);
    if (!input.data) return listPage(c, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await addPriority(db, c.get('viewer')?.actor ?? { kind: 'anonymous' }, {
        programme: input.data.programme as string,
        code: input.data.code as string,
        name: localizedFrom('name', values) as LocalizedText,
      });
    } catch (error) {
      return listPage(c, values, formFailure(t, error).errors, 400);
    }
    markDataChanged(c);
    return c.redirect('/admin/jpow-priorities', 303);
  });

  const renamePage = async (
    c: Context<AppEnv>,
    id: string,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const priority = (await listPriorities(db)).find((row) => row.id === id);
    if (!priority) return c.notFound();
    const title = t('workplans.renamePriorityTitle', { code: priority.code, programme: priority.programme });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <Form action={`/admin/jpow-priorities/${priority.id}`}>
          <LocalizedInputs
            locale={locale}
            prefix="name"
            label={(language) => t('workplans.priorityNameIn', { language })}
            values={Object.keys(values).length > 0 ? values : localizedValues('name', priority.name)}
            errors={errors}
          />
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/admin/jpow-priorities/:id', keepsPriorities(), async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    return guard(c) ?? renamePage(c, id, {}, {});
  });

  app.post('/admin/jpow-priorities/:id', keepsPriorities(), async (c) => {
    const refused = guard(c);
    if (refused) return refused;
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(nameForm, values);
    if (!input.data) return renamePage(c, id, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await renamePriority(
        db,
        c.get('viewer')?.actor ?? { kind: 'anonymous' },
        id,
        localizedFrom('name', values) as LocalizedText,
      );
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 404) return c.notFound();
      return renamePage(c, id, values, failure.errors, 400);
    }
    markDataChanged(c);
    return c.redirect('/admin/jpow-priorities', 303);
  });

  return app;
}
