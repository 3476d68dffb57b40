import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { declarePolicy } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, type FieldErrors, Form } from '../web/forms.tsx';
import type { LocalizedText } from '../web/i18n/locales.ts';
import { pickText } from '../web/i18n/locales.ts';
import {
  LocalizedInputs,
  localizedFields,
  localizedFrom,
  localizedValues,
} from '../web/localized-fields.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged } from '../web/public-page.ts';
import { listDocumentTypes } from './queries.ts';
import { addDocumentType, renameDocumentType } from './types.ts';

type Values = Record<string, string>;
const nameForm = z.object(localizedFields('name', 100, true));
const keepsTypes = () => declarePolicy({ kind: 'records', resource: 'document_type', action: 'edit' });

/** The secretariat's page for the managed list of document types (issue 5). */
export function documentTypeRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  /** The secretariat only; anyone else is told so, a visitor is sent to sign in. */
  const guard = (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    if (viewer.actor.kind !== 'secretariat') {
      const t = c.get('t');
      return sendMessagePage(c, t('error.forbiddenTitle'), t('documentTypes.forbidden'), 403);
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
    const types = await listDocumentTypes(db);
    return sendPrivatePage(
      c,
      t('documentTypes.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('documentTypes.title')}</h1>
        <p>{t('documentTypes.lead')}</p>
        <table class="responsive-table">
          <thead>
            <tr>
              <th scope="col">{t('documentTypes.colName')}</th>
              <th scope="col">{t('documentTypes.colSlug')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('documentTypes.rename')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr>
                <td>{pickText(type.name, locale)}</td>
                <td>
                  <code>{type.slug}</code>
                </td>
                <td>
                  <a href={`/admin/document-types/${type.slug}`}>{t('documentTypes.rename')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('documentTypes.addHeading')}</h2>
        <Form action="/admin/document-types">
          <LocalizedInputs
            locale={locale}
            prefix="name"
            label={(language) => t('documentTypes.nameIn', { language })}
            values={values}
            errors={errors}
          />
          <button class="button" type="submit">
            {t('documentTypes.add')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/admin/document-types', keepsTypes(), async (c) => guard(c) ?? listPage(c, {}, {}));

  app.post('/admin/document-types', keepsTypes(), async (c) => {
    const refused = guard(c);
    if (refused) return refused;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(nameForm, values);
    if (!input.data) return listPage(c, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await addDocumentType(
        db,
        c.get('viewer')?.actor ?? { kind: 'anonymous' },
        localizedFrom('name', values) as LocalizedText,
      );
    } catch (error) {
      return listPage(c, values, formFailure(t, error).errors, 400);
    }
    markDataChanged(c);
    return c.redirect('/admin/document-types', 303);
  });

  const renamePage = async (
    c: Context<AppEnv>,
    slug: string,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const type = (await listDocumentTypes(db)).find((row) => row.slug === slug);
    if (!type) return c.notFound();
    const title = t('documentTypes.renameTitle', { name: pickText(type.name, locale) });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <Form action={`/admin/document-types/${type.slug}`}>
          <LocalizedInputs
            locale={locale}
            prefix="name"
            label={(language) => t('documentTypes.nameIn', { language })}
            values={Object.keys(values).length > 0 ? values : localizedValues('name', type.name)}
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

  app.get(
    '/admin/document-types/:slug',
    keepsTypes(),
    async (c) => guard(c) ?? renamePage(c, c.req.param('slug'), {}, {}),
  );

  app.post('/admin/document-types/:slug', keepsTypes(), async (c) => {
    const refused = guard(c);
    if (refused) return refused;
    const t = c.get('t');
    const slug = c.req.param('slug');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(nameForm, values);
    if (!input.data) return renamePage(c, slug, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await renameDocumentType(
        db,
        c.get('viewer')?.actor ?? { kind: 'anonymous' },
        slug,
        localizedFrom('name', values) as LocalizedText,
      );
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 404) return c.notFound();
      return renamePage(c, slug, values, failure.errors, 400);
    }
    markDataChanged(c);
    return c.redirect('/admin/document-types', 303);
  });

  return app;
}
