import { Hono } from 'hono';
import { ChairLine } from '../bodies/components.tsx';
import { pillars } from '../bodies/pillars.ts';
import { listBodiesOn } from '../bodies/queries.ts';
import { memberStateFigures } from '../countries/queries.ts';
import { regionName } from '../countries/region-name.ts';
import { entityFiguresOn } from '../directory/queries.ts';
import { recentDocuments } from '../documents/queries.ts';
import { RecentDocumentList } from '../documents/views.tsx';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { formatNumber, today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import { Layout } from '../web/layout.tsx';
import { sendPublicPage } from '../web/public-page.ts';

/**
 * The home page, "The Compact at a glance": every figure read from the database. Signed-in people also
 * see the documents added most recently among those they may see.
 */
export function homeRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const listsDocuments = declarePolicy({ kind: 'records', resource: 'document', action: 'list' });
  return new Hono<AppEnv>().get('/', listsDocuments, (c) =>
    sendPublicPage(c, deps.cache, '', async (page) => {
      const day = today();
      const [figures, bodies, states, documents] = await Promise.all([
        entityFiguresOn(db, day),
        listBodiesOn(db, day),
        memberStateFigures(db),
        page.viewer ? recentDocuments(db, page.viewer.actor, { limit: 5 }) : [],
      ]);
      const { t, locale } = page;
      const committee = bodies.find((body) => body.kind === 'coordination_committee');
      const groups = bodies.filter((body) => body.kind === 'working_group');
      const pillarCount = new Set(groups.map((group) => group.pillar)).size;
      const figure = (value: number, label: string) => (
        <li>
          <span class="figure-value">{formatNumber(locale, value)}</span> {label}
        </li>
      );
      return (
        <Layout page={page} title={t('home.title')}>
          <h1>{t('home.title')}</h1>
          <p class="lead">
            {t('home.lead', { entities: figures.total, groups: groups.length, pillars: pillarCount })}
          </p>

          {page.viewer ? (
            <section aria-labelledby="recent-documents-heading">
              <h2 id="recent-documents-heading">{t('home.recentDocuments')}</h2>
              {documents.length === 0 ? (
                <p class="empty-state">{t('documents.empty')}</p>
              ) : (
                <RecentDocumentList documents={documents} locale={locale} />
              )}
              <p>
                <a href="/documents">{t('home.allDocuments')}</a>
              </p>
            </section>
          ) : null}

          <section aria-labelledby="entities-heading">
            <h2 id="entities-heading">{t('home.entitiesHeading')}</h2>
            <ul class="figures" data-testid="entity-figures">
              {figure(figures.total, t('home.figureEntities', { count: figures.total }))}
              {figure(figures.members, t('home.figureMembers', { count: figures.members }))}
              {figure(figures.observers, t('home.figureObservers', { count: figures.observers }))}
              {figure(figures.un, t('home.figureUn', { count: figures.un }))}
              {figure(figures.nonUn, t('home.figureNonUn', { count: figures.nonUn }))}
            </ul>
            <p>
              <a href="/members">{t('home.allMembers')}</a>
            </p>
          </section>

          {committee ? (
            <section aria-labelledby="committee-heading">
              <h2 id="committee-heading">{t('home.committeeHeading')}</h2>
              <p>{t('home.committeeText', { count: committee.members + committee.observers })}</p>
              <ChairLine page={page} chairs={committee.chairs} />
            </section>
          ) : null}

          <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">
              {t('home.groupsHeading', { groups: groups.length, pillars: pillarCount })}
            </h2>
            <div class="pillars">
              {pillars.map((pillar) => {
                const inPillar = groups.filter((group) => group.pillar === pillar);
                if (inPillar.length === 0) return null;
                return (
                  <section class="pillar" aria-labelledby={`pillar-${pillar}`}>
                    <h3 id={`pillar-${pillar}`}>
                      <span class="pillar-number">{t('pillar.label', { number: pillar })}</span>
                      {t(`pillar.${pillar}`)}
                    </h3>
                    <ul class="group-list">
                      {inPillar.map((group) => (
                        <li>
                          <span class="group-name">{group.shortName}</span>: {pickText(group.name, locale)}
                          <ChairLine page={page} chairs={group.chairs} />
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
            <p>
              <a href="/working-groups">{t('home.allGroups')}</a>
            </p>
          </section>

          <section aria-labelledby="states-heading">
            <h2 id="states-heading">{t('home.memberStatesHeading')}</h2>
            <p>{t('home.memberStatesText', { count: states.total })}</p>
            <ul class="region-list">
              {states.byRegion.map(({ region, total }) => (
                <li>{t('home.regionCount', { region: regionName(t, region), count: total })}</li>
              ))}
            </ul>
          </section>
        </Layout>
      );
    }),
  );
}
