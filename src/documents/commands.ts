import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, max, sql } from 'drizzle-orm';
import { auditedBy, recordAudit } from '../audit/record.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { entities } from '../directory/schema.ts';
import { Forbidden, InvalidInput, NotFound, type Problem } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { can } from '../policy/policy.ts';
import type { AcceptedExtension } from './file-types.ts';
import type { DocumentMetadataInput, NewDocumentInput, VersionInput } from './input.ts';
import { accessProblems, mayAddDocuments, recordOfDocument } from './rules.ts';
import { documentEditions, documents, documentTypes, documentVersions } from './schema.ts';
import { refreshSearchIndex } from './search-index.ts';

/** A file already in the blob store, its type decided from its content and name (`file-types.ts`). */
export interface UploadedFile {
  sha256: string;
  size: number;
  fileType: AcceptedExtension;
  fileName: string;
}

/** Types whose text the extraction jobs read (`documents/extraction`); images have none. */
const extractable: readonly AcceptedExtension[] = ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'txt', 'csv'];

const extractionStatusOf = (fileType: AcceptedExtension) =>
  extractable.includes(fileType) ? ('pending' as const) : ('not_applicable' as const);

type Resolved = Omit<
  typeof documents.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'createdBy'
>;

/** Ids of the rows whose `key` is in `wanted`, and a problem on `field` naming each unknown one. */
async function idsOf(
  wanted: readonly string[],
  lookup: (values: string[]) => Promise<{ id: string; key: string }[]>,
  field: string,
  problems: Problem[],
): Promise<string[]> {
  if (wanted.length === 0) return [];
  const found = await lookup([...wanted]);
  const byKey = new Map(found.map((row) => [row.key, row.id]));
  const unknown = wanted.filter((key) => !byKey.has(key));
  if (unknown.length > 0)
    problems.push({ field, code: 'unknown_items', values: { items: unknown.join(', ') } });
  return wanted.flatMap((key) => byKey.get(key) ?? []);
}

/**
 * Turns the names in a metadata input into ids, and checks every rule over the whole input, so that a
 * form shows all its problems at once. Owner: the secretariat names one (UNOCT by default); everyone else
 * owns what they add, and keeps the owner it had when editing.
 */
async function resolveMetadata(
  tx: Tx,
  actor: Actor,
  input: DocumentMetadataInput,
  today: string,
  currentOwner: { ownerEntityId: string | null; ownerMemberStateId: string | null } | null,
): Promise<Resolved> {
  const problems: Problem[] = [];
  const entityIds = (slugs: string[]) =>
    tx.select({ id: entities.id, key: entities.slug }).from(entities).where(inArray(entities.slug, slugs));
  const stateIds = (codes: string[]) =>
    tx
      .select({ id: memberStates.id, key: memberStates.iso3 })
      .from(memberStates)
      .where(inArray(memberStates.iso3, codes));
  const bodyIds = (slugs: string[]) =>
    tx.select({ id: bodies.id, key: bodies.slug }).from(bodies).where(inArray(bodies.slug, slugs));

  const [type] = await tx
    .select({ id: documentTypes.id })
    .from(documentTypes)
    .where(eq(documentTypes.slug, input.type));
  if (!type) problems.push({ field: 'type', code: 'bad_choice' });
  const [bodyId] = input.body ? await idsOf([input.body], bodyIds, 'body', problems) : [];
  const namedEntityIds = await idsOf(input.namedEntities, entityIds, 'namedEntities', problems);
  const namedMemberStateIds = await idsOf(input.namedMemberStates, stateIds, 'namedMemberStates', problems);
  const relatedBodyIds = await idsOf(input.bodies, bodyIds, 'bodies', problems);
  const countryIds = await idsOf(input.countries, stateIds, 'countries', problems);
  if (input.regions.length > 0) {
    const known = new Set(
      (await tx.selectDistinct({ region: memberStates.region }).from(memberStates)).map((row) => row.region),
    );
    const unknown = input.regions.filter((region) => !known.has(region));
    if (unknown.length > 0) {
      problems.push({ field: 'regions', code: 'unknown_items', values: { items: unknown.join(', ') } });
    }
  }

  let owner = currentOwner && {
    ownerEntityId: currentOwner.ownerEntityId,
    ownerMemberStateId: currentOwner.ownerMemberStateId,
  };
  if (actor.kind === 'secretariat' && input.owner) {
    const [entityId] = await idsOf([input.owner], entityIds, 'owner', problems);
    owner = { ownerEntityId: entityId ?? null, ownerMemberStateId: null };
  } else if (!owner) {
    owner =
      actor.kind === 'entity'
        ? { ownerEntityId: actor.entityId, ownerMemberStateId: null }
        : actor.kind === 'member_state'
          ? { ownerEntityId: null, ownerMemberStateId: actor.memberStateId }
          : { ownerEntityId: actor.kind === 'secretariat' ? actor.entityId : null, ownerMemberStateId: null };
  }

  const access = {
    level: input.level,
    bodyId: input.level === 'body' ? (bodyId ?? null) : null,
    namedEntityIds: input.level === 'named' ? namedEntityIds : [],
    namedMemberStateIds: input.level === 'named' ? namedMemberStateIds : [],
    declassifyOn: input.declassifyOn ?? null,
    declassifyTo: input.declassifyTo ?? null,
  };
  const inputBodyMissing = problems.some((problem) => problem.field === 'body');
  for (const problem of accessProblems(actor, access, today)) {
    if (problem.field === 'body' && inputBodyMissing) continue;
    problems.push({ field: problem.field === 'named' ? 'namedEntities' : problem.field, code: problem.code });
  }
  if (problems.length > 0) throw new InvalidInput(problems);
  return {
    title: input.title,
    summary: input.summary ?? null,
    typeId: type?.id as string,
    ...owner,
    ...access,
    bodyIds: relatedBodyIds,
    countryIds,
    regions: input.regions,
    themes: input.themes,
    pillars: input.pillars,
    resolutions: input.resolutions,
    publishedOn: input.publishedOn,
  };
}

