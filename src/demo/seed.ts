import { count, eq, inArray } from 'drizzle-orm';
import { bodies, bodyMemberships, chairTerms } from '../bodies/schema.ts';
import { unMemberStates } from '../countries/member-states.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import type { Tx } from '../db/optimistic.ts';
import { laterDay } from '../db/periods.ts';
import { appMeta } from '../db/schema.ts';
import { slugFromAcronym } from '../directory/rules.ts';
import { entities, entityStatusChanges } from '../directory/schema.ts';
import { people, personFunctions } from '../people/schema.ts';
import { today } from '../web/i18n/format.ts';
import {
  bodiesEstablished,
  demoBodies,
  demoCharters,
  demoEntities,
  demoFrenchAcronyms,
  demoPeople,
} from './compact-2022.ts';
import { loadDemoWorkPlans } from './workplans.ts';

function charterOf(slug: string) {
  const charter = demoCharters[slug];
  return charter ? { ...charter, mandate: { en: charter.mandate } } : {};
}

const demoMarker = 'demo_data';

export interface SeedReport {
  entities: number;
  bodies: number;
  memberships: number;
  chairTerms: number;
  memberStates: number;
  people: number;
}

/**
 * Loads the 2022 Compact (ADR 0008). Idempotent: every row has a natural key and is inserted only when
 * missing, so running it again adds what is absent and never overwrites what a user changed.
 * All or nothing: one transaction.
 */
export async function loadDemoData(db: Db): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    const report: SeedReport = {
      entities: 0,
      bodies: 0,
      memberships: 0,
      chairTerms: 0,
      memberStates: 0,
      people: 0,
    };

    report.entities = (
      await tx
        .insert(entities)
        .values(
          demoEntities.map((entity) => ({
            ...entity,
            slug: slugFromAcronym(entity.acronym),
            acronyms: demoFrenchAcronyms[entity.acronym] ? { fr: demoFrenchAcronyms[entity.acronym] } : {},
            emailDomains: [`${slugFromAcronym(entity.acronym)}.demo.example`],
          })),
        )
        .onConflictDoNothing()
        .returning({ id: entities.id })
    ).length;

    report.bodies = (
      await tx
        .insert(bodies)
        .values(
          demoBodies.map((body, index) => ({
            slug: body.slug,
            kind: body.kind,
            shortName: body.shortName,
            name: body.name,
            pillar: body.pillar,
            sortOrder: index,
            ...charterOf(body.slug),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: bodies.id })
    ).length;

    const entityRows = await tx
      .select({ id: entities.id, slug: entities.slug, joinedOn: entities.joinedOn, status: entities.status })
      .from(entities)
      .where(
        inArray(
          entities.slug,
          demoEntities.map((entity) => slugFromAcronym(entity.acronym)),
        ),
      );
    const entityBySlug = new Map(entityRows.map((row) => [row.slug, row]));
    const bodyRows = await tx.select({ id: bodies.id, slug: bodies.slug }).from(bodies);
    const bodyIdBySlug = new Map(bodyRows.map((row) => [row.slug, row.id]));

    const memberships: (typeof bodyMemberships.$inferInsert)[] = [];
    const terms: (typeof chairTerms.$inferInsert)[] = [];
    for (const body of demoBodies) {
      const bodyId = bodyIdBySlug.get(body.slug);
      if (!bodyId) continue;
      const members = body.members === 'all' ? demoEntities.map((entity) => entity.acronym) : body.members;
      const participants = [
        ...members.map((acronym) => ({ acronym, role: 'member' as const })),
        ...(body.observers ?? []).map((acronym) => ({ acronym, role: 'observer' as const })),
      ];
      for (const { acronym, role } of participants) {
        const entity = entityBySlug.get(slugFromAcronym(acronym));
        if (!entity) continue;
        const since = laterDay(entity.joinedOn, bodiesEstablished);
        memberships.push({ bodyId, entityId: entity.id, role, since });
      }
      for (const chair of body.chairs) {
        const entity = entityBySlug.get(slugFromAcronym(chair.entity));
        if (!entity) continue;
        terms.push({
          bodyId,
          entityId: entity.id,
          seat: chair.seat,
          since: chair.since,
          until: chair.until ?? null,
        });
      }
    }
    if (memberships.length > 0) {
      report.memberships = (
        await tx
          .insert(bodyMemberships)
          .values(memberships)
          .onConflictDoNothing()
          .returning({ id: bodyMemberships.id })
      ).length;
    }
    if (terms.length > 0) {
      report.chairTerms = (
        await tx.insert(chairTerms).values(terms).onConflictDoNothing().returning({ id: chairTerms.id })
      ).length;
    }

    await tx
      .insert(entityStatusChanges)
      .values(entityRows.map((row) => ({ entityId: row.id, status: row.status, since: row.joinedOn })))
      .onConflictDoNothing();

    report.people = await seedPeople(tx, entityBySlug, bodyIdBySlug);

    report.memberStates = (
      await tx
        .insert(memberStates)
        .values(unMemberStates())
        .onConflictDoNothing()
        .returning({ id: memberStates.id })
    ).length;

    await loadDemoWorkPlans(tx, today());

    await tx
      .insert(appMeta)
      .values({ key: demoMarker, value: { loadedAt: new Date().toISOString() } })
      .onConflictDoNothing();
    return report;
  });
}

/**
 * Start-up rule: load the demo only into a database that has never held it and holds no entity, so a
 * running platform never brings back what a user deleted or changed.
 */
export async function loadDemoDataIfEmpty(db: Db): Promise<SeedReport | null> {
  const [marker] = await db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, demoMarker));
  if (marker) return null;
  const [row] = await db.select({ total: count() }).from(entities);
  if ((row?.total ?? 0) > 0) return null;
  return loadDemoData(db);
}

/** Demo people, for entities that have nobody yet (so a second run adds no one twice). */
async function seedPeople(
  tx: Tx,
  entityBySlug: Map<string, { id: string }>,
  bodyIdBySlug: Map<string, string>,
): Promise<number> {
  const staffed = new Set(
    (await tx.selectDistinct({ entityId: people.entityId }).from(people)).map((row) => row.entityId),
  );
  const bodySlugByShortName = new Map(demoBodies.map((body) => [body.shortName, body.slug]));
  let added = 0;
  for (const person of demoPeople) {
    const entity = entityBySlug.get(slugFromAcronym(person.entity));
    if (!entity || staffed.has(entity.id)) continue;
    const domain = `${slugFromAcronym(person.entity)}.demo.example`;
    const [row] = await tx
      .insert(people)
      .values({
        entityId: entity.id,
        name: person.name,
        jobTitle: person.jobTitle,
        email: `${person.name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
        phone: '+1 212 555 0100',
        since: person.since,
        leftOn: person.leftOn ?? null,
      })
      .returning({ id: people.id });
    const personId = (row as { id: string }).id;
    const functions = [
      ...(person.bodies ?? []).flatMap((shortName) => {
        const bodyId = bodyIdBySlug.get(bodySlugByShortName.get(shortName) ?? '');
        return bodyId ? [{ personId, kind: 'body_focal_point' as const, bodyId }] : [];
      }),
      ...(person.topics ?? []).map((topic) => ({ personId, kind: 'topic_focal_point' as const, topic })),
    ];
    if (functions.length > 0) await tx.insert(personFunctions).values(functions);
    added += 1;
  }
  return added;
}
