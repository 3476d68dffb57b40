import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import type { AccessLevel } from './levels.ts';

/** What the policy needs to know about any record it guards. */
export interface ProtectedRecord {
  level: AccessLevel;
  ownerEntityId: string | null;
  ownerMemberStateId: string | null;
  bodyId: string | null;
  namedEntityIds: readonly string[];
  namedMemberStateIds: readonly string[];
  /**
   * The Member State a record is about and which always sees it, whatever its level: CTED's assessments
   * and recommendations of a State are shared with that State (ADR 0025). Seeing gives it no say.
   */
  subjectMemberStateId?: string | null;
}

/** The columns of a table that carry those facts, for the SQL form of the same rule. */
export interface ProtectedColumns {
  level: AnyColumn;
  /** Absent for records no entity owns (a Member State's own page). */
  ownerEntityId?: AnyColumn;
  ownerMemberStateId?: AnyColumn;
  bodyId?: AnyColumn;
  namedEntityIds?: AnyColumn;
  namedMemberStateIds?: AnyColumn;
  subjectMemberStateId?: AnyColumn;
}

/**
 * One grant of visibility. An actor sees a record when any of its grants matches. The list of grants is
 * the single source of truth: `grantMatches` reads it for one record, `grantSql` for a whole query, and a
 * property test holds the two to the same answers.
 */
export type Grant =
  | { type: 'level'; level: AccessLevel }
  | { type: 'bodies'; bodyIds: readonly string[] }
  | { type: 'namedEntity'; entityId: string }
  | { type: 'namedMemberState'; memberStateId: string }
  | { type: 'ownerEntity'; entityId: string }
  | { type: 'ownerMemberState'; memberStateId: string }
  | { type: 'subjectMemberState'; memberStateId: string };

const level = (name: AccessLevel): Grant => ({ type: 'level', level: name });

export function grantsOf(actor: Actor): Grant[] {
  switch (actor.kind) {
    case 'anonymous':
      return [level('public')];
    case 'member_state':
      return [
        level('public'),
        level('member_states'),
        { type: 'namedMemberState', memberStateId: actor.memberStateId },
        { type: 'ownerMemberState', memberStateId: actor.memberStateId },
        { type: 'subjectMemberState', memberStateId: actor.memberStateId },
      ];
    case 'entity':
      return [
        level('public'),
        level('member_states'),
        level('compact'),
        ...(actor.entityKind === 'un' ? [level('un_system')] : []),
        { type: 'bodies', bodyIds: actor.bodyIds },
        { type: 'namedEntity', entityId: actor.entityId },
        { type: 'ownerEntity', entityId: actor.entityId },
      ];
    case 'secretariat':
      return [
        level('public'),
        level('member_states'),
        level('compact'),
        level('un_system'),
        level('body'),
        ...(actor.entityId
          ? [
              { type: 'namedEntity', entityId: actor.entityId } as const,
              { type: 'ownerEntity', entityId: actor.entityId } as const,
            ]
          : []),
      ];
  }
}

export function grantMatches(grant: Grant, record: ProtectedRecord): boolean {
  switch (grant.type) {
    case 'level':
      return record.level === grant.level;
    case 'bodies':
      return record.level === 'body' && record.bodyId !== null && grant.bodyIds.includes(record.bodyId);
    case 'namedEntity':
      return record.level === 'named' && record.namedEntityIds.includes(grant.entityId);
    case 'namedMemberState':
      return record.level === 'named' && record.namedMemberStateIds.includes(grant.memberStateId);
    case 'ownerEntity':
      return record.ownerEntityId === grant.entityId;
    case 'ownerMemberState':
      return record.ownerMemberStateId === grant.memberStateId;
    case 'subjectMemberState':
      return (record.subjectMemberStateId ?? null) === grant.memberStateId;
  }
}

const never = sql`false`;

/** A record at level `named` whose list `ids` names `id`. */
const names = (level: AnyColumn, ids: AnyColumn, id: string) =>
  sql`(${level} = ${'named'} and ${ids} && ${sql.param([id], ids)})`;

/**
 * The condition of one grant. Values are bound as plain parameters rather than through `eq` and
 * `inArray`, which wrap each in a typed parameter that Drizzle's compiler inspects class by class: the
 * policy is in every list and search, twice in a search, and this halves the time to compile it. The
 * text is the same; the columns used (enums, text, uuids) take the values as they are. Arrays are still
 * bound through their column, which writes them in PostgreSQL's array syntax.
 */
export function grantSql(grant: Grant, columns: ProtectedColumns): SQL {
  switch (grant.type) {
    case 'level':
      return sql`${columns.level} = ${grant.level}`;
    case 'bodies':
      return columns.bodyId && grant.bodyIds.length > 0
        ? sql`(${columns.level} = ${'body'} and ${columns.bodyId} in ${[...grant.bodyIds]})`
        : never;
    case 'namedEntity':
      return columns.namedEntityIds ? names(columns.level, columns.namedEntityIds, grant.entityId) : never;
    case 'namedMemberState':
      return columns.namedMemberStateIds
        ? names(columns.level, columns.namedMemberStateIds, grant.memberStateId)
        : never;
    case 'ownerEntity':
      return columns.ownerEntityId ? sql`${columns.ownerEntityId} = ${grant.entityId}` : never;
    case 'ownerMemberState':
      return columns.ownerMemberStateId ? sql`${columns.ownerMemberStateId} = ${grant.memberStateId}` : never;
    case 'subjectMemberState':
      return columns.subjectMemberStateId
        ? sql`${columns.subjectMemberStateId} = ${grant.memberStateId}`
        : never;
  }
}

/** May this actor see this record at all? */
export function canSee(actor: Actor, record: ProtectedRecord): boolean {
  return grantsOf(actor).some((grant) => grantMatches(grant, record));
}

/** The WHERE condition that keeps exactly the rows `canSee` allows: every list, search and export uses it. */
export function visibleTo(actor: Actor, columns: ProtectedColumns): SQL {
  return sql`(${sql.join(
    grantsOf(actor).map((grant) => grantSql(grant, columns)),
    sql` or `,
  )})`;
}
