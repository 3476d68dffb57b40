/**
 * Demo work plans (issue 6, ADR 0008 and 0026): a 2021-2022 work plan for each of the eight working
 * groups, whose outputs follow what the 2022 annual report says each group worked on, and current
 * 2025-2026 plans for four of them, so that a visitor sees a living workspace. The activities' details,
 * dates and every progress update are fictional.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { bodies } from '../bodies/schema.ts';
import type { Tx } from '../db/optimistic.ts';
import { slugFromAcronym } from '../directory/rules.ts';
import { entities } from '../directory/schema.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { dayOfWhen, earlierQuarter, lastDayOf, quarterOf, quartersOf } from '../workplans/rules.ts';
import {
  type ActivityStatus,
  jpowPriorities,
  workPlanActivities,
  workPlanEvidence,
  workPlanOutputs,
  workPlans,
  workPlanUpdates,
} from '../workplans/schema.ts';

export interface DemoActivity {
  title: string;
  lead: string;
  partners?: string[];
  /** A quarter such as 2021-Q2 (or a date). */
  starts: string;
  ends: string;
  status: ActivityStatus;
}

export interface DemoOutput {
  title: string;
  description?: string;
  /** Codes of the Joint Programme of Work 2022-2023's priorities. */
  priorities: string[];
  activities: DemoActivity[];
}

export interface DemoPlan {
  body: string;
  startYear: number;
  endYear: number;
  status: 'draft' | 'adopted';
  level: AccessLevel;
  outputs: DemoOutput[];
}

const a = (
  title: string,
  lead: string,
  starts: string,
  ends: string,
  status: ActivityStatus,
  partners: string[] = [],
): DemoActivity => ({ title, lead, starts, ends, status, partners });

