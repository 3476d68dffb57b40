import { and, eq, inArray } from 'drizzle-orm';
import type { SectionKind, SectionLevel, StrategyStatus } from '../countries/schema.ts';
import { countrySections, countrySectionVersions, memberStates } from '../countries/schema.ts';
import { textKeyOf } from '../cted/rules.ts';
import {
  type AssessmentKind,
  ctedAssessments,
  ctedRecommendations,
  ctedUptakes,
  type Priority,
  type RecommendationStatus,
  type Theme,
} from '../cted/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import { documents } from '../documents/schema.ts';

/**
 * Demo Member State pages and CTED assessments (issue 7). Every text is fictional and says so: no State
 * wrote these sections and CTED made none of these assessments or recommendations (ADR 0008).
 */
interface DemoSection {
  kind: SectionKind;
  level: SectionLevel;
  text: string;
  strategy?: StrategyStatus;
  /** Earlier published texts, oldest first, so versions can be compared. */
  earlier?: string[];
}

const fictional = 'Demonstration text: fictional, not written by the State.';

export const demoSections: Record<string, DemoSection[]> = {
  KEN: [
    {
      kind: 'priorities',
      level: 'public',
      text: `${fictional}\n\nKenya's national priorities are border security along its northern and eastern borders, the prevention of radicalisation among young people through county action plans, and faster prosecution of terrorism cases.`,
      earlier: [
        `${fictional}\n\nKenya's national priorities are border security and the prevention of radicalisation among young people.`,
      ],
    },
    {
      kind: 'challenges',
      level: 'compact',
      text: `${fictional}\n\nThe long land borders and the limited forensic capacity of county courts slow investigations; cooperation on financial intelligence with neighbouring States is growing but uneven.`,
    },
    {
      kind: 'contacts',
      level: 'compact',
      text: `${fictional}\n\nNational focal point: Wanjiru Focal Point (demo), national counter-terrorism centre, focal.point@kenya.demo.example.`,
    },
    {
      kind: 'strategy',
      level: 'public',
      strategy: 'adopted',
      text: `${fictional}\n\nA national strategy to counter violent extremism was adopted and is implemented through county action plans.`,
    },
  ],
  IDN: [
    {
      kind: 'priorities',
      level: 'public',
      text: `${fictional}\n\nIndonesia gives priority to the rehabilitation and reintegration of returning fighters and their families, and to the protection of places of worship.`,
    },
    {
      kind: 'good_practices',
      level: 'public',
      text: `${fictional}\n\nA whole-of-society programme brings together religious leaders, schools and local government to prevent violent extremism.`,
    },
    {
      kind: 'strategy',
      level: 'public',
      strategy: 'adopted',
      text: `${fictional}\n\nA national action plan is in force.`,
    },
  ],
  MAR: [
    {
      kind: 'good_practices',
      level: 'public',
      text: `${fictional}\n\nTraining of religious guides and a de-radicalisation programme in prisons are shared with other States of the region.`,
    },
    {
      kind: 'strategy',
      level: 'public',
      strategy: 'adopted',
      text: `${fictional}\n\nA comprehensive national strategy is in force.`,
    },
  ],
  PER: [
    {
      kind: 'challenges',
      level: 'public',
      text: `${fictional}\n\nThe links between organised crime and the financing of terrorism call for closer work between the financial intelligence unit and prosecutors.`,
    },
    {
      kind: 'strategy',
      level: 'public',
      strategy: 'in_preparation',
      text: `${fictional}\n\nA national strategy is being prepared with the support of UN entities.`,
    },
  ],
  TJK: [
    {
      kind: 'strategy',
      level: 'compact',
      strategy: 'under_review',
      text: `${fictional}\n\nThe national strategy is under review after the Dushanbe conference of October 2022.`,
    },
  ],
  NOR: [
    {
      kind: 'strategy',
      level: 'public',
      strategy: 'adopted',
      text: `${fictional}\n\nA national action plan is in force.`,
    },
  ],
  FJI: [
    {
      kind: 'strategy',
      level: 'public',
      strategy: 'none',
      text: `${fictional}\n\nNo national strategy has been adopted yet.`,
    },
  ],
};

interface DemoRecommendation {
  theme: Theme;
  priority: Priority;
  status: RecommendationStatus;
  text: string;
  dueOn?: string;
  /** Entities (acronyms) that say they address it. */
  uptake?: string[];
}

