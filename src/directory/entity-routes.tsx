import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { placesOfEntity } from '../bodies/queries.ts';
import { peopleFor } from '../people/queries.ts';
import { declarePolicy, publicRoute } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form, Select, VersionField } from '../web/forms.tsx';
import { formatDate, today } from '../web/i18n/format.ts';
import { pickText, unLanguages } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { choice, isoDay, optionalDay, optionalUrl, requiredText, versionField } from '../web/input.ts';
import { Layout } from '../web/layout.tsx';
import {
  englishWithAnyLanguage,
  LocalizedInputs,
  languageName,
  localizedFields,
  localizedFrom,
  localizedValues,
  optionalLocalized,
} from '../web/localized-fields.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged, sendPublicPage } from '../web/public-page.ts';
import {
  administerEntity,
  changeEntityStatus,
  createEntity,
  setEntityLogo,
  updateEntityProfile,
} from './commands.ts';
import {
  type EntityRecord,
  emailDomainsOf,
  findEntity,
  logoHashOf,
  logoOf,
  statusHistoryOf,
} from './queries.ts';
import { logoMaxBytes, mayAdministerEntities, mayEditEntity } from './rules.ts';
import { entities } from './schema.ts';

type Values = Record<string, string>;

const otherLanguages = unLanguages.filter((language) => language !== 'en');

const profileForm = z
  .object({
    version: versionField,
    website: optionalUrl,
    ...localizedFields('name', 300, true),
    ...localizedFields('acronym', 30, false),
    ...localizedFields('description', 4000, false),
  })
  .superRefine(englishWithAnyLanguage('description'));

const domainList = z
  .string()
  .trim()
  .transform((value) =>
    value
      .split(/[\s,;]+/)
      .map((domain) => domain.toLowerCase())
      .filter(Boolean),
  )
  .refine((domains) => domains.every((domain) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)), 'bad_domains');

const adminForm = z.object({
  version: versionField,
  acronym: requiredText(30),
  kind: choice(entities.kind.enumValues),
  joinedOn: isoDay,
  leftOn: optionalDay,
  emailDomains: domainList,
});

const statusForm = z.object({
  version: versionField,
  status: choice(entities.status.enumValues),
  since: isoDay,
  note: z.string().trim().max(500, 'too_long').optional(),
});

const newEntityForm = z.object({
  acronym: requiredText(30),
  name_en: requiredText(300),
  kind: choice(entities.kind.enumValues),
  status: choice(entities.status.enumValues),
  joinedOn: isoDay,
  website: optionalUrl,
  emailDomains: domainList,
});

const editsEntity = () => declarePolicy({ kind: 'records', resource: 'entity', action: 'edit' });

const profileValues = (entity: EntityRecord): Values => ({
  version: String(entity.version),
  website: entity.website ?? '',
  ...localizedValues('name', entity.name),
  ...localizedValues('acronym', { ...entity.acronyms, en: entity.acronym }),
  ...localizedValues('description', entity.description),
});

