import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { bodies } from '../bodies/schema.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { mayEditEntity } from '../directory/rules.ts';
import { entities } from '../directory/schema.ts';
import { Forbidden, InvalidInput, NotFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { people, personFunctions } from './schema.ts';

export type PersonFunction =
  | { kind: 'body_focal_point'; bodyId: string }
  | { kind: 'topic_focal_point'; topic: string };

export interface PersonInput {
  name: string;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  since: string;
  functions: PersonFunction[];
}

function editorOf(actor: Actor, entityId: string): string {
  if (actor.kind === 'anonymous' || !mayEditEntity(actor, entityId)) throw new Forbidden();
  return actor.userId;
}

async function replaceFunctions(tx: Tx, personId: string, functions: readonly PersonFunction[]) {
  const bodyIds = functions.flatMap((item) => (item.kind === 'body_focal_point' ? [item.bodyId] : []));
  if (bodyIds.length > 0) {
    const known = await tx.select({ id: bodies.id }).from(bodies).where(inArray(bodies.id, bodyIds));
    if (known.length !== new Set(bodyIds).size) {
      throw new InvalidInput([{ field: 'functions', code: 'unknown_body' }]);
    }
  }
  await tx.delete(personFunctions).where(eq(personFunctions.personId, personId));
  if (functions.length > 0) {
    await tx
      .insert(personFunctions)
      .values(
        functions.map((item) =>
          item.kind === 'body_focal_point'
            ? { personId, kind: item.kind, bodyId: item.bodyId }
            : { personId, kind: item.kind, topic: item.topic },
        ),
      );
  }
}

/** Adds a person to an entity: its focal points and the secretariat may. */
export async function addPerson(db: Db, actor: Actor, entityId: string, input: PersonInput): Promise<string> {
  const userId = editorOf(actor, entityId);
  return db.transaction(async (tx) => {
    const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, entityId));
    if (!entity) throw new NotFound();
    const { functions, ...fields } = input;
    const [row] = await tx
      .insert(people)
      .values({ entityId, ...fields })
      .returning({ id: people.id });
    const id = (row as { id: string }).id;
    await replaceFunctions(tx, id, functions);
    await recordAudit(tx, {
      action: 'person.added',
      subjectType: 'person',
      subjectId: id,
      actorUserId: userId,
      details: { entityId, name: input.name, functions },
    });
    return id;
  });
}

async function personEntity(db: Db | Tx, personId: string) {
  const [person] = await db
    .select({ entityId: people.entityId, since: people.since })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) throw new NotFound();
  return person;
}

export async function updatePerson(
  db: Db,
  actor: Actor,
  personId: string,
  version: number,
  input: PersonInput,
): Promise<void> {
  const { entityId } = await personEntity(db, personId);
  const userId = editorOf(actor, entityId);
  await db.transaction(async (tx) => {
    await claimVersion(tx, people, personId, version);
    const [current] = await tx.select({ leftOn: people.leftOn }).from(people).where(eq(people.id, personId));
    if (current?.leftOn && input.since > current.leftOn) {
      throw new InvalidInput([{ field: 'since', code: 'ends_before_start' }]);
    }
    const { name, jobTitle, email, phone, since, functions } = input;
    await tx.update(people).set({ name, jobTitle, email, phone, since }).where(eq(people.id, personId));
    await replaceFunctions(tx, personId, functions);
    await recordAudit(tx, {
      action: 'person.updated',
      subjectType: 'person',
      subjectId: personId,
      actorUserId: userId,
      details: { entityId, functions },
    });
  });
}

/**
 * Records that a person left the entity on `leftOn`. The row and its functions stay, shown as past, and
 * whatever the person did keeps pointing at them.
 */
export async function personLeaves(
  db: Db,
  actor: Actor,
  personId: string,
  version: number,
  leftOn: string,
): Promise<void> {
  const { entityId, since } = await personEntity(db, personId);
  const userId = editorOf(actor, entityId);
  if (leftOn < since) throw new InvalidInput([{ field: 'leftOn', code: 'ends_before_start' }]);
  await db.transaction(async (tx) => {
    await claimVersion(tx, people, personId, version);
    await tx.update(people).set({ leftOn }).where(eq(people.id, personId));
    await recordAudit(tx, {
      action: 'person.left',
      subjectType: 'person',
      subjectId: personId,
      actorUserId: userId,
      details: { entityId, leftOn },
    });
  });
}
