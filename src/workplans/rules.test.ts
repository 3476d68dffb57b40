import { describe, expect, it } from 'vitest';
import type { Actor } from '../policy/actor.ts';
import {
  activityProblems,
  dayOfWhen,
  firstDayOf,
  lastDayOf,
  mayCreateWorkPlan,
  mayEditWorkPlan,
  mayReportOn,
  parseEvidence,
  periodProblems,
  quarterOf,
  quartersOf,
  rollUp,
  spanTouches,
  statusAfterUpdate,
  sumRollUps,
  updateProblems,
} from './rules.ts';

const body = '00000000-0000-4000-8000-0000000000b1';
const otherBody = '00000000-0000-4000-8000-0000000000b2';
const lead = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';

const entity = (
  entityId: string,
  options: { bodies?: string[]; chairs?: string[]; nonUn?: boolean } = {},
): Actor => ({
  kind: 'entity',
  userId: `user-${entityId}`,
  entityId,
  entityKind: options.nonUn ? 'non_un' : 'un',
  focalPoint: false,
  bodyIds: options.bodies ?? [],
  chairedBodyIds: options.chairs ?? [],
});
const secretariat: Actor = { kind: 'secretariat', userId: 'sec', entityId: null };
const anonymous: Actor = { kind: 'anonymous' };
const kenya: Actor = {
  kind: 'member_state',
  userId: 'ken',
  memberStateId: '00000000-0000-4000-8000-0000000000c1',
};

describe('who may do what with a work plan', () => {
  const plan = (level: 'public' | 'compact' | 'un_system' | 'body') => ({ level, bodyId: body });
  const chair = entity(other, { bodies: [body], chairs: [body] });

  it('lets the secretariat and the body’s chair start a plan, and no one else', () => {
    expect(mayCreateWorkPlan(secretariat, body)).toBe(true);
    expect(mayCreateWorkPlan(chair, body)).toBe(true);
    expect(mayCreateWorkPlan(chair, otherBody)).toBe(false);
    expect(mayCreateWorkPlan(entity(lead, { bodies: [body] }), body)).toBe(false);
    expect(mayCreateWorkPlan(anonymous, body)).toBe(false);
    expect(mayCreateWorkPlan(kenya, body)).toBe(false);
  });

  it('gives the edit right to the chair while the term lasts and to the secretariat', () => {
    expect(mayEditWorkPlan(chair, plan('body'))).toBe(true);
    expect(mayEditWorkPlan(entity(other, { bodies: [body], chairs: [] }), plan('body'))).toBe(false);
    expect(mayEditWorkPlan(secretariat, plan('un_system'))).toBe(true);
    expect(mayEditWorkPlan(entity(lead, { bodies: [body] }), plan('compact'))).toBe(false);
    expect(mayEditWorkPlan(anonymous, plan('public'))).toBe(false);
  });

  it('lets the lead entity report on its activity only, and only on a plan it may see', () => {
    const member = entity(lead, { bodies: [body] });
    expect(mayReportOn(member, plan('body'), { leadEntityId: lead })).toBe(true);
    expect(mayReportOn(member, plan('body'), { leadEntityId: other })).toBe(false);
    const outsider = entity(lead, { bodies: [otherBody] });
    expect(mayReportOn(outsider, plan('compact'), { leadEntityId: lead })).toBe(true);
    expect(mayReportOn(outsider, plan('body'), { leadEntityId: lead })).toBe(false);
    const nonUn = entity(lead, { nonUn: true });
    expect(mayReportOn(nonUn, plan('un_system'), { leadEntityId: lead })).toBe(false);
    expect(mayReportOn(chair, plan('compact'), { leadEntityId: lead })).toBe(true);
  });
});

describe('quarters', () => {
  it('knows the first and last day of a quarter, leap years included', () => {
    expect(firstDayOf('2022-Q3')).toBe('2022-07-01');
    expect(lastDayOf('2022-Q3')).toBe('2022-09-30');
    expect(lastDayOf('2024-Q1')).toBe('2024-03-31');
    expect(lastDayOf('2022-Q4')).toBe('2022-12-31');
    expect(quarterOf('2022-08-15')).toBe('2022-Q3');
    expect(quarterOf('2022-12-31')).toBe('2022-Q4');
  });

  it('reads a start or an end as a quarter or a date, and nothing else', () => {
    expect(dayOfWhen('2022-q3', 'start')).toBe('2022-07-01');
    expect(dayOfWhen('2022-Q3', 'end')).toBe('2022-09-30');
    expect(dayOfWhen(' 2022-08-15 ', 'end')).toBe('2022-08-15');
    expect(dayOfWhen('2022-02-30', 'start')).toBeNull();
    expect(dayOfWhen('2022-Q5', 'start')).toBeNull();
    expect(dayOfWhen('Q3 2022', 'start')).toBeNull();
    expect(dayOfWhen('', 'start')).toBeNull();
  });

  it('lists a period’s quarters and which of them a span touches', () => {
    expect(quartersOf(2021, 2022)).toHaveLength(8);
    expect(quartersOf(2021, 2022)[0]).toBe('2021-Q1');
    const span = { startsOn: '2021-05-10', endsOn: '2021-07-01' };
    expect(quartersOf(2021, 2021).filter((quarter) => spanTouches(span, quarter))).toEqual([
      '2021-Q2',
      '2021-Q3',
    ]);
  });
});

