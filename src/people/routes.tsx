import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { listBodiesOn } from '../bodies/queries.ts';
import { findEntity, isUuid } from '../directory/queries.ts';
import { mayEditEntity } from '../directory/rules.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form, VersionField } from '../web/forms.tsx';
import { formatDate, today } from '../web/i18n/format.ts';
import { isoDay, optionalText, requiredText, versionField } from '../web/input.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged } from '../web/public-page.ts';
import { addPerson, type PersonFunction, personLeaves, updatePerson } from './commands.ts';
import { type PersonView, peopleFor } from './queries.ts';
import { mayListPeople } from './visibility.ts';

type Values = Record<string, string | string[]>;

const personForm = z.object({
  name: requiredText(200),
  jobTitle: optionalText(200),
  email: z
    .string()
    .trim()
    .max(254, 'too_long')
    .refine((value) => value === '' || z.email().safeParse(value).success, 'bad_email')
    .transform((value) => (value === '' ? null : value.toLowerCase())),
  phone: optionalText(50),
  since: isoDay,
  topics: z.string().trim().max(500, 'too_long').optional(),
  bodies: z.union([z.uuid({ error: 'unknown_body' }), z.array(z.uuid({ error: 'unknown_body' }))]).optional(),
});
const editForm = personForm.extend({ version: versionField });
const leaveForm = z.object({ version: versionField, leftOn: isoDay });

const pageSize = 50;

function functionsFrom(data: z.infer<typeof personForm>): PersonFunction[] {
  const bodyIds = data.bodies === undefined ? [] : Array.isArray(data.bodies) ? data.bodies : [data.bodies];
  const topics = (data.topics ?? '')
    .split(',')
    .map((topic) => topic.trim())
    .filter(Boolean);
  return [
    ...[...new Set(bodyIds)].map((bodyId) => ({ kind: 'body_focal_point' as const, bodyId })),
    ...[...new Set(topics)].map((topic) => ({ kind: 'topic_focal_point' as const, topic })),
  ];
}

const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? (value[0] ?? '') : (value ?? '');

