import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditedBy, recordAudit } from '../audit/record.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { entities } from '../directory/schema.ts';
import { documents } from '../documents/schema.ts';
import { Forbidden, InvalidInput, NotFound, type Problem, RefusedWith } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { canSee } from '../policy/visibility.ts';
import { choice, isoDay, requiredText } from '../web/input.ts';
import type {
  AssessmentInput,
  RecommendationInput,
  RecommendationUpdateInput,
  SharingInput,
  SupersedeInput,
  UptakeInput,
} from './input.ts';
import {
  activeStatuses,
  ctedRecord,
  ctedSlug,
  levelOfSharing,
  mayChangeCtedRecord,
  mayManageCted,
  mayRecordUptake,
  textKeyOf,
} from './rules.ts';
import { ctedAssessments, ctedRecommendations, ctedUptakes, priorities, themes } from './schema.ts';
import { excelSerialToDay, type Table, templateColumns } from './spreadsheet.ts';

export async function ctedEntityId(db: Db | Tx): Promise<string | null> {
  const [row] = await db.select({ id: entities.id }).from(entities).where(eq(entities.slug, ctedSlug));
  return row?.id ?? null;
}

async function requireCted(db: Db | Tx, actor: Actor): Promise<string> {
  const cted = await ctedEntityId(db);
  if (!mayManageCted(actor, cted)) throw new RefusedWith([{ field: 'form', code: 'cted_only' }]);
  return cted as string;
}