export const demoWorkPlans: DemoPlan[] = [
  {
    body: 'pcve',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'Joint mappings and inventories of PCVE work across the United Nations system',
        priorities: ['1', '2'],
        activities: [
          a('Inventory of PCVE programmes by region', 'UNOCT', '2021-Q1', '2021-Q4', 'done', [
            'UNDP',
            'UNESCO',
          ]),
          a('Mapping of youth engagement initiatives', 'UNESCO', '2021-Q3', '2022-Q2', 'done', [
            'UNICEF',
            'UNDP',
          ]),
          a(
            'Mapping of online prevention work with the gaming sector',
            'UNICRI',
            '2022-Q1',
            '2022-Q4',
            'on_track',
            ['UNOCT'],
          ),
        ],
      },
      {
        title: 'Support to national and regional PCVE plans of action',
        priorities: ['1.iii'],
        activities: [
          a('Peer exchange of national PCVE coordinators', 'UNDP', '2021-Q2', '2022-Q2', 'done', [
            'UNOCT',
            'UNODC',
          ]),
          a('Guidance note on monitoring plans of action', 'UNDP', '2022-Q1', '2022-Q4', 'at_risk', [
            'UNOCT',
          ]),
        ],
      },
      {
        title: 'Briefings for Member States on preventing violent extremism',
        priorities: ['1.iv', '3'],
        activities: [
          a('Regional briefing for African Member States', 'UNOCT', '2022-Q2', '2022-Q2', 'done', ['UNDP']),
          a('Web stories on community-led prevention', 'DGC', '2021-Q3', '2022-Q4', 'dropped', ['UNOCT']),
        ],
      },
    ],
  },
  {
    body: 'bmle',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'Countering terrorist travel: advance passenger information and passenger name records',
        priorities: ['1', '1.ii'],
        activities: [
          a('Passenger Information Units in beneficiary States', 'UNOCT', '2021-Q1', '2022-Q4', 'done', [
            'UNODC',
            'ICAO',
            'INTERPOL',
            'IOM',
          ]),
          a('Roll-out of the goTravel software', 'UNOCT', '2021-Q3', '2022-Q4', 'on_track', ['ICAO']),
        ],
      },
      {
        title: 'Joint border security and management support',
        priorities: ['1.ii', '1.v'],
        activities: [
          a(
            'Technical guidelines on border security and management, French edition',
            'UNODC',
            '2022-Q1',
            '2022-Q4',
            'on_track',
            ['WCO', 'IOM'],
          ),
          a('Workshops on human rights at borders', 'OHCHR', '2021-Q2', '2022-Q3', 'done', ['UNHCR', 'IOM']),
          a('Shared calendar of border missions', 'INTERPOL', '2021-Q1', '2021-Q2', 'done', ['UNODC']),
        ],
      },
      {
        title: 'Maritime and air cargo security',
        priorities: ['1.vi'],
        activities: [
          a('Container control and air cargo profiling courses', 'WCO', '2021-Q2', '2022-Q4', 'done', [
            'UNODC',
          ]),
          a('Port facility security assessments', 'IMO', '2022-Q1', '2022-Q4', 'at_risk', ['UNODC']),
        ],
      },
    ],
  },
  {
    body: 'cjlrcft',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'Criminal justice responses to terrorism grounded in the rule of law',
        priorities: ['1.ii', '1.v'],
        activities: [
          a('Training of prosecutors on battlefield evidence', 'UNODC', '2021-Q1', '2022-Q2', 'done', [
            'CTED',
            'UNITAD',
          ]),
          a(
            'Compendium on prosecution of sexual and gender-based crimes by terrorists',
            'UNITAD',
            '2022-Q2',
            '2022-Q4',
            'on_track',
            ['UN-Women', 'UNODC'],
          ),
        ],
      },
      {
        title: 'Countering the financing of terrorism',
        priorities: ['1.ii'],
        activities: [
          a('Joint workshops on FATF standards and risk assessments', 'UNODC', '2021-Q2', '2022-Q4', 'done', [
            'FATF',
            'IMF',
            'WBG',
          ]),
          a(
            'Study on financing through new payment technologies',
            'UNICRI',
            '2022-Q1',
            '2022-Q4',
            'at_risk',
            ['FATF'],
          ),
        ],
      },
      {
        title: 'Parliamentary engagement on counter-terrorism legislation',
        priorities: ['1', '3'],
        activities: [
          a('Regional parliamentary briefings', 'IPU', '2021-Q3', '2022-Q4', 'done', ['UNOCT', 'UNODC']),
        ],
      },
    ],
  },
  {
    body: 'etcip',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'body',
    outputs: [
      {
        title: 'Protection of vulnerable targets and critical infrastructure',
        priorities: ['1', '1.vi'],
        activities: [
          a('Thematic guides on protecting vulnerable targets', 'UNOCT', '2021-Q1', '2022-Q2', 'done', [
            'UNICRI',
            'INTERPOL',
            'CTED',
          ]),
          a(
            'Tabletop exercise on attacks against critical infrastructure',
            'UNICRI',
            '2022-Q1',
            '2022-Q3',
            'done',
            ['INTERPOL', 'OPCW'],
          ),
        ],
      },
      {
        title: 'Preventing the misuse of new and emerging technologies',
        priorities: ['1.vi'],
        activities: [
          a('Study on unmanned aircraft systems', 'UNICRI', '2021-Q2', '2022-Q4', 'on_track', [
            'ICAO',
            'UNOCT',
          ]),
          a(
            'Workshop on chemical and biological terrorism prevention',
            'OPCW',
            '2022-Q3',
            '2022-Q3',
            'done',
            ['WHO', '1540-GOE'],
          ),
          a(
            'Inventory of cyber capacity-building for critical infrastructure',
            'INTERPOL',
            '2022-Q1',
            '2022-Q4',
            'at_risk',
            ['UNIDIR'],
          ),
        ],
      },
    ],
  },
  {
    body: 'nars',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'National and regional counter-terrorism strategies',
        priorities: ['1.iii'],
        activities: [
          a('Support to the Central Asia joint plan of action', 'UNRCCA', '2021-Q1', '2022-Q4', 'done', [
            'UNOCT',
            'UNODC',
          ]),
          a('Handbook on drafting national strategies', 'UNOCT', '2021-Q3', '2022-Q4', 'on_track', [
            'UNDP',
            'CTED',
          ]),
        ],
      },
      {
        title: 'Member State engagement on strategies',
        priorities: ['1.i', '1.iv'],
        activities: [
          a('Briefing for Asia-Pacific Member States', 'UNOCT', '2022-Q3', '2022-Q3', 'done', ['UNDP']),
          a('Survey of Member States on strategy needs', 'DPPA', '2021-Q2', '2021-Q4', 'dropped', ['UNOCT']),
        ],
      },
    ],
  },
  {
    body: 'rmme',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'The 2021-2022 Multi-Year Appeal for Counter-Terrorism',
        description: '12 participating entities, 52 projects (the report).',
        priorities: ['2'],
        activities: [
          a('Joint donor briefings on the Multi-Year Appeal', 'UNOCT', '2021-Q1', '2022-Q4', 'done', [
            'UNODC',
            'UNDP',
          ]),
          a('Lessons-learned exercise of the Multi-Year Appeal', 'UNOCT', '2022-Q2', '2022-Q4', 'done', [
            'UNODC',
            'UNICEF',
          ]),
        ],
      },
      {
        title: 'Monitoring and evaluation across the system',
        priorities: ['2'],
        activities: [
          a('System-wide meta-synthesis of evaluations', 'UNODC', '2021-Q1', '2021-Q4', 'done', ['UNOCT']),
          a('Common results framework for joint projects', 'UNDP', '2022-Q1', '2022-Q4', 'at_risk', [
            'UNOCT',
            'UN-Women',
          ]),
        ],
      },
    ],
  },
  {
    body: 'hrrlsvt',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'Human rights due diligence in counter-terrorism support',
        priorities: ['1.v'],
        activities: [
          a('Guidance on the human rights due diligence policy', 'OHCHR', '2021-Q1', '2022-Q2', 'done', [
            'UNOCT',
            'UNODC',
          ]),
          a('Training of United Nations staff on the policy', 'OHCHR', '2022-Q1', '2022-Q4', 'on_track', [
            'UNOCT',
          ]),
        ],
      },
      {
        title: 'Support to victims of terrorism',
        priorities: ['1.v', '3'],
        activities: [
          a('Model legislative provisions on victims’ rights', 'UNOCT', '2021-Q2', '2022-Q4', 'done', [
            'UNODC',
            'OHCHR',
          ]),
          a('Victims’ voices exhibition', 'UNOCT', '2022-Q3', '2022-Q3', 'done', ['DGC']),
          a('Peer network of victims’ associations', 'UNOCT', '2021-Q3', '2022-Q4', 'dropped', []),
        ],
      },
    ],
  },
  {
    body: 'gender',
    startYear: 2021,
    endYear: 2022,
    status: 'adopted',
    level: 'public',
    outputs: [
      {
        title: 'Gendered dimensions of counter-terrorism and violent extremism',
        priorities: ['1.v'],
        activities: [
          a('Research on gender and online radicalization', 'UN-Women', '2021-Q2', '2022-Q2', 'done', [
            'UNICRI',
            'CTED',
          ]),
          a(
            'Gender-sensitive indicators for counter-terrorism projects',
            'UN-Women',
            '2022-Q1',
            '2022-Q4',
            'on_track',
            ['UNOCT', 'UNDP'],
          ),
        ],
      },
      {
        title: 'Gender mainstreaming in the working groups',
        priorities: ['1.v', '2'],
        activities: [
          a('Checklist for gender mainstreaming in work plans', 'CTED', '2021-Q3', '2022-Q1', 'done', [
            'UN-Women',
          ]),
          a('In-focus discussion on women in law enforcement', 'UN-Women', '2022-Q4', '2022-Q4', 'done', [
            'UNODC',
            'INTERPOL',
          ]),
        ],
      },
    ],
  },
  // The current period (fictional): plans a visitor sees moving.
  {
    body: 'etcip',
    startYear: 2025,
    endYear: 2026,
    status: 'adopted',
    level: 'body',
    outputs: [
      {
        title: 'Artificial intelligence and terrorism: risks and responses',
        priorities: ['1.vi'],
        activities: [
          a('Policy brief on generative artificial intelligence', 'UNICRI', '2025-Q1', '2025-Q4', 'done', [
            'UNOCT',
            'CTED',
          ]),
          a('Regional workshops for law enforcement', 'INTERPOL', '2025-Q3', '2026-Q4', 'on_track', [
            'UNICRI',
          ]),
        ],
      },
      {
        title: 'Protection of critical infrastructure: follow-up of the thematic guides',
        priorities: ['1', '1.vi'],
        activities: [
          a('National tabletop exercises', 'UNOCT', '2025-Q2', '2026-Q4', 'at_risk', ['UNICRI', 'IAEA']),
          a('Update of the guide on soft targets', 'UNOCT', '2026-Q1', '2026-Q4', 'not_started', [
            'INTERPOL',
          ]),
        ],
      },
    ],
  },
  {
    body: 'bmle',
    startYear: 2025,
    endYear: 2026,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'Countering terrorist travel: wider use of passenger data',
        priorities: ['1', '1.ii'],
        activities: [
          a('Passenger Information Units in ten more States', 'UNOCT', '2025-Q1', '2026-Q4', 'on_track', [
            'IOM',
            'ICAO',
            'INTERPOL',
          ]),
          a('Joint assessment missions on border management', 'IOM', '2025-Q2', '2026-Q2', 'done', ['UNODC']),
        ],
      },
    ],
  },
  {
    body: 'pcve',
    startYear: 2025,
    endYear: 2026,
    status: 'adopted',
    level: 'compact',
    outputs: [
      {
        title: 'Prevention through education and youth',
        priorities: ['1.iii', '1.v'],
        activities: [
          a('Toolkit for teachers on preventing violent extremism', 'UNESCO', '2025-Q1', '2026-Q2', 'done', [
            'UNOCT',
          ]),
          a('Youth advisory panel to the working group', 'UNOCT', '2025-Q3', '2026-Q4', 'at_risk', [
            'UNICEF',
            'UNDP',
          ]),
        ],
      },
    ],
  },
  {
    body: 'gender',
    startYear: 2025,
    endYear: 2026,
    status: 'draft',
    level: 'compact',
    outputs: [
      {
        title: 'Women’s participation in counter-terrorism institutions',
        priorities: ['1.v'],
        activities: [
          a(
            'Survey of women in national counter-terrorism agencies',
            'UN-Women',
            '2026-Q1',
            '2026-Q4',
            'on_track',
            ['UNODC'],
          ),
        ],
      },
    ],
  },
];

