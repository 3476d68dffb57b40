import { and, asc, count, desc, eq, ilike, inArray, notExists, type SQL, sql } from 'drizzle-orm';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { canSee, visibleTo } from '../policy/visibility.ts';
import { activeStatuses, assessmentColumns, ctedRecord, recommendationColumns } from './rules.ts';
import {
  ctedAssessments,
  ctedRecommendations,
  ctedUptakes,
  type RecommendationStatus,
  type Theme,
} from './schema.ts';

export interface RecommendationFilters {
  country?: string | undefined;
  theme?: string | undefined;
  status?: RecommendationStatus | undefined;
  q?: string | undefined;
  /** Only active recommendations no entity has said it addresses. */
  unaddressed?: boolean | undefined;
  assessmentId?: string | undefined;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (match) => `\\${match}`);

const noUptake = () =>
  notExists(
    sql`(select 1 from ${ctedUptakes} where ${ctedUptakes.recommendationId} = ${ctedRecommendations.id})`,
  );

/** The condition of a list of recommendations: the policy first, then the reader's filters. */
function recommendationsWhere(actor: Actor, filters: RecommendationFilters): SQL {
  return and(
    visibleTo(actor, recommendationColumns),
    filters.country ? eq(memberStates.iso3, filters.country.toUpperCase()) : undefined,
    filters.theme ? eq(ctedRecommendations.theme, filters.theme) : undefined,
    filters.status ? eq(ctedRecommendations.status, filters.status) : undefined,
    filters.assessmentId ? eq(ctedRecommendations.assessmentId, filters.assessmentId) : undefined,
    filters.q ? ilike(ctedRecommendations.text, `%${escapeLike(filters.q)}%`) : undefined,
    filters.unaddressed
      ? and(inArray(ctedRecommendations.status, [...activeStatuses]), noUptake())
      : undefined,
  ) as SQL;
}

export interface RecommendationRow {
  id: string;
  iso3: string;
  country: (typeof memberStates.$inferSelect)['name'];
  theme: string;
  priority: 'high' | 'medium' | 'low';
  status: RecommendationStatus;
  text: string;
  issuedOn: string;
  dueOn: string | null;
  level: string;
  uptakes: number;
}

/** Recommendations the actor may see, newest first, with how many entities address each. */
export async function listRecommendations(
  db: Db,
  actor: Actor,
  filters: RecommendationFilters,
  page: { limit: number; offset: number } = { limit: 50, offset: 0 },
): Promise<{ rows: RecommendationRow[]; total: number }> {
  const where = recommendationsWhere(actor, filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: ctedRecommendations.id,
        iso3: memberStates.iso3,
        country: memberStates.name,
        theme: ctedRecommendations.theme,
        priority: ctedRecommendations.priority,
        status: ctedRecommendations.status,
        text: ctedRecommendations.text,
        issuedOn: ctedRecommendations.issuedOn,
        dueOn: ctedRecommendations.dueOn,
        level: ctedRecommendations.level,
        uptakes: sql<number>`(select count(*)::int from ${ctedUptakes} where ${ctedUptakes.recommendationId} = ${ctedRecommendations.id})`,
      })
      .from(ctedRecommendations)
      .innerJoin(memberStates, eq(memberStates.id, ctedRecommendations.memberStateId))
      .where(where)
      .orderBy(desc(ctedRecommendations.issuedOn), asc(memberStates.iso3), asc(ctedRecommendations.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(ctedRecommendations)
      .innerJoin(memberStates, eq(memberStates.id, ctedRecommendations.memberStateId))
      .where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

/** How many recommendations of each State the actor may see (active ones; optionally only unaddressed). */
export async function recommendationCountsByState(
  db: Db,
  actor: Actor,
  options: { unaddressed?: boolean; memberStateId?: string } = {},
): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: ctedRecommendations.memberStateId, total: count() })
    .from(ctedRecommendations)
    .where(
      and(
        visibleTo(actor, recommendationColumns),
        inArray(ctedRecommendations.status, [...activeStatuses]),
        options.unaddressed ? noUptake() : undefined,
        options.memberStateId ? eq(ctedRecommendations.memberStateId, options.memberStateId) : undefined,
      ),
    )
    .groupBy(ctedRecommendations.memberStateId);
  return new Map(rows.map((row) => [row.id, row.total]));
}

/** Every recommendation of one State the actor may see, whatever its status (the country page's count). */
export async function recommendationCountOf(db: Db, actor: Actor, memberStateId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(ctedRecommendations)
    .where(
      and(visibleTo(actor, recommendationColumns), eq(ctedRecommendations.memberStateId, memberStateId)),
    );
  return row?.total ?? 0;
}