async function namedEntityIdsOf(tx: Tx, slugs: readonly string[], problems: Problem[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await tx
    .select({ id: entities.id, slug: entities.slug })
    .from(entities)
    .where(inArray(entities.slug, [...slugs]));
  const unknown = slugs.filter((slug) => !rows.some((row) => row.slug === slug));
  if (unknown.length > 0) {
    problems.push({ field: 'namedEntities', code: 'unknown_items', values: { items: unknown.join(', ') } });
  }
  return rows.map((row) => row.id);
}

/**
 * Gives the report the assessment's audience: the State's consent decides the level (un_system or named),
 * and a named report also names the State, which sees its own report in the library (ADR 0025).
 */
async function alignReport(
  tx: Tx,
  actor: Actor,
  documentId: string,
  sharing: { level: 'un_system' | 'named'; namedEntityIds: string[]; memberStateId: string },
) {
  // The report's audience is the assessment's from now on: the library's forms may no longer change it,
  // and a form opened before this change is stale (its version is bumped).
  const [before] = await tx
    .select({ level: documents.level })
    .from(documents)
    .where(eq(documents.id, documentId));
  const [updated] = await tx
    .update(documents)
    .set({
      level: sharing.level,
      bodyId: null,
      namedEntityIds: sharing.level === 'named' ? sharing.namedEntityIds : [],
      namedMemberStateIds: sharing.level === 'named' ? [sharing.memberStateId] : [],
      declassifyOn: null,
      declassifyTo: null,
      accessGovernedBy: 'cted_assessment',
      version: sql`${documents.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(documents.id, documentId))
    .returning({ version: documents.version });
  await recordAudit(tx, {
    action: 'document.updated',
    subjectType: 'document',
    subjectId: documentId,
    ...auditedBy(actor),
    details: {
      changed: ['level'],
      from: before?.level ?? null,
      to: sharing.level,
      governedBy: 'cted_assessment',
    },
  });
  return updated;
}

/** CTED records an assessment visit; the State's consent to wider sharing decides its level. */
export async function createAssessment(db: Db, actor: Actor, input: AssessmentInput): Promise<string> {
  return db.transaction(async (tx) => {
    const cted = await requireCted(tx, actor);
    const problems: Problem[] = [];
    const [state] = await tx
      .select({ id: memberStates.id })
      .from(memberStates)
      .where(eq(memberStates.iso3, input.country));
    if (!state) problems.push({ field: 'country', code: 'cted_bad_country' });
    if (input.visitEnd < input.visitStart) problems.push({ field: 'visitEnd', code: 'ends_before_start' });
    const namedEntityIds = await namedEntityIdsOf(tx, input.namedEntities, problems);
    if (input.reportDocument) {
      const [report] = await tx
        .select({ owner: documents.ownerEntityId })
        .from(documents)
        .where(eq(documents.id, input.reportDocument));
      if (!report || report.owner !== cted) {
        problems.push({ field: 'reportDocument', code: 'cted_report_not_ours' });
      }
    }
    if (state) {
      const [existing] = await tx
        .select({ id: ctedAssessments.id })
        .from(ctedAssessments)
        .where(
          and(eq(ctedAssessments.memberStateId, state.id), eq(ctedAssessments.visitStart, input.visitStart)),
        );
      if (existing) problems.push({ field: 'visitStart', code: 'cted_duplicate_assessment' });
    }
    if (problems.length > 0 || !state) throw new InvalidInput(problems);
    const level = levelOfSharing(input.widerSharing);
    const [row] = await tx
      .insert(ctedAssessments)
      .values({
        memberStateId: state.id,
        kind: input.kind,
        visitStart: input.visitStart,
        visitEnd: input.visitEnd,
        widerSharing: input.widerSharing,
        level,
        namedEntityIds,
        ownerEntityId: cted,
        reportDocumentId: input.reportDocument,
        summary: input.summary ?? null,
        createdBy: auditedBy(actor).actorUserId,
      })
      .returning({ id: ctedAssessments.id });
    const id = (row as { id: string }).id;
    if (input.reportDocument) {
      await alignReport(tx, actor, input.reportDocument, { level, namedEntityIds, memberStateId: state.id });
    }
    await recordAudit(tx, {
      action: 'cted_assessment.created',
      subjectType: 'cted_assessment',
      subjectId: id,
      ...auditedBy(actor),
      details: { country: input.country, level, widerSharing: input.widerSharing },
    });
    return id;
  });
}

/**
 * Records the State's decision on wider sharing: the assessment, its recommendations and its report take
 * the level it gives, together.
 */
export async function updateSharing(db: Db, actor: Actor, id: string, input: SharingInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [assessment] = await tx.select().from(ctedAssessments).where(eq(ctedAssessments.id, id));
    if (!assessment || !canSee(actor, ctedRecord(assessment))) throw new NotFound();
    if (!mayChangeCtedRecord(actor, ctedRecord(assessment))) {
      throw new RefusedWith([{ field: 'form', code: 'cted_only' }]);
    }
    const problems: Problem[] = [];
    const namedEntityIds = await namedEntityIdsOf(tx, input.namedEntities, problems);
    if (problems.length > 0) throw new InvalidInput(problems);
    await claimVersion(tx, ctedAssessments, id, input.version);
    const level = levelOfSharing(input.widerSharing);
    await tx
      .update(ctedAssessments)
      .set({ widerSharing: input.widerSharing, level, namedEntityIds })
      .where(eq(ctedAssessments.id, id));
    await tx
      .update(ctedRecommendations)
      .set({ level, namedEntityIds, updatedAt: new Date() })
      .where(eq(ctedRecommendations.assessmentId, id));
    if (assessment.reportDocumentId) {
      await alignReport(tx, actor, assessment.reportDocumentId, {
        level,
        namedEntityIds,
        memberStateId: assessment.memberStateId,
      });
    }
    await recordAudit(tx, {
      action: 'cted_assessment.sharing_changed',
      subjectType: 'cted_assessment',
      subjectId: id,
      ...auditedBy(actor),
      details: { from: assessment.level, to: level, widerSharing: input.widerSharing },
    });
  });
}

async function assessmentForChange(tx: Tx, actor: Actor, assessmentId: string) {
  const [assessment] = await tx.select().from(ctedAssessments).where(eq(ctedAssessments.id, assessmentId));
  if (!assessment || !canSee(actor, ctedRecord(assessment))) return null;
  if (!mayChangeCtedRecord(actor, ctedRecord(assessment))) {
    throw new RefusedWith([{ field: 'form', code: 'cted_only' }]);
  }
  return assessment;
}

async function isDuplicate(tx: Tx, assessmentId: string, textKey: string, except?: string) {
  const rows = await tx
    .select({ id: ctedRecommendations.id })
    .from(ctedRecommendations)
    .where(and(eq(ctedRecommendations.assessmentId, assessmentId), eq(ctedRecommendations.textKey, textKey)));
  return rows.some((row) => row.id !== except);
}

/** CTED adds a recommendation to one of its assessments; the same text twice is refused. */
export async function createRecommendation(
  db: Db,
  actor: Actor,
  input: RecommendationInput,
  today: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    await requireCted(tx, actor);
    const assessment = await assessmentForChange(tx, actor, input.assessment);
    if (!assessment) throw new InvalidInput([{ field: 'assessment', code: 'bad_choice' }]);
    const problems: Problem[] = [];
    const textKey = textKeyOf(input.text);
    if (await isDuplicate(tx, assessment.id, textKey))
      problems.push({ field: 'text', code: 'cted_duplicate' });
    if (input.dueOn && input.dueOn < input.issuedOn)
      problems.push({ field: 'dueOn', code: 'ends_before_start' });
    if (problems.length > 0) throw new InvalidInput(problems);
    const [row] = await tx
      .insert(ctedRecommendations)
      .values({
        assessmentId: assessment.id,
        memberStateId: assessment.memberStateId,
        theme: input.theme,
        priority: input.priority,
        text: input.text,
        textKey,
        status: input.status,
        issuedOn: input.issuedOn,
        dueOn: input.dueOn,
        statusChangedOn: today,
        level: assessment.level,
        namedEntityIds: assessment.namedEntityIds,
        ownerEntityId: assessment.ownerEntityId,
        createdBy: auditedBy(actor).actorUserId,
      })
      .returning({ id: ctedRecommendations.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'cted_recommendation.created',
      subjectType: 'cted_recommendation',
      subjectId: id,
      ...auditedBy(actor),
      details: { assessmentId: assessment.id, theme: input.theme },
    });
    return id;
  });
}

/** A recommendation CTED may change: visible, its own, and not superseded. */
async function recommendationForChange(tx: Tx, actor: Actor, id: string) {
  const [recommendation] = await tx.select().from(ctedRecommendations).where(eq(ctedRecommendations.id, id));
  if (!recommendation || !canSee(actor, ctedRecord(recommendation))) throw new NotFound();
  if (!mayChangeCtedRecord(actor, ctedRecord(recommendation))) {
    throw new RefusedWith([{ field: 'form', code: 'cted_only' }]);
  }
  if (recommendation.status === 'superseded') {
    throw new InvalidInput([{ field: 'status', code: 'cted_superseded' }]);
  }
  return recommendation;
}

/** CTED updates a recommendation's text, theme, priority, status or due date (monitoring). */
export async function updateRecommendation(
  db: Db,
  actor: Actor,
  id: string,
  input: RecommendationUpdateInput,
  today: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const recommendation = await recommendationForChange(tx, actor, id);
    const problems: Problem[] = [];
    if (input.status === 'superseded') problems.push({ field: 'status', code: 'cted_supersede_instead' });
    const textKey = textKeyOf(input.text);
    if (await isDuplicate(tx, recommendation.assessmentId, textKey, id)) {
      problems.push({ field: 'text', code: 'cted_duplicate' });
    }
    if (input.dueOn && input.dueOn < recommendation.issuedOn) {
      problems.push({ field: 'dueOn', code: 'ends_before_start' });
    }
    if (problems.length > 0) throw new InvalidInput(problems);
    await claimVersion(tx, ctedRecommendations, id, input.version);
    await tx
      .update(ctedRecommendations)
      .set({
        theme: input.theme,
        priority: input.priority,
        text: input.text,
        textKey,
        dueOn: input.dueOn,
        status: input.status,
        statusChangedOn: input.status === recommendation.status ? recommendation.statusChangedOn : today,
      })
      .where(eq(ctedRecommendations.id, id));
    await recordAudit(tx, {
      action: 'cted_recommendation.updated',
      subjectType: 'cted_recommendation',
      subjectId: id,
      ...auditedBy(actor),
      details: { status: { from: recommendation.status, to: input.status } },
    });
  });
}

/**
 * CTED supersedes a recommendation by a new one in the same assessment: the old one keeps its text,
 * points to its successor and can no longer be changed or taken up.
 */
export async function supersedeRecommendation(
  db: Db,
  actor: Actor,
  id: string,
  input: SupersedeInput,
  today: string,
): Promise<string> {
  return db.transaction(async (tx) => {
    const old = await recommendationForChange(tx, actor, id);
    const textKey = textKeyOf(input.text);
    const problems: Problem[] = [];
    if (await isDuplicate(tx, old.assessmentId, textKey))
      problems.push({ field: 'text', code: 'cted_duplicate' });
    if (input.dueOn && input.dueOn < input.issuedOn)
      problems.push({ field: 'dueOn', code: 'ends_before_start' });
    if (problems.length > 0) throw new InvalidInput(problems);
    await claimVersion(tx, ctedRecommendations, id, input.version);
    const [row] = await tx
      .insert(ctedRecommendations)
      .values({
        assessmentId: old.assessmentId,
        memberStateId: old.memberStateId,
        theme: input.theme,
        priority: input.priority,
        text: input.text,
        textKey,
        status: 'open',
        issuedOn: input.issuedOn,
        dueOn: input.dueOn,
        statusChangedOn: today,
        level: old.level,
        namedEntityIds: old.namedEntityIds,
        ownerEntityId: old.ownerEntityId,
        createdBy: auditedBy(actor).actorUserId,
      })
      .returning({ id: ctedRecommendations.id });
    const newId = (row as { id: string }).id;
    await tx
      .update(ctedRecommendations)
      .set({ status: 'superseded', supersededById: newId, statusChangedOn: today })
      .where(eq(ctedRecommendations.id, id));
    await recordAudit(tx, {
      action: 'cted_recommendation.superseded',
      subjectType: 'cted_recommendation',
      subjectId: id,
      ...auditedBy(actor),
      details: { supersededBy: newId },
    });
    return newId;
  });
}

/** One problem of an import, on a numbered row of the file (the header is row 1). */
export interface RowProblem extends Problem {
  row: number;
}

export interface ImportReport {
  /** Data rows read (empty rows are skipped). */
  rows: number;
  /** Recommendations added: 0 on a dry run or when any row has a problem. */
  added: number;
  /** Recommendations that would be added, when every row is valid. */
  valid: number;
  problems: RowProblem[];
}

const themeAliases: Record<string, string> = {
  countering_the_financing_of_terrorism: 'financing_of_terrorism',
  cft: 'financing_of_terrorism',
  terrorist_financing: 'financing_of_terrorism',
  pcve: 'countering_violent_extremism',
};
const folded = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** A spreadsheet date cell may hold Excel's serial number instead of text. */
const dayCell = (value: string) =>
  /^\d{4,5}(\.\d+)?$/.test(value) ? excelSerialToDay(Number(value)) : value.trim();

const importRow = z.object({
  country: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'cted_bad_country')),
  assessment_start: z.string().transform(dayCell).pipe(isoDay),
  theme: z
    .string()
    .transform((value) => themeAliases[folded(value)] ?? folded(value))
    .pipe(choice(themes)),
  priority: z.string().transform(folded).pipe(choice(priorities)),
  status: z
    .string()
    .transform((value) => folded(value) || 'open')
    .pipe(choice(['open', 'in_progress', 'implemented'] as const)),
  issued_on: z.string().transform(dayCell).pipe(isoDay),
  due_on: z
    .string()
    .transform((value) => (value.trim() === '' ? null : dayCell(value)))
    .pipe(isoDay.nullable()),
  text: requiredText(4000),
});

/**
 * Imports recommendations from a table made from the template (CSV or XLSX), all or nothing: every row
 * is checked (columns, values, the country and its assessment, duplicates in the file and in the
 * platform) and the report lists each problem by row. With `dryRun`, or when any row has a problem,
 * nothing is written; otherwise every row is added in one transaction, with one audit event.
 */
export async function importRecommendations(
  db: Db,
  actor: Actor,
  table: Table,
  options: { dryRun: boolean; today: string },
): Promise<ImportReport> {
  const cted = await ctedEntityId(db);
  if (!mayManageCted(actor, cted)) throw new RefusedWith([{ field: 'form', code: 'cted_only' }]);
  const [header = [], ...data] = table;
  const columns = header.map((cell) => folded(cell));
  const problems: RowProblem[] = [];
  const missing = templateColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    problems.push({
      row: 1,
      field: missing[0] as string,
      code: 'cted_missing_columns',
      values: { columns: missing.join(', ') },
    });
    return { rows: data.length, added: 0, valid: 0, problems };
  }
  const parsed: { row: number; value: z.infer<typeof importRow> }[] = [];
  data.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const record = Object.fromEntries(
      templateColumns.map((column) => [column, cells[columns.indexOf(column)] ?? '']),
    );
    const result = importRow.safeParse(record);
    if (result.success) parsed.push({ row, value: result.data });
    else {
      for (const issue of result.error.issues) {
        problems.push({
          row,
          field: String(issue.path[0] ?? 'row'),
          code: /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid',
        });
      }
    }
  });
  const rowCount = data.filter((cells) => cells.some((cell) => cell.trim() !== '')).length;
  if (rowCount === 0) problems.push({ row: 2, field: 'row', code: 'cted_import_no_rows' });

  return db.transaction(async (tx) => {
    const codes = [...new Set(parsed.map((entry) => entry.value.country))];
    const states = codes.length
      ? await tx
          .select({ id: memberStates.id, iso3: memberStates.iso3 })
          .from(memberStates)
          .where(inArray(memberStates.iso3, codes))
      : [];
    const stateByCode = new Map(states.map((state) => [state.iso3, state.id]));
    const assessments = states.length
      ? await tx
          .select()
          .from(ctedAssessments)
          .where(
            inArray(
              ctedAssessments.memberStateId,
              states.map((state) => state.id),
            ),
          )
      : [];
    const keyOfAssessment = (stateId: string, day: string) => `${stateId}|${day}`;
    const assessmentByKey = new Map(
      assessments.map((assessment) => [
        keyOfAssessment(assessment.memberStateId, assessment.visitStart),
        assessment,
      ]),
    );
    const resolved = parsed.flatMap(({ row, value }) => {
      const stateId = stateByCode.get(value.country);
      if (!stateId) {
        problems.push({ row, field: 'country', code: 'cted_bad_country' });
        return [];
      }
      const assessment = assessmentByKey.get(keyOfAssessment(stateId, value.assessment_start));
      if (!assessment || !mayChangeCtedRecord(actor, ctedRecord(assessment))) {
        problems.push({
          row,
          field: 'assessment_start',
          code: 'cted_no_assessment',
          values: { country: value.country, day: value.assessment_start },
        });
        return [];
      }
      if (value.due_on && value.due_on < value.issued_on) {
        problems.push({ row, field: 'due_on', code: 'ends_before_start' });
        return [];
      }
      return [{ row, value, assessment, textKey: textKeyOf(value.text) }];
    });
    const seen = new Map<string, number>();
    for (const entry of resolved) {
      const key = `${entry.assessment.id}|${entry.textKey}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          row: entry.row,
          field: 'text',
          code: 'cted_duplicate_in_file',
          values: { row: first },
        });
      } else seen.set(key, entry.row);
    }
    if (resolved.length > 0) {
      const existing = await tx
        .select({ assessmentId: ctedRecommendations.assessmentId, textKey: ctedRecommendations.textKey })
        .from(ctedRecommendations)
        .where(
          or(
            ...[...new Set(resolved.map((entry) => entry.assessment.id))].map((assessmentId) =>
              and(
                eq(ctedRecommendations.assessmentId, assessmentId),
                inArray(
                  ctedRecommendations.textKey,
                  resolved
                    .filter((entry) => entry.assessment.id === assessmentId)
                    .map((entry) => entry.textKey),
                ),
              ),
            ),
          ),
        );
      const stored = new Set(existing.map((row) => `${row.assessmentId}|${row.textKey}`));
      for (const entry of resolved) {
        if (stored.has(`${entry.assessment.id}|${entry.textKey}`)) {
          problems.push({ row: entry.row, field: 'text', code: 'cted_duplicate' });
        }
      }
    }
    problems.sort((a, b) => a.row - b.row);
    const valid = problems.length === 0 ? resolved.length : 0;
    if (options.dryRun || problems.length > 0) return { rows: rowCount, added: 0, valid, problems };
    await tx.insert(ctedRecommendations).values(
      resolved.map(({ value, assessment, textKey }) => ({
        assessmentId: assessment.id,
        memberStateId: assessment.memberStateId,
        theme: value.theme,
        priority: value.priority,
        text: value.text,
        textKey,
        status: value.status,
        issuedOn: value.issued_on,
        dueOn: value.due_on,
        statusChangedOn: options.today,
        level: assessment.level,
        namedEntityIds: assessment.namedEntityIds,
        ownerEntityId: assessment.ownerEntityId,
        createdBy: auditedBy(actor).actorUserId,
      })),
    );
    await recordAudit(tx, {
      action: 'cted_recommendation.imported',
      subjectType: 'cted_recommendation',
      subjectId: null,
      ...auditedBy(actor),
      details: { added: resolved.length },
    });
    return { rows: rowCount, added: resolved.length, valid: resolved.length, problems: [] };
  });
}

