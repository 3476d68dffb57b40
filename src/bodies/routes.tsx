import { Hono } from 'hono';
import { toCsv } from '../exports/csv.ts';
import { publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { formatDate, formatList, today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import type { PageContext } from '../web/layout.tsx';
import { Layout } from '../web/layout.tsx';
import { sendMessagePage } from '../web/private-page.tsx';
import { sendPublicPage } from '../web/public-page.ts';
import { composeAnnex } from './annex.ts';
import { ChairLine, SeatHolders } from './components.tsx';
import { pillars } from './pillars.ts';
import { annexInputs, type BodySummary, listBodiesOn, timelineInputs } from './queries.ts';
import { byMonth, timelineEvents } from './timeline.ts';

/** The first year of the Compact; Annex II can be computed for it and every year since. */
const firstYear = 2018;
const lastYear = () => new Date().getUTCFullYear();

/** A year from the query, or null when it is not one the Compact has lived. */
function yearFrom(value: string | undefined): number | null {
  if (value === undefined) return lastYear();
  const year = Number(value);
  return Number.isInteger(year) && year >= firstYear && year <= lastYear() ? year : null;
}

/** The public page of the Coordination Committee and the working groups, by pillar; Annex II. */
export function bodiesRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  app.get('/annex-ii', publicRoute(), async (c) => {
    const t = c.get('t');
    const year = yearFrom(c.req.query('year'));
    if (year === null) {
      return sendMessagePage(
        c,
        t('nav.annex'),
        t('annex.badYear', { first: String(firstYear), last: String(lastYear()) }),
        400,
      );
    }
    return sendPublicPage(c, deps.cache, `year=${year}`, async (page) => {
      const { locale } = page;
      const inputs = await annexInputs(db, year);
      const annex = composeAnnex(year, inputs.groups, inputs.terms, inputs.memberships);
      const period = (seat: { acronym: string; from: string; to: string }) =>
        `${seat.acronym} (${t('annex.period', { from: formatDate(locale, seat.from), to: formatDate(locale, seat.to) })})`;
      const years = Array.from({ length: lastYear() - firstYear + 1 }, (_, index) => firstYear + index);
      return (
        <Layout page={page} title={t('annex.title', { year: String(year) })}>
          <h1>{t('annex.title', { year: String(year) })}</h1>
          <p class="lead">{t('annex.lead')}</p>
          <form method="get" action="/annex-ii" class="filters">
            <label for="year">{t('annex.year')}</label>
            <select id="year" name="year">
              {years.map((option) => (
                <option value={String(option)} selected={option === year}>
                  {String(option)}
                </option>
              ))}
            </select>
            <button class="button button-secondary" type="submit">
              {t('annex.show')}
            </button>
            <a href={`/annex-ii.csv?year=${year}`}>{t('annex.csv')}</a>
          </form>
          {pillars.map((pillar) => {
            const inPillar = annex.filter((group) => group.pillar === pillar);
            if (inPillar.length === 0) return null;
            return (
              <section aria-labelledby={`annex-pillar-${pillar}`}>
                <h2 id={`annex-pillar-${pillar}`}>
                  <span class="pillar-number">{t('pillar.label', { number: pillar })}</span>
                  {t(`pillar.${pillar}`)}
                </h2>
                {inPillar.map((group) => (
                  <article
                    aria-labelledby={`annex-${group.shortName}`}
                    data-testid={`annex-${group.shortName}`}
                  >
                    <h3 id={`annex-${group.shortName}`}>
                      {pickText(group.name, locale)} ({group.shortName})
                    </h3>
                    <p class="meta">
                      {t('body.chairs', { count: Math.max(group.chairs.length, 1) })}:{' '}
                      {group.chairs.map(period).join('; ') || t('annex.none')}
                    </p>
                    {group.viceChairs.length > 0 ? (
                      <p class="meta">
                        {t('body.viceChairs', { count: group.viceChairs.length })}:{' '}
                        {group.viceChairs.map(period).join('; ')}
                      </p>
                    ) : null}
                    <p class="meta">
                      {t('annex.members')}: {group.members.join(', ') || t('annex.none')}
                    </p>
                    <p class="meta">
                      {t('annex.observers')}: {group.observers.join(', ') || t('annex.none')}
                    </p>
                  </article>
                ))}
              </section>
            );
          })}
        </Layout>
      );
    });
  });

  app.get('/annex-ii.csv', publicRoute(), async (c) => {
    const year = yearFrom(c.req.query('year'));
    if (year === null) return c.text(`year must be a whole number from ${firstYear} to ${lastYear()}`, 400);
    const inputs = await annexInputs(db, year);
    const rows = composeAnnex(year, inputs.groups, inputs.terms, inputs.memberships).flatMap((group) => [
      ...group.chairs.map((seat) => [
        year,
        group.pillar,
        group.shortName,
        'chair',
        seat.acronym,
        seat.from,
        seat.to,
      ]),
      ...group.viceChairs.map((seat) => [
        year,
        group.pillar,
        group.shortName,
        'vice_chair',
        seat.acronym,
        seat.from,
        seat.to,
      ]),
      ...group.members.map((acronym) => [year, group.pillar, group.shortName, 'member', acronym, '', '']),
      ...group.observers.map((acronym) => [year, group.pillar, group.shortName, 'observer', acronym, '', '']),
    ]);
    return c.body(toCsv(['year', 'pillar', 'group', 'role', 'entity', 'from', 'to'], rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="annex-ii-${year}.csv"`,
    });
  });

  const timeline = async () => {
    const inputs = await timelineInputs(db);
    return timelineEvents(inputs.entities, inputs.terms, today(), inputs.statusChanges);
  };

  app.get('/timeline', publicRoute(), (c) =>
    sendPublicPage(c, deps.cache, '', async (page) => {
      const { t, locale } = page;
      const months = byMonth(await timeline());
      return (
        <Layout page={page} title={t('timeline.title')}>
          <h1>{t('timeline.title')}</h1>
          <p class="lead">{t('timeline.lead')}</p>
          <p>
            <a href="/timeline.atom" type="application/atom+xml">
              {t('timeline.feed')}
            </a>
          </p>
          {months.length === 0 ? <p class="empty-state">{t('timeline.empty')}</p> : null}
          {months.map((month) => (
            <section aria-labelledby={`month-${month.month}`} data-testid={`month-${month.month}`}>
              <h2 id={`month-${month.month}`}>{formatDate(locale, `${month.month}-01`, 'month')}</h2>
              <ul>
                {month.joined.length > 0 ? (
                  <li>{t('timeline.joined', { entities: formatList(locale, month.joined) })}</li>
                ) : null}
                {month.left.length > 0 ? (
                  <li>{t('timeline.left', { entities: formatList(locale, month.left) })}</li>
                ) : null}
                {month.statuses.map((change) => (
                  <li>
                    {t('timeline.status', {
                      entity: change.entity,
                      status: t(`status.${change.status}`),
                      date: formatDate(locale, change.date),
                    })}
                  </li>
                ))}
                {month.seats.map((seat) => (
                  <li>
                    {t(`timeline.${seat.kind}`, {
                      entity: seat.entity,
                      body: seat.body,
                      date: formatDate(locale, seat.date),
                    })}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </Layout>
      );
    }),
  );

  app.get('/timeline.atom', publicRoute(), async (c) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const events = (await timeline()).slice(0, 100);
    const base = deps.env.BASE_URL;
    const escapeXml = (text: string) =>
      text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
    const entries = events.map((event) => {
      const title =
        event.kind === 'status'
          ? t('timeline.status', {
              entity: event.entity,
              status: t(`status.${event.status}`),
              date: formatDate(locale, event.date),
            })
          : 'body' in event
            ? t(`timeline.${event.kind}`, {
                entity: event.entity,
                body: event.body,
                date: formatDate(locale, event.date),
              })
            : t(event.kind === 'joined' ? 'timeline.joined' : 'timeline.left', { entities: event.entity });
      const id = `${base}/timeline#${event.kind}-${event.entity}-${'body' in event ? event.body : 'compact'}-${event.date}`;
      return `<entry><id>${escapeXml(id)}</id><title>${escapeXml(title)}</title><updated>${event.date}T00:00:00Z</updated><link href="${escapeXml(`${base}/timeline`)}"/></entry>`;
    });
    const updated = events[0] ? `${events[0].date}T00:00:00Z` : new Date().toISOString();
    const feed = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}"><id>${escapeXml(`${base}/timeline`)}</id><title>${escapeXml(t('timeline.title'))}</title><updated>${updated}</updated><link rel="self" href="${escapeXml(`${base}/timeline.atom`)}"/><link href="${escapeXml(`${base}/timeline`)}"/>${entries.join('')}</feed>`;
    return c.body(feed, 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      Vary: 'Accept-Language, Cookie',
    });
  });

  return app.get('/working-groups', publicRoute(), (c) =>
    sendPublicPage(c, deps.cache, '', async (page) => {
      const { t } = page;
      const bodies = await listBodiesOn(db, today());
      const groups = bodies.filter((body) => body.kind === 'working_group');
      const committee = bodies.find((body) => body.kind === 'coordination_committee');
      return (
        <Layout page={page} title={t('groups.title')}>
          <h1>{t('groups.title')}</h1>
          <p class="lead">{t('groups.lead', { count: groups.length })}</p>
          {committee ? (
            <section aria-labelledby="body-coordination-committee">
              <h2 id="body-coordination-committee">
                <a href={`/working-groups/${committee.slug}`}>{pickText(committee.name, page.locale)}</a>
              </h2>
              <p>{t('groups.committeeLead')}</p>
              <BodyDetails page={page} body={committee} />
            </section>
          ) : null}
          {pillars.map((pillar) => {
            const inPillar = groups.filter((group) => group.pillar === pillar);
            if (inPillar.length === 0) return null;
            return (
              <section aria-labelledby={`pillar-${pillar}`}>
                <h2 id={`pillar-${pillar}`}>
                  <span class="pillar-number">{t('pillar.label', { number: pillar })}</span>
                  {t(`pillar.${pillar}`)}
                </h2>
                {inPillar.map((group) => (
                  <article aria-labelledby={`body-${group.slug}`}>
                    <h3 id={`body-${group.slug}`}>
                      <a href={`/working-groups/${group.slug}`}>
                        {pickText(group.name, page.locale)} ({group.shortName})
                      </a>
                    </h3>
                    <BodyDetails page={page} body={group} />
                  </article>
                ))}
              </section>
            );
          })}
        </Layout>
      );
    }),
  );
}

function BodyDetails(props: { page: PageContext; body: BodySummary }) {
  const { page, body } = props;
  const { t } = page;
  return (
    <>
      <ChairLine page={page} chairs={body.chairs} showSince />
      {body.viceChairs.length > 0 ? (
        <SeatHolders
          page={page}
          label={t('body.viceChairs', { count: body.viceChairs.length })}
          holders={body.viceChairs}
          showSince
        />
      ) : null}
      <p class="meta">{t('body.participants', { members: body.members, observers: body.observers })}</p>
    </>
  );
}
