import { bodies } from '../bodies/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import {
  actionItems,
  agendaItems,
  type MeetingType,
  type Modality,
  meetingAttendance,
  meetingDecisions,
  meetingInvitations,
  meetingMinutes,
  meetings,
} from '../meetings/schema.ts';
import { instantIn } from '../meetings/time.ts';
import type { AccessLevel } from '../policy/levels.ts';

interface DemoMeeting {
  body: string | null;
  type: MeetingType;
  title: string;
  day: string;
  endDay?: string;
  start: string;
  end: string;
  zone: string;
  modality: Modality;
  venue?: string;
  level: AccessLevel;
  regions?: string[];
  agenda?: { title: string; presenters: string[] }[];
  minutes?: { text: string; decisions: string[] };
  actions?: { title: string; owner: string; due: string; status?: 'open' | 'in_progress' | 'done' }[];
  /** Representatives by entity acronym, for the attendance figures. */
  attendance?: Record<string, number>;
}

const workingGroups = ['pcve', 'bmle', 'cjlrcft', 'etcip', 'nars', 'rmme', 'hrrlsvt', 'gender'];
/** One regular meeting a quarter for each group, on days spread over the quarter's last month. */
const quarterDays = ['2022-03-', '2022-06-', '2022-09-', '2022-12-'];

const regularMeetings: DemoMeeting[] = workingGroups.flatMap((body, index) =>
  quarterDays.map((month, quarter) => ({
    body,
    type: 'regular' as const,
    title: `${body.toUpperCase()} regular meeting, Q${quarter + 1} 2022`,
    day: `${month}${String(8 + index).padStart(2, '0')}`,
    start: '10:00',
    end: '12:00',
    zone: 'America/New_York',
    modality: 'virtual' as const,
    level: 'compact' as const,
  })),
);

const inFocus: DemoMeeting[] = [
  ['pcve', '2022-04-21', 'In-focus discussion: gender dimensions of violent extremism online'],
  ['bmle', '2022-05-12', 'In-focus discussion: advance passenger information and PNR'],
  ['etcip', '2022-07-14', 'In-focus discussion: protecting critical infrastructure against drones'],
  ['nars', '2022-10-06', 'In-focus discussion: repatriation of children from conflict zones'],
  ['hrrlsvt', '2022-11-17', 'In-focus discussion: human rights due diligence in counter-terrorism support'],
].map(([body, day, title]) => ({
  body: body as string,
  type: 'in_focus' as const,
  title: title as string,
  day: day as string,
  start: '09:00',
  end: '10:30',
  zone: 'America/New_York',
  modality: 'virtual' as const,
  level: 'compact' as const,
}));

/** 95 representatives of 23 entities: the kind of figure the annual report gives for a meeting. */
const principalAttendance: Record<string, number> = Object.fromEntries(
  [
    'UNOCT',
    'CTED',
    'UNODC',
    'UNDP',
    'UNESCO',
    'UNICRI',
    'INTERPOL',
    'IOM',
    'OHCHR',
    'UNHCR',
    'UNICEF',
    'UN-Women',
    'DPPA',
    'DPO',
    'ODA',
    'OPCW',
    'IAEA',
    'ICAO',
    'IMO',
    'WCO',
    'UNITAR',
    'UNAOC',
    'WHO',
  ].map((acronym, index) => [acronym, index < 3 ? 5 : 4]),
);