/** An entity records that it addresses a recommendation it may see, with a note on how. */
export async function recordUptake(
  db: Db,
  actor: Actor,
  recommendationId: string,
  input: UptakeInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [recommendation] = await tx
      .select()
      .from(ctedRecommendations)
      .where(eq(ctedRecommendations.id, recommendationId));
    if (!recommendation || !canSee(actor, ctedRecord(recommendation))) throw new NotFound();
    if (!mayRecordUptake(actor, ctedRecord(recommendation)) || actor.kind !== 'entity') {
      throw new RefusedWith([{ field: 'note', code: 'cted_uptake_entities_only' }]);
    }
    if (!activeStatuses.includes(recommendation.status)) {
      throw new InvalidInput([
        {
          field: 'note',
          code: recommendation.status === 'superseded' ? 'cted_superseded' : 'cted_not_active',
        },
      ]);
    }
    const [row] = await tx
      .insert(ctedUptakes)
      .values({
        recommendationId,
        entityId: actor.entityId,
        note: input.note,
        since: input.since,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: ctedUptakes.id });
    if (!row) throw new InvalidInput([{ field: 'note', code: 'cted_uptake_exists' }]);
    await recordAudit(tx, {
      action: 'cted_uptake.recorded',
      subjectType: 'cted_recommendation',
      subjectId: recommendationId,
      actorUserId: actor.userId,
      actorEntityId: actor.entityId,
      details: { uptakeId: row.id },
    });
    return row.id;
  });
}

/** The entity that recorded an uptake withdraws it. */
export async function withdrawUptake(db: Db, actor: Actor, uptakeId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [uptake] = await tx.select().from(ctedUptakes).where(eq(ctedUptakes.id, uptakeId));
    if (!uptake) throw new NotFound();
    const [recommendation] = await tx
      .select()
      .from(ctedRecommendations)
      .where(eq(ctedRecommendations.id, uptake.recommendationId));
    if (!recommendation || !canSee(actor, ctedRecord(recommendation))) throw new NotFound();
    if (actor.kind !== 'entity' || actor.entityId !== uptake.entityId) throw new Forbidden();
    await tx.delete(ctedUptakes).where(eq(ctedUptakes.id, uptakeId));
    await recordAudit(tx, {
      action: 'cted_uptake.withdrawn',
      subjectType: 'cted_recommendation',
      subjectId: uptake.recommendationId,
      actorUserId: actor.userId,
      actorEntityId: actor.entityId,
      details: { uptakeId },
    });
    return uptake.recommendationId;
  });
}
