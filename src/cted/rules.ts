import { createHash } from 'node:crypto';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { can } from '../policy/policy.ts';
import { canSee, type ProtectedColumns, type ProtectedRecord } from '../policy/visibility.ts';
import { ctedAssessments, ctedRecommendations, type RecommendationStatus } from './schema.ts';

/** The entity that owns assessments and recommendations (the directory's slug of CTED). */
export const ctedSlug = 'cted';

/**
 * The access facts of an assessment or a recommendation (ADR 0013, 0025): its level, CTED as owner, the
 * entities it is shared with by name, and the State assessed, which always sees its own.
 */
export function ctedRecord(row: {
  level: AccessLevel;
  ownerEntityId: string;
  namedEntityIds: readonly string[];
  memberStateId: string;
}): ProtectedRecord {
  return {
    level: row.level,
    ownerEntityId: row.ownerEntityId,
    ownerMemberStateId: null,
    bodyId: null,
    namedEntityIds: row.namedEntityIds,
    namedMemberStateIds: [],
    subjectMemberStateId: row.memberStateId,
  };
}

export const recommendationColumns: ProtectedColumns = {
  level: ctedRecommendations.level,
  ownerEntityId: ctedRecommendations.ownerEntityId,
  namedEntityIds: ctedRecommendations.namedEntityIds,
  subjectMemberStateId: ctedRecommendations.memberStateId,
};

export const assessmentColumns: ProtectedColumns = {
  level: ctedAssessments.level,
  ownerEntityId: ctedAssessments.ownerEntityId,
  namedEntityIds: ctedAssessments.namedEntityIds,
  subjectMemberStateId: ctedAssessments.memberStateId,
};

/**
 * The State's consent decides the audience: with it, every UN entity (never INTERPOL, WCO, IPU or FATF);
 * without it, CTED and the entities it names.
 */
export function levelOfSharing(widerSharing: boolean): 'un_system' | 'named' {
  return widerSharing ? 'un_system' : 'named';
}

/** Only CTED's people create assessments and recommendations. */
export function mayManageCted(actor: Actor, ctedEntityId: string | null): boolean {
  return actor.kind === 'entity' && ctedEntityId !== null && actor.entityId === ctedEntityId;
}

/** CTED changes its own records; the secretariat's general right to edit does not reach them. */
export function mayChangeCtedRecord(actor: Actor, record: ProtectedRecord): boolean {
  return actor.kind === 'entity' && record.ownerEntityId === actor.entityId && can(actor, 'edit', record);
}

/** An entity that may see a recommendation may say it addresses it. */
export function mayRecordUptake(actor: Actor, record: ProtectedRecord): boolean {
  return actor.kind === 'entity' && canSee(actor, record);
}

/** Statuses of a recommendation still to be acted on. */
export const activeStatuses: readonly RecommendationStatus[] = ['open', 'in_progress'];

/** Two texts are the same recommendation when they differ only in case and spacing. */
export function textKeyOf(text: string): string {
  return createHash('sha256')
    .update(text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim())
    .digest('hex');
}
