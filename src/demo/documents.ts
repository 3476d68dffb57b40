/**
 * Demo documents (issue 5, ADR 0008): a few dozen fictional documents across every access level, made as
 * real PDF and DOCX files at load time. Every text says it is demo content. Words to try in the search
 * box: "kestrel" (a public compendium), "lanternfish" (a CTED assessment: United Nations entities only),
 * "tamarisk" (ETCIP members only), "quarry" (shared with named entities), "mangrove" (in French too).
 */
import { count, eq } from 'drizzle-orm';
import type { BlobStore } from '../blobs/store.ts';
import type { Db } from '../db/client.ts';
import { addVersion, createDocument, type UploadedFile } from '../documents/commands.ts';
import type { NewDocumentInput } from '../documents/input.ts';
import { docxOf, pdfOf } from '../documents/samples.ts';
import { documentEditions, documents, documentVersions } from '../documents/schema.ts';
import { refreshSearchIndex } from '../documents/search-index.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import type { UnLanguage } from '../web/i18n/locales.ts';

export const demoNotice = 'Demo content: fictional text for the Compact Coordination Platform demonstration.';
const demoNoticeFr =
  'Contenu de démonstration : texte fictif pour la démonstration de la Plateforme de coordination du Pacte.';
const demoNoticeAr = 'محتوى تجريبي: نص خيالي لعرض منصة التنسيق الخاصة بالاتفاق.';

interface Edition {
  language: UnLanguage;
  title: string;
  paragraphs: string[];
  format: 'pdf' | 'docx';
}

interface DemoDocument {
  title: string;
  type: string;
  level: AccessLevel;
  owner: string;
  body?: string;
  namedEntities?: string[];
  bodies?: string[];
  countries?: string[];
  regions?: string[];
  themes?: string[];
  pillars?: number[];
  resolutions?: string[];
  publishedOn: string;
  summary: string;
  /** The first edition, then any others; a second English entry becomes version 2. */
  editions: Edition[];
}

const sentences = [
  'Participating entities compared how their programmes reach Member States that ask for support.',
  'The working group agreed to share one calendar of technical assistance missions for the next quarter.',
  'Border agencies described how advance passenger information is checked against shared watch lists.',
  'Speakers stressed that every measure must respect human rights and the rule of law.',
  'The meeting reviewed progress on outputs of the work plan and noted two activities at risk.',
  'Several entities offered training curricula that others may adapt for national authorities.',
  'Participants asked the secretariat to collect good practices in a short compendium.',
  'The discussion covered the protection of critical infrastructure against emerging threats.',
  'Gender perspectives were integrated into every recommendation, as the Strategy requires.',
  'Civil society organisations were consulted on the draft and their comments are annexed.',
  'The group took note of the financing gap and of options for joint resource mobilisation.',
  'Victims and survivors of terrorism were heard, and their needs shaped the conclusions.',
];

/** Deterministic prose: the document's own words first, then sentences from the common pool. */
function prose(seed: number, distinctive: string[], paragraphs = 4): string[] {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const picked = [0, 1, 2, 3].map(
      (i) => sentences[(seed * 7 + p * 5 + i * 3) % sentences.length] as string,
    );
    out.push([...(p === 0 ? distinctive : []), ...picked].join(' '));
  }
  return out;
}

const en = (title: string, paragraphs: string[], format: 'pdf' | 'docx' = 'pdf'): Edition => ({
  language: 'en',
  title,
  paragraphs,
  format,
});

const ctedReport = (
  country: string,
  iso3: string,
  region: string,
  day: string,
  seed: number,
): DemoDocument => ({
  title: `Country assessment report: ${country} (follow-up visit)`,
  type: 'assessment-report',
  level: 'un_system',
  owner: 'cted',
  countries: [iso3],
  regions: [region],
  themes: ['border management', 'criminal justice', 'countering the financing of terrorism'],
  pillars: [2, 4],
  resolutions: ['S/RES/1373 (2001)', 'S/RES/2396 (2017)'],
  publishedOn: day,
  summary: `CTED's follow-up assessment of ${country}, shared with United Nations entities only.`,
  editions: [
    en(
      `Country assessment report: ${country} (follow-up visit)`,
      prose(seed, [
        `This fictional assessment of ${country} lists technical assistance recommendations.`,
        'The lanternfish recommendations concern border management and the financing of terrorism.',
      ]),
      'docx',
    ),
  ],
});

