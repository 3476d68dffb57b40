import { describe, expect, it } from 'vitest';
import type { Actor } from '../policy/actor.ts';
import {
  type InviteeActor,
  type InviteeFacts,
  invitationProblems,
  isOverdue,
  mayManageMeeting,
  mayOrganise,
  meetingFigures,
  namedListsOf,
  timeProblems,
} from './rules.ts';
import { formatSpan, instantIn, isTimeZone } from './time.ts';

const chair: Actor = {
  kind: 'entity',
  userId: 'u1',
  entityId: 'unicri',
  entityKind: 'un',
  focalPoint: false,
  bodyIds: ['etcip'],
  chairedBodyIds: ['etcip'],
};
const secretariat: Actor = { kind: 'secretariat', userId: 's', entityId: 'unoct' };
const entity = (entityId: string, entityKind: 'un' | 'non_un', bodyIds: string[]): InviteeActor => ({
  kind: 'entity',
  userId: '',
  entityId,
  entityKind,
  focalPoint: false,
  bodyIds,
  chairedBodyIds: [],
});
const interpol = entity('interpol', 'non_un', ['etcip']);
const unesco = entity('unesco', 'un', ['pcve']);
const africa: InviteeFacts = {
  kind: 'regional_group',
  group: 'African Group',
  name: 'African Group',
  memberStateIds: ['ken', 'nga'],
};

describe('who organises', () => {
  it('is the secretariat anywhere, and a chair for their own body only', () => {
    expect(mayOrganise(secretariat, null)).toBe(true);
    expect(mayOrganise(chair, 'etcip')).toBe(true);
    expect(mayOrganise(chair, 'pcve')).toBe(false);
    expect(mayOrganise(chair, null)).toBe(false);
    expect(mayOrganise({ kind: 'anonymous' }, 'etcip')).toBe(false);
  });
});

describe('who manages a meeting', () => {
  const secretariatMeeting = {
    level: 'compact' as const,
    ownerEntityId: 'unoct',
    bodyId: null,
    namedEntityIds: [],
    namedMemberStateIds: [],
  };
  const etcipMeeting = {
    ...secretariatMeeting,
    bodyId: 'etcip',
    level: 'body' as const,
    ownerEntityId: 'unicri',
  };
  const unoctStaff: Actor = { ...chair, entityId: 'unoct', bodyIds: ['etcip'], chairedBodyIds: [] };

  it('is the secretariat and the body’s chairs today, never the owning entity’s other people', () => {
    expect(mayManageMeeting(secretariat, secretariatMeeting)).toBe(true);
    expect(mayManageMeeting(unoctStaff, secretariatMeeting)).toBe(false);
    expect(mayManageMeeting(chair, etcipMeeting)).toBe(true);
    const formerChair: Actor = { ...chair, chairedBodyIds: [] };
    expect(mayManageMeeting(formerChair, etcipMeeting)).toBe(false);
    expect(mayManageMeeting(chair, { ...etcipMeeting, level: 'named', ownerEntityId: null })).toBe(false);
  });
});

describe('invitations', () => {
  const bodyMeeting = { level: 'body' as const, bodyId: 'etcip', ownerEntityId: 'unicri' };

  it('refuses invitees the level hides the meeting from', () => {
    const problems = invitationProblems(chair, bodyMeeting, [
      { kind: 'entity', entityId: 'unesco', name: 'UNESCO', actor: unesco },
      { kind: 'entity', entityId: 'interpol', name: 'INTERPOL', actor: interpol },
    ]);
    expect(problems).toEqual([{ field: 'entities', code: 'invitee_cannot_see', values: { name: 'UNESCO' } }]);
  });

  it('keeps a un_system meeting from non-UN invitees', () => {
    const problems = invitationProblems(secretariat, { ...bodyMeeting, level: 'un_system' }, [
      { kind: 'entity', entityId: 'interpol', name: 'INTERPOL', actor: interpol },
    ]);
    expect(problems.map((problem) => problem.code)).toEqual(['invitee_cannot_see']);
  });

  it('lets only the secretariat invite Member States, and only to meetings they may see', () => {
    expect(invitationProblems(chair, { ...bodyMeeting, level: 'member_states' }, [africa])[0]?.code).toBe(
      'invite_states_secretariat_only',
    );
    expect(invitationProblems(secretariat, { ...bodyMeeting, level: 'member_states' }, [africa])).toEqual([]);
    expect(invitationProblems(secretariat, { ...bodyMeeting, level: 'compact' }, [africa])[0]?.code).toBe(
      'invitee_cannot_see',
    );
  });

  it('lets a chair invite only their own body', () => {
    const pcve: InviteeFacts = { kind: 'body', bodyId: 'pcve', name: 'PCVE', members: [unesco] };
    expect(invitationProblems(chair, { ...bodyMeeting, level: 'compact' }, [pcve])[0]?.code).toBe(
      'invite_other_body',
    );
    expect(invitationProblems(secretariat, { ...bodyMeeting, level: 'compact' }, [pcve])).toEqual([]);
  });

  it('makes the invitees the names of a named meeting', () => {
    const named = { ...bodyMeeting, level: 'named' as const };
    const invitees: InviteeFacts[] = [
      { kind: 'body', bodyId: 'pcve', name: 'PCVE', members: [unesco] },
      { kind: 'person', userId: 'p', name: 'P', actor: { ...interpol, userId: 'p' } },
      africa,
    ];
    expect(invitationProblems(secretariat, named, invitees)).toEqual([]);
    expect(namedListsOf(invitees)).toEqual({
      namedEntityIds: ['interpol', 'unesco'],
      namedMemberStateIds: ['ken', 'nga'],
    });
  });
});

