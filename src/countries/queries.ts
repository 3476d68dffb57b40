import { and, asc, count, desc, eq, gt, inArray, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Actor } from '../policy/actor.ts';
import { canSee, visibleTo } from '../policy/visibility.ts';
import {
  draftRecord,
  mayReview,
  maySeeDraft,
  publishedSectionColumns,
  publishedSectionRecord,
} from './rules.ts';
import {
  countrySections,
  countrySectionVersions,
  memberStates,
  type SectionKind,
  type StrategyStatus,
  sectionKinds,
} from './schema.ts';

export interface MemberStateFigures {
  total: number;
  byRegion: { region: string; total: number }[];
}

export async function memberStateFigures(db: Db): Promise<MemberStateFigures> {
  const byRegion = await db
    .select({ region: memberStates.region, total: count() })
    .from(memberStates)
    .groupBy(memberStates.region)
    .orderBy(asc(memberStates.region));
  return { total: byRegion.reduce((sum, row) => sum + row.total, 0), byRegion };
}

/** Published sections the actor may see: the one condition every list, count and map shade uses. */
export function visibleSections(actor: Actor): SQL {
  return and(gt(countrySections.publishedNumber, 0), visibleTo(actor, publishedSectionColumns)) as SQL;
}

export interface CountryRow {
  id: string;
  iso3: string;
  iso2: string;
  name: (typeof memberStates.$inferSelect)['name'];
  region: string;
  subregion: string;
  regionalGroup: string;
  /** The strategy status the actor may see, from the State's published strategy section. */
  strategyStatus: StrategyStatus | null;
  /** Published sections the actor may see. */
  sections: number;
}

/** The 193 Member States (or one region's), with what of their pages the actor may see. */
export async function listCountries(
  db: Db,
  actor: Actor,
  filters: { region?: string | undefined; subregion?: string | undefined } = {},
): Promise<CountryRow[]> {
  const states = await db
    .select({
      id: memberStates.id,
      iso3: memberStates.iso3,
      iso2: memberStates.iso2,
      name: memberStates.name,
      region: memberStates.region,
      subregion: memberStates.subregion,
      regionalGroup: memberStates.regionalGroup,
    })
    .from(memberStates)
    .where(
      and(
        filters.region ? eq(memberStates.region, filters.region) : undefined,
        filters.subregion ? eq(memberStates.subregion, filters.subregion) : undefined,
      ),
    );
  const sections = await db
    .select({
      memberStateId: countrySections.memberStateId,
      kind: countrySections.kind,
      strategyStatus: countrySections.publishedStrategyStatus,
    })
    .from(countrySections)
    .where(visibleSections(actor));
  const byState = new Map<string, { sections: number; strategyStatus: StrategyStatus | null }>();
  for (const section of sections) {
    const entry = byState.get(section.memberStateId) ?? { sections: 0, strategyStatus: null };
    entry.sections += 1;
    if (section.kind === 'strategy') entry.strategyStatus = section.strategyStatus;
    byState.set(section.memberStateId, entry);
  }
  return states
    .map((state) => ({
      ...state,
      sections: byState.get(state.id)?.sections ?? 0,
      strategyStatus: byState.get(state.id)?.strategyStatus ?? null,
    }))
    .sort((a, b) => a.name.en.localeCompare(b.name.en, 'en'));
}

export async function findState(db: Db, iso3: string) {
  const [state] = await db.select().from(memberStates).where(eq(memberStates.iso3, iso3.toUpperCase()));
  return state ?? null;
}

export interface SectionView {
  kind: SectionKind;
  /** Present when the section exists (0 = not yet). */
  version: number;
  published: {
    number: number;
    text: string;
    level: 'public' | 'compact';
    strategyStatus: StrategyStatus | null;
    publishedAt: Date;
  } | null;
  draft: {
    state: 'editing' | 'submitted' | 'returned';
    text: string;
    level: 'public' | 'compact';
    strategyStatus: StrategyStatus | null;
    updatedAt: Date | null;
    submittedAt: Date | null;
  } | null;
  reviewComment: string | null;
}

