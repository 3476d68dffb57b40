import type { Actor } from '../policy/actor.ts';

/**
 * Who may change an entity's profile and people (issue 4): the secretariat, and the entity's own focal
 * points. Other people of the entity read it like everyone else.
 */
export function mayEditEntity(actor: Actor, entityId: string): boolean {
  if (actor.kind === 'secretariat') return true;
  return actor.kind === 'entity' && actor.focalPoint && actor.entityId === entityId;
}

/** Only the secretariat adds entities, changes their standing, kind, dates and e-mail domains. */
export function mayAdministerEntities(actor: Actor): boolean {
  return actor.kind === 'secretariat';
}

export interface StatusChange {
  status: 'member' | 'observer';
  since: string;
}

export type StatusProblem = 'before_joining' | 'not_after_last_change' | 'same_status' | 'in_future';

/** A new line in an entity's status history must come after the last one and change something. */
export function statusChangeProblem(
  history: readonly StatusChange[],
  candidate: StatusChange,
  joinedOn: string,
  today: string,
): StatusProblem | null {
  if (candidate.since < joinedOn) return 'before_joining';
  if (candidate.since > today) return 'in_future';
  const last = [...history].sort((a, b) => a.since.localeCompare(b.since)).at(-1);
  if (last && candidate.since <= last.since) return 'not_after_last_change';
  if (last && last.status === candidate.status) return 'same_status';
  return null;
}

export const logoMaxBytes = 256 * 1024;

/**
 * The type of an uploaded logo, read from its first bytes and never from its name or the browser's claim.
 * Only PNG and JPEG: SVG can carry script, and the platform serves logos to everyone.
 */
export function logoType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((byte, index) => bytes[index] === byte)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The slug an entity's pages live under, from its acronym: "UN-Women" becomes "un-women". */
export function slugFromAcronym(acronym: string): string {
  return acronym
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
