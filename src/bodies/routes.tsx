import { Hono } from 'hono';
import { publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import type { PageContext } from '../web/layout.tsx';
import { Layout } from '../web/layout.tsx';
import { sendPublicPage } from '../web/public-page.ts';
import { ChairLine, SeatHolders } from './components.tsx';
import { pillars } from './pillars.ts';
import { type BodySummary, listBodiesOn } from './queries.ts';

/** The public page of the Coordination Committee and the working groups, by pillar. */
export function bodiesRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().get('/working-groups', publicRoute(), (c) =>
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
              <h2 id="body-coordination-committee">{pickText(committee.name, page.locale)}</h2>
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
                      {pickText(group.name, page.locale)} ({group.shortName})
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