/**
 * Adds a document with its first file, in one transaction: the document, its edition, its first version,
 * the search columns and the audit entry commit together or not at all. The file is already in the blob
 * store; if this fails, the sweeper removes it.
 */
export async function createDocument(
  db: Db,
  actor: Actor,
  input: NewDocumentInput,
  file: UploadedFile,
  today: string,
): Promise<string> {
  if (!mayAddDocuments(actor)) throw new Forbidden();
  return db.transaction(async (tx) => {
    const values = await resolveMetadata(tx, actor, input, today, null);
    const [document] = await tx
      .insert(documents)
      .values({ ...values, createdBy: auditedBy(actor).actorUserId })
      .returning({ id: documents.id });
    const documentId = (document as { id: string }).id;
    const [edition] = await tx
      .insert(documentEditions)
      .values({ documentId, language: input.language })
      .returning({ id: documentEditions.id });
    await insertVersion(tx, actor, (edition as { id: string }).id, 1, file, input.note ?? null, null);
    await refreshSearchIndex(tx, documentId);
    await recordAudit(tx, {
      action: 'document.created',
      subjectType: 'document',
      subjectId: documentId,
      ...auditedBy(actor),
      details: { level: values.level, sha256: file.sha256, fileType: file.fileType },
    });
    return documentId;
  });
}

async function insertVersion(
  tx: Tx,
  actor: Actor,
  editionId: string,
  number: number,
  file: UploadedFile,
  note: string | null,
  restoredFrom: { number: number; extractedText: string | null; status: string; truncated: boolean } | null,
) {
  const [row] = await tx
    .insert(documentVersions)
    .values({
      editionId,
      number,
      sha256: file.sha256,
      size: file.size,
      fileType: file.fileType,
      fileName: file.fileName,
      note,
      restoredFrom: restoredFrom?.number ?? null,
      uploadedBy: auditedBy(actor).actorUserId,
      extractionStatus:
        restoredFrom && restoredFrom.status !== 'running'
          ? (restoredFrom.status as 'pending' | 'done' | 'failed' | 'not_applicable')
          : extractionStatusOf(file.fileType),
      extractedText: restoredFrom?.extractedText ?? null,
      textTruncated: restoredFrom?.truncated ?? false,
    })
    .returning({ id: documentVersions.id });
  return (row as { id: string }).id;
}

/** The document as the policy sees it, for a change: NotFound when the actor may not even see it. */
async function documentForChange(tx: Tx | Db, actor: Actor, documentId: string) {
  const [document] = await tx.select().from(documents).where(eq(documents.id, documentId));
  if (!document || !can(actor, 'read', recordOfDocument(document))) throw new NotFound();
  if (!can(actor, 'edit', recordOfDocument(document))) throw new Forbidden();
  return document;
}

/** Changes a document's metadata and access, from the version the form was loaded with (ADR 0020). */
/** Whether an edit touches who may see the document: its level, names, body or declassification. */
function accessChanged(
  before: Pick<typeof documents.$inferSelect, AccessField>,
  after: Partial<Pick<typeof documents.$inferSelect, AccessField>>,
): boolean {
  return accessFields.some(
    (field) => field in after && JSON.stringify(after[field]) !== JSON.stringify(before[field]),
  );
}
const accessFields = [
  'level',
  'bodyId',
  'namedEntityIds',
  'namedMemberStateIds',
  'declassifyOn',
  'declassifyTo',
] as const;
type AccessField = (typeof accessFields)[number];

export async function updateDocumentMetadata(
  db: Db,
  actor: Actor,
  documentId: string,
  version: number,
  input: DocumentMetadataInput,
  today: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await documentForChange(tx, actor, documentId);
    await claimVersion(tx, documents, documentId, version);
    const values = await resolveMetadata(tx, actor, input, today, before);
    if (before.accessGovernedBy && accessChanged(before, values)) {
      throw new InvalidInput([{ field: 'level', code: 'access_governed_elsewhere' }]);
    }
    await tx.update(documents).set(values).where(eq(documents.id, documentId));
    await refreshSearchIndex(tx, documentId);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (key) => JSON.stringify(values[key]) !== JSON.stringify(before[key]),
    );
    await recordAudit(tx, {
      action: 'document.updated',
      subjectType: 'document',
      subjectId: documentId,
      ...auditedBy(actor),
      details: {
        changed,
        ...(before.level !== values.level ? { from: before.level, to: values.level } : {}),
      },
    });
  });
}

