import { count, eq, inArray } from 'drizzle-orm';
import { bodies, bodyMemberships, chairTerms } from '../bodies/schema.ts';
import { unMemberStates } from '../countries/member-states.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { laterDay } from '../db/periods.ts';
import { appMeta } from '../db/schema.ts';
import { entities } from '../directory/schema.ts';
import { bodiesEstablished, demoBodies, demoEntities } from './compact-2022.ts';

const demoMarker = 'demo_data';

export interface SeedReport {
  entities: number;
  bodies: number;
  memberships: number;
  chairTerms: number;
  memberStates: number;
}

export function slugOf(acronym: string): string {
  return acronym.toLowerCase();
}

/**
 * Loads the 2022 Compact (ADR 0008). Idempotent: every row has a natural key and is inserted only when
 * missing, so running it again adds what is absent and never overwrites what a user changed.
 * All or nothing: one transaction.
 */
export async function loadDemoData(db: Db): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    const report: SeedReport = { entities: 0, bodies: 0, memberships: 0, chairTerms: 0, memberStates: 0 };

    report.entities = (
      await tx
        .insert(entities)
        .values(
          demoEntities.map((entity) => ({
            ...entity,
            slug: slugOf(entity.acronym),
            emailDomains: [`${slugOf(entity.acronym)}.demo.example`],
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
          })),
        )
        .onConflictDoNothing()
        .returning({ id: bodies.id })
    ).length;

    const entityRows = await tx
      .select({ id: entities.id, slug: entities.slug, joinedOn: entities.joinedOn })
      .from(entities)
      .where(
        inArray(
          entities.slug,
          demoEntities.map((entity) => slugOf(entity.acronym)),
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
        const entity = entityBySlug.get(slugOf(acronym));
        if (!entity) continue;
        const since = laterDay(entity.joinedOn, bodiesEstablished);
        memberships.push({ bodyId, entityId: entity.id, role, since });
      }
      for (const chair of body.chairs) {
        const entity = entityBySlug.get(slugOf(chair.entity));
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

    report.memberStates = (
      await tx
        .insert(memberStates)
        .values(unMemberStates())
        .onConflictDoNothing()
        .returning({ id: memberStates.id })
    ).length;

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
