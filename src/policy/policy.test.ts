import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { type AccessLevel, type Action, accessLevels, actions } from './levels.ts';
import { abilities, can } from './policy.ts';
import type { ProtectedRecord } from './visibility.ts';

/**
 * The whole policy as a table (ADR 0013): every kind of user, every access level, every action. The
 * expectations are written out by hand, not computed, so a change to the rules must change this table.
 *
 * Cell codes: '-' nothing; 'r' the five read actions (list, read, download, search, export);
 * 'e' read and edit; 'a' all seven, delete included.
 */
const id = {
  unoct: '00000000-0000-4000-8000-000000000001',
  owner: '00000000-0000-4000-8000-000000000002',
  unodc: '00000000-0000-4000-8000-000000000003',
  interpol: '00000000-0000-4000-8000-000000000004',
  bodyMember: '00000000-0000-4000-8000-000000000005',
  chair: '00000000-0000-4000-8000-000000000006',
  namedUn: '00000000-0000-4000-8000-000000000007',
  namedNonUn: '00000000-0000-4000-8000-000000000008',
  body: '00000000-0000-4000-8000-0000000000b1',
  otherBody: '00000000-0000-4000-8000-0000000000b2',
  kenya: '00000000-0000-4000-8000-0000000000c1',
  peru: '00000000-0000-4000-8000-0000000000c2',
};

const entityUser = (
  entityId: string,
  options: Partial<{ nonUn: boolean; focalPoint: boolean; bodies: string[]; chairs: string[] }> = {},
): Actor => ({
  kind: 'entity',
  userId: `user-of-${entityId}`,
  entityId,
  entityKind: options.nonUn ? 'non_un' : 'un',
  focalPoint: options.focalPoint ?? false,
  bodyIds: options.bodies ?? [id.otherBody],
  chairedBodyIds: options.chairs ?? [],
});

const actors: Record<string, Actor> = {
  'anonymous visitor': { kind: 'anonymous' },
  'secretariat administrator': { kind: 'secretariat', userId: 'sec', entityId: id.unoct },
  'member of an unrelated UN entity': entityUser(id.unodc),
  'focal point of an unrelated UN entity': entityUser(id.unodc, { focalPoint: true }),
  'member of a non-UN entity (INTERPOL)': entityUser(id.interpol, { nonUn: true }),
  'member of a UN entity in the body': entityUser(id.bodyMember, { bodies: [id.body] }),
  'member of a non-UN entity in the body': entityUser(id.interpol, { nonUn: true, bodies: [id.body] }),
  'member of the entity chairing the body': entityUser(id.chair, { bodies: [id.body], chairs: [id.body] }),
  'member of a named UN entity': entityUser(id.namedUn),
  'member of a named non-UN entity': entityUser(id.namedNonUn, { nonUn: true }),
  'member of the owning entity': entityUser(id.owner),
  'focal point of the owning entity': entityUser(id.owner, { focalPoint: true }),
  'focal point of a named Member State': { kind: 'member_state', userId: 'ken', memberStateId: id.kenya },
  'focal point of another Member State': { kind: 'member_state', userId: 'per', memberStateId: id.peru },
};

/** A record of an entity, about a body, naming two entities and one Member State. */
const entityRecord = (level: AccessLevel): ProtectedRecord => ({
  level,
  ownerEntityId: id.owner,
  ownerMemberStateId: null,
  bodyId: id.body,
  namedEntityIds: [id.namedUn, id.namedNonUn],
  namedMemberStateIds: [id.kenya],
});

//                                                       public  member_states  compact  un_system  body  named
const expectedForEntityRecords: Record<string, string> = {
  'anonymous visitor': '                                 r       -              -        -          -     -',
  'secretariat administrator': '                         a       a              a        a          a     -',
  'member of an unrelated UN entity': '                  r       r              r        r          -     -',
  'focal point of an unrelated UN entity': '             r       r              r        r          -     -',
  'member of a non-UN entity (INTERPOL)': '              r       r              r        -          -     -',
  'member of a UN entity in the body': '                 r       r              r        r          r     -',
  'member of a non-UN entity in the body': '             r       r              r        -          r     -',
  'member of the entity chairing the body': '            e       e              e        e          e     -',
  'member of a named UN entity': '                       r       r              r        r          -     r',
  'member of a named non-UN entity': '                   r       r              r        -          -     r',
  'member of the owning entity': '                       e       e              e        e          e     e',
  'focal point of the owning entity': '                  a       a              a        a          a     a',
  'focal point of a named Member State': '               r       r              -        -          -     r',
  'focal point of another Member State': '               r       r              -        -          -     -',
};