/** Each of a State's five sections as the actor may see it: the published text, and the draft if theirs. */
export async function sectionsOf(db: Db, actor: Actor, memberStateId: string): Promise<SectionView[]> {
  const rows = await db
    .select()
    .from(countrySections)
    .where(eq(countrySections.memberStateId, memberStateId));
  return sectionKinds.map((kind) => {
    const row = rows.find((candidate) => candidate.kind === kind);
    if (!row) return { kind, version: 0, published: null, draft: null, reviewComment: null };
    const published =
      row.publishedNumber > 0 && row.publishedLevel && canSee(actor, publishedSectionRecord(row))
        ? {
            number: row.publishedNumber,
            text: row.publishedText ?? '',
            level: row.publishedLevel,
            strategyStatus: row.publishedStrategyStatus,
            publishedAt: row.publishedAt ?? row.updatedAt,
          }
        : null;
    const seesDraft = maySeeDraft(actor, memberStateId, row.draftState);
    const draft =
      seesDraft && row.draftState && row.draftLevel
        ? {
            state: row.draftState,
            text: row.draftText ?? '',
            level: row.draftLevel,
            strategyStatus: row.draftStrategyStatus,
            updatedAt: row.draftUpdatedAt,
            submittedAt: row.submittedAt,
          }
        : null;
    return {
      kind,
      version: row.version,
      published,
      draft,
      // The secretariat's comment is for the State and the secretariat only.
      reviewComment: canSee(actor, draftRecord(memberStateId)) || mayReview(actor) ? row.reviewComment : null,
    };
  });
}

export interface PublishedVersion {
  number: number;
  text: string;
  level: 'public' | 'compact';
  strategyStatus: StrategyStatus | null;
  publishedAt: Date;
}

/** The published versions of one section the actor may see, newest first (each keeps its own level). */
export async function versionsOf(
  db: Db,
  actor: Actor,
  memberStateId: string,
  kind: SectionKind,
): Promise<PublishedVersion[]> {
  const rows = await db
    .select({
      number: countrySectionVersions.number,
      text: countrySectionVersions.text,
      level: countrySectionVersions.level,
      strategyStatus: countrySectionVersions.strategyStatus,
      publishedAt: countrySectionVersions.publishedAt,
    })
    .from(countrySectionVersions)
    .innerJoin(countrySections, eq(countrySections.id, countrySectionVersions.sectionId))
    .where(and(eq(countrySections.memberStateId, memberStateId), eq(countrySections.kind, kind)))
    .orderBy(desc(countrySectionVersions.number));
  return rows.filter((row) =>
    canSee(actor, publishedSectionRecord({ memberStateId, publishedLevel: row.level })),
  );
}

export interface ReviewItem {
  iso3: string;
  name: (typeof memberStates.$inferSelect)['name'];
  kind: SectionKind;
  submittedAt: Date | null;
}

/** Drafts waiting for the secretariat, oldest first; nobody else has a queue. */
export async function reviewQueue(db: Db, actor: Actor): Promise<ReviewItem[]> {
  if (!mayReview(actor)) return [];
  return db
    .select({
      iso3: memberStates.iso3,
      name: memberStates.name,
      kind: countrySections.kind,
      submittedAt: countrySections.submittedAt,
    })
    .from(countrySections)
    .innerJoin(memberStates, eq(memberStates.id, countrySections.memberStateId))
    .where(eq(countrySections.draftState, 'submitted'))
    .orderBy(asc(countrySections.submittedAt));
}

/** Published strategy statuses the actor may see, by State id (the map's "strategies" measure). */
export async function strategyStatusByState(db: Db, actor: Actor): Promise<Map<string, StrategyStatus>> {
  const rows = await db
    .select({ id: countrySections.memberStateId, status: countrySections.publishedStrategyStatus })
    .from(countrySections)
    .where(
      and(
        eq(countrySections.kind, 'strategy'),
        isNotNull(countrySections.publishedStrategyStatus),
        visibleSections(actor),
      ),
    );
  return new Map(rows.flatMap((row) => (row.status ? [[row.id, row.status] as const] : [])));
}

/** Member States by id, for joining figures of other modules. */
export async function statesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: memberStates.id, iso3: memberStates.iso3, name: memberStates.name })
    .from(memberStates)
    .where(inArray(memberStates.id, [...ids]));
}