/** An entity's profile page, its logo, and the forms of its focal points and of the secretariat (issue 4). */
export function entityRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  const refuse = (c: Context<AppEnv>, status: 403 | 404) => {
    const t = c.get('t');
    return status === 404
      ? c.notFound()
      : sendMessagePage(c, t('error.forbiddenTitle'), t('entity.forbidden'), 403);
  };

  /**
   * After a conflict the form carries the record's current version, so that saving again, once the user
   * has checked the record, is not refused once more; their input stays as they typed it.
   */
  const currentVersionIn = async (values: Values, entityId: string): Promise<Values> => ({
    ...values,
    version: String((await findEntity(db, entityId))?.version ?? values.version),
  });

  /** The entity named in the path, and whether the viewer may use its forms; a response when not. */
  const forForm = async (c: Context<AppEnv>, may: (entity: EntityRecord) => boolean) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const entity = await findEntity(db, c.req.param('slug') ?? '');
    if (!entity) return { response: await refuse(c, 404) } as const;
    if (!may(entity)) return { response: await refuse(c, 403) } as const;
    return { entity, viewer } as const;
  };

  const editPage = (
    c: Context<AppEnv>,
    entity: EntityRecord,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const title = t('entity.editTitle', { entity: entity.acronym });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <Form action={`/members/${entity.slug}/edit`}>
          <VersionField version={values.version ?? entity.version} />
          <fieldset>
            <legend>{t('entity.namesLegend')}</legend>
            <LocalizedInputs
              locale={locale}
              prefix="name"
              label={(language) => t('entity.nameIn', { language })}
              values={values}
              errors={errors}
            />
          </fieldset>
          <fieldset>
            <legend>{t('entity.acronymsLegend', { acronym: entity.acronym })}</legend>
            <LocalizedInputs
              locale={locale}
              prefix="acronym"
              languages={otherLanguages}
              label={(language) => t('entity.acronymIn', { language })}
              values={values}
              errors={errors}
            />
          </fieldset>
          <Field
            name="website"
            type="url"
            label={t('entity.website')}
            value={values.website}
            error={errors.website}
            required={false}
          />
          <fieldset>
            <legend>{t('entity.descriptionLegend')}</legend>
            <LocalizedInputs
              locale={locale}
              prefix="description"
              multiline
              label={(language) => t('entity.descriptionIn', { language })}
              values={values}
              errors={errors}
            />
          </fieldset>
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </Form>
        <h2>{t('entity.logoHeading')}</h2>
        <form method="post" action={`/members/${entity.slug}/logo`} enctype="multipart/form-data" novalidate>
          <div class={errors.logo ? 'field field-error' : 'field'}>
            <label for="logo">{t('entity.logoLabel')}</label>
            <p class="hint" id="logo-hint">
              {t('entity.logoHint', { kb: logoMaxBytes / 1024 })}
            </p>
            {errors.logo ? (
              <p class="error-message" id="logo-error">
                {errors.logo}
              </p>
            ) : null}
            <input
              id="logo"
              name="logo"
              type="file"
              accept="image/png,image/jpeg"
              aria-describedby={errors.logo ? 'logo-hint logo-error' : 'logo-hint'}
            />
          </div>
          <button class="button button-secondary" type="submit">
            {t('entity.logoSubmit')}
          </button>
        </form>
      </>,
      status,
    );
  };

  app.get('/members/new', editsEntity(), (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    if (!mayAdministerEntities(viewer.actor)) return refuse(c, 403);
    return newEntityPage(c, { kind: 'un', status: 'member', joinedOn: today() }, {});
  });

  const newEntityPage = (
    c: Context<AppEnv>,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      t('entity.newTitle'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('entity.newTitle')}</h1>
        <Form action="/members/new">
          <Field name="acronym" label={t('entity.acronym')} value={values.acronym} error={errors.acronym} />
          <Field
            name="name_en"
            label={t('entity.nameIn', { language: languageName(c.get('locale'), 'en') })}
            value={values.name_en}
            error={errors.name_en}
          />
          <Select
            name="status"
            label={t('entity.status')}
            value={values.status}
            error={errors.status}
            options={entities.status.enumValues.map((value) => ({ value, label: t(`status.${value}`) }))}
          />
          <StandingFields t={t} values={values} errors={errors}>
            <Field
              name="website"
              type="url"
              label={t('entity.website')}
              value={values.website}
              error={errors.website}
              required={false}
            />
          </StandingFields>
          <button class="button" type="submit">
            {t('entity.create')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.post('/members/new', editsEntity(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    if (!mayAdministerEntities(viewer.actor)) return refuse(c, 403);
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(newEntityForm, values);
    if (input.problems) return newEntityPage(c, values, fieldErrorsOf(t, input.problems), 400);
    const { name_en, ...rest } = input.data;
    try {
      const { slug } = await createEntity(db, viewer.actor, {
        ...rest,
        name: { en: name_en },
        website: rest.website ?? null,
      });
      markDataChanged(c);
      return c.redirect(`/members/${slug}?saved=1`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      return newEntityPage(c, values, failure.errors, 400);
    }
  });

  app.get('/members/:slug/edit', editsEntity(), async (c) => {
    const found = await forForm(c, (entity) =>
      mayEditEntity(c.get('viewer')?.actor ?? { kind: 'anonymous' }, entity.id),
    );
    if ('response' in found) return found.response;
    return editPage(c, found.entity, profileValues(found.entity), {});
  });

  app.post('/members/:slug/edit', editsEntity(), async (c) => {
    const found = await forForm(c, (entity) =>
      mayEditEntity(c.get('viewer')?.actor ?? { kind: 'anonymous' }, entity.id),
    );
    if ('response' in found) return found.response;
    const { entity, viewer } = found;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(profileForm, values);
    if (input.problems) return editPage(c, entity, values, fieldErrorsOf(t, input.problems), 400);
    // The English acronym is the entity's key: only the secretariat changes it, on its own form.
    const { en: _englishAcronym, ...acronyms } = localizedFrom('acronym', values);
    try {
      await updateEntityProfile(db, viewer.actor, entity.id, input.data.version, {
        name: optionalLocalized('name', values) ?? entity.name,
        acronyms,
        website: input.data.website ?? null,
        description: optionalLocalized('description', values),
      });
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return refuse(c, failure.status);
      if (failure.status === 409)
        return editPage(c, entity, await currentVersionIn(values, entity.id), failure.errors, 409);
      return editPage(c, entity, values, failure.errors, 400);
    }
    markDataChanged(c);
    return c.redirect(`/members/${entity.slug}?saved=1`, 303);
  });

  app.post(
    '/members/:slug/logo',
    editsEntity(),
    bodyLimit({
      maxSize: logoMaxBytes + 64 * 1024,
      onError: (c) => c.text(c.get('t')('problem.logo_too_large', { kb: logoMaxBytes / 1024 }), 413),
    }),
    async (c) => {
      const found = await forForm(c, (entity) =>
        mayEditEntity(c.get('viewer')?.actor ?? { kind: 'anonymous' }, entity.id),
      );
      if ('response' in found) return found.response;
      const { entity, viewer } = found;
      const t = c.get('t');
      const body = await c.req.parseBody();
      const file = body.logo;
      const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      try {
        await setEntityLogo(db, viewer.actor, entity.id, bytes);
      } catch (error) {
        const failure = formFailure(t, error);
        if (failure.status === 403 || failure.status === 404) return refuse(c, failure.status);
        return editPage(c, entity, profileValues(entity), failure.errors, 400);
      }
      markDataChanged(c);
      return c.redirect(`/members/${entity.slug}?saved=1`, 303);
    },
  );

  const adminPage = async (
    c: Context<AppEnv>,
    entity: EntityRecord,
    values: Values,
    statusValues: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const history = await statusHistoryOf(db, entity.id);
    const title = t('entity.adminTitle', { entity: entity.acronym });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <Form action={`/members/${entity.slug}/admin`}>
          <VersionField version={values.version ?? entity.version} />
          <Field
            name="acronym"
            label={t('entity.acronym')}
            hint={t('entity.acronymHint')}
            value={values.acronym}
            error={errors.acronym}
          />
          <StandingFields t={t} values={values} errors={errors}>
            <Field
              name="leftOn"
              type="date"
              label={t('entity.leftOn')}
              hint={t('entity.leftOnHint')}
              value={values.leftOn}
              error={errors.leftOn}
              required={false}
            />
          </StandingFields>
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </Form>
        <h2 id="status-history">{t('entity.statusHeading')}</h2>
        <table class="responsive-table">
          <caption>{t('entity.statusCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entity.colSince')}</th>
              <th scope="col">{t('entity.status')}</th>
              <th scope="col">{t('entity.colNote')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((row) => (
              <tr>
                <td>{formatDate(locale, row.since)}</td>
                <td>{t(`status.${row.status}`)}</td>
                <td>{row.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form action={`/members/${entity.slug}/status`}>
          <VersionField version={statusValues.version ?? entity.version} />
          <Select
            name="status"
            label={t('entity.newStatus')}
            value={statusValues.status}
            error={errors.status}
            options={entities.status.enumValues.map((value) => ({ value, label: t(`status.${value}`) }))}
          />
          <Field
            name="since"
            type="date"
            label={t('entity.statusSince')}
            value={statusValues.since}
            error={errors.since}
          />
          <Field
            name="note"
            label={t('entity.statusNote')}
            value={statusValues.note}
            error={errors.note}
            required={false}
          />
          <button class="button" type="submit">
            {t('entity.statusSubmit')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  const adminValues = async (entity: EntityRecord): Promise<Values> => ({
    version: String(entity.version),
    acronym: entity.acronym,
    kind: entity.kind,
    joinedOn: entity.joinedOn,
    leftOn: entity.leftOn ?? '',
    emailDomains: (await emailDomainsOf(db, entity.id)).join(', '),
  });
  const statusValues = (entity: EntityRecord): Values => ({
    version: String(entity.version),
    status: entity.status === 'member' ? 'observer' : 'member',
    since: today(),
  });
  const administers = (c: Context<AppEnv>) => () =>
    mayAdministerEntities(c.get('viewer')?.actor ?? { kind: 'anonymous' });

  app.get('/members/:slug/admin', editsEntity(), async (c) => {
    const found = await forForm(c, administers(c));
    if ('response' in found) return found.response;
    return adminPage(c, found.entity, await adminValues(found.entity), statusValues(found.entity), {});
  });

  app.post('/members/:slug/admin', editsEntity(), async (c) => {
    const found = await forForm(c, administers(c));
    if ('response' in found) return found.response;
    const { entity, viewer } = found;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(adminForm, values);
    if (input.problems)
      return adminPage(c, entity, values, statusValues(entity), fieldErrorsOf(t, input.problems), 400);
    try {
      const { version, acronym, kind, joinedOn, leftOn, emailDomains } = input.data;
      await administerEntity(db, viewer.actor, entity.id, version, {
        acronym,
        kind,
        joinedOn,
        leftOn: leftOn ?? null,
        emailDomains,
      });
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return refuse(c, failure.status);
      if (failure.status === 409) {
        return adminPage(
          c,
          entity,
          await currentVersionIn(values, entity.id),
          statusValues(entity),
          failure.errors,
          409,
        );
      }
      return adminPage(c, entity, values, statusValues(entity), failure.errors, 400);
    }
    markDataChanged(c);
    return c.redirect(`/members/${entity.slug}?saved=1`, 303);
  });

  app.post('/members/:slug/status', editsEntity(), async (c) => {
    const found = await forForm(c, administers(c));
    if ('response' in found) return found.response;
    const { entity, viewer } = found;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(statusForm, values);
    if (input.problems)
      return adminPage(c, entity, await adminValues(entity), values, fieldErrorsOf(t, input.problems), 400);
    try {
      await changeEntityStatus(
        db,
        viewer.actor,
        entity.id,
        input.data.version,
        { status: input.data.status, since: input.data.since, note: input.data.note || null },
        today(),
      );
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return refuse(c, failure.status);
      if (failure.status === 409) {
        return adminPage(
          c,
          entity,
          await adminValues(entity),
          await currentVersionIn(values, entity.id),
          failure.errors,
          409,
        );
      }
      return adminPage(c, entity, await adminValues(entity), values, failure.errors, 400);
    }
    markDataChanged(c);
    return c.redirect(`/members/${entity.slug}?saved=1`, 303);
  });

  app.get('/members/:slug/logo', publicRoute(), async (c) => {
    const entity = await findEntity(db, c.req.param('slug'));
    const logo = entity ? await logoOf(db, entity.id) : null;
    if (!logo) return c.notFound();
    const etag = `"${logo.sha256}"`;
    const headers = {
      'Content-Type': logo.contentType,
      ETag: etag,
      'Cache-Control': 'public, max-age=86400',
      'Content-Security-Policy': "default-src 'none'",
    };
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(logo.bytes), 200, headers);
  });

  app.get('/members/:slug', publicRoute(), async (c) => {
    const slug = c.req.param('slug').toLowerCase();
    const found = await deps.cache.remember(`entity|${slug}`, () => findEntity(db, slug));
    if (!found) return c.notFound();
    const saved = c.req.query('saved') === '1';
    return sendPublicPage(c, deps.cache, `${found.slug}|${saved}`, async (page) => {
      // Read again inside the render: a lookup that began before a change must not be cached after it.
      const entity = (await findEntity(db, found.id)) ?? found;
      const { t, locale } = page;
      const actor = c.get('viewer')?.actor ?? { kind: 'anonymous' as const };
      const [history, places, logoHash, people] = await Promise.all([
        statusHistoryOf(db, entity.id),
        placesOfEntity(db, entity.id),
        logoHashOf(db, entity.id),
        peopleFor(db, actor, { entityId: entity.id }),
      ]);
      const name = pickText(entity.name, locale);
      const acronym = entity.acronyms[locale] ?? entity.acronym;
      const day = today();
      const current = <T extends { until: string | null; since: string }>(rows: T[]) =>
        rows.filter((row) => row.since <= day && (row.until === null || row.until >= day));
      const past = <T extends { until: string | null }>(rows: T[]) =>
        rows.filter((row) => row.until !== null && row.until < day);
      const signedIn = actor.kind !== 'anonymous';
      return (
        <Layout page={page} title={`${name} (${acronym})`}>
          {saved ? (
            <p class="notice" role="status">
              {t('entity.saved')}
            </p>
          ) : null}
          <div class="entity-heading">
            {logoHash ? (
              <img
                class="entity-logo"
                src={`/members/${entity.slug}/logo?v=${logoHash.slice(0, 12)}`}
                alt={t('entity.logoAlt', { entity: acronym })}
                width={96}
                height={96}
              />
            ) : null}
            <h1>
              {name} <span class="acronym">({acronym})</span>
            </h1>
          </div>
          {mayEditEntity(actor, entity.id) || mayAdministerEntities(actor) ? (
            <ul class="actions">
              {mayEditEntity(actor, entity.id) ? (
                <li>
                  <a href={`/members/${entity.slug}/edit`}>{t('entity.editLink')}</a>
                </li>
              ) : null}
              {mayAdministerEntities(actor) ? (
                <li>
                  <a href={`/members/${entity.slug}/admin`}>{t('entity.adminLink')}</a>
                </li>
              ) : null}
              {actor.kind === 'entity' && actor.focalPoint && actor.entityId === entity.id ? (
                <li>
                  <a href="/audit/our-records">{t('entity.ownReadsLink')}</a>
                </li>
              ) : null}
            </ul>
          ) : null}
          <dl class="facts">
            <dt>{t('entity.kind')}</dt>
            <dd>{t(`kind.${entity.kind}`)}</dd>
            <dt>{t('entity.status')}</dt>
            <dd data-testid="entity-status">{t(`status.${entity.status}`)}</dd>
            <dt>{t('entity.joinedOn')}</dt>
            <dd>
              <time datetime={entity.joinedOn}>{formatDate(locale, entity.joinedOn)}</time>
            </dd>
            {entity.leftOn ? (
              <>
                <dt>{t('entity.leftOn')}</dt>
                <dd>
                  <time datetime={entity.leftOn}>{formatDate(locale, entity.leftOn)}</time>
                </dd>
              </>
            ) : null}
            {entity.website ? (
              <>
                <dt>{t('entity.website')}</dt>
                <dd>
                  <a href={entity.website} rel="noopener noreferrer">
                    {entity.website}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
          {entity.description ? (
            <p data-testid="entity-description">{pickText(entity.description, locale)}</p>
          ) : null}
          <section aria-labelledby="entity-bodies">
            <h2 id="entity-bodies">{t('entity.bodiesHeading')}</h2>
            {current(places.memberships).length === 0 ? (
              <p class="empty-state">{t('entity.noBodies')}</p>
            ) : (
              <ul data-testid="entity-bodies">
                {current(places.memberships).map((row) => {
                  const seats = current(places.terms).filter((term) => term.body.slug === row.body.slug);
                  return (
                    <li>
                      <a href={`/working-groups/${row.body.slug}`}>{pickText(row.body.name, locale)}</a> (
                      {t(`role.body.${row.role}`)}
                      {seats.map((seat) => `, ${t(`seat.${seat.seat}`)}`).join('')})
                    </li>
                  );
                })}
              </ul>
            )}
            {past(places.terms).length > 0 ? (
              <>
                <h3>{t('entity.pastSeats')}</h3>
                <ul>
                  {past(places.terms).map((term) => (
                    <li>
                      {t('entity.pastSeat', {
                        seat: t(`seat.${term.seat}`),
                        body: term.body.shortName,
                        from: formatDate(locale, term.since),
                        to: formatDate(locale, term.until as string),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          <section aria-labelledby="entity-names">
            <h2 id="entity-names">{t('entity.namesHeading')}</h2>
            <table class="responsive-table">
              <caption>{t('entity.namesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('entity.colLanguage')}</th>
                  <th scope="col">{t('entity.colName')}</th>
                  <th scope="col">{t('entity.acronym')}</th>
                </tr>
              </thead>
              <tbody>
                {unLanguages.map((language) => (
                  <tr>
                    <th scope="row">{languageName(locale, language)}</th>
                    <td lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
                      {entity.name[language] ?? '—'}
                    </td>
                    <td lang={language}>
                      {language === 'en' ? entity.acronym : (entity.acronyms[language] ?? '—')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="entity-history">
            <h2 id="entity-history">{t('entity.statusHeading')}</h2>
            <ol data-testid="status-history">
              {history.map((row) => (
                <li>
                  {t('entity.statusLine', {
                    date: formatDate(locale, row.since),
                    status: t(`status.${row.status}`),
                  })}
                  {row.note ? ` — ${row.note}` : ''}
                </li>
              ))}
            </ol>
          </section>
          <p>
            <a href={`/documents?owner=${entity.slug}`}>
              {t('entity.documentsLink', { entity: entity.acronym })}
            </a>
          </p>
          <section aria-labelledby="entity-people">
            <h2 id="entity-people">{t('people.heading')}</h2>
            {!signedIn ? (
              <p>{t('people.signInToSee')}</p>
            ) : people.length === 0 ? (
              <p class="empty-state">{t('people.empty')}</p>
            ) : (
              <ul data-testid="entity-people">
                {people.map((person) => (
                  <li>
                    <strong>{person.name}</strong>
                    {person.jobTitle ? `, ${person.jobTitle}` : ''}
                    {person.email ? (
                      <>
                        {' '}
                        · <a href={`mailto:${person.email}`}>{person.email}</a>
                      </>
                    ) : null}
                    {person.phone ? ` · ${person.phone}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {signedIn ? (
              <p>
                <a href={`/people?entity=${entity.slug}`}>{t('people.allOfEntity', { entity: acronym })}</a>
                {mayEditEntity(actor, entity.id) ? (
                  <>
                    {' · '}
                    <a href={`/members/${entity.slug}/people/new`}>{t('people.add')}</a>
                  </>
                ) : null}
              </p>
            ) : null}
          </section>
        </Layout>
      );
    });
  });

  return app;
}

/**
 * The fields the secretariat keeps for an entity, shared by the form that adds one and the one that
 * administers it: type, date of joining, then `children`, then the e-mail domains.
 */
function StandingFields(props: { t: Translate; values: Values; errors: FieldErrors; children: Child }) {
  const { t, values, errors } = props;
  return (
    <>
      <Select
        name="kind"
        label={t('entity.kind')}
        value={values.kind}
        error={errors.kind}
        options={entities.kind.enumValues.map((value) => ({ value, label: t(`kind.${value}`) }))}
      />
      <Field
        name="joinedOn"
        type="date"
        label={t('entity.joinedOn')}
        value={values.joinedOn}
        error={errors.joinedOn}
      />
      {props.children}
      <Field
        name="emailDomains"
        label={t('entity.emailDomains')}
        hint={t('entity.emailDomainsHint')}
        value={values.emailDomains}
        error={errors.emailDomains}
        required={false}
      />
    </>
  );
}