/** Fictional sentences for progress updates, varied by activity and quarter. */
const progressPool = [
  'Demo update: the lead entity met its partners and agreed on the next steps for the quarter.',
  'Demo update: a first draft was shared with the members of the working group for comments.',
  'Demo update: two online consultations with national focal points took place.',
  'Demo update: the terms of reference of the consultant were agreed and the recruitment completed.',
  'Demo update: comments from members were consolidated into a revised version.',
  'Demo update: a regional session was held with participants from eleven Member States.',
  'Demo update: the partners reviewed the budget and confirmed their contributions in kind.',
  'Demo update: the output was presented at the quarterly meeting of the working group.',
];
const closing: Record<ActivityStatus, string> = {
  done: 'Demo update: the activity was completed and its results were shared on the platform.',
  on_track: 'Demo update: work continues as planned.',
  at_risk:
    'Demo update: the activity is delayed because funding has not been confirmed; the chair was informed.',
  dropped:
    'Demo update: the members agreed to drop the activity, whose aims are now met by another initiative.',
  not_started: 'Demo update: the activity has not started yet.',
};
const evidencePages = [
  'https://www.un.org/counterterrorism/global-ct-compact',
  'https://www.un.org/counterterrorism/',
];

/** The quarters an update is posted for: every other quarter of the span up to today's, then the last. */
function reportedQuarters(activity: DemoActivity, today: string): string[] {
  const start = quarterOf(dayOfWhen(activity.starts, 'start') as string);
  const end = quarterOf(dayOfWhen(activity.ends, 'end') as string);
  const now = quarterOf(today);
  const last = earlierQuarter(end, now);
  if (start > now) return [];
  const span = quartersOf(Number(start.slice(0, 4)), Number(last.slice(0, 4))).filter(
    (quarter) => quarter >= start && quarter <= last,
  );
  const chosen: string[] = span.filter((_, index) => index % 2 === 0);
  if (chosen.at(-1) !== last) chosen.push(last);
  return chosen;
}

