import { describe, expect, it } from 'vitest';
import { laterDay } from '../db/periods.ts';
import { bodiesEstablished, demoBodies, demoEntities } from '../demo/compact-2022.ts';
import {
  chairTermProblems,
  covers,
  endingProblems,
  type MembershipFact,
  membershipProblems,
  nextDay,
  type TermFact,
} from './rules.ts';

const seats = { chair: 1, vice_chair: 2 };
const member = (entityId: string, since: string, until: string | null = null): MembershipFact => ({
  entityId,
  role: 'member',
  since,
  until,
});
const chair = (entityId: string, since: string, until: string | null = null): TermFact => ({
  entityId,
  seat: 'chair',
  since,
  until,
});

describe('dates', () => {
  it('steps over month and leap-year ends', () => {
    expect(nextDay('2022-06-30')).toBe('2022-07-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2022-12-31')).toBe('2023-01-01');
  });

  it('sees a one-day gap between two memberships', () => {
    const period = { since: '2022-01-01', until: '2022-12-31' };
    expect(covers([member('a', '2022-01-01', '2022-06-30'), member('a', '2022-07-01')], period)).toBe(true);
    expect(covers([member('a', '2022-01-01', '2022-06-30'), member('a', '2022-07-02')], period)).toBe(false);
    expect(covers([member('a', '2022-01-02')], period)).toBe(false);
    expect(covers([member('a', '2021-01-01', '2022-12-31')], period)).toBe(true);
    expect(covers([member('a', '2021-01-01', '2022-12-30')], period)).toBe(false);
  });
});

describe('chair terms', () => {
  const memberships = [member('unicri', '2021-01-01'), member('opcw', '2021-01-01')];

  it('accepts ETCIP 2022 rotating within the year', () => {
    const terms = [chair('unicri', '2022-01-01', '2022-06-30')];
    expect(chairTermProblems(chair('opcw', '2022-07-01', '2022-09-30'), terms, memberships, seats)).toEqual(
      [],
    );
  });

  it('refuses a term that ends before it starts', () => {
    expect(chairTermProblems(chair('opcw', '2022-07-01', '2022-06-30'), [], memberships, seats)).toEqual([
      { field: 'until', code: 'ends_before_start' },
    ]);
  });

  it('refuses a second chair on the same days, by one day of overlap', () => {
    const terms = [chair('unicri', '2022-01-01', '2022-06-30')];
    expect(chairTermProblems(chair('opcw', '2022-06-30', '2022-09-30'), terms, memberships, seats)).toEqual([
      { field: 'since', code: 'seat_full', seats: 1 },
    ]);
    expect(
      chairTermProblems(chair('opcw', '2022-06-30'), terms, memberships, { ...seats, chair: 2 }),
    ).toEqual([]);
  });

  it('refuses an entity overlapping its own term, even where seats are free', () => {
    const terms = [chair('unicri', '2022-01-01', '2022-06-30')];
    expect(
      chairTermProblems(chair('unicri', '2022-03-01'), terms, memberships, { ...seats, chair: 3 }),
    ).toEqual([{ field: 'since', code: 'overlaps_own_term' }]);
  });

  it('refuses a chair who is not a member for the whole term', () => {
    expect(chairTermProblems(chair('interpol', '2022-10-01'), [], memberships, seats)).toEqual([
      { field: 'entityId', code: 'chair_not_member' },
    ]);
    const observer: MembershipFact = {
      entityId: 'interpol',
      role: 'observer',
      since: '2021-01-01',
      until: null,
    };
    expect(chairTermProblems(chair('interpol', '2022-10-01'), [], [observer], seats)).toEqual([
      { field: 'entityId', code: 'chair_not_member' },
    ]);
    const leaves = [member('interpol', '2021-01-01', '2022-11-30')];
    expect(chairTermProblems(chair('interpol', '2022-10-01', '2022-12-31'), [], leaves, seats)).toEqual([
      { field: 'entityId', code: 'chair_not_member' },
    ]);
  });

  it('lets a term be changed without colliding with itself', () => {
    const term = { ...chair('unicri', '2022-01-01', '2022-06-30'), id: 't1' };
    expect(chairTermProblems({ ...term, until: '2022-05-31' }, [term], memberships, seats)).toEqual([]);
  });

  it('counts vice-chairs held at once, not all that ever held the seat', () => {
    const vice = (entityId: string, since: string, until: string | null = null): TermFact => ({
      entityId,
      seat: 'vice_chair',
      since,
      until,
    });
    const all = [member('a', '2020-01-01'), member('b', '2020-01-01'), member('c', '2020-01-01')];
    const terms = [vice('a', '2020-01-01', '2021-12-31'), vice('b', '2022-01-01')];
    expect(chairTermProblems(vice('c', '2021-06-01'), terms, all, seats)).toEqual([]);
    const three = [vice('a', '2020-01-01'), vice('b', '2020-01-01')];
    expect(chairTermProblems(vice('c', '2021-06-01'), three, all, seats)).toEqual([
      { field: 'since', code: 'seat_full', seats: 2 },
    ]);
  });
});

describe('memberships', () => {
  it('refuses overlapping memberships of one entity and inverted dates', () => {
    const existing = [{ ...member('a', '2021-01-01', '2022-12-31'), id: 'm1' }];
    expect(membershipProblems(member('a', '2022-06-01'), existing, [])).toEqual([
      { field: 'since', code: 'overlaps_own_membership' },
    ]);
    expect(membershipProblems(member('a', '2023-01-01'), existing, [])).toEqual([]);
    expect(membershipProblems(member('a', '2023-01-01', '2022-01-01'), existing, [])).toEqual([
      { field: 'until', code: 'ends_before_start' },
    ]);
  });

  it('refuses ending a membership under a running chair term', () => {
    const membership = { ...member('unicri', '2021-01-01'), id: 'm1' };
    const terms = [chair('unicri', '2022-01-01', '2022-06-30')];
    expect(endingProblems(membership, '2022-03-31', [membership], terms)).toEqual([
      { field: 'until', code: 'chair_outlives_membership' },
    ]);
    expect(endingProblems(membership, '2022-06-30', [membership], terms)).toEqual([]);
  });
});

describe('the demo data', () => {
  it('keeps every rule in every body', () => {
    const joined = new Map(demoEntities.map((entity) => [entity.acronym, entity.joinedOn]));
    for (const body of demoBodies) {
      const acronyms = body.members === 'all' ? demoEntities.map((entity) => entity.acronym) : body.members;
      const memberships = acronyms.map((acronym) =>
        member(acronym, laterDay(joined.get(acronym) ?? bodiesEstablished, bodiesEstablished)),
      );
      const terms: TermFact[] = body.chairs.map((term, index) => ({
        id: String(index),
        entityId: term.entity,
        seat: term.seat,
        since: term.since,
        until: term.until ?? null,
      }));
      for (const term of terms) {
        expect({
          body: body.shortName,
          term,
          problems: chairTermProblems(term, terms, memberships, seats),
        }).toEqual({ body: body.shortName, term, problems: [] });
      }
    }
  });
});
