/**
 * The access levels a record can carry (ADR 0013), from the widest audience to the narrowest:
 * - public: everyone, signed in or not;
 * - member_states: signed-in Member State users and every Compact entity;
 * - compact: every Compact entity (and the secretariat);
 * - un_system: users of UN entities only; INTERPOL, WCO, IPU and FATF are not UN entities;
 * - body: the members of one working group or of the Coordination Committee;
 * - named: the entities (and Member States) the record lists.
 * The owner always sees its own records, whatever their level.
 */
export const accessLevels = ['public', 'member_states', 'compact', 'un_system', 'body', 'named'] as const;
export type AccessLevel = (typeof accessLevels)[number];

export const actions = ['list', 'read', 'download', 'search', 'export', 'edit', 'delete'] as const;
export type Action = (typeof actions)[number];

/** Actions that only show a record; every one of them follows the same visibility rule. */
export const readActions = [
  'list',
  'read',
  'download',
  'search',
  'export',
] as const satisfies readonly Action[];

/**
 * Levels narrower than the whole Compact. Every read or download of a record at one of these is audited,
 * and its owning entity may see who opened it (issue 3).
 */
export const restrictedLevels = ['un_system', 'body', 'named'] as const satisfies readonly AccessLevel[];

export function isRestricted(level: AccessLevel): boolean {
  return (restrictedLevels as readonly AccessLevel[]).includes(level);
}
