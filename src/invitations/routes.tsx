import { asc, desc, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { roles } from '../accounts/schema.ts';
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';
import { declarePolicy, publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../web/forms.tsx';
import { formatDate } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import { isMessageKey } from '../web/i18n/translate.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import {
  acceptInvitation,
  findInvitation,
  InvitationError,
  invitationLifetimeDays,
  inviteSomeone,
  revokeInvitation,
} from './commands.ts';
import { mayInvite, mayManageInvitation } from './rules.ts';
import { invitations } from './schema.ts';

const invitableRoles = roles.filter((role) => role !== 'secretariat_admin');

/** Strict: unknown fields are dropped, the role must be one a person may be invited to. */
const inviteForm = z.object({
  email: z.string().trim().toLowerCase().catch(''),
  role: z.string().optional().catch(undefined),
  entityId: z.uuid().optional().catch(undefined),
  memberStateId: z.uuid().optional().catch(undefined),
});
const acceptForm = z.object({
  token: z.string().catch(''),
  name: z.string().catch(''),
  password: z.string().catch(''),
});

const managesInvitations = () => declarePolicy({ kind: 'records', resource: 'invitation', action: 'edit' });

/** Inviting people, revoking invitations, and accepting one (ADR 0016). */
export function invitationRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  const signInFirst = redirectToSignIn;
  const forbidden = (c: Context<AppEnv>) => {
    const t = c.get('t');
    return sendMessagePage(c, t('error.forbiddenTitle'), t('invitations.forbidden'), 403);
  };

  const listPage = async (
    c: Context<AppEnv>,
    values: z.infer<typeof inviteForm>,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer');
    if (!viewer) return signInFirst(c);
    const actor = viewer.actor;
    const ownEntityId = actor.kind === 'entity' ? actor.entityId : null;
    const [rows, entityRows, stateRows] = await Promise.all([
      db
        .select()
        .from(invitations)
        .where(ownEntityId ? eq(invitations.entityId, ownEntityId) : undefined)
        .orderBy(desc(invitations.createdAt))
        .limit(200),
      db
        .select({ id: entities.id, acronym: entities.acronym, emailDomains: entities.emailDomains })
        .from(entities)
        .orderBy(asc(entities.acronym)),
      actor.kind === 'secretariat'
        ? db.select({ id: memberStates.id, name: memberStates.name }).from(memberStates)
        : Promise.resolve([]),
    ]);
    const visible = rows.filter((row) => mayManageInvitation(actor, row));
    const stateNames = new Map(stateRows.map((row) => [row.id, pickText(row.name, locale)]));
    const entityNames = new Map(entityRows.map((row) => [row.id, row.acronym]));
    const ownDomains = entityRows.find((row) => row.id === ownEntityId)?.emailDomains ?? [];
    const now = new Date();
    const statusOf = (row: (typeof rows)[number]) =>
      row.acceptedAt
        ? 'statusAccepted'
        : row.revokedAt
          ? 'statusRevoked'
          : row.expiresAt <= now
            ? 'statusExpired'
            : 'statusPending';
    const notice = c.req.query('sent')
      ? t('invitations.sent', { email: c.req.query('sent') as string })
      : c.req.query('revoked')
        ? t('invitations.revoked')
        : null;
    const roleChoices =
      actor.kind === 'secretariat' ? invitableRoles : (['entity_member', 'entity_focal_point'] as const);
    return sendPrivatePage(
      c,
      t('invitations.title'),
      <>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('invitations.title')}</h1>
        <p>{t('invitations.lead', { days: invitationLifetimeDays })}</p>
        <h2>{t('invitations.newHeading')}</h2>
        <Form action="/invitations">
          <Field
            name="email"
            type="email"
            label={t('invitations.email')}
            value={values.email}
            error={errors.email}
            hint={ownEntityId ? t('invitations.emailHint', { domains: ownDomains.join(', ') }) : undefined}
            autocomplete="off"
          />
          <div class={errors.role ? 'field field-error' : 'field'}>
            <label for="role">{t('invitations.role')}</label>
            <select id="role" name="role">
              {roleChoices.map((role) => (
                <option value={role} selected={values.role === role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          {actor.kind === 'secretariat' ? (
            <>
              <div class={errors.entityId ? 'field field-error' : 'field'}>
                <label for="entityId">{t('invitations.entity')}</label>
                {errors.entityId ? (
                  <p class="error-message" id="entityId-error">
                    {errors.entityId}
                  </p>
                ) : null}
                <select
                  id="entityId"
                  name="entityId"
                  aria-describedby={errors.entityId ? 'entityId-error' : undefined}
                >
                  <option value="">{t('invitations.choose')}</option>
                  {entityRows.map((row) => (
                    <option value={row.id} selected={values.entityId === row.id}>
                      {row.acronym}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="memberStateId">{t('invitations.memberState')}</label>
                <select id="memberStateId" name="memberStateId">
                  <option value="">{t('invitations.choose')}</option>
                  {[...stateNames]
                    .sort((a, b) => a[1].localeCompare(b[1], locale))
                    .map(([id, name]) => (
                      <option value={id} selected={values.memberStateId === id}>
                        {name}
                      </option>
                    ))}
                </select>
              </div>
            </>
          ) : (
            <input type="hidden" name="entityId" value={ownEntityId ?? ''} />
          )}
          <button class="button" type="submit">
            {t('invitations.submit')}
          </button>
        </Form>
        {visible.length === 0 ? (
          <p class="empty-state">{t('invitations.empty')}</p>
        ) : (
          <table class="responsive-table">
            <caption>{t('invitations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.colEmail')}</th>
                <th scope="col">{t('invitations.colRole')}</th>
                <th scope="col">{t('invitations.colFor')}</th>
                <th scope="col">{t('invitations.colStatus')}</th>
                <th scope="col">{t('invitations.colExpires')}</th>
                <th scope="col">{t('invitations.colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <tr data-testid="invitation-row">
                  <td>{row.email}</td>
                  <td>{t(`role.${row.role}`)}</td>
                  <td>
                    {row.entityId
                      ? entityNames.get(row.entityId)
                      : row.memberStateId
                        ? stateNames.get(row.memberStateId)
                        : ''}
                  </td>
                  <td>{t(`invitations.${statusOf(row)}`)}</td>
                  <td>{formatDate(locale, row.expiresAt.toISOString().slice(0, 10))}</td>
                  <td>
                    {statusOf(row) === 'statusPending' ? (
                      <a href={`/invitations/${row.id}/revoke`}>{t('invitations.revoke')}</a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
      status,
    );
  };

  app.get('/invitations', managesInvitations(), (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInFirst(c);
    if (!mayInvite(viewer.actor)) return forbidden(c);
    return listPage(c, { email: '' }, {});
  });

  app.post('/invitations', managesInvitations(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInFirst(c);
    if (!mayInvite(viewer.actor)) return forbidden(c);
    const t = c.get('t');
    const values = inviteForm.parse(await c.req.parseBody());
    if (!z.email().safeParse(values.email).success)
      return listPage(c, values, { email: t('signIn.emailInvalid') }, 400);
    const role = values.role ?? 'entity_member';
    if (!(invitableRoles as readonly string[]).includes(role)) {
      return listPage(c, values, { email: t('invitations.error.role_not_invitable') }, 400);
    }
    const forState = role === 'member_state_focal_point';
    try {
      await inviteSomeone(
        { db, mailer: deps.mailer, baseUrl: deps.env.BASE_URL },
        { ...viewer.actor, userId: viewer.userId } as Parameters<typeof inviteSomeone>[1],
        {
          email: values.email,
          role: role as (typeof invitableRoles)[number],
          entityId: forState ? null : (values.entityId ?? null),
          memberStateId: forState ? (values.memberStateId ?? null) : null,
        },
        (link) => ({
          subject: t('invitations.mailSubject'),
          text: t('invitations.mailText', { inviter: viewer.name, days: invitationLifetimeDays, link }),
        }),
      );
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      const [own] =
        viewer.actor.kind === 'entity'
          ? await db
              .select({ emailDomains: entities.emailDomains })
              .from(entities)
              .where(eq(entities.id, viewer.actor.entityId))
          : [];
      const key = `invitations.error.${error.reason}`;
      const message = isMessageKey(key)
        ? t(key, { domains: (own?.emailDomains ?? []).join(', ') })
        : t('invitations.error.not_allowed');
      const field = error.reason === 'affiliation_missing' ? 'entityId' : 'email';
      return listPage(c, values, { [field]: message }, 400);
    }
    return c.redirect(`/invitations?sent=${encodeURIComponent(values.email)}`, 303);
  });

  app.get('/invitations/:id/revoke', managesInvitations(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInFirst(c);
    const t = c.get('t');
    const id = z.uuid().safeParse(c.req.param('id'));
    const [invitation] = id.success
      ? await db
          .select()
          .from(invitations)
          .where(inArray(invitations.id, [id.data]))
      : [];
    if (!invitation || !mayManageInvitation(viewer.actor, invitation)) {
      return sendMessagePage(c, t('error.notFoundTitle'), t('invitations.error.not_found'), 404);
    }
    return sendPrivatePage(
      c,
      t('invitations.confirmTitle', { email: invitation.email }),
      <>
        <h1>{t('invitations.confirmTitle', { email: invitation.email })}</h1>
        <p>{t('invitations.confirmText')}</p>
        <form method="post" action={`/invitations/${invitation.id}/revoke`}>
          <button class="button" type="submit">
            {t('invitations.confirmYes')}
          </button>{' '}
          <a href="/invitations">{t('invitations.confirmNo')}</a>
        </form>
      </>,
    );
  });

  app.post('/invitations/:id/revoke', managesInvitations(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInFirst(c);
    const t = c.get('t');
    const id = z.uuid().safeParse(c.req.param('id'));
    try {
      if (!id.success) throw new InvitationError('not_found');
      await revokeInvitation(
        db,
        { ...viewer.actor, userId: viewer.userId } as Parameters<typeof revokeInvitation>[1],
        id.data,
      );
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      return sendMessagePage(c, t('error.notFoundTitle'), t('invitations.error.not_found'), 404);
    }
    return c.redirect('/invitations?revoked=1', 303);
  });

  const acceptPage = async (
    c: Context<AppEnv>,
    token: string,
    values: { name?: string },
    errors: FieldErrors,
    status: 200 | 400 | 404 | 410 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const found = await findInvitation(db, token);
    if (found.problem) {
      return sendPrivatePage(
        c,
        t('accept.title'),
        <>
          <h1>{t('accept.title')}</h1>
          <p class="notice">{t(`accept.problem.${found.problem}`)}</p>
        </>,
        found.problem === 'unknown' ? 404 : 410,
      );
    }
    const invitation = found.invitation;
    const [entity] = invitation.entityId
      ? await db.select({ name: entities.name }).from(entities).where(eq(entities.id, invitation.entityId))
      : [];
    const [state] = invitation.memberStateId
      ? await db
          .select({ name: memberStates.name })
          .from(memberStates)
          .where(eq(memberStates.id, invitation.memberStateId))
      : [];
    const affiliation = entity ? pickText(entity.name, locale) : state ? pickText(state.name, locale) : '';
    return sendPrivatePage(
      c,
      t('accept.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('accept.title')}</h1>
        <p>
          {t('accept.lead', { role: t(`role.${invitation.role}`), affiliation, email: invitation.email })}
        </p>
        <Form action="/invitations/accept">
          <input type="hidden" name="token" value={token} />
          <Field
            name="name"
            label={t('accept.name')}
            value={values.name ?? ''}
            error={errors.name}
            autocomplete="name"
          />
          <Field
            name="password"
            type="password"
            label={t('accept.password')}
            hint={t('accept.passwordHint')}
            error={errors.password}
            autocomplete="new-password"
          />
          <button class="button" type="submit">
            {t('accept.submit')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/invitations/accept', publicRoute(), (c) => acceptPage(c, c.req.query('token') ?? '', {}, {}));

  app.post('/invitations/accept', publicRoute(), async (c) => {
    const t = c.get('t');
    const form = acceptForm.parse(await c.req.parseBody());
    const result = await acceptInvitation(db, deps.auth, form.token, form);
    if (!result.ok) {
      const field = result.problem === 'name_missing' ? 'name' : 'password';
      if (['password_short', 'password_breached', 'name_missing'].includes(result.problem)) {
        return acceptPage(c, form.token, form, { [field]: t(`accept.problem.${result.problem}`) }, 400);
      }
      return acceptPage(c, form.token, form, {});
    }
    return sendPrivatePage(
      c,
      t('accept.title'),
      <>
        <h1>{t('accept.title')}</h1>
        <p class="notice" role="status">
          {t('accept.done')}
        </p>
        <p>
          <a href="/sign-in">{t('nav.signIn')}</a>
        </p>
      </>,
    );
  });

  return app;
}