async function editionFor(tx: Tx, documentId: string, language: VersionInput['language']) {
  const [edition] = await tx
    .select({ id: documentEditions.id })
    .from(documentEditions)
    .where(and(eq(documentEditions.documentId, documentId), eq(documentEditions.language, language)));
  return edition?.id ?? null;
}

async function nextNumber(tx: Tx, editionId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(documentVersions.number) })
    .from(documentVersions)
    .where(eq(documentVersions.editionId, editionId));
  return (row?.last ?? 0) + 1;
}

/**
 * Adds a file to a document: the next version of the edition in its language, or the first version of a
 * new language edition. Returns the new version's number.
 */
export async function addVersion(
  db: Db,
  actor: Actor,
  documentId: string,
  input: VersionInput,
  file: UploadedFile,
): Promise<number> {
  return db.transaction(async (tx) => {
    await documentForChange(tx, actor, documentId);
    // Two uploads to one document at once would race for the next number: take the document's row lock.
    await tx.execute(sql`select 1 from documents where id = ${documentId} for update`);
    let editionId = await editionFor(tx, documentId, input.language);
    if (!editionId) {
      const [edition] = await tx
        .insert(documentEditions)
        .values({ documentId, language: input.language, title: input.title ?? null })
        .returning({ id: documentEditions.id });
      editionId = (edition as { id: string }).id;
    } else if (input.title) {
      await tx.update(documentEditions).set({ title: input.title }).where(eq(documentEditions.id, editionId));
    }
    const number = await nextNumber(tx, editionId);
    await insertVersion(tx, actor, editionId, number, file, input.note ?? null, null);
    await tx.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, documentId));
    await refreshSearchIndex(tx, documentId);
    await recordAudit(tx, {
      action: 'document.version_added',
      subjectType: 'document',
      subjectId: documentId,
      ...auditedBy(actor),
      details: { language: input.language, number, sha256: file.sha256, fileType: file.fileType },
    });
    return number;
  });
}

/**
 * Brings an earlier version back as the newest one: history only grows, so what was current before the
 * restore stays one click away. The restored version keeps the earlier version's extracted text.
 */
export async function restoreVersion(db: Db, actor: Actor, documentId: string, versionId: string) {
  return db.transaction(async (tx) => {
    await documentForChange(tx, actor, documentId);
    await tx.execute(sql`select 1 from documents where id = ${documentId} for update`);
    const [earlier] = await tx
      .select({ version: documentVersions, language: documentEditions.language })
      .from(documentVersions)
      .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
      .where(and(eq(documentVersions.id, versionId), eq(documentEditions.documentId, documentId)));
    if (!earlier) throw new NotFound();
    const number = await nextNumber(tx, earlier.version.editionId);
    const file = {
      sha256: earlier.version.sha256,
      size: earlier.version.size,
      fileType: earlier.version.fileType as AcceptedExtension,
      fileName: earlier.version.fileName,
    };
    await insertVersion(tx, actor, earlier.version.editionId, number, file, null, {
      number: earlier.version.number,
      extractedText: earlier.version.extractedText,
      status: earlier.version.extractionStatus,
      truncated: earlier.version.textTruncated,
    });
    await tx.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, documentId));
    await refreshSearchIndex(tx, documentId);
    await recordAudit(tx, {
      action: 'document.version_restored',
      subjectType: 'document',
      subjectId: documentId,
      ...auditedBy(actor),
      details: { language: earlier.language, restored: earlier.version.number, number },
    });
    return { language: earlier.language, number };
  });
}

/**
 * Lowers the level of every document whose declassification day has come, each logged in the audit log
 * as done by the platform. Runs at start and every hour (`documents/jobs.ts`); idempotent.
 */
export async function declassifyDue(db: Db, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: documents.id, level: documents.level, to: documents.declassifyTo })
      .from(documents)
      .where(
        and(
          isNotNull(documents.declassifyOn),
          lte(documents.declassifyOn, today),
          isNull(documents.accessGovernedBy),
        ),
      )
      .orderBy(asc(documents.declassifyOn), desc(documents.id))
      .for('update');
    for (const document of due) {
      await tx
        .update(documents)
        .set({
          level: document.to ?? document.level,
          declassifyOn: null,
          declassifyTo: null,
          updatedAt: new Date(),
        })
        .where(eq(documents.id, document.id));
      await recordAudit(tx, {
        action: 'document.declassified',
        subjectType: 'document',
        subjectId: document.id,
        details: { from: document.level, to: document.to, on: today },
      });
    }
    return due.length;
  });
}
