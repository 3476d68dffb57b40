import { and, eq, max } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { Forbidden, InvalidInput, NotFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';
import { jpowPriorities } from './schema.ts';

/**
 * The Joint Programme of Work's priorities, a managed list kept by the secretariat (ADR 0026): it adds
 * priorities (a new programme's, say) and renames them; codes never change, so links from outputs hold.
 */
function secretariatOnly(actor: Actor): Extract<Actor, { kind: 'secretariat' }> {
  if (actor.kind !== 'secretariat') throw new Forbidden();
  return actor;
}

export async function addPriority(
  db: Db,
  actor: Actor,
  input: { programme: string; code: string; name: LocalizedText },
): Promise<string> {
  const secretariat = secretariatOnly(actor);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: jpowPriorities.id })
      .from(jpowPriorities)
      .where(and(eq(jpowPriorities.programme, input.programme), eq(jpowPriorities.code, input.code)));
    if (taken) throw new InvalidInput([{ field: 'code', code: 'workplans_priority_taken' }]);
    const [last] = await tx.select({ sortOrder: max(jpowPriorities.sortOrder) }).from(jpowPriorities);
    const [row] = await tx
      .insert(jpowPriorities)
      .values({ ...input, sortOrder: (last?.sortOrder ?? 0) + 10 })
      .returning({ id: jpowPriorities.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'jpow_priority.added',
      subjectType: 'jpow_priority',
      subjectId: id,
      actorUserId: secretariat.userId,
      actorEntityId: secretariat.entityId,
      details: { programme: input.programme, code: input.code, name: input.name },
    });
    return id;
  });
}

export async function renamePriority(db: Db, actor: Actor, id: string, name: LocalizedText): Promise<void> {
  const secretariat = secretariatOnly(actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(jpowPriorities).where(eq(jpowPriorities.id, id));
    if (!before) throw new NotFound();
    await tx.update(jpowPriorities).set({ name }).where(eq(jpowPriorities.id, id));
    await recordAudit(tx, {
      action: 'jpow_priority.renamed',
      subjectType: 'jpow_priority',
      subjectId: id,
      actorUserId: secretariat.userId,
      actorEntityId: secretariat.entityId,
      details: { from: before.name, to: name },
    });
  });
}