/**
 * Loads the demo work plans that are missing (a body's plan for a period is its natural key), into the
 * demo loader's transaction. Answers how many plans it added.
 */
export async function loadDemoWorkPlans(tx: Tx, today: string): Promise<number> {
  const acronyms = [
    ...new Set(
      demoWorkPlans.flatMap((plan) =>
        plan.outputs.flatMap((o) => o.activities.flatMap((x) => [x.lead, ...(x.partners ?? [])])),
      ),
    ),
  ];
  const entityRows = await tx
    .select({ id: entities.id, slug: entities.slug })
    .from(entities)
    .where(inArray(entities.slug, acronyms.map(slugFromAcronym)));
  const entityId = new Map(entityRows.map((row) => [row.slug, row.id]));
  const idOf = (acronym: string) => entityId.get(slugFromAcronym(acronym));
  const bodyRows = await tx
    .select({ id: bodies.id, slug: bodies.slug, shortName: bodies.shortName })
    .from(bodies);
  const priorityRows = await tx
    .select({ id: jpowPriorities.id, code: jpowPriorities.code })
    .from(jpowPriorities)
    .where(eq(jpowPriorities.programme, '2022-2023'));
  const priorityId = new Map(priorityRows.map((row) => [row.code, row.id]));
  let added = 0;
  for (const [planIndex, demo] of demoWorkPlans.entries()) {
    const body = bodyRows.find((row) => row.slug === demo.body);
    if (!body) continue;
    const [existing] = await tx
      .select({ id: workPlans.id })
      .from(workPlans)
      .where(
        and(
          eq(workPlans.bodyId, body.id),
          eq(workPlans.startYear, demo.startYear),
          eq(workPlans.endYear, demo.endYear),
        ),
      );
    if (existing) continue;
    const [plan] = await tx
      .insert(workPlans)
      .values({
        bodyId: body.id,
        startYear: demo.startYear,
        endYear: demo.endYear,
        title: `${body.shortName} work plan ${demo.startYear}–${demo.endYear}`,
        summary:
          'Demo data: the outputs follow what the 2022 annual report says the group worked on; the activities’ details, dates and progress updates are fictional.',
        status: demo.status,
        level: demo.level,
        createdBy: null,
      })
      .returning({ id: workPlans.id });
    const planId = (plan as { id: string }).id;
    added += 1;
    for (const [outputIndex, output] of demo.outputs.entries()) {
      const [outputRow] = await tx
        .insert(workPlanOutputs)
        .values({
          workPlanId: planId,
          position: outputIndex + 1,
          title: output.title,
          description: output.description ?? null,
          priorityIds: output.priorities.flatMap((code) => priorityId.get(code) ?? []),
        })
        .returning({ id: workPlanOutputs.id });
      const outputId = (outputRow as { id: string }).id;
      for (const [activityIndex, activity] of output.activities.entries()) {
        const lead = idOf(activity.lead);
        if (!lead) continue;
        const [activityRow] = await tx
          .insert(workPlanActivities)
          .values({
            workPlanId: planId,
            outputId,
            position: activityIndex + 1,
            title: activity.title,
            leadEntityId: lead,
            partnerEntityIds: (activity.partners ?? []).flatMap((partner) => idOf(partner) ?? []),
            startsOn: dayOfWhen(activity.starts, 'start') as string,
            endsOn: dayOfWhen(activity.ends, 'end') as string,
            status: activity.status,
          })
          .returning({ id: workPlanActivities.id });
        const activityId = (activityRow as { id: string }).id;
        const quarters = reportedQuarters(activity, today);
        if (activity.status === 'not_started' || quarters.length === 0) continue;
        const seed = planIndex * 7 + outputIndex * 3 + activityIndex;
        const updates = quarters.map((quarter, index) => {
          const isLast = index === quarters.length - 1;
          const status: ActivityStatus = isLast
            ? activity.status
            : activity.status === 'at_risk' && index === quarters.length - 2
              ? 'at_risk'
              : 'on_track';
          return {
            workPlanId: planId,
            activityId,
            quarter,
            status,
            text: isLast
              ? closing[activity.status]
              : (progressPool[(seed + index) % progressPool.length] as string),
            authorEntityId: lead,
            // Posted a few days after the quarter ends, or today for the quarter under way.
            createdAt: new Date(
              Math.min(
                Date.parse(`${lastDayOf(quarter)}T12:00:00Z`) + 9 * 86_400_000,
                Date.parse(`${today}T12:00:00Z`),
              ),
            ),
          };
        });
        const inserted = await tx
          .insert(workPlanUpdates)
          .values(updates)
          .returning({ id: workPlanUpdates.id });
        const lastUpdate = inserted.at(-1);
        if (lastUpdate && activity.status === 'done') {
          await tx.insert(workPlanEvidence).values({
            updateId: lastUpdate.id,
            position: 1,
            kind: 'url',
            url: evidencePages[seed % evidencePages.length] as string,
          });
        }
      }
    }
  }
  return added;
}