const minutes = (body: string, name: string, day: string, seed: number): DemoDocument => ({
  title: `${name}: minutes of the regular meeting of ${day.slice(0, 7)}`,
  type: 'minutes',
  level: 'compact',
  owner: 'unoct',
  bodies: [body],
  publishedOn: day,
  summary: `Minutes of the ${name} working group's quarterly meeting.`,
  editions: [en(`${name}: minutes of the regular meeting of ${day.slice(0, 7)}`, prose(seed, []))],
});

export const demoDocuments: DemoDocument[] = [
  {
    title: 'Compendium of good practices on border security and management',
    type: 'compendium',
    level: 'public',
    owner: 'unoct',
    bodies: ['bmle'],
    themes: ['border management'],
    pillars: [2],
    resolutions: ['S/RES/2396 (2017)'],
    publishedOn: '2022-06-20',
    summary: 'Good practices collected from Compact entities on border security.',
    editions: [
      en(
        'Compendium of good practices on border security and management',
        prose(1, ['The kestrel practice pairs border posts across a frontier.']),
      ),
      {
        language: 'fr',
        title: 'Recueil de bonnes pratiques en matière de sécurité et de gestion des frontières',
        format: 'pdf',
        paragraphs: [
          'La pratique kestrel associe des postes frontières de part et d’autre d’une frontière.',
          'Les entités participantes ont comparé leurs programmes d’assistance technique.',
        ],
      },
    ],
  },
  {
    title: 'Guidelines on protecting mangrove coast infrastructure from terrorist attacks',
    type: 'guidelines',
    level: 'public',
    owner: 'unicri',
    bodies: ['etcip'],
    themes: ['critical infrastructure'],
    pillars: [2],
    resolutions: ['S/RES/2341 (2017)'],
    publishedOn: '2022-03-15',
    summary: 'Guidelines for operators of coastal infrastructure.',
    editions: [
      en(
        'Guidelines on protecting mangrove coast infrastructure',
        prose(2, ['Mangrove coast ports need layered protection.']),
      ),
      {
        language: 'fr',
        title: 'Lignes directrices sur la protection des infrastructures côtières de mangrove',
        format: 'pdf',
        paragraphs: ['Les ports des côtes de mangrove ont besoin d’une protection en couches.', demoNoticeFr],
      },
      {
        language: 'ar',
        title: 'مبادئ توجيهية بشأن حماية البنية التحتية الساحلية',
        format: 'docx',
        paragraphs: [demoNoticeAr, 'تحتاج موانئ سواحل المانغروف إلى حماية متعددة الطبقات.'],
      },
    ],
  },
  {
    title: 'Compact newsletter, issue 4 (2022)',
    type: 'newsletter',
    level: 'public',
    owner: 'unoct',
    publishedOn: '2022-12-15',
    summary: 'News from the working groups in the last quarter of 2022.',
    editions: [
      en('Compact newsletter, issue 4 (2022)', prose(3, ['The Dushanbe conference closed the year.'])),
    ],
  },
  {
    title: 'Handbook on human rights-compliant responses to terrorism',
    type: 'handbook',
    level: 'public',
    owner: 'ohchr',
    bodies: ['hrrlsvt'],
    themes: ['human rights'],
    pillars: [4],
    publishedOn: '2021-11-02',
    summary: 'A handbook for national authorities.',
    editions: [en('Handbook on human rights-compliant responses to terrorism', prose(4, []), 'docx')],
  },
  {
    title: 'Concept note: regional briefing for African Member States',
    type: 'concept-note',
    level: 'member_states',
    owner: 'unoct',
    regions: ['Africa'],
    publishedOn: '2022-05-10',
    summary: 'The briefing of 31 May 2022.',
    editions: [
      en(
        'Concept note: regional briefing for African Member States',
        prose(5, ['The briefing takes place on 31 May.']),
      ),
    ],
  },
  {
    title: 'Concept note: regional briefing for Asia-Pacific Member States',
    type: 'concept-note',
    level: 'member_states',
    owner: 'unoct',
    regions: ['Asia'],
    publishedOn: '2022-09-01',
    summary: 'The briefing of 29 September 2022.',
    editions: [en('Concept note: regional briefing for Asia-Pacific Member States', prose(6, []))],
  },
  {
    title: 'Presentation: the Global Counter-Terrorism Strategy review',
    type: 'presentation',
    level: 'member_states',
    owner: 'unoct',
    pillars: [1, 2, 3, 4],
    resolutions: ['A/RES/75/291'],
    publishedOn: '2021-07-06',
    summary: 'Slides on the seventh review.',
    editions: [en('Presentation: the Global Counter-Terrorism Strategy review', prose(7, []))],
  },
  {
    title: 'ETCIP terms of reference',
    type: 'terms-of-reference',
    level: 'compact',
    owner: 'unoct',
    bodies: ['etcip'],
    pillars: [2],
    publishedOn: '2022-08-30',
    summary:
      'Terms of reference of the Emerging Threats and Critical Infrastructure Protection working group.',
    editions: [
      en('ETCIP terms of reference', prose(8, ['Draft submitted for review.'])),
      en(
        'ETCIP terms of reference',
        prose(8, ['Version reviewed and submitted to the Coordination Committee.']),
      ),
    ],
  },
  minutes('etcip', 'ETCIP', '2022-03-10', 9),
  minutes('etcip', 'ETCIP', '2022-06-09', 10),
  minutes('etcip', 'ETCIP', '2022-09-15', 11),
  minutes('bmle', 'BMLE', '2022-04-21', 12),
  minutes('pcve', 'PCVE', '2022-05-19', 13),
  minutes('cjlrcft', 'CJLRCFT', '2022-10-13', 14),
  minutes('gender', 'Gender', '2022-11-17', 15),
  minutes('coordination-committee', 'Coordination Committee (principal level)', '2022-06-08', 16),
  {
    title: 'Report on joint resource mobilisation, 2021-2022',
    type: 'report',
    level: 'compact',
    owner: 'unoct',
    themes: ['resource mobilisation'],
    publishedOn: '2022-12-01',
    summary: 'What the Compact raised together, and for what.',
    editions: [en('Report on joint resource mobilisation, 2021-2022', prose(17, []), 'docx')],
  },
  {
    title: 'Infographic notes: the Compact in numbers',
    type: 'infographic',
    level: 'public',
    owner: 'unoct',
    publishedOn: '2022-12-20',
    summary: 'The figures behind the 2022 infographic.',
    editions: [
      en(
        'Infographic notes: the Compact in numbers',
        prose(18, ['Forty-five entities, eight working groups.']),
      ),
    ],
  },
  ctedReport('Kenya', 'KEN', 'Africa', '2022-02-14', 19),
  ctedReport('Indonesia', 'IDN', 'Asia', '2022-04-04', 20),
  ctedReport('Tajikistan', 'TJK', 'Asia', '2022-07-18', 21),
  ctedReport('Peru', 'PER', 'Americas', '2022-09-26', 22),
  ctedReport('Morocco', 'MAR', 'Africa', '2021-10-11', 23),
  {
    title: 'ETCIP working paper: drones and soft targets',
    type: 'report',
    level: 'body',
    body: 'etcip',
    owner: 'unicri',
    bodies: ['etcip'],
    themes: ['emerging threats'],
    pillars: [2],
    publishedOn: '2022-05-05',
    summary: 'For ETCIP members only.',
    editions: [
      en(
        'ETCIP working paper: drones and soft targets',
        prose(24, ['The tamarisk scenario tests a drone incursion.']),
      ),
    ],
  },
  {
    title: 'ETCIP tabletop exercise scenario',
    type: 'other',
    level: 'body',
    body: 'etcip',
    owner: 'opcw',
    bodies: ['etcip'],
    publishedOn: '2022-10-03',
    summary: 'Scenario for the exercise, for ETCIP members only.',
    editions: [
      en(
        'ETCIP tabletop exercise scenario',
        prose(25, ['A tamarisk plant chemical release is assumed.']),
        'docx',
      ),
    ],
  },
  {
    title: 'BMLE draft work plan 2023-2024',
    type: 'other',
    level: 'body',
    body: 'bmle',
    owner: 'unodc',
    bodies: ['bmle'],
    publishedOn: '2022-11-28',
    summary: 'For BMLE members only.',
    editions: [en('BMLE draft work plan 2023-2024', prose(26, []))],
  },
  {
    title: 'Joint project proposal on quarry explosives control',
    type: 'concept-note',
    level: 'named',
    owner: 'unodc',
    namedEntities: ['interpol', 'wco'],
    themes: ['explosives'],
    publishedOn: '2022-08-08',
    summary: 'Shared with INTERPOL and WCO.',
    editions: [
      en(
        'Joint project proposal on quarry explosives control',
        prose(27, ['Quarry explosives are a known source.']),
      ),
    ],
  },
  {
    title: 'Data-sharing arrangement for watch lists (draft)',
    type: 'other',
    level: 'named',
    owner: 'interpol',
    namedEntities: ['unoct', 'cted'],
    publishedOn: '2022-10-20',
    summary: 'Shared with UNOCT and CTED.',
    editions: [
      en(
        'Data-sharing arrangement for watch lists (draft)',
        prose(28, ['The quarry of data is kept apart.']),
        'docx',
      ),
    ],
  },
  {
    title: 'Mapping of capacity-building projects in Central Asia',
    type: 'report',
    level: 'un_system',
    owner: 'unoct',
    regions: ['Asia'],
    countries: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'],
    publishedOn: '2022-03-04',
    summary: 'Prepared for the Tashkent conference of 4 March 2022.',
    editions: [en('Mapping of capacity-building projects in Central Asia', prose(29, []), 'docx')],
  },
  {
    title: 'Guidelines on preventing violent extremism through education',
    type: 'guidelines',
    level: 'public',
    owner: 'unesco',
    bodies: ['pcve'],
    pillars: [1],
    publishedOn: '2021-09-21',
    summary: 'For teachers and school leaders.',
    editions: [en('Guidelines on preventing violent extremism through education', prose(30, []))],
  },
  {
    title: 'Report on the Dushanbe conference, 18-19 October 2022',
    type: 'report',
    level: 'public',
    owner: 'unoct',
    regions: ['Asia'],
    countries: ['TJK'],
    publishedOn: '2022-11-10',
    summary: 'Outcomes of the high-level conference.',
    editions: [
      en('Report on the Dushanbe conference', prose(31, ['Border cooperation was the main theme.'])),
    ],
  },
  {
    title: 'Rule of law and counter-terrorism financing: a primer',
    type: 'handbook',
    level: 'compact',
    owner: 'unodc',
    bodies: ['cjlrcft'],
    pillars: [4],
    resolutions: ['S/RES/2462 (2019)'],
    publishedOn: '2022-02-02',
    summary: 'A primer for Compact entities.',
    editions: [en('Rule of law and counter-terrorism financing: a primer', prose(32, []), 'docx')],
  },
];

