import { describe, expect, it } from 'vitest';
import { clipToYear, composeAnnex, overlapsYear } from './annex.ts';

describe('Annex II for a year', () => {
  it('keeps periods that touch the year, clipped to it', () => {
    expect(overlapsYear({ since: '2021-01-01', until: '2022-06-30' }, 2022)).toBe(true);
    expect(overlapsYear({ since: '2023-01-01', until: null }, 2022)).toBe(false);
    expect(overlapsYear({ since: '2020-01-01', until: '2021-12-31' }, 2022)).toBe(false);
    expect(clipToYear({ since: '2021-01-01', until: '2022-06-30' }, 2022)).toEqual({
      from: '2022-01-01',
      to: '2022-06-30',
    });
    expect(clipToYear({ since: '2022-10-01', until: null }, 2022)).toEqual({
      from: '2022-10-01',
      to: '2022-12-31',
    });
  });

  it('lists a rotating chair in order, with members and observers, groups by pillar', () => {
    const groups = [
      { id: 'g2', shortName: 'ETCIP', name: { en: 'Emerging Threats' }, pillar: 2 },
      { id: 'g1', shortName: 'PCVE', name: { en: 'PCVE' }, pillar: 1 },
      { id: 'cc', shortName: 'CC', name: { en: 'Committee' }, pillar: null },
    ];
    const annex = composeAnnex(
      2022,
      groups,
      [
        { bodyId: 'g2', acronym: 'INTERPOL', seat: 'chair', since: '2022-10-01', until: '2022-12-31' },
        { bodyId: 'g2', acronym: 'UNICRI', seat: 'chair', since: '2021-01-01', until: '2022-06-30' },
        { bodyId: 'g2', acronym: 'OPCW', seat: 'chair', since: '2022-07-01', until: '2022-09-30' },
        { bodyId: 'g2', acronym: 'IAEA', seat: 'chair', since: '2023-01-01', until: null },
      ],
      [
        { bodyId: 'g2', acronym: 'OPCW', role: 'member', since: '2018-02-23', until: null },
        { bodyId: 'g2', acronym: 'WBG', role: 'observer', since: '2018-02-23', until: null },
        { bodyId: 'g2', acronym: 'GONE', role: 'member', since: '2018-02-23', until: '2021-12-31' },
      ],
    );
    expect(annex.map((group) => group.shortName)).toEqual(['PCVE', 'ETCIP']);
    const etcip = annex[1];
    expect(etcip?.chairs).toEqual([
      { acronym: 'UNICRI', from: '2022-01-01', to: '2022-06-30' },
      { acronym: 'OPCW', from: '2022-07-01', to: '2022-09-30' },
      { acronym: 'INTERPOL', from: '2022-10-01', to: '2022-12-31' },
    ]);
    expect(etcip?.members).toEqual(['OPCW']);
    expect(etcip?.observers).toEqual(['WBG']);
  });
});