const compactWide: DemoMeeting[] = [
  {
    body: 'coordination-committee',
    type: 'principal_committee',
    title: 'Eighth Coordination Committee meeting at principal level',
    day: '2022-06-08',
    start: '10:00',
    end: '13:00',
    zone: 'America/New_York',
    modality: 'hybrid',
    venue: 'United Nations Headquarters, New York',
    level: 'compact',
    agenda: [
      { title: 'Opening by the Secretary-General', presenters: ['UNOCT'] },
      {
        title: 'The evolving terrorist threat in Africa and its impact in other regions',
        presenters: ['CTED'],
      },
      { title: 'Strategic direction of the Compact for 2022-2023', presenters: ['UNOCT'] },
    ],
    minutes: {
      text: 'The Secretary-General opened the meeting by highlighting the **essential coordination role** of the Compact.\n\nMembers exchanged information on the evolving situation in Africa.',
      decisions: ['Working groups to align their 2023 work plans with the Committee’s strategic direction.'],
    },
    attendance: principalAttendance,
  },
  {
    body: null,
    type: 'conference',
    title:
      'High-Level International Conference on Regional Cooperation among Central Asian States within the Framework of the Joint Plan of Action',
    day: '2022-03-04',
    start: '09:00',
    end: '18:00',
    zone: 'Asia/Tashkent',
    modality: 'in_person',
    venue: 'Tashkent',
    level: 'public',
    regions: ['Asia and the Pacific Group'],
  },
  {
    body: null,
    type: 'conference',
    title:
      'High-Level Conference on International and Regional Border Security and Management Cooperation to Counter Terrorism and Prevent the Movement of Terrorists',
    day: '2022-10-18',
    endDay: '2022-10-19',
    start: '09:00',
    end: '18:00',
    zone: 'Asia/Dushanbe',
    modality: 'in_person',
    venue: 'Dushanbe',
    level: 'public',
    regions: ['Asia and the Pacific Group'],
  },
  ...(
    [
      [
        '2022-03-04',
        'Central Asia',
        'Asia/Tashkent',
        'in_person',
        'Tashkent, in the margins of the High-Level Conference',
      ],
      ['2022-05-31', 'Africa', 'Africa/Nairobi', 'virtual', undefined],
      ['2022-09-29', 'Asia Pacific', 'Asia/Bangkok', 'hybrid', 'Bangkok'],
      [
        '2022-10-19',
        'Central Asia',
        'Asia/Dushanbe',
        'in_person',
        'Dushanbe, in the margins of the High-Level Conference',
      ],
    ] as const
  ).map(([day, region, zone, modality, venue]) => ({
    body: null,
    type: 'briefing' as const,
    title: `Briefing for Member States: joint projects under the Multi-Year Appeal in ${region}`,
    day,
    start: '14:00',
    end: '16:00',
    zone,
    modality,
    ...(venue ? { venue } : {}),
    level: 'member_states' as const,
    regions: [region === 'Africa' ? 'African Group' : 'Asia and the Pacific Group'],
  })),
];

/** Fictional meetings around the present, so the calendar, the agenda and the action items have life. */
const recent: DemoMeeting[] = [
  {
    body: 'etcip',
    type: 'regular',
    title: 'ETCIP regular meeting, Q3 2026',
    day: '2026-09-17',
    start: '10:00',
    end: '12:00',
    zone: 'Europe/Vienna',
    modality: 'hybrid',
    venue: 'Vienna International Centre',
    level: 'body',
    agenda: [
      { title: 'Updates from members on critical infrastructure protection', presenters: ['UNICRI'] },
      { title: 'Drones and emerging technologies: joint guidance', presenters: ['UNOCT', 'INTERPOL'] },
    ],
    minutes: {
      text: 'The chair welcomed members. UNICRI presented its updates; INTERPOL and UNOCT presented the draft joint guidance.',
      decisions: ['The draft guidance on drones is circulated for comments.'],
    },
    actions: [
      { title: 'Send comments on the draft guidance on drones', owner: 'UNODC', due: '2026-10-30' },
      {
        title: 'Prepare the 2027 meeting calendar',
        owner: 'UNICRI',
        due: '2026-12-15',
        status: 'in_progress',
      },
      { title: 'Share the CBRN exercise report with members', owner: 'INTERPOL', due: '2026-11-20' },
    ],
    attendance: { UNICRI: 3, INTERPOL: 2, UNODC: 2, UNOCT: 3, OPCW: 1, IAEA: 1 },
  },
  {
    body: 'etcip',
    type: 'regular',
    title: 'ETCIP regular meeting, Q4 2026',
    day: '2026-12-10',
    start: '15:00',
    end: '17:00',
    zone: 'Europe/Vienna',
    modality: 'virtual',
    level: 'body',
    agenda: [
      { title: 'Adoption of the agenda', presenters: ['UNICRI'] },
      { title: 'Comments on the draft guidance on drones', presenters: ['UNOCT'] },
      { title: 'Calendar for 2027', presenters: ['UNICRI'] },
    ],
  },
  {
    body: 'coordination-committee',
    type: 'regular',
    title: 'Coordination Committee, December 2026',
    day: '2026-12-15',
    start: '10:00',
    end: '12:00',
    zone: 'America/New_York',
    modality: 'hybrid',
    venue: 'United Nations Headquarters, New York',
    level: 'compact',
  },
  {
    body: 'pcve',
    type: 'in_focus',
    title: 'In-focus discussion: youth engagement in prevention',
    day: '2027-01-20',
    start: '09:00',
    end: '10:30',
    zone: 'America/New_York',
    modality: 'virtual',
    level: 'compact',
  },
];