interface DemoAssessment {
  country: string;
  kind: AssessmentKind;
  visitStart: string;
  visitEnd: string;
  widerSharing: boolean;
  /** Entities CTED names when the State did not agree to wider sharing. */
  named?: string[];
  summary: string;
  recommendations: DemoRecommendation[];
}

const note = '(demo: fictional)';

export const demoAssessments: DemoAssessment[] = [
  {
    country: 'KEN',
    kind: 'follow_up',
    visitStart: '2022-02-07',
    visitEnd: '2022-02-11',
    widerSharing: true,
    summary: `Follow-up visit on behalf of the Counter-Terrorism Committee ${note}.`,
    recommendations: [
      {
        theme: 'border_management',
        priority: 'high',
        status: 'open',
        text: `Extend advance passenger information checks to all international airports ${note}.`,
        dueOn: '2024-12-31',
        uptake: ['UNOCT'],
      },
      {
        theme: 'criminal_justice',
        priority: 'high',
        status: 'in_progress',
        text: `Train prosecutors and judges of county courts in the use of digital evidence ${note}.`,
        uptake: ['UNODC'],
      },
      {
        theme: 'financing_of_terrorism',
        priority: 'medium',
        status: 'open',
        text: `Assess the risk of abuse of non-profit organisations for the financing of terrorism ${note}.`,
      },
    ],
  },
  {
    country: 'IDN',
    kind: 'comprehensive',
    visitStart: '2022-03-28',
    visitEnd: '2022-04-01',
    widerSharing: true,
    summary: `Comprehensive assessment visit ${note}.`,
    recommendations: [
      {
        theme: 'countering_violent_extremism',
        priority: 'high',
        status: 'open',
        text: `Evaluate the reintegration programmes for returning families with independent experts ${note}.`,
      },
      {
        theme: 'human_rights',
        priority: 'medium',
        status: 'open',
        text: `Ensure independent oversight of administrative detention in terrorism cases ${note}.`,
        uptake: ['OHCHR'],
      },
    ],
  },
  {
    country: 'TJK',
    kind: 'focused',
    visitStart: '2022-07-11',
    visitEnd: '2022-07-14',
    widerSharing: false,
    named: ['UNODC'],
    summary: `Focused visit on border management; the State did not agree to wider sharing ${note}.`,
    recommendations: [
      {
        theme: 'border_management',
        priority: 'high',
        status: 'open',
        text: `Connect remote border crossing points to INTERPOL databases through the national central bureau ${note}.`,
      },
      {
        theme: 'law_enforcement',
        priority: 'medium',
        status: 'open',
        text: `Set up joint investigation teams on cross-border arms trafficking ${note}.`,
      },
    ],
  },
  {
    country: 'PER',
    kind: 'follow_up',
    visitStart: '2022-09-19',
    visitEnd: '2022-09-23',
    widerSharing: true,
    summary: `Follow-up visit ${note}.`,
    recommendations: [
      {
        theme: 'financing_of_terrorism',
        priority: 'high',
        status: 'open',
        text: `Give the financial intelligence unit access to the registry of beneficial owners ${note}.`,
      },
      {
        theme: 'legislation',
        priority: 'low',
        status: 'implemented',
        text: `Criminalise the travel of foreign terrorist fighters in line with resolution 2178 (2014) ${note}.`,
      },
    ],
  },
  {
    country: 'MAR',
    kind: 'follow_up',
    visitStart: '2021-10-04',
    visitEnd: '2021-10-08',
    widerSharing: true,
    summary: `Follow-up visit ${note}.`,
    recommendations: [
      {
        theme: 'international_cooperation',
        priority: 'medium',
        status: 'in_progress',
        text: `Share the prison de-radicalisation curriculum with States of the Sahel ${note}.`,
        uptake: ['UNOCT', 'UNICRI'],
      },
      {
        theme: 'emerging_threats',
        priority: 'low',
        status: 'open',
        text: `Assess the protection of critical infrastructure against attacks by unmanned aircraft ${note}.`,
      },
    ],
  },
];

/**
 * Loads the demo country sections, assessments and recommendations when there are none yet; answers what
 * it added, or null. The reports are the demo library's CTED assessment reports, when they were loaded.
 */
