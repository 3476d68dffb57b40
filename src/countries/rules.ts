import { type AnyColumn, sql } from 'drizzle-orm';
import type { Actor } from '../policy/actor.ts';
import { can } from '../policy/policy.ts';
import type { ProtectedColumns, ProtectedRecord } from '../policy/visibility.ts';
import { countrySections, type DraftState, type SectionLevel } from './schema.ts';

/**
 * A published section as the access policy reads it (ADR 0013, 0025): its level (public or the Compact),
 * owned by its State. A section never published has no level: only its State sees it.
 */
export function publishedSectionRecord(section: {
  memberStateId: string;
  publishedLevel: SectionLevel | null;
}): ProtectedRecord {
  return {
    level: section.publishedLevel ?? 'named',
    ownerEntityId: null,
    ownerMemberStateId: section.memberStateId,
    bodyId: null,
    namedEntityIds: [],
    namedMemberStateIds: [],
  };
}

/** A draft is the State's own: `named` with no names, so the policy lets only its owner see and edit it. */
export function draftRecord(memberStateId: string): ProtectedRecord {
  return publishedSectionRecord({ memberStateId, publishedLevel: null });
}

/**
 * The columns of `country_sections` that carry the published facts, for `visibleTo`. The level's own enum
 * holds only `public` and `compact`, so it is compared as text: the policy asks about every level.
 */
export const publishedSectionColumns: ProtectedColumns = {
  level: sql`${countrySections.publishedLevel}::text` as unknown as AnyColumn,
  ownerMemberStateId: countrySections.memberStateId,
};

/** Only a focal point of the State edits its sections, and only as a draft. */
export function mayEditSections(actor: Actor, memberStateId: string): boolean {
  return actor.kind === 'member_state' && can(actor, 'edit', draftRecord(memberStateId));
}

/** The secretariat reviews drafts: publishes them or returns them with a comment. */
export function mayReview(actor: Actor): boolean {
  return actor.kind === 'secretariat';
}

/** The State sees its draft at every step; the secretariat once it was submitted to it. */
export function maySeeDraft(actor: Actor, memberStateId: string, state: DraftState | null): boolean {
  if (state === null) return false;
  if (can(actor, 'read', draftRecord(memberStateId))) return true;
  return mayReview(actor) && state !== 'editing';
}