const demoActor: Actor = { kind: 'secretariat', userId: 'demo-data', entityId: null };

async function store(blobs: BlobStore, edition: Edition): Promise<{ file: UploadedFile; text: string }> {
  const paragraphs = edition.language === 'en' ? [demoNotice, ...edition.paragraphs] : edition.paragraphs;
  const bytes =
    edition.format === 'pdf'
      ? await pdfOf({ title: edition.title, paragraphs })
      : docxOf({ title: edition.title, paragraphs });
  const stored = await blobs.put(
    (async function* () {
      yield bytes;
    })(),
    Number.MAX_SAFE_INTEGER,
  );
  const slug =
    edition.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'document';
  return {
    file: { ...stored, fileType: edition.format, fileName: `${slug}.${edition.format}` },
    text: [edition.title, ...paragraphs].join('\n'),
  };
}

/**
 * Loads the demo documents into a library that has none; answers how many, or null when it already had
 * documents. The text is known, so it is written with each version instead of waiting for the extraction
 * worker: the demo is searchable the moment it starts.
 */
export async function loadDemoDocumentsIfEmpty(
  db: Db,
  blobs: BlobStore,
  today: string,
): Promise<number | null> {
  const [existing] = await db.select({ n: count() }).from(documents);
  if ((existing?.n ?? 0) > 0) return null;
  for (const demo of demoDocuments) {
    const [first, ...others] = demo.editions;
    if (!first) continue;
    const input: NewDocumentInput = {
      title: demo.title,
      summary: demo.summary,
      type: demo.type,
      level: demo.level,
      body: demo.body ?? null,
      namedEntities: demo.namedEntities ?? [],
      namedMemberStates: [],
      bodies: demo.bodies ?? [],
      countries: demo.countries ?? [],
      regions: demo.regions ?? [],
      themes: demo.themes ?? [],
      pillars: demo.pillars ?? [],
      resolutions: demo.resolutions ?? [],
      publishedOn: demo.publishedOn,
      declassifyOn: null,
      declassifyTo: null,
      owner: demo.owner,
      language: first.language,
      note: null,
    };
    const firstFile = await store(blobs, first);
    const id = await createDocument(db, demoActor, input, firstFile.file, today);
    const texts = [firstFile.text];
    for (const edition of others) {
      const stored = await store(blobs, edition);
      await addVersion(
        db,
        demoActor,
        id,
        { language: edition.language, note: null, title: edition.title },
        stored.file,
      );
      texts.push(stored.text);
    }
    await db.transaction(async (tx) => {
      const versions = await tx
        .select({ id: documentVersions.id })
        .from(documentVersions)
        .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
        .where(eq(documentEditions.documentId, id))
        .orderBy(documentVersions.uploadedAt, documentVersions.number);
      for (const [index, version] of versions.entries()) {
        await tx
          .update(documentVersions)
          .set({ extractionStatus: 'done', extractedText: texts[index] ?? null })
          .where(eq(documentVersions.id, version.id));
      }
      await refreshSearchIndex(tx, id);
    });
  }
  return demoDocuments.length;
}