/** Active recommendations with no entity on them, counted by country and by theme (the uptake gaps). */
export async function gaps(db: Db, actor: Actor) {
  const where = and(
    visibleTo(actor, recommendationColumns),
    inArray(ctedRecommendations.status, [...activeStatuses]),
    noUptake(),
  );
  const [byCountry, byTheme] = await Promise.all([
    db
      .select({ iso3: memberStates.iso3, name: memberStates.name, total: count() })
      .from(ctedRecommendations)
      .innerJoin(memberStates, eq(memberStates.id, ctedRecommendations.memberStateId))
      .where(where)
      .groupBy(memberStates.iso3, memberStates.name)
      .orderBy(desc(count()), asc(memberStates.iso3)),
    db
      .select({ theme: ctedRecommendations.theme, total: count() })
      .from(ctedRecommendations)
      .where(where)
      .groupBy(ctedRecommendations.theme)
      .orderBy(desc(count()), asc(ctedRecommendations.theme)),
  ]);
  return { byCountry, byTheme: byTheme as { theme: Theme; total: number }[] };
}

/** One recommendation with its State, assessment, uptakes and supersession, or null if unseen. */
export async function findRecommendation(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({
      recommendation: ctedRecommendations,
      state: { iso3: memberStates.iso3, name: memberStates.name },
      assessment: {
        id: ctedAssessments.id,
        kind: ctedAssessments.kind,
        visitStart: ctedAssessments.visitStart,
        visitEnd: ctedAssessments.visitEnd,
      },
    })
    .from(ctedRecommendations)
    .innerJoin(memberStates, eq(memberStates.id, ctedRecommendations.memberStateId))
    .innerJoin(ctedAssessments, eq(ctedAssessments.id, ctedRecommendations.assessmentId))
    .where(eq(ctedRecommendations.id, id));
  if (!row || !canSee(actor, ctedRecord(row.recommendation))) return null;
  const [uptakes, supersedes] = await Promise.all([
    db
      .select({
        id: ctedUptakes.id,
        entityId: ctedUptakes.entityId,
        acronym: entities.acronym,
        slug: entities.slug,
        note: ctedUptakes.note,
        since: ctedUptakes.since,
      })
      .from(ctedUptakes)
      .innerJoin(entities, eq(entities.id, ctedUptakes.entityId))
      .where(eq(ctedUptakes.recommendationId, id))
      .orderBy(asc(ctedUptakes.since), asc(entities.acronym)),
    db
      .select({ id: ctedRecommendations.id })
      .from(ctedRecommendations)
      .where(eq(ctedRecommendations.supersededById, id)),
  ]);
  return {
    ...row.recommendation,
    state: row.state,
    assessment: row.assessment,
    uptakes,
    supersedesId: supersedes[0]?.id ?? null,
  };
}
export type RecommendationDetail = NonNullable<Awaited<ReturnType<typeof findRecommendation>>>;

export interface AssessmentRow {
  id: string;
  iso3: string;
  country: (typeof memberStates.$inferSelect)['name'];
  kind: 'comprehensive' | 'focused' | 'follow_up';
  visitStart: string;
  visitEnd: string;
  widerSharing: boolean;
  level: string;
  reportDocumentId: string | null;
  recommendations: number;
  version: number;
}

/** Assessments the actor may see, newest visit first, optionally of one State. */
export async function listAssessments(
  db: Db,
  actor: Actor,
  filters: { memberStateId?: string } = {},
): Promise<AssessmentRow[]> {
  return db
    .select({
      id: ctedAssessments.id,
      iso3: memberStates.iso3,
      country: memberStates.name,
      kind: ctedAssessments.kind,
      visitStart: ctedAssessments.visitStart,
      visitEnd: ctedAssessments.visitEnd,
      widerSharing: ctedAssessments.widerSharing,
      level: ctedAssessments.level,
      reportDocumentId: ctedAssessments.reportDocumentId,
      version: ctedAssessments.version,
      recommendations: sql<number>`(select count(*)::int from ${ctedRecommendations} where ${ctedRecommendations.assessmentId} = ${ctedAssessments.id})`,
    })
    .from(ctedAssessments)
    .innerJoin(memberStates, eq(memberStates.id, ctedAssessments.memberStateId))
    .where(
      and(
        visibleTo(actor, assessmentColumns),
        filters.memberStateId ? eq(ctedAssessments.memberStateId, filters.memberStateId) : undefined,
      ),
    )
    .orderBy(desc(ctedAssessments.visitStart));
}

/** One assessment the actor may see, with its State and named entities. */
export async function findAssessment(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ assessment: ctedAssessments, state: { iso3: memberStates.iso3, name: memberStates.name } })
    .from(ctedAssessments)
    .innerJoin(memberStates, eq(memberStates.id, ctedAssessments.memberStateId))
    .where(eq(ctedAssessments.id, id));
  if (!row || !canSee(actor, ctedRecord(row.assessment))) return null;
  const named =
    row.assessment.namedEntityIds.length > 0
      ? await db
          .select({ slug: entities.slug, acronym: entities.acronym })
          .from(entities)
          .where(inArray(entities.id, row.assessment.namedEntityIds))
      : [];
  return { ...row.assessment, state: row.state, namedEntities: named };
}
export type AssessmentDetail = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;