export const demoMeetings: DemoMeeting[] = [...regularMeetings, ...inFocus, ...compactWide, ...recent];

/**
 * Loads the demo meetings when there are none (ADR 0008): the 2022 meetings the annual report counts,
 * and a few fictional ones around today. All or nothing, in one transaction.
 */
export async function loadDemoMeetingsIfEmpty(db: Db): Promise<number | null> {
  const [existing] = await db.select({ id: meetings.id }).from(meetings).limit(1);
  if (existing) return null;
  return db.transaction(async (tx) => {
    const [bodyRows, entityRows] = await Promise.all([
      tx.select({ id: bodies.id, slug: bodies.slug }).from(bodies),
      tx.select({ id: entities.id, acronym: entities.acronym }).from(entities),
    ]);
    const bodyId = (slug: string) => bodyRows.find((row) => row.slug === slug)?.id ?? null;
    const entityId = (acronym: string) => entityRows.find((row) => row.acronym === acronym)?.id ?? null;
    const secretariat = entityId('UNOCT');
    for (const demo of demoMeetings) {
      const startsAt = instantIn(demo.day, demo.start, demo.zone);
      const endsAt = instantIn(demo.endDay ?? demo.day, demo.end, demo.zone);
      if (!startsAt || !endsAt) throw new Error(`demo meeting ${demo.title} has a time that does not exist`);
      const body = demo.body ? bodyId(demo.body) : null;
      const [row] = await tx
        .insert(meetings)
        .values({
          bodyId: body,
          type: demo.type,
          title: demo.title,
          startsAt,
          endsAt,
          timeZone: demo.zone,
          modality: demo.modality,
          venue: demo.venue ?? null,
          onlineLink: demo.modality === 'in_person' ? null : 'https://meet.example.org/compact-demo',
          regions: demo.regions ?? [],
          level: demo.level,
          ownerEntityId: secretariat,
          agendaStatus: demo.agenda ? 'circulated' : 'draft',
          agendaCirculatedAt: demo.agenda ? new Date(startsAt.getTime() - 14 * 86_400_000) : null,
          reminderSentAt: startsAt < new Date() ? startsAt : null,
          createdBy: 'demo-data',
        })
        .returning({ id: meetings.id });
      const meetingId = (row as { id: string }).id;
      if (body) await tx.insert(meetingInvitations).values({ meetingId, kind: 'body', bodyId: body });
      for (const region of demo.regions ?? []) {
        if (demo.type === 'briefing') {
          await tx
            .insert(meetingInvitations)
            .values({ meetingId, kind: 'regional_group', regionalGroup: region });
        }
      }
      if (demo.agenda) {
        await tx.insert(agendaItems).values(
          demo.agenda.map((item, index) => ({
            meetingId,
            position: index + 1,
            title: item.title,
            presenterEntityIds: item.presenters.flatMap((acronym) => entityId(acronym) ?? []),
          })),
        );
      }
      if (demo.minutes) {
        await tx.insert(meetingMinutes).values({
          meetingId,
          text: demo.minutes.text,
          status: 'approved',
          approvedAt: endsAt,
          approvedBy: 'demo-data',
        });
        await tx
          .insert(meetingDecisions)
          .values(demo.minutes.decisions.map((text, index) => ({ meetingId, position: index + 1, text })));
      }
      for (const action of demo.actions ?? []) {
        await tx.insert(actionItems).values({
          meetingId,
          title: action.title,
          ownerEntityId: entityId(action.owner),
          dueOn: action.due,
          status: action.status ?? 'open',
        });
      }
      const attendance = Object.entries(demo.attendance ?? {}).flatMap(([acronym, count]) => {
        const id = entityId(acronym);
        return id
          ? Array.from({ length: count }, (_, index) => ({
              meetingId,
              name: `${acronym} representative ${index + 1} (demo)`,
              entityId: id,
            }))
          : [];
      });
      if (attendance.length > 0) await tx.insert(meetingAttendance).values(attendance);
    }
    return demoMeetings.length;
  });
}
