import { describe, expect, it } from 'vitest';
import { byMonth, timelineEvents } from './timeline.ts';

describe('the membership timeline', () => {
  it('groups joins, departures and new chairs by month, newest first, and ignores the future', () => {
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
    );
    expect(byMonth(events)).toEqual([
      {
        month: '2022-07',
        joined: [],
        left: [],
        seats: [{ kind: 'chair', entity: 'OPCW', body: 'ETCIP', date: '2022-07-01' }],
      },
      { month: '2022-04', joined: ['FATF', 'UNITAD'], left: [], seats: [] },
      { month: '2021-05', joined: [], left: ['OLD'], seats: [] },
      { month: '2018-02', joined: ['OLD'], left: [], seats: [] },
    ]);
  });
});
