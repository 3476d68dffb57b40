import { createHash } from 'node:crypto';
import { and, asc, eq, ne, or } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { claimVersion } from '../db/optimistic.ts';
import { Forbidden, InvalidInput, NotFound } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { LocalizedText, UnLanguage } from '../web/i18n/locales.ts';
import {
  logoMaxBytes,
  logoType,
  mayAdministerEntities,
  mayEditEntity,
  slugFromAcronym,
  statusChangeProblem,
} from './rules.ts';
import { entities, entityLogos, entityStatusChanges } from './schema.ts';

function userOf(actor: Actor): string {
  if (actor.kind === 'anonymous') throw new Forbidden();
  return actor.userId;
}

export interface EntityProfile {
  name: LocalizedText;
  acronyms: Partial<Record<UnLanguage, string>>;
  website: string | null;
  description: LocalizedText | null;
}

export interface NewEntity {
  acronym: string;
  name: LocalizedText;
  kind: 'un' | 'non_un';
  status: 'member' | 'observer';
  joinedOn: string;
  website: string | null;
  emailDomains: string[];
}

/** The secretariat adds an entity; its status history starts on the day it joined. */
export async function createEntity(
  db: Db,
  actor: Actor,
  input: NewEntity,
): Promise<{ id: string; slug: string }> {
  if (!mayAdministerEntities(actor)) throw new Forbidden();
  const slug = slugFromAcronym(input.acronym);
  if (!slug) throw new InvalidInput([{ field: 'acronym', code: 'acronym_unusable' }]);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: entities.id })
      .from(entities)
      .where(or(eq(entities.slug, slug), eq(entities.acronym, input.acronym)));
    if (taken) throw new InvalidInput([{ field: 'acronym', code: 'acronym_taken' }]);
    const [row] = await tx
      .insert(entities)
      .values({ ...input, slug })
      .returning({ id: entities.id });
    const id = (row as { id: string }).id;
    await tx
      .insert(entityStatusChanges)
      .values({ entityId: id, status: input.status, since: input.joinedOn });
    await recordAudit(tx, {
      action: 'entity.created',
      subjectType: 'entity',
      subjectId: id,
      actorUserId: userOf(actor),
      details: { acronym: input.acronym, kind: input.kind, status: input.status, joinedOn: input.joinedOn },
    });
    return { id, slug };
  });
}

/** The entity's focal points and the secretariat edit its names, website and description. */
export async function updateEntityProfile(
  db: Db,
  actor: Actor,
  entityId: string,
  version: number,
  profile: EntityProfile,
): Promise<void> {
  if (!mayEditEntity(actor, entityId)) throw new Forbidden();
  await db.transaction(async (tx) => {
    await claimVersion(tx, entities, entityId, version);
    const { name, acronyms, website, description } = profile;
    await tx.update(entities).set({ name, acronyms, website, description }).where(eq(entities.id, entityId));
    await recordAudit(tx, {
      action: 'entity.profile_updated',
      subjectType: 'entity',
      subjectId: entityId,
      actorUserId: userOf(actor),
      details: { fields: Object.keys(profile) },
    });
  });
}

export interface EntityAdministration {
  /** The English acronym: the entity's key in lists and the API. Its address (slug) does not change. */
  acronym: string;
  kind: 'un' | 'non_un';
  joinedOn: string;
  leftOn: string | null;
  emailDomains: string[];
}