describe('problems', () => {
  it('refuses a period out of order or longer than five years', () => {
    expect(periodProblems({ startYear: 2021, endYear: 2022 })).toEqual([]);
    expect(periodProblems({ startYear: 2022, endYear: 2022 })).toEqual([]);
    expect(periodProblems({ startYear: 2022, endYear: 2021 })).toEqual([
      { field: 'endYear', code: 'workplans_period_order' },
    ]);
    expect(periodProblems({ startYear: 2021, endYear: 2026 })[0]?.code).toBe('workplans_period_too_long');
  });

  it('keeps an activity inside its plan’s years, its end after its start', () => {
    const plan = { startYear: 2021, endYear: 2022 };
    expect(activityProblems({ startsOn: '2021-01-01', endsOn: '2022-12-31' }, plan)).toEqual([]);
    expect(activityProblems({ startsOn: '2022-05-01', endsOn: '2022-04-30' }, plan)).toEqual([
      { field: 'ends', code: 'ends_before_start' },
    ]);
    expect(activityProblems({ startsOn: '2020-10-01', endsOn: '2023-01-31' }, plan)).toEqual([
      { field: 'starts', code: 'workplans_outside_period', values: { start: 2021, end: 2022 } },
      { field: 'ends', code: 'workplans_outside_period', values: { start: 2021, end: 2022 } },
    ]);
  });

  it('takes progress for a quarter of the plan that has begun', () => {
    const plan = { startYear: 2021, endYear: 2022 };
    expect(updateProblems({ quarter: '2022-Q3' }, plan, '2026-11-27')).toEqual([]);
    expect(updateProblems({ quarter: '2022-Q3' }, plan, '2022-07-01')).toEqual([]);
    expect(updateProblems({ quarter: '2022-Q4' }, plan, '2022-09-30')[0]?.code).toBe(
      'workplans_quarter_in_future',
    );
    expect(updateProblems({ quarter: '2023-Q1' }, plan, '2026-11-27')[0]?.code).toBe(
      'workplans_quarter_outside_period',
    );
    expect(updateProblems({ quarter: '2022-3' }, plan, '2026-11-27')[0]?.code).toBe('workplans_bad_quarter');
  });
});

describe('what an update does to its activity', () => {
  it('sets the status, unless a later quarter was already reported', () => {
    expect(statusAfterUpdate('not_started', null, { quarter: '2021-Q2', status: 'on_track' })).toBe(
      'on_track',
    );
    expect(statusAfterUpdate('on_track', '2021-Q2', { quarter: '2021-Q3', status: 'done' })).toBe('done');
    expect(statusAfterUpdate('on_track', '2021-Q2', { quarter: '2021-Q2', status: 'at_risk' })).toBe(
      'at_risk',
    );
    expect(statusAfterUpdate('done', '2022-Q1', { quarter: '2021-Q4', status: 'at_risk' })).toBe('done');
  });
});

describe('the roll-up', () => {
  it('counts by status and gives the share done among the activities not dropped', () => {
    const result = rollUp({ done: 3, on_track: 2, dropped: 1, at_risk: 1 });
    expect(result.total).toBe(7);
    expect(result.counts.not_started).toBe(0);
    expect(result.percentDone).toBe(50);
    expect(rollUp({}).percentDone).toBeNull();
    expect(rollUp({ dropped: 2 }).percentDone).toBeNull();
  });

  it('adds plans together', () => {
    const sum = sumRollUps([rollUp({ done: 1 }), rollUp({ on_track: 1, done: 2 })]);
    expect(sum.total).toBe(4);
    expect(sum.percentDone).toBe(75);
  });
});

describe('evidence links', () => {
  const base = 'https://compact.example.org';
  const id = '3f2b0c9e-1d2a-4b5c-8d7e-0123456789ab';

  it('recognises platform documents and meetings, relative or on the platform’s address', () => {
    expect(parseEvidence(`/documents/${id}`, base)).toEqual({ kind: 'document', documentId: id });
    expect(parseEvidence(`${base}/meetings/${id.toUpperCase()}`, base)).toEqual({
      kind: 'meeting',
      meetingId: id,
    });
  });

  it('takes other pages over https only, without credentials', () => {
    expect(parseEvidence('https://www.un.org/counterterrorism/', base)).toEqual({
      kind: 'url',
      url: 'https://www.un.org/counterterrorism/',
    });
    expect(parseEvidence('http://www.un.org/', base)).toBeNull();
    expect(parseEvidence('javascript:alert(1)', base)).toBeNull();
    expect(parseEvidence('https://user:secret@example.org/', base)).toBeNull();
    expect(parseEvidence('/documents/not-an-id', base)).toBeNull();
    expect(parseEvidence('a meeting last week', base)).toBeNull();
    expect(parseEvidence(`https://other.example.org/documents/${id}`, base)).toEqual({
      kind: 'url',
      url: `https://other.example.org/documents/${id}`,
    });
  });
});
