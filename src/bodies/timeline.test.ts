import { describe, expect, it } from 'vitest';
import { byMonth, timelineEvents } from './timeline.ts';

describe('the membership timeline', () => {
  it('groups joins, departures, changes of status and new chairs by month, newest first, and ignores the future', () => {
    const events = timelineEvents(
      [
        { acronym: 'UNITAD', joinedOn: '2022-04-01', leftOn: null },
        { acronym: 'FATF', joinedOn: '2022-04-01', leftOn: null },
        { acronym: 'OLD', joinedOn: '2018-02-23', leftOn: '2021-05-31' },
      ],
      [
        { acronym: 'OPCW', body: 'ETCIP', seat: 'chair', since: '2022-07-01' },
        { acronym: 'NEXT', body: 'ETCIP', seat: 'chair', since: '2030-01-01' },
      ],
      '2026-11-27',
      [
        { acronym: 'FATF', status: 'observer', since: '2022-04-01', joinedOn: '2022-04-01' },
        { acronym: 'FATF', status: 'member', since: '2022-07-15', joinedOn: '2022-04-01' },
      ],
    );
    expect(byMonth(events)).toEqual([
      {
        month: '2022-07',
        joined: [],
        left: [],
        statuses: [{ entity: 'FATF', status: 'member', date: '2022-07-15' }],
        seats: [{ kind: 'chair', entity: 'OPCW', body: 'ETCIP', date: '2022-07-01' }],
      },
      { month: '2022-04', joined: ['FATF', 'UNITAD'], left: [], statuses: [], seats: [] },
      { month: '2021-05', joined: [], left: ['OLD'], statuses: [], seats: [] },
      { month: '2018-02', joined: ['OLD'], left: [], statuses: [], seats: [] },
    ]);
  });
});
