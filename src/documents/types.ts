import { eq, max } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { slugFromAcronym } from '../directory/rules.ts';
import { Forbidden, InvalidInput, NotFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';
import { documentTypes } from './schema.ts';

/** Only the secretariat keeps the list of document types (issue 5: "a managed list"). */
function secretariatOnly(actor: Actor): Extract<Actor, { kind: 'secretariat' }> {
  if (actor.kind !== 'secretariat') throw new Forbidden();
  return actor;
}

/**
 * Adds a type at the end of the list. Its slug, used in addresses and the API, comes from the English
 * name and never changes afterwards, so links and filters keep working when it is renamed.
 */
export async function addDocumentType(db: Db, actor: Actor, name: LocalizedText): Promise<string> {
  const secretariat = secretariatOnly(actor);
  const slug = slugFromAcronym(name.en);
  if (slug === '') throw new InvalidInput([{ field: 'name_en', code: 'name_unusable' }]);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: documentTypes.id })
      .from(documentTypes)
      .where(eq(documentTypes.slug, slug));
    if (taken) throw new InvalidInput([{ field: 'name_en', code: 'type_taken' }]);
    const [last] = await tx.select({ sortOrder: max(documentTypes.sortOrder) }).from(documentTypes);
    await tx.insert(documentTypes).values({ slug, name, sortOrder: (last?.sortOrder ?? 0) + 10 });
    await recordAudit(tx, {
      action: 'document_type.added',
      subjectType: 'document_type',
      subjectId: slug,
      actorUserId: secretariat.userId,
      actorEntityId: secretariat.entityId,
      details: { name },
    });
    return slug;
  });
}

/** Renames a type in any of the languages; documents keep their type. */
export async function renameDocumentType(
  db: Db,
  actor: Actor,
  slug: string,
  name: LocalizedText,
): Promise<void> {
  const secretariat = secretariatOnly(actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(documentTypes).where(eq(documentTypes.slug, slug));
    if (!before) throw new NotFound();
    await tx.update(documentTypes).set({ name }).where(eq(documentTypes.slug, slug));
    await recordAudit(tx, {
      action: 'document_type.renamed',
      subjectType: 'document_type',
      subjectId: slug,
      actorUserId: secretariat.userId,
      actorEntityId: secretariat.entityId,
      details: { from: before.name, to: name },
    });
  });
}
