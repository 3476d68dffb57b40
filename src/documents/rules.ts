import type { Actor } from '../policy/actor.ts';
import { type AccessLevel, accessLevels } from '../policy/levels.ts';
import type { ProtectedRecord } from '../policy/visibility.ts';

/** A document's access facts as the policy reads them (ADR 0013). */
export function recordOfDocument(document: {
  level: AccessLevel;
  ownerEntityId: string | null;
  ownerMemberStateId: string | null;
  bodyId: string | null;
  namedEntityIds: readonly string[];
  namedMemberStateIds: readonly string[];
}): ProtectedRecord {
  return {
    level: document.level,
    ownerEntityId: document.ownerEntityId,
    ownerMemberStateId: document.ownerMemberStateId,
    bodyId: document.bodyId,
    namedEntityIds: document.namedEntityIds,
    namedMemberStateIds: document.namedMemberStateIds,
  };
}

/** Anyone signed in adds documents: entities and Member States own what they add, the secretariat chooses. */
export function mayAddDocuments(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

/** How wide a level's audience is: `public` is the widest; `body` and `named` the narrowest. */
export function widthOf(level: AccessLevel): number {
  return accessLevels.length - accessLevels.indexOf(level);
}

/** The levels a document may be declassified to. */
export const declassifiedLevels: readonly AccessLevel[] = ['public', 'member_states', 'compact'];

export interface AccessChoice {
  level: AccessLevel;
  bodyId: string | null;
  namedEntityIds: readonly string[];
  namedMemberStateIds: readonly string[];
  declassifyOn: string | null;
  declassifyTo: AccessLevel | null;
}

export interface AccessProblem {
  field: 'body' | 'named' | 'declassifyOn' | 'declassifyTo' | 'level';
  code:
    | 'body_required'
    | 'named_required'
    | 'declassify_incomplete'
    | 'declassify_not_wider'
    | 'declassify_in_past'
    | 'body_not_yours';
}

/**
 * Whether an access choice holds together: a `body` document names its body (one the uploader's entity
 * sits on, unless the secretariat uploads), a `named` one names someone, and a declassification lowers
 * the level to a wider audience on a day still to come.
 */
export function accessProblems(actor: Actor, choice: AccessChoice, today: string): AccessProblem[] {
  const problems: AccessProblem[] = [];
  if (choice.level === 'body') {
    if (!choice.bodyId) problems.push({ field: 'body', code: 'body_required' });
    else if (actor.kind === 'entity' && !actor.bodyIds.includes(choice.bodyId)) {
      problems.push({ field: 'body', code: 'body_not_yours' });
    } else if (actor.kind === 'member_state') problems.push({ field: 'body', code: 'body_not_yours' });
  }
  if (
    choice.level === 'named' &&
    choice.namedEntityIds.length === 0 &&
    choice.namedMemberStateIds.length === 0
  ) {
    problems.push({ field: 'named', code: 'named_required' });
  }
  if ((choice.declassifyOn === null) !== (choice.declassifyTo === null)) {
    problems.push({
      field: choice.declassifyOn === null ? 'declassifyOn' : 'declassifyTo',
      code: 'declassify_incomplete',
    });
  } else if (choice.declassifyOn !== null && choice.declassifyTo !== null) {
    // Only the three levels that are plain widenings: `body` and `named` need a body or names, and
    // `un_system` would leave out a body's non-UN members.
    if (
      !declassifiedLevels.includes(choice.declassifyTo) ||
      widthOf(choice.declassifyTo) <= widthOf(choice.level)
    ) {
      problems.push({ field: 'declassifyTo', code: 'declassify_not_wider' });
    }
    if (choice.declassifyOn <= today) problems.push({ field: 'declassifyOn', code: 'declassify_in_past' });
  }
  return problems;
}

/**
 * Types a browser may show in place: PDF (its own viewer), images and plain text. Office files are always
 * downloaded. Text is served as text/plain with nosniff, so HTML in it is never rendered.
 */
export function viewableInline(fileType: string): boolean {
  return ['pdf', 'png', 'jpg', 'txt', 'csv'].includes(fileType);
}

/** Chinese, Japanese and Korean characters: words written with them are matched by trigrams. */
export const cjkPattern = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;

/** The runs of CJK characters in a query, each of which must appear in a Chinese edition. */
export function cjkTermsOf(query: string): string[] {
  return [...query.matchAll(cjkPattern)].map((match) => match[0]).slice(0, 8);
}
