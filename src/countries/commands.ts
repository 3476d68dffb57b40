import { and, eq, sql } from 'drizzle-orm';
import { auditedBy, recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { InvalidInput, NotFound, type Problem, RefusedWith, StaleEdit } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { DraftInput, ReviewInput } from './input.ts';
import { mayEditSections, mayReview } from './rules.ts';
import { countrySections, countrySectionVersions, memberStates, type SectionKind } from './schema.ts';

export async function stateByIso3(db: Db | Tx, iso3: string) {
  const [state] = await db
    .select({ id: memberStates.id, iso3: memberStates.iso3, name: memberStates.name })
    .from(memberStates)
    .where(eq(memberStates.iso3, iso3.toUpperCase()));
  return state ?? null;
}

/**
 * Saves a State's draft of one section, and submits it to the secretariat when asked (issue 7). Only a
 * focal point of that State may: anyone else, including a focal point of another State who changed the
 * address, is refused with the reason. Version 0 means "the section does not exist yet".
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  iso3: string,
  kind: SectionKind,
  input: DraftInput,
): Promise<void> {
  const state = await stateByIso3(db, iso3);
  if (!state) throw new NotFound();
  if (!mayEditSections(actor, state.id)) {
    throw new RefusedWith([
      {
        field: 'country',
        code: actor.kind === 'member_state' ? 'countries_not_your_country' : 'countries_state_only',
      },
    ]);
  }
  const problems: Problem[] = [];
  if (kind === 'strategy' && input.strategyStatus === null) {
    problems.push({ field: 'strategyStatus', code: 'countries_strategy_required' });
  }
  if (problems.length > 0) throw new InvalidInput(problems);
  await db.transaction(async (tx) => {
    const values = {
      draftState: input.submit ? ('submitted' as const) : ('editing' as const),
      draftText: input.text,
      draftLevel: input.level,
      draftStrategyStatus: kind === 'strategy' ? input.strategyStatus : null,
      draftUpdatedBy: auditedBy(actor).actorUserId,
      draftUpdatedAt: new Date(),
      submittedAt: input.submit ? new Date() : null,
      reviewComment: null,
    };
    let sectionId: string;
    if (input.version === 0) {
      const [created] = await tx
        .insert(countrySections)
        .values({ memberStateId: state.id, kind, ...values })
        .onConflictDoNothing()
        .returning({ id: countrySections.id });
      if (!created) throw new StaleEdit();
      sectionId = created.id;
    } else {
      const [section] = await tx
        .select({ id: countrySections.id })
        .from(countrySections)
        .where(and(eq(countrySections.memberStateId, state.id), eq(countrySections.kind, kind)));
      if (!section) throw new NotFound();
      sectionId = section.id;
      await claimVersion(tx, countrySections, section.id, input.version);
      await tx.update(countrySections).set(values).where(eq(countrySections.id, section.id));
    }
    await recordAudit(tx, {
      action: input.submit ? 'country_section.submitted' : 'country_section.draft_saved',
      subjectType: 'country_section',
      subjectId: sectionId,
      actorUserId: auditedBy(actor).actorUserId,
      actorEntityId: null,
      details: { country: state.iso3, kind, level: input.level },
    });
  });
}

/**
 * The secretariat publishes a submitted draft (a new numbered version, kept for ever) or returns it to the
 * State with a comment. Either way the decision is audited.
 */
export async function reviewDraft(
  db: Db,
  actor: Actor,
  iso3: string,
  kind: SectionKind,
  input: ReviewInput,
): Promise<{ published: number | null }> {
  if (!mayReview(actor)) throw new RefusedWith([{ field: 'decision', code: 'countries_review_only' }]);
  const state = await stateByIso3(db, iso3);
  if (!state) throw new NotFound();
  if (input.decision === 'return' && !input.comment) {
    throw new InvalidInput([{ field: 'comment', code: 'countries_comment_required' }]);
  }
  return db.transaction(async (tx) => {
    const [section] = await tx
      .select()
      .from(countrySections)
      .where(and(eq(countrySections.memberStateId, state.id), eq(countrySections.kind, kind)));
    if (!section) throw new NotFound();
    await claimVersion(tx, countrySections, section.id, input.version);
    if (section.draftState !== 'submitted' || section.draftText === null || section.draftLevel === null) {
      throw new InvalidInput([{ field: 'decision', code: 'countries_not_submitted' }]);
    }
    const audit = {
      subjectType: 'country_section',
      subjectId: section.id,
      ...auditedBy(actor),
    };
    if (input.decision === 'return') {
      await tx
        .update(countrySections)
        .set({ draftState: 'returned', reviewComment: input.comment })
        .where(eq(countrySections.id, section.id));
      await recordAudit(tx, {
        ...audit,
        action: 'country_section.returned',
        details: { country: state.iso3, kind, comment: input.comment },
      });
      return { published: null };
    }
    const number = section.publishedNumber + 1;
    const publishedAt = new Date();
    await tx.insert(countrySectionVersions).values({
      sectionId: section.id,
      number,
      text: section.draftText,
      level: section.draftLevel,
      strategyStatus: section.draftStrategyStatus,
      submittedBy: section.draftUpdatedBy,
      publishedBy: auditedBy(actor).actorUserId,
      publishedAt,
    });
    await tx
      .update(countrySections)
      .set({
        publishedNumber: number,
        publishedText: section.draftText,
        publishedLevel: section.draftLevel,
        publishedStrategyStatus: section.draftStrategyStatus,
        publishedAt,
        draftState: null,
        draftText: null,
        draftLevel: null,
        draftStrategyStatus: null,
        submittedAt: null,
        reviewComment: input.comment,
        updatedAt: sql`now()`,
      })
      .where(eq(countrySections.id, section.id));
    await recordAudit(tx, {
      ...audit,
      action: 'country_section.published',
      details: { country: state.iso3, kind, number, level: section.draftLevel },
    });
    return { published: number };
  });
}