/** The people directory (issue 4): who works on the Compact in each entity, and their functions. */
export function peopleRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();
  const readsPeople = () => declarePolicy({ kind: 'records', resource: 'person', action: 'list' });
  const editsPeople = () => declarePolicy({ kind: 'records', resource: 'person', action: 'edit' });
  const refuse = (c: Context<AppEnv>) => {
    const t = c.get('t');
    return sendMessagePage(c, t('error.forbiddenTitle'), t('entity.forbidden'), 403);
  };

  app.get('/people', readsPeople(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const locale = c.get('locale');
    if (!mayListPeople(viewer.actor)) return refuse(c);
    const entity = c.req.query('entity') ? await findEntity(db, c.req.query('entity') as string) : null;
    const former = c.req.query('former') === '1';
    const all = await peopleFor(db, viewer.actor, { entityId: entity?.id, includeFormer: former });
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const rows = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    /** This list's address with some parameters changed; an empty value removes the parameter. */
    const link = (changes: Record<string, string>) => {
      const params = new URLSearchParams();
      if (entity) params.set('entity', entity.slug);
      if (former) params.set('former', '1');
      for (const [name, value] of Object.entries(changes)) {
        if (value) params.set(name, value);
        else params.delete(name);
      }
      const query = params.toString();
      return query ? `/people?${query}` : '/people';
    };
    const title = entity ? t('people.titleOf', { entity: entity.acronym }) : t('people.title');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p class="lead">{t('people.lead', { count: all.length })}</p>
        <p>
          {former ? (
            <a href={link({ former: '' })}>{t('people.currentOnly')}</a>
          ) : (
            <a href={link({ former: '1' })}>{t('people.includeFormer')}</a>
          )}
          {entity ? (
            <>
              {' · '}
              <a href="/people">{t('people.everyEntity')}</a>
            </>
          ) : null}
        </p>
        {rows.length === 0 ? (
          <p class="empty-state">{t('people.empty')}</p>
        ) : (
          <table class="responsive-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.colName')}</th>
                <th scope="col">{t('people.colEntity')}</th>
                <th scope="col">{t('people.colFunctions')}</th>
                <th scope="col">{t('people.colContact')}</th>
                <th scope="col">{t('people.colDates')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((person) => (
                <tr data-testid="person-row">
                  <th scope="row">
                    {person.name}
                    {person.jobTitle ? <span class="meta">, {person.jobTitle}</span> : null}
                    {mayEditEntity(viewer.actor, person.entityId) ? (
                      <>
                        {' '}
                        <a href={`/people/${person.id}/edit`}>{t('people.edit')}</a>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <a href={`/members/${person.entitySlug}`}>{person.entityAcronym}</a>
                  </td>
                  <td>{describeFunctions(t, person)}</td>
                  <td>
                    {person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : null}
                    {person.phone ? <span> {person.phone}</span> : null}
                  </td>
                  <td>
                    {person.leftOn
                      ? t('people.fromTo', {
                          from: formatDate(locale, person.since),
                          to: formatDate(locale, person.leftOn),
                        })
                      : t('body.since', { date: formatDate(locale, person.since) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label={t('pagination.label')} class="pagination">
            {pageNumber > 1 ? (
              <a href={link({ page: String(pageNumber - 1) })}>{t('pagination.previous')}</a>
            ) : null}{' '}
            <span>{t('pagination.position', { page: pageNumber, pages })}</span>{' '}
            {pageNumber < pages ? (
              <a href={link({ page: String(pageNumber + 1) })}>{t('pagination.next')}</a>
            ) : null}
          </nav>
        ) : null}
      </>,
    );
  });

  const personPage = async (
    c: Context<AppEnv>,
    target: { action: string; title: string; person: PersonView | null },
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const bodies = await listBodiesOn(db, today());
    const chosen = new Set(
      Array.isArray(values.bodies) ? values.bodies : values.bodies ? [values.bodies] : [],
    );
    return sendPrivatePage(
      c,
      target.title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{target.title}</h1>
        <Form action={target.action}>
          {target.person ? <VersionField version={single(values.version) || target.person.version} /> : null}
          <Field
            name="name"
            label={t('people.colName')}
            value={single(values.name)}
            error={errors.name}
            autocomplete="off"
          />
          <Field
            name="jobTitle"
            label={t('people.jobTitle')}
            value={single(values.jobTitle)}
            error={errors.jobTitle}
            required={false}
          />
          <Field
            name="email"
            type="email"
            label={t('people.email')}
            value={single(values.email)}
            error={errors.email}
            required={false}
            autocomplete="off"
          />
          <Field
            name="phone"
            type="tel"
            label={t('people.phone')}
            value={single(values.phone)}
            error={errors.phone}
            required={false}
          />
          <Field
            name="since"
            type="date"
            label={t('people.since')}
            value={single(values.since)}
            error={errors.since}
          />
          <fieldset id="bodies">
            <legend>{t('people.bodiesLegend')}</legend>
            {errors.bodies ? <p class="error-message">{errors.bodies}</p> : null}
            {bodies.map((body) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  id={`body-${body.id}`}
                  name="bodies"
                  value={body.id}
                  checked={chosen.has(body.id)}
                />
                <label for={`body-${body.id}`}>{body.shortName}</label>
              </div>
            ))}
          </fieldset>
          <Field
            name="topics"
            label={t('people.topics')}
            hint={t('people.topicsHint')}
            value={single(values.topics)}
            error={errors.topics}
            required={false}
          />
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </Form>
        {target.person && !target.person.leftOn ? (
          <>
            <h2>{t('people.leaveHeading')}</h2>
            <Form action={`/people/${target.person.id}/leave`}>
              <VersionField version={target.person.version} />
              <Field
                name="leftOn"
                type="date"
                label={t('people.leftOn')}
                hint={t('people.leftOnHint')}
                value={single(values.leftOn)}
                error={errors.leftOn}
              />
              <button class="button button-secondary" type="submit">
                {t('people.leaveSubmit')}
              </button>
            </Form>
          </>
        ) : null}
      </>,
      status,
    );
  };

  const fail = (
    c: Context<AppEnv>,
    error: unknown,
    show: (errors: FieldErrors, status: 400 | 409) => Promise<Response>,
  ) => {
    const failure = formFailure(c.get('t'), error);
    if (failure.status === 403) return refuse(c);
    if (failure.status === 404) return c.notFound();
    return show(failure.errors, failure.status === 409 ? 409 : 400);
  };

  app.get('/members/:slug/people/new', editsPeople(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const entity = await findEntity(db, c.req.param('slug'));
    if (!entity) return c.notFound();
    if (!mayEditEntity(viewer.actor, entity.id)) return refuse(c);
    const t = c.get('t');
    return personPage(
      c,
      {
        action: `/members/${entity.slug}/people/new`,
        title: t('people.addTo', { entity: entity.acronym }),
        person: null,
      },
      { since: today() },
      {},
    );
  });

  app.post('/members/:slug/people/new', editsPeople(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const entity = await findEntity(db, c.req.param('slug'));
    if (!entity) return c.notFound();
    if (!mayEditEntity(viewer.actor, entity.id)) return refuse(c);
    const t = c.get('t');
    const target = {
      action: `/members/${entity.slug}/people/new`,
      title: t('people.addTo', { entity: entity.acronym }),
      person: null,
    };
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(personForm, values);
    if (input.problems) return personPage(c, target, values, fieldErrorsOf(t, input.problems), 400);
    const { bodies: _bodies, topics: _topics, ...fields } = input.data;
    try {
      await addPerson(db, viewer.actor, entity.id, {
        ...fields,
        jobTitle: fields.jobTitle ?? null,
        phone: fields.phone ?? null,
        functions: functionsFrom(input.data),
      });
    } catch (error) {
      return fail(c, error, (errors, status) => personPage(c, target, values, errors, status));
    }
    markDataChanged(c);
    return c.redirect(`/people?entity=${entity.slug}`, 303);
  });

  /** The person in the path, if the viewer may edit them; otherwise the response to send instead. */
  const forEdit = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const id = c.req.param('id') ?? '';
    const [person] = isUuid(id)
      ? await peopleFor(db, viewer.actor, { personId: id, includeFormer: true })
      : [];
    if (!person) return { response: await c.notFound() } as const;
    if (!mayEditEntity(viewer.actor, person.entityId)) return { response: await refuse(c) } as const;
    const t = c.get('t');
    const target = {
      action: `/people/${person.id}/edit`,
      title: t('people.editTitle', { name: person.name }),
      person,
    };
    return { person, viewer, target } as const;
  };

  app.get('/people/:id/edit', editsPeople(), async (c) => {
    const found = await forEdit(c);
    if ('response' in found) return found.response;
    const { person, target } = found;
    return personPage(c, target, valuesOf(person), {});
  });

  app.post('/people/:id/edit', editsPeople(), async (c) => {
    const found = await forEdit(c);
    if ('response' in found) return found.response;
    const { person, viewer, target } = found;
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(editForm, values);
    if (input.problems) return personPage(c, target, values, fieldErrorsOf(t, input.problems), 400);
    const { bodies: _bodies, topics: _topics, version, ...fields } = input.data;
    try {
      await updatePerson(db, viewer.actor, person.id, version, {
        ...fields,
        jobTitle: fields.jobTitle ?? null,
        phone: fields.phone ?? null,
        functions: functionsFrom(input.data),
      });
    } catch (error) {
      return fail(c, error, (errors, status) =>
        personPage(
          c,
          target,
          status === 409 ? { ...values, version: String(person.version) } : values,
          errors,
          status,
        ),
      );
    }
    markDataChanged(c);
    return c.redirect(`/people?entity=${person.entitySlug}`, 303);
  });

  app.post('/people/:id/leave', editsPeople(), async (c) => {
    const found = await forEdit(c);
    if ('response' in found) return found.response;
    const { person, viewer, target } = found;
    const t = c.get('t');
    const values = { ...valuesOf(person), ...((await c.req.parseBody()) as Values) };
    const input = readInput(leaveForm, values);
    if (input.problems) return personPage(c, target, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await personLeaves(db, viewer.actor, person.id, input.data.version, input.data.leftOn);
    } catch (error) {
      return fail(c, error, (errors, status) => personPage(c, target, values, errors, status));
    }
    markDataChanged(c);
    return c.redirect(`/people?entity=${person.entitySlug}&former=1`, 303);
  });

  return app;
}

/** A person as the edit form shows them. */
function valuesOf(person: PersonView): Values {
  return {
    version: String(person.version),
    name: person.name,
    jobTitle: person.jobTitle ?? '',
    email: person.email ?? '',
    phone: person.phone ?? '',
    since: person.since,
    topics: person.functions
      .flatMap((item) => (item.kind === 'topic_focal_point' ? [item.topic] : []))
      .join(', '),
    bodies: person.functions.flatMap((item) => (item.kind === 'body_focal_point' ? [item.bodyId] : [])),
  };
}

function describeFunctions(t: AppEnv['Variables']['t'], person: PersonView): string {
  return person.functions
    .map((item) =>
      item.kind === 'body_focal_point'
        ? t('people.focalPointFor', { body: item.body })
        : t('people.focalPointTopic', { topic: item.topic }),
    )
    .join('; ');
}
