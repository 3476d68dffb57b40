import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { toCsv } from '../exports/csv.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, type FieldErrors } from '../web/forms.tsx';
import { formatDate } from '../web/i18n/format.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { type AuditFilters, auditActions, readsOfOwnRecords, searchAudit } from './queries.ts';
import { recordAudit } from './record.ts';

const pageSize = 50;
const exportLimit = 50_000;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

const filtersSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  who: z.string().trim().max(200).optional().catch(undefined),
  from: z.string().trim().optional().catch(undefined),
  to: z.string().trim().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const secretariatOnly = (action: 'list' | 'export') =>
  declarePolicy({ kind: 'records', resource: 'audit-log', action });

/** The audit log for the secretariat: search with filters, pages of 50, CSV export (ADR 0014). */
export function auditRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  /** Reads the filters; a malformed date is reported, not silently ignored. */
  const readFilters = (c: Context<AppEnv>) => {
    const parsed = filtersSchema.parse(c.req.query());
    const errors: FieldErrors = {};
    for (const field of ['from', 'to'] as const) {
      const value = parsed[field];
      if (value && (!isoDay.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
        errors[field] = c.get('t')('audit.badDate');
      }
    }
    const filters: AuditFilters = {
      action: parsed.action || undefined,
      who: parsed.who || undefined,
      from: errors.from ? undefined : parsed.from || undefined,
      to: errors.to ? undefined : parsed.to || undefined,
    };
    return { filters, raw: parsed, errors, page: parsed.page };
  };

  const gate = (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    if (viewer.actor.kind !== 'secretariat') {
      const t = c.get('t');
      return sendMessagePage(c, t('error.forbiddenTitle'), t('audit.forbidden'), 403);
    }
    return null;
  };

  const queryString = (filters: AuditFilters, extra: Record<string, string> = {}) =>
    new URLSearchParams(
      Object.entries({ ...filters, ...extra }).filter((entry): entry is [string, string] =>
        Boolean(entry[1]),
      ),
    ).toString();

  app.get('/admin/audit', secretariatOnly('list'), async (c) => {
    const refused = await gate(c);
    if (refused) return refused;
    const t = c.get('t');
    const { filters, raw, errors, page } = readFilters(c);
    const [{ rows, total }, actions] = await Promise.all([
      searchAudit(db, filters, { limit: pageSize, offset: (page - 1) * pageSize }),
      auditActions(db),
    ]);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    return sendPrivatePage(
      c,
      t('audit.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.lead')}</p>
        <form method="get" action="/admin/audit" class="filters">
          <div class="field">
            <label for="action">{t('audit.filterAction')}</label>
            <select id="action" name="action">
              <option value="">{t('audit.filterAny')}</option>
              {actions.map((action) => (
                <option value={action} selected={filters.action === action}>
                  {action}
                </option>
              ))}
            </select>
          </div>
          {(['who', 'from', 'to'] as const).map((field) => (
            <div class={errors[field] ? 'field field-error' : 'field'}>
              <label for={field}>
                {t(
                  field === 'who'
                    ? 'audit.filterWho'
                    : field === 'from'
                      ? 'audit.filterFrom'
                      : 'audit.filterTo',
                )}
              </label>
              {errors[field] ? (
                <p class="error-message" id={`${field}-error`}>
                  {errors[field]}
                </p>
              ) : null}
              <input
                id={field}
                name={field}
                value={raw[field] ?? ''}
                aria-describedby={errors[field] ? `${field}-error` : undefined}
              />
            </div>
          ))}
          <div class="field">
            <button class="button" type="submit">
              {t('audit.search')}
            </button>
          </div>
        </form>
        <p>
          {t('audit.count', { count: total })} ·{' '}
          <a href={`/admin/audit.csv?${queryString(filters)}`}>{t('audit.export')}</a>
        </p>
        {rows.length === 0 ? (
          <p class="empty-state">{t('audit.empty')}</p>
        ) : (
          <table class="responsive-table">
            <caption>{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.colTime')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colWho')}</th>
                <th scope="col">{t('audit.colSubject')}</th>
                <th scope="col">{t('audit.colDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr data-testid="audit-row">
                  <td>
                    <time datetime={row.occurredAt.toISOString()}>
                      {row.occurredAt.toISOString().replace('T', ' ').slice(0, 19)}
                    </time>
                  </td>
                  <td>{row.action}</td>
                  <td>{row.actorEmail ?? row.actorUserId ?? '-'}</td>
                  <td>{[row.subjectType, row.subjectId].filter(Boolean).join(' ')}</td>
                  <td>
                    <code>{JSON.stringify(row.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label={t('pagination.label')} class="filters">
            {page > 1 ? (
              <a href={`/admin/audit?${queryString(filters, { page: String(page - 1) })}`}>
                {t('pagination.previous')}
              </a>
            ) : null}
            <span>{t('pagination.position', { page, pages })}</span>
            {page < pages ? (
              <a href={`/admin/audit?${queryString(filters, { page: String(page + 1) })}`}>
                {t('pagination.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </>,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  });

  app.get('/admin/audit.csv', secretariatOnly('export'), async (c) => {
    const refused = await gate(c);
    if (refused) return refused;
    const { filters } = readFilters(c);
    const viewer = c.get('viewer');
    const { rows } = await searchAudit(db, filters, { limit: exportLimit, offset: 0 });
    await recordAudit(db, {
      action: 'audit.exported',
      subjectType: 'audit_log',
      actorUserId: viewer?.userId ?? null,
      requestId: c.get('requestId'),
      details: { filters: { ...filters }, rows: rows.length },
    });
    const csv = toCsv(
      ['occurred_at', 'action', 'actor_email', 'actor_user_id', 'subject_type', 'subject_id', 'details'],
      rows.map((row) => [
        row.occurredAt.toISOString(),
        row.action,
        row.actorEmail,
        row.actorUserId,
        row.subjectType,
        row.subjectId,
        JSON.stringify(row.details),
      ]),
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  /**
   * Who opened our restricted records (issue 3): an entity's focal points see the audited reads and
   * downloads of the records their entity owns above the `compact` level, and nothing of other entities'.
   */
  app.get(
    '/audit/our-records',
    declarePolicy({ kind: 'records', resource: 'audit-log', action: 'list' }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return redirectToSignIn(c);
      const t = c.get('t');
      const locale = c.get('locale');
      const actor = viewer.actor;
      if (actor.kind !== 'entity' || !actor.focalPoint) {
        return sendMessagePage(c, t('error.forbiddenTitle'), t('ownReads.forbidden'), 403);
      }
      const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(c.req.query('page'));
      const { rows, total } = await readsOfOwnRecords(db, actor.entityId, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const pages = Math.max(1, Math.ceil(total / pageSize));
      return sendPrivatePage(
        c,
        t('ownReads.title', { entity: viewer.entityAcronym ?? '' }),
        <>
          <h1>{t('ownReads.title', { entity: viewer.entityAcronym ?? '' })}</h1>
          <p>{t('ownReads.lead')}</p>
          {rows.length === 0 ? (
            <p class="empty-state">{t('ownReads.empty')}</p>
          ) : (
            <table class="responsive-table">
              <caption>{t('audit.count', { count: total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.colTime')}</th>
                  <th scope="col">{t('audit.colWho')}</th>
                  <th scope="col">{t('ownReads.colEntity')}</th>
                  <th scope="col">{t('audit.colAction')}</th>
                  <th scope="col">{t('audit.colSubject')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr data-testid="own-read-row">
                    <td>
                      <time datetime={row.occurredAt.toISOString()}>
                        {formatDate(locale, row.occurredAt.toISOString().slice(0, 10))}{' '}
                        {row.occurredAt.toISOString().slice(11, 16)} UTC
                      </time>
                    </td>
                    <td>{row.actorEmail ?? '—'}</td>
                    <td>{row.actorEntity ?? '—'}</td>
                    <td>{t(row.action === 'record.read' ? 'ownReads.read' : 'ownReads.downloaded')}</td>
                    <td>
                      {row.subjectType} {row.subjectId}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 ? (
            <nav aria-label={t('pagination.label')} class="filters">
              {page > 1 ? (
                <a href={`/audit/our-records?page=${page - 1}`}>{t('pagination.previous')}</a>
              ) : null}{' '}
              <span>{t('pagination.position', { page, pages })}</span>{' '}
              {page < pages ? (
                <a href={`/audit/our-records?page=${page + 1}`}>{t('pagination.next')}</a>
              ) : null}
            </nav>
          ) : null}
        </>,
      );
    },
  );

  return app;
}