/** The secretariat's own fields: what kind of entity it is, when it joined or left, its e-mail domains. */
export async function administerEntity(
  db: Db,
  actor: Actor,
  entityId: string,
  version: number,
  fields: EntityAdministration,
): Promise<void> {
  if (!mayAdministerEntities(actor)) throw new Forbidden();
  if (fields.leftOn !== null && fields.leftOn < fields.joinedOn) {
    throw new InvalidInput([{ field: 'leftOn', code: 'ends_before_start' }]);
  }
  await db.transaction(async (tx) => {
    await claimVersion(tx, entities, entityId, version);
    const [first] = await tx
      .select({ since: entityStatusChanges.since })
      .from(entityStatusChanges)
      .where(eq(entityStatusChanges.entityId, entityId))
      .orderBy(asc(entityStatusChanges.since))
      .limit(1);
    if (first && first.since < fields.joinedOn) {
      throw new InvalidInput([{ field: 'joinedOn', code: 'after_status_history' }]);
    }
    const { acronym, kind, joinedOn, leftOn, emailDomains } = fields;
    const [taken] = await tx
      .select({ id: entities.id })
      .from(entities)
      .where(and(eq(entities.acronym, acronym), ne(entities.id, entityId)));
    if (taken) throw new InvalidInput([{ field: 'acronym', code: 'acronym_taken' }]);
    await tx
      .update(entities)
      .set({ acronym, kind, joinedOn, leftOn, emailDomains })
      .where(eq(entities.id, entityId));
    await recordAudit(tx, {
      action: 'entity.administered',
      subjectType: 'entity',
      subjectId: entityId,
      actorUserId: userOf(actor),
      details: { ...fields },
    });
  });
}

/** A change of standing (member or observer), dated, with an optional note; kept as history. */
export async function changeEntityStatus(
  db: Db,
  actor: Actor,
  entityId: string,
  version: number,
  change: { status: 'member' | 'observer'; since: string; note: string | null },
  today: string,
): Promise<void> {
  if (!mayAdministerEntities(actor)) throw new Forbidden();
  await db.transaction(async (tx) => {
    await claimVersion(tx, entities, entityId, version);
    const [entity] = await tx
      .select({ joinedOn: entities.joinedOn })
      .from(entities)
      .where(eq(entities.id, entityId));
    if (!entity) throw new NotFound();
    const history = await tx
      .select({ status: entityStatusChanges.status, since: entityStatusChanges.since })
      .from(entityStatusChanges)
      .where(eq(entityStatusChanges.entityId, entityId));
    const problem = statusChangeProblem(history, change, entity.joinedOn, today);
    if (problem) {
      throw new InvalidInput([{ field: problem === 'same_status' ? 'status' : 'since', code: problem }]);
    }
    await tx.insert(entityStatusChanges).values({ entityId, ...change });
    await tx.update(entities).set({ status: change.status }).where(eq(entities.id, entityId));
    await recordAudit(tx, {
      action: 'entity.status_changed',
      subjectType: 'entity',
      subjectId: entityId,
      actorUserId: userOf(actor),
      details: { ...change },
    });
  });
}

/** Replaces an entity's logo; the type is read from the bytes (PNG or JPEG), the size is capped. */
export async function setEntityLogo(
  db: Db,
  actor: Actor,
  entityId: string,
  bytes: Uint8Array,
): Promise<void> {
  if (!mayEditEntity(actor, entityId)) throw new Forbidden();
  if (bytes.byteLength === 0) throw new InvalidInput([{ field: 'logo', code: 'logo_missing' }]);
  if (bytes.byteLength > logoMaxBytes) {
    throw new InvalidInput([{ field: 'logo', code: 'logo_too_large', values: { kb: logoMaxBytes / 1024 } }]);
  }
  const contentType = logoType(bytes);
  if (!contentType) throw new InvalidInput([{ field: 'logo', code: 'logo_type' }]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await db.transaction(async (tx) => {
    const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, entityId));
    if (!entity) throw new NotFound();
    const logo = { contentType, sha256, bytes: Buffer.from(bytes), updatedAt: new Date() };
    await tx
      .insert(entityLogos)
      .values({ entityId, ...logo })
      .onConflictDoUpdate({ target: entityLogos.entityId, set: logo });
    await recordAudit(tx, {
      action: 'entity.logo_changed',
      subjectType: 'entity',
      subjectId: entityId,
      actorUserId: userOf(actor),
      details: { contentType, sha256, bytes: bytes.byteLength },
    });
  });
}
