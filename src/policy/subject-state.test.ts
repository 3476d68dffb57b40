import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { can } from './policy.ts';
import { canSee, type ProtectedRecord } from './visibility.ts';

/** A record about a Member State is always shared with that State, and gives it no say (ADR 0025). */
const kenya = 'aaaaaaaa-0000-4000-8000-000000000001';
const uganda = 'aaaaaaaa-0000-4000-8000-000000000002';
const cted = 'bbbbbbbb-0000-4000-8000-000000000001';
const recordAbout = (level: ProtectedRecord['level']): ProtectedRecord => ({
  level,
  ownerEntityId: cted,
  ownerMemberStateId: null,
  bodyId: null,
  namedEntityIds: [],
  namedMemberStateIds: [],
  subjectMemberStateId: kenya,
});
const state = (memberStateId: string): Actor => ({ kind: 'member_state', userId: 'u', memberStateId });

describe('the subject State of a record', () => {
  for (const level of ['un_system', 'named', 'body', 'compact'] as const) {
    it(`sees a ${level} record about it, and may not change it`, () => {
      expect(canSee(state(kenya), recordAbout(level))).toBe(true);
      expect(can(state(kenya), 'edit', recordAbout(level))).toBe(false);
      expect(can(state(kenya), 'delete', recordAbout(level))).toBe(false);
      expect(canSee(state(uganda), recordAbout(level))).toBe(false);
    });
  }
  it('gives nothing to entities that are not UN entities', () => {
    const interpol: Actor = {
      kind: 'entity',
      userId: 'i',
      entityId: 'cccccccc-0000-4000-8000-000000000001',
      entityKind: 'non_un',
      focalPoint: true,
      bodyIds: [],
      chairedBodyIds: [],
    };
    expect(canSee(interpol, recordAbout('un_system'))).toBe(false);
    expect(canSee({ ...interpol, entityKind: 'un' }, recordAbout('un_system'))).toBe(true);
  });
});