export async function loadDemoCountriesIfEmpty(
  db: Db,
): Promise<{ sections: number; assessments: number } | null> {
  const [sectionRow] = await db.select({ id: countrySections.id }).from(countrySections).limit(1);
  const [assessmentRow] = await db.select({ id: ctedAssessments.id }).from(ctedAssessments).limit(1);
  if (sectionRow || assessmentRow) return null;
  return db.transaction(async (tx) => {
    const codes = [...new Set([...Object.keys(demoSections), ...demoAssessments.map((a) => a.country)])];
    const states = await tx
      .select({ id: memberStates.id, iso3: memberStates.iso3 })
      .from(memberStates)
      .where(inArray(memberStates.iso3, codes));
    const stateId = new Map(states.map((state) => [state.iso3, state.id]));
    const entityRows = await tx.select({ id: entities.id, acronym: entities.acronym }).from(entities);
    const entityId = new Map(entityRows.map((entity) => [entity.acronym, entity.id]));
    const cted = entityId.get('CTED');
    let sections = 0;
    for (const [iso3, list] of Object.entries(demoSections)) {
      const memberStateId = stateId.get(iso3);
      if (!memberStateId) continue;
      for (const section of list) {
        const texts = [...(section.earlier ?? []), section.text];
        const publishedAt = new Date('2023-03-01T10:00:00Z');
        const [row] = await tx
          .insert(countrySections)
          .values({
            memberStateId,
            kind: section.kind,
            publishedNumber: texts.length,
            publishedText: section.text,
            publishedLevel: section.level,
            publishedStrategyStatus: section.strategy ?? null,
            publishedAt,
          })
          .returning({ id: countrySections.id });
        const sectionId = (row as { id: string }).id;
        await tx.insert(countrySectionVersions).values(
          texts.map((text, index) => ({
            sectionId,
            number: index + 1,
            text,
            level: section.level,
            strategyStatus: section.strategy ?? null,
            publishedAt: new Date(publishedAt.getTime() - (texts.length - 1 - index) * 86_400_000 * 90),
          })),
        );
        sections += 1;
      }
    }
    let assessments = 0;
    if (cted) {
      const reports = await tx
        .select({ id: documents.id, countryIds: documents.countryIds })
        .from(documents)
        .where(and(eq(documents.ownerEntityId, cted)));
      for (const demo of demoAssessments) {
        const memberStateId = stateId.get(demo.country);
        if (!memberStateId) continue;
        const level = demo.widerSharing ? ('un_system' as const) : ('named' as const);
        const namedEntityIds = (demo.named ?? []).flatMap((acronym) => entityId.get(acronym) ?? []);
        const report = reports.find((document) => document.countryIds.includes(memberStateId));
        const [row] = await tx
          .insert(ctedAssessments)
          .values({
            memberStateId,
            kind: demo.kind,
            visitStart: demo.visitStart,
            visitEnd: demo.visitEnd,
            widerSharing: demo.widerSharing,
            level,
            namedEntityIds,
            ownerEntityId: cted,
            reportDocumentId: report?.id ?? null,
            summary: demo.summary,
          })
          .returning({ id: ctedAssessments.id });
        const assessmentId = (row as { id: string }).id;
        if (report) {
          await tx
            .update(documents)
            .set({
              level,
              namedEntityIds: level === 'named' ? namedEntityIds : [],
              namedMemberStateIds: level === 'named' ? [memberStateId] : [],
            })
            .where(eq(documents.id, report.id));
        }
        for (const recommendation of demo.recommendations) {
          const [created] = await tx
            .insert(ctedRecommendations)
            .values({
              assessmentId,
              memberStateId,
              theme: recommendation.theme,
              priority: recommendation.priority,
              text: recommendation.text,
              textKey: textKeyOf(recommendation.text),
              status: recommendation.status,
              issuedOn: demo.visitEnd,
              dueOn: recommendation.dueOn ?? null,
              statusChangedOn: demo.visitEnd,
              level,
              namedEntityIds,
              ownerEntityId: cted,
            })
            .returning({ id: ctedRecommendations.id });
          const uptakes = (recommendation.uptake ?? []).flatMap((acronym) => {
            const id = entityId.get(acronym);
            return id
              ? [
                  {
                    recommendationId: (created as { id: string }).id,
                    entityId: id,
                    note: `Addressed in our capacity-building work ${note}.`,
                    since: '2023-01-16',
                  },
                ]
              : [];
          });
          if (uptakes.length > 0) await tx.insert(ctedUptakes).values(uptakes);
        }
        assessments += 1;
      }
    }
    return { sections, assessments };
  });
}