describe('times', () => {
  it('knows real time zones only', () => {
    expect(isTimeZone('Europe/Vienna')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('../etc/passwd')).toBe(false);
  });

  it('turns a wall-clock time in a zone into the instant, summer time included', () => {
    expect(instantIn('2022-06-08', '10:00', 'America/New_York')?.toISOString()).toBe(
      '2022-06-08T14:00:00.000Z',
    );
    expect(instantIn('2022-12-08', '10:00', 'America/New_York')?.toISOString()).toBe(
      '2022-12-08T15:00:00.000Z',
    );
  });

  it('refuses a time skipped when the clocks go forward', () => {
    expect(instantIn('2027-03-28', '02:30', 'Europe/Vienna')).toBeNull();
    expect(timeProblems({ startsAt: null, endsAt: new Date() })).toEqual([
      { field: 'startTime', code: 'time_not_in_zone' },
    ]);
  });

  it('refuses an end before the start', () => {
    const start = new Date('2027-01-01T10:00:00Z');
    expect(timeProblems({ startsAt: start, endsAt: start })).toEqual([
      { field: 'endTime', code: 'meeting_ends_before_start' },
    ]);
  });

  it('shows a span in a zone, with the end’s date only when it is another day there', () => {
    const start = new Date('2022-10-18T04:00:00Z');
    expect(formatSpan('en', start, new Date('2022-10-18T06:00:00Z'), 'Asia/Dushanbe')).toBe(
      '18 October 2022 at 09:00 – 11:00 (Asia/Dushanbe)',
    );
    expect(formatSpan('en', start, new Date('2022-10-19T13:00:00Z'), 'Asia/Dushanbe')).toBe(
      '18 October 2022 at 09:00 – 19 October 2022 at 18:00 (Asia/Dushanbe)',
    );
  });
});

describe('action items and figures', () => {
  it('calls an open item past its day overdue, and a done one never', () => {
    expect(isOverdue({ dueOn: '2026-11-20', status: 'open' }, '2026-11-27')).toBe(true);
    expect(isOverdue({ dueOn: '2026-11-20', status: 'in_progress' }, '2026-11-27')).toBe(true);
    expect(isOverdue({ dueOn: '2026-11-20', status: 'done' }, '2026-11-27')).toBe(false);
    expect(isOverdue({ dueOn: '2026-11-27', status: 'open' }, '2026-11-27')).toBe(false);
  });

  it('counts a year’s meetings by kind of body and type', () => {
    const figures = meetingFigures(
      [
        { year: 2022, type: 'regular', bodyKind: 'working_group', bodyId: 'a' },
        { year: 2022, type: 'in_focus', bodyKind: 'working_group', bodyId: 'a' },
        { year: 2022, type: 'principal_committee', bodyKind: 'coordination_committee', bodyId: 'cc' },
        { year: 2022, type: 'briefing', bodyKind: null, bodyId: null },
        { year: 2021, type: 'regular', bodyKind: 'working_group', bodyId: 'a' },
      ],
      2022,
    );
    expect(figures.total).toBe(4);
    expect(figures.workingGroups).toEqual({ total: 2, byType: { regular: 1, in_focus: 1 } });
    expect(figures.committee).toEqual({ principal_committee: 1 });
    expect(figures.compactWide).toEqual({ briefing: 1 });
    expect(figures.byBody.get('a')).toBe(2);
  });
});