/** A Member State's own record (such as its country section), naming no one. */
const memberStateRecord = (level: AccessLevel): ProtectedRecord => ({
  level,
  ownerEntityId: null,
  ownerMemberStateId: id.kenya,
  bodyId: null,
  namedEntityIds: [],
  namedMemberStateIds: [],
});

//                                                       public  member_states  compact  un_system  body  named
const expectedForMemberStateRecords: Record<string, string> = {
  'anonymous visitor': '                                 r       -              -        -          -     -',
  'secretariat administrator': '                         a       a              a        a          a     -',
  'member of an unrelated UN entity': '                  r       r              r        r          -     -',
  'focal point of an unrelated UN entity': '             r       r              r        r          -     -',
  'member of a non-UN entity (INTERPOL)': '              r       r              r        -          -     -',
  'member of a UN entity in the body': '                 r       r              r        r          -     -',
  'member of a non-UN entity in the body': '             r       r              r        -          -     -',
  'member of the entity chairing the body': '            r       r              r        r          -     -',
  'member of a named UN entity': '                       r       r              r        r          -     -',
  'member of a named non-UN entity': '                   r       r              r        -          -     -',
  'member of the owning entity': '                       r       r              r        r          -     -',
  'focal point of the owning entity': '                  r       r              r        r          -     -',
  'focal point of a named Member State': '               a       a              a        a          a     a',
  'focal point of another Member State': '               r       r              -        -          -     -',
};

const allowedByCode: Record<string, readonly Action[]> = {
  '-': [],
  r: ['list', 'read', 'download', 'search', 'export'],
  e: ['list', 'read', 'download', 'search', 'export', 'edit'],
  a: actions,
};

function cases(expected: Record<string, string>, record: (level: AccessLevel) => ProtectedRecord) {
  return Object.entries(expected).flatMap(([actorName, row]) => {
    const codes = row.trim().split(/\s+/);
    expect(codes).toHaveLength(accessLevels.length);
    return accessLevels.flatMap((level, index) =>
      actions.map((action) => ({
        actorName,
        level,
        action,
        record: record(level),
        allowed: (allowedByCode[codes[index] as string] ?? []).includes(action),
      })),
    );
  });
}

describe('the access policy, for records owned by an entity', () => {
  const table = cases(expectedForEntityRecords, entityRecord);
  it('covers every kind of user, level and action', () => {
    expect(new Set(table.map((row) => row.actorName))).toEqual(new Set(Object.keys(actors)));
    expect(table).toHaveLength(Object.keys(actors).length * accessLevels.length * actions.length);
  });
  it.each(table)(
    '$actorName: $action a $level record -> $allowed',
    ({ actorName, action, record, allowed }) => {
      expect(can(actors[actorName] as Actor, action, record)).toBe(allowed);
    },
  );
});

describe('the access policy, for records owned by a Member State', () => {
  const table = cases(expectedForMemberStateRecords, memberStateRecord);
  it.each(table)(
    '$actorName: $action a $level record -> $allowed',
    ({ actorName, action, record, allowed }) => {
      expect(can(actors[actorName] as Actor, action, record)).toBe(allowed);
    },
  );
});

describe('rights that follow facts of the day', () => {
  it('loses a chair’s edit right when the chair term is no longer among the day’s facts', () => {
    const record = entityRecord('body');
    const chairing = entityUser(id.chair, { bodies: [id.body], chairs: [id.body] });
    const formerChair = entityUser(id.chair, { bodies: [id.body], chairs: [] });
    expect(can(chairing, 'edit', record)).toBe(true);
    expect(can(formerChair, 'edit', record)).toBe(false);
    expect(can(formerChair, 'read', record)).toBe(true);
  });

  it('loses sight of body records when the entity leaves the body', () => {
    const record = entityRecord('body');
    expect(can(entityUser(id.bodyMember, { bodies: [id.body] }), 'read', record)).toBe(true);
    expect(can(entityUser(id.bodyMember, { bodies: [] }), 'read', record)).toBe(false);
  });

  it('gives views every ability at once', () => {
    expect(abilities(actors['member of the owning entity'] as Actor, entityRecord('named'))).toEqual({
      list: true,
      read: true,
      download: true,
      search: true,
      export: true,
      edit: true,
      delete: false,
    });
  });
});
