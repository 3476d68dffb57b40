import { Hono } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { formatDate, today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { Layout } from '../web/layout.tsx';
import { sendPublicPage } from '../web/public-page.ts';
import { type EntityFilters, listEntitiesOn } from './queries.ts';
import { entities } from './schema.ts';

/** Unknown filter values are dropped rather than refused: a hand-edited link still shows the list. */
const membersQuery = z.object({
  status: z.enum(entities.status.enumValues).optional().catch(undefined),
  kind: z.enum(entities.kind.enumValues).optional().catch(undefined),
});

/** The public list of the Compact's members and observers. */
export function directoryRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().get('/members', publicRoute(), (c) => {
    const filters = membersQuery.parse(c.req.query());
    const variant = `status=${filters.status ?? ''}&kind=${filters.kind ?? ''}`;
    return sendPublicPage(c, deps.cache, variant, async (page) => {
      const { t, locale } = page;
      const rows = await listEntitiesOn(db, today(), filters);
      return (
        <Layout page={page} title={t('members.title')}>
          <h1>{t('members.title')}</h1>
          <p class="lead">{t('members.lead', { count: rows.length })}</p>
          <FilterLinks t={t} filters={filters} />
          {rows.length === 0 ? (
            <div class="empty-state">
              <p>{t('members.empty')}</p>
              <p>
                <a href="/members">{t('members.clearFilters')}</a>
              </p>
            </div>
          ) : (
            <table class="responsive-table">
              <caption>{t('members.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.colAcronym')}</th>
                  <th scope="col">{t('members.colEntity')}</th>
                  <th scope="col">{t('members.colKind')}</th>
                  <th scope="col">{t('members.colStatus')}</th>
                  <th scope="col">{t('members.colJoined')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <th scope="row">{row.acronym}</th>
                    <td>
                      <a href={`/members/${row.slug}`}>{pickText(row.name, locale)}</a>
                    </td>
                    <td>{t(`kind.${row.kind}`)}</td>
                    <td>{t(`status.${row.status}`)}</td>
                    <td>
                      <time datetime={row.joinedOn}>{formatDate(locale, row.joinedOn, 'month')}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Layout>
      );
    });
  });
}

function FilterLinks(props: { t: Translate; filters: EntityFilters }) {
  const { t, filters } = props;
  const href = (next: EntityFilters) => {
    const params = new URLSearchParams();
    if (next.status) params.set('status', next.status);
    if (next.kind) params.set('kind', next.kind);
    const query = params.toString();
    return query ? `/members?${query}` : '/members';
  };
  const option = (label: string, next: EntityFilters, current: boolean) => (
    <li>
      <a href={href(next)} aria-current={current ? 'true' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav class="filters" aria-label={t('members.filtersLabel')}>
      <div>
        <span id="filter-status">{t('members.filterStatus')}</span>:{' '}
        <ul aria-labelledby="filter-status">
          {option(t('members.filterAll'), { ...filters, status: undefined }, !filters.status)}
          {entities.status.enumValues.map((status) =>
            option(t(`status.${status}`), { ...filters, status }, filters.status === status),
          )}
        </ul>
      </div>
      <div>
        <span id="filter-kind">{t('members.filterKind')}</span>:{' '}
        <ul aria-labelledby="filter-kind">
          {option(t('members.filterAll'), { ...filters, kind: undefined }, !filters.kind)}
          {entities.kind.enumValues.map((kind) =>
            option(t(`kind.${kind}`), { ...filters, kind }, filters.kind === kind),
          )}
        </ul>
      </div>
    </nav>
  );
}
