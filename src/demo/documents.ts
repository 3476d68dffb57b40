/**
 * Demo documents (issue 5, ADR 0008): a few dozen fictional documents across every access level, made as
 * real PDF and DOCX files at load time. Every file opens with the demo notice (and its translation in a
 * French or Arabic edition); the prose is plausible but invented, built deterministically from the sentence
 * pools below, so the same load always gives the same files. Words to try in the search box:
 * - "kestrel": a public compendium, in English and French;
 * - "mangrove": public guidelines in English, French and Arabic (المانغروف);
 * - "lanternfish": the CTED country assessment reports, United Nations entities only;
 * - "tamarisk": ETCIP working papers, ETCIP members only (INTERPOL is one, UNESCO is not);
 * - "quarry": papers shared with named entities (UNODC, INTERPOL, WCO, UNOCT, CTED);
 * - "heron": the Compact newsletters.
 */
import { eq } from 'drizzle-orm';
import type { BlobStore } from '../blobs/store.ts';
import type { Db } from '../db/client.ts';
import { addVersion, createDocument, type UploadedFile } from '../documents/commands.ts';
import type { NewDocumentInput } from '../documents/input.ts';
import { docxOf, pdfOf } from '../documents/samples.ts';
import { documentEditions, documents, documentVersions } from '../documents/schema.ts';
import { refreshSearchIndex } from '../documents/search-index.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { today as currentDay } from '../web/i18n/format.ts';
import type { UnLanguage } from '../web/i18n/locales.ts';

export const demoNotice = 'Demo content: fictional text for the Compact Coordination Platform demonstration.';
const translatedNotice: Partial<Record<UnLanguage, string>> = {
  fr: 'Contenu de démonstration : texte fictif pour la démonstration de la Plateforme de coordination du Pacte.',
  ar: 'محتوى تجريبي: نص خيالي لعرض منصة التنسيق الخاصة بالاتفاق.',
};

export interface DemoEdition {
  language: UnLanguage;
  title: string;
  paragraphs: string[];
  format: 'pdf' | 'docx';
  /** A note on the version, as an uploader would write it. */
  note?: string;
}

export interface DemoDocument {
  title: string;
  type: string;
  level: AccessLevel;
  /** The owning entity's slug; the documents are added by the secretariat on its behalf. */
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
  /** The first edition, then any others; a second edition in the same language becomes its version 2. */
  editions: DemoEdition[];
}

type Pool = readonly string[];

/** Minutes of a working group; `{group}` is its short name. */
const meetingPool: Pool = [
  'The members of {group} met in a hybrid format, with most participants connected from New York, Vienna and Geneva.',
  'The chair opened the meeting, recalled the agenda circulated two weeks earlier and invited comments on the draft minutes of the previous session.',
  'The minutes of the previous meeting were adopted without amendment.',
  'The secretariat reported that eleven of the fourteen outputs in the work plan of {group} were on track, two were delayed and one had been completed early.',
  'Members exchanged updates on the technical assistance delivered since the last meeting and on the missions planned for the next quarter.',
  'Two entities proposed to combine their planned workshops in the same region into one joint event, to reduce the burden on national authorities.',
  'The group agreed to keep one shared calendar of missions, updated by each entity before the end of every month.',
  'A member recalled that every activity must comply with international human rights law, refugee law and international humanitarian law.',
  'The gender focal point reminded the group that activity reports should give figures disaggregated by sex wherever possible.',
  'Participants discussed how to involve civil society organisations earlier in the design of joint projects.',
  'The group took note of the financing gap of two of its joint projects and asked the secretariat to present options for resource mobilisation.',
  'Several members asked for a short written summary of each regional briefing, so that colleagues unable to attend could follow the discussion.',
  'The chair invited members to send comments on the draft concept note in writing within ten working days.',
  'One entity presented the findings of an internal evaluation of its training programme, including lessons on the follow-up of trainees.',
  'Members noted that requests from Member States often reach several entities at once, and agreed to copy the group mailbox on such requests.',
  'The secretariat presented the document library of the platform and invited members to upload their public products there.',
  'Under any other business, the group welcomed two new focal points and thanked their predecessors for their work.',
  'The next regular meeting will take place in the last month of the following quarter, on a date to be confirmed by the chair.',
  'Action point: the secretariat will circulate a revised matrix of activities by country before the next meeting.',
  'Action point: each member will name a contact person for the joint mapping exercise.',
  'Action point: the chair will report on the progress of {group} in the annual progress report of the Compact.',
  'Members stressed the value of meeting in person at least once a year, budget permitting.',
  'The discussion showed broad agreement on priorities, with different views on the sequencing of activities.',
  'An observer offered to share its roster of experts with the members of the group.',
  'The meeting was closed after two hours; the action points are listed at the end of these minutes.',
];

/** Guidelines, compendiums and handbooks; `{topic}` is their subject. */
const guidancePool: Pool = [
  'This publication is meant for practitioners in national authorities who design, carry out or oversee measures on {topic}.',
  'It draws on the experience of Compact entities and on exchanges with Member States during the regional briefings of 2021 and 2022.',
  'The practices described here are examples, not prescriptions: each country should adapt them to its own legal framework and institutions.',
  'A first principle is that every measure must have a clear basis in national law and be subject to independent oversight.',
  'A second principle is proportionality: the means used should match the threat, and less intrusive options should be preferred when they suffice.',
  'Measures should be assessed for their effect on women, men, girls and boys, and on groups at risk of discrimination.',
  'Authorities are encouraged to involve civil society, the private sector and local communities at the design stage, not only at the end.',
  'Coordination between agencies at the national level is as important as international cooperation, and often harder to achieve.',
  'One practice reported by several countries is a single national focal point who receives and routes every request for assistance.',
  'Another is a training curriculum shared by police officers, prosecutors and judges, so that each understands the constraints of the others.',
  'Data protection rules should be written into information-sharing arrangements from the start.',
  'Where technology is used, authorities should document how it works, who has access to its results and how errors are corrected.',
  'Monitoring and evaluation should be planned with the activity, with a small number of indicators that can actually be measured.',
  'Several examples in this publication come from small administrations with limited resources, which shows that good practice need not be expensive.',
  'The annex lists the Compact entities that can provide technical assistance on each topic, with the channels for requesting it.',
  'Readers will find references to the relevant Security Council resolutions and to the Global Counter-Terrorism Strategy in the footnotes.',
  'Victims and survivors of terrorism should be informed of their rights and be able to take part in the proceedings that concern them.',
  'Practitioners consulted for this publication insisted on clear roles in a crisis, agreed well before any crisis occurs.',
  'Exercises and simulations help institutions test their procedures and discover gaps before they matter.',
  'Lessons learned should be recorded after every exercise or incident and shared with the partners concerned.',
  'International cooperation works best when requests are precise, translated and sent through the agreed channel.',
  'The publication will be reviewed after two years in the light of the comments received from its users.',
  'Comments and suggestions can be sent to the secretariat of the Compact through the platform.',
  'Nothing in this publication should be read as an assessment of any particular country.',
];

/** Concept notes, terms of reference, work plans, reports and newsletters; `{topic}` is their subject. */
const planningPool: Pool = [
  'This paper sets out the purpose, expected results and practical arrangements of the work described in its title.',
  'It was prepared by the lead entity with contributions from the members of the working group concerned.',
  'The work responds to needs expressed by Member States in recent requests for assistance and during regional briefings.',
  'Its objective is to strengthen the capacity of national authorities on {topic}, in line with the Global Counter-Terrorism Strategy.',
  'Expected results include a shared understanding of priorities, a list of follow-up activities and named contact points in each participating entity.',
  'Participants will include officials from national authorities, experts from Compact entities and, where appropriate, representatives of civil society.',
  'Sessions will be held in English and French, with interpretation into Arabic and Spanish if resources allow.',
  'A draft agenda is attached; it will be revised after consultation with the host and the participating entities.',
  'The lead entity will cover the costs of the venue and interpretation; other entities are invited to fund the participation of their experts.',
  'Risks include changes in the security situation, the availability of key officials and delays in funding.',
  'To manage these risks, meetings can be held online or postponed by up to three months.',
  'Gender equality will be considered in the choice of speakers and participants, with a target of at least forty per cent women.',
  'Results will be measured through a short survey of participants and a review of follow-up requests after six months.',
  'A summary of the outcomes will be shared with the Coordination Committee and published on the platform at the appropriate level.',
  'This paper will be updated once the dates and the host are confirmed.',
  'Entities interested in contributing are invited to contact the secretariat of the Compact.',
  'The work builds on earlier projects of several entities and avoids duplicating projects already under way.',
  'A mapping of ongoing projects shows gaps in the training of prosecutors and in support to border services.',
  'Coordination with resident coordinators and United Nations country teams will be ensured throughout.',
  'The budget estimate is indicative and will be refined with the participating entities.',
  'Human rights and the rule of law are treated as cross-cutting concerns in every session rather than as a separate item.',
  'The timeline foresees two months of preparation, two days of meetings and six months of follow-up.',
  'Lessons from this work will feed the next work plan of the working group.',
  'The secretariat will keep a record of decisions and circulate it to all participants.',
];

/** CTED country assessment reports; `{country}` is the Member State visited. */
const assessmentPool: Pool = [
  'The visit team met officials from the ministries of foreign affairs, justice and the interior, the financial intelligence unit and the border services.',
  'The team also met representatives of civil society, the national human rights institution and the private sector.',
  'Since the previous assessment, {country} has adopted new legislation and strengthened coordination between its agencies.',
  'The report notes progress in the use of advance passenger information, while the use of passenger name record data is at an early stage.',
  'Border crossing points visited by the team had access to international databases, but not all secondary posts were connected.',
  'The financial intelligence unit has grown in staff and received more suspicious transaction reports than in previous years.',
  'The team recommends a risk assessment of the non-profit sector, carried out in consultation with the organisations concerned.',
  'Prosecutors and judges would benefit from further training on the use of digital evidence obtained abroad.',
  'The authorities described their approach to the prosecution, rehabilitation and reintegration of returning individuals and their families.',
  'The team encourages {country} to ensure that measures against terrorism respect human rights and the rule of law, including the right to a fair trial.',
  'Measures concerning children should be guided by the best interests of the child.',
  'The report identifies technical assistance needs that Compact entities may help to meet, listed by priority in the annex.',
  'The authorities expressed interest in support for the protection of critical infrastructure and of soft targets.',
  'Cooperation with neighbouring States on mutual legal assistance and extradition has improved, though requests still take many months.',
  'The team welcomed the national strategy for the prevention of violent extremism and its attention to the role of women and young people.',
  'The recommendations are addressed to the authorities of {country}; their implementation will be discussed in a future dialogue.',
  'This report is shared with United Nations entities only, so that they can align their technical assistance with its recommendations.',
  'Entities planning activities in {country} are invited to consult CTED before contacting the authorities.',
  'The findings reflect the situation at the time of the visit and may have changed since.',
  'The visit was carried out jointly with experts from two other Compact entities, who contributed the sections on their areas of work.',
  'The team thanks the authorities of {country} for their cooperation and for the arrangements made for the visit.',
  'Annex I lists the recommendations; annex II lists the technical assistance needs and the entities that may address them.',
];

/** French editions of guidance and newsletters; `{sujet}` is their subject. */
const frenchPool: Pool = [
  'Ce document s’adresse aux praticiens des autorités nationales chargés de concevoir, de mettre en œuvre ou de contrôler des mesures relatives à {sujet}.',
  'Il s’appuie sur l’expérience des entités du Pacte et sur les échanges avec les États Membres lors des réunions d’information régionales de 2021 et 2022.',
  'Les pratiques décrites ici sont des exemples et non des prescriptions : chaque pays doit les adapter à son propre cadre juridique.',
  'Toute mesure doit reposer sur une base claire en droit interne et être soumise à un contrôle indépendant.',
  'Les moyens employés doivent être proportionnés à la menace, et les options les moins intrusives doivent être préférées lorsqu’elles suffisent.',
  'Les effets des mesures sur les femmes, les hommes, les filles et les garçons doivent être évalués dès la conception.',
  'Les autorités sont encouragées à associer la société civile, le secteur privé et les communautés locales dès le départ.',
  'La coordination entre les services au niveau national est aussi importante que la coopération internationale, et souvent plus difficile à obtenir.',
  'Plusieurs pays ont désigné un point focal national unique qui reçoit et oriente toutes les demandes d’assistance.',
  'D’autres ont mis en place un programme de formation commun aux policiers, aux procureurs et aux juges.',
  'Les règles de protection des données doivent figurer dès l’origine dans les accords d’échange d’informations.',
  'Le suivi et l’évaluation doivent être prévus avec l’activité, à l’aide d’un petit nombre d’indicateurs réellement mesurables.',
  'Les victimes et les survivants du terrorisme doivent être informés de leurs droits et pouvoir participer aux procédures qui les concernent.',
  'Les exercices et les simulations permettent aux institutions de tester leurs procédures et de repérer les lacunes avant qu’elles ne comptent.',
  'Les enseignements tirés de chaque exercice ou incident doivent être consignés et partagés avec les partenaires concernés.',
  'La coopération internationale fonctionne mieux lorsque les demandes sont précises, traduites et transmises par le canal convenu.',
  'L’annexe énumère les entités du Pacte qui peuvent fournir une assistance technique sur chaque thème.',
  'Les résolutions pertinentes du Conseil de sécurité et la Stratégie antiterroriste mondiale des Nations Unies sont citées en notes.',
  'Les observations et suggestions peuvent être adressées au secrétariat du Pacte par l’intermédiaire de la plateforme.',
  'Ce document sera révisé dans deux ans à la lumière des observations reçues.',
  'Rien dans ce document ne doit être lu comme une évaluation d’un pays en particulier.',
  'Les groupes de travail ont échangé des informations sur l’assistance technique fournie depuis leur dernière réunion.',
];

/** French edition of a CTED assessment; `{pays}` is the Member State visited. */
const frenchAssessmentPool: Pool = [
  'L’équipe a rencontré des représentants des ministères des affaires étrangères, de la justice et de l’intérieur, de la cellule de renseignement financier et des services frontaliers.',
  'Elle a également rencontré des représentants de la société civile, de l’institution nationale des droits de l’homme et du secteur privé.',
  'Depuis l’évaluation précédente, {pays} a adopté une nouvelle législation et renforcé la coordination entre ses services.',
  'Le rapport relève des progrès dans l’utilisation des informations préalables sur les voyageurs.',
  'Les points de passage visités avaient accès aux bases de données internationales, mais tous les postes secondaires n’y étaient pas reliés.',
  'L’équipe recommande une évaluation des risques du secteur non lucratif, menée en consultation avec les organisations concernées.',
  'Les procureurs et les juges gagneraient à être mieux formés à l’utilisation des preuves numériques obtenues à l’étranger.',
  'L’équipe encourage {pays} à veiller à ce que les mesures antiterroristes respectent les droits de l’homme et l’état de droit.',
  'Les mesures concernant les enfants doivent être guidées par l’intérêt supérieur de l’enfant.',
  'Le rapport recense les besoins d’assistance technique auxquels les entités du Pacte peuvent répondre, classés par priorité en annexe.',
  'La coopération avec les États voisins en matière d’entraide judiciaire et d’extradition s’est améliorée, même si les demandes prennent encore plusieurs mois.',
  'Ce rapport n’est communiqué qu’aux entités des Nations Unies, afin qu’elles alignent leur assistance technique sur ses recommandations.',
  'Les constatations reflètent la situation au moment de la visite et peuvent avoir évolué depuis.',
  'L’équipe remercie les autorités de {pays} de leur coopération et des dispositions prises pour la visite.',
];

/** The Arabic edition of the mangrove guidelines. */
const arabicPool: Pool = [
  'تهدف هذه المبادئ التوجيهية إلى مساعدة السلطات الوطنية ومشغلي الموانئ على حماية البنية التحتية الساحلية.',
  'تستند هذه الوثيقة إلى خبرات كيانات الاتفاق وإلى المشاورات مع الدول الأعضاء خلال عامي 2021 و2022.',
  'يجب أن يكون لكل تدبير أساس واضح في القانون الوطني وأن يخضع لرقابة مستقلة.',
  'ينبغي أن تحترم جميع التدابير حقوق الإنسان وسيادة القانون.',
  'يساعد التنسيق بين الوكالات الوطنية على تبادل المعلومات في الوقت المناسب.',
  'تساعد التمارين والمحاكاة المؤسسات على اختبار إجراءاتها واكتشاف الثغرات.',
  'ينبغي إشراك المجتمع المدني والقطاع الخاص والمجتمعات المحلية منذ البداية.',
  'يرد في المرفق بيان بالكيانات التي يمكنها تقديم المساعدة التقنية.',
  'يمكن إرسال التعليقات والاقتراحات إلى أمانة الاتفاق عن طريق المنصة.',
  'لا يتضمن هذا النص أي تقييم لبلد بعينه.',
];

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * `count` different sentences of a pool, the same ones for the same seed: a stride prime to the pool's
 * length visits every sentence once before any comes back.
 */
function pick(pool: Pool, seed: number, count: number): string[] {
  const n = pool.length;
  let stride = 1 + (seed % (n - 1));
  while (gcd(stride, n) !== 1) stride++;
  return Array.from({ length: Math.min(count, n) }, (_, i) => pool[(seed + i * stride) % n] as string);
}

/** Deterministic prose: the document's own sentences, then `count` from a pool, in paragraphs of 4-5. */
function prose(
  pool: Pool,
  seed: number,
  lead: readonly string[],
  vars: Record<string, string> = {},
  count = 20,
): string[] {
  const sentences = [...lead, ...pick(pool, seed, count)].map((sentence) =>
    sentence.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole),
  );
  const paragraphs: string[] = [];
  for (let start = 0; start < sentences.length; ) {
    const size = (seed + paragraphs.length) % 2 === 0 ? 5 : 4;
    paragraphs.push(sentences.slice(start, start + size).join(' '));
    start += size;
  }
  return paragraphs;
}

const edition = (
  language: UnLanguage,
  title: string,
  paragraphs: string[],
  format: 'pdf' | 'docx' = 'pdf',
  note?: string,
): DemoEdition => ({ language, title, paragraphs, format, ...(note ? { note } : {}) });

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const longDate = (day: string) =>
  `${Number(day.slice(8, 10))} ${months[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

const ctedReport = (
  country: string,
  iso3: string,
  region: string,
  day: string,
  seed: number,
  french?: { pays: string; titre: string },
): DemoDocument => {
  const title = `Country assessment report: ${country} (follow-up visit)`;
  const editions = [
    edition(
      'en',
      title,
      prose(
        assessmentPool,
        seed,
        [
          `This report summarises a fictional follow-up visit to ${country} conducted on behalf of the Counter-Terrorism Committee.`,
          `Nothing in it describes the real situation of ${country} or any real assessment by CTED.`,
          'The lanternfish recommendations below concern border management, criminal justice and the financing of terrorism.',
        ],
        { country },
      ),
      'docx',
    ),
  ];
  if (french)
    editions.push(
      edition(
        'fr',
        french.titre,
        prose(
          frenchAssessmentPool,
          seed,
          [
            `Ce rapport résume une visite de suivi fictive en ${french.pays}, effectuée au nom du Comité contre le terrorisme.`,
            `Rien dans ce texte ne décrit la situation réelle du pays ni une évaluation réelle de la Direction exécutive.`,
            'Les recommandations lanternfish portent sur la gestion des frontières, la justice pénale et le financement du terrorisme.',
          ],
          { pays: french.pays },
        ),
        'docx',
      ),
    );
  return {
    title,
    type: 'assessment-report',
    level: 'un_system',
    owner: 'cted',
    countries: [iso3],
    regions: [region],
    themes: ['border management', 'criminal justice', 'countering the financing of terrorism'],
    pillars: [2, 4],
    resolutions: ['S/RES/1373 (2001)', 'S/RES/2396 (2017)'],
    publishedOn: day,
    summary: `CTED's fictional follow-up assessment of ${country}, shared with United Nations entities only.`,
    editions,
  };
};

const minutes = (
  body: string,
  group: string,
  day: string,
  seed: number,
  pillars: number[],
  inText = group,
): DemoDocument => {
  const title = `${group}: minutes of the meeting of ${longDate(day)}`;
  return {
    title,
    type: 'minutes',
    level: 'compact',
    owner: 'unoct',
    bodies: [body],
    pillars,
    publishedOn: day,
    summary: `Fictional minutes of the ${group} meeting of ${longDate(day)}.`,
    editions: [
      edition(
        'en',
        title,
        prose(
          meetingPool,
          seed,
          [`These minutes record a fictional meeting of ${inText} on ${longDate(day)}.`],
          {
            group: inText,
          },
        ),
      ),
    ],
  };
};

export const demoDocuments: DemoDocument[] = [
  // Public: guidelines, compendiums, handbooks, newsletters, an infographic's notes, a conference report.
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
      edition(
        'en',
        'Compendium of good practices on border security and management',
        prose(guidancePool, 1, ['The kestrel practice pairs border posts on both sides of a frontier.'], {
          topic: 'border security and management',
        }),
      ),
      edition(
        'fr',
        'Recueil de bonnes pratiques en matière de sécurité et de gestion des frontières',
        prose(
          frenchPool,
          1,
          ['La pratique kestrel associe des postes frontières de part et d’autre d’une frontière.'],
          { sujet: 'la sécurité et la gestion des frontières' },
        ),
      ),
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
    summary: 'Guidelines for the operators of coastal infrastructure.',
    editions: [
      edition(
        'en',
        'Guidelines on protecting mangrove coast infrastructure from terrorist attacks',
        prose(guidancePool, 2, ['Ports on mangrove coasts need layered protection.'], {
          topic: 'the protection of coastal infrastructure',
        }),
      ),
      edition(
        'fr',
        'Lignes directrices sur la protection des infrastructures côtières de mangrove',
        prose(frenchPool, 2, ['Les ports des côtes de mangrove ont besoin d’une protection en couches.'], {
          sujet: 'la protection des infrastructures côtières',
        }),
      ),
      edition(
        'ar',
        'مبادئ توجيهية بشأن حماية البنية التحتية الساحلية',
        prose(arabicPool, 2, ['تحتاج موانئ سواحل المانغروف إلى حماية متعددة الطبقات.']),
        'docx',
      ),
    ],
  },
  {
    title: 'Compact newsletter, issue 2 (2021)',
    type: 'newsletter',
    level: 'public',
    owner: 'unoct',
    publishedOn: '2021-12-10',
    summary: 'News from the working groups in the second half of 2021.',
    editions: [
      edition(
        'en',
        'Compact newsletter, issue 2 (2021)',
        prose(planningPool, 3, ['The heron issue looks back on the seventh review of the Strategy.'], {
          topic: 'coordinated technical assistance',
        }),
      ),
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
      edition(
        'en',
        'Compact newsletter, issue 4 (2022)',
        prose(planningPool, 4, ['The heron issue reports on the Dushanbe conference that closed the year.'], {
          topic: 'border cooperation',
        }),
      ),
      edition(
        'fr',
        'Lettre d’information du Pacte, numéro 4 (2022)',
        prose(
          frenchPool,
          4,
          ['Le numéro heron rend compte de la conférence de Douchanbé qui a clos l’année.'],
          {
            sujet: 'la coopération aux frontières',
          },
        ),
      ),
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
    resolutions: ['A/RES/75/291'],
    publishedOn: '2021-11-02',
    summary: 'A handbook for national authorities.',
    editions: [
      edition(
        'en',
        'Handbook on human rights-compliant responses to terrorism',
        prose(guidancePool, 5, [], { topic: 'human rights in counter-terrorism' }),
        'docx',
      ),
    ],
  },
  {
    title: 'Infographic notes: the Compact in numbers',
    type: 'infographic',
    level: 'public',
    owner: 'unoct',
    publishedOn: '2022-12-20',
    summary: 'The figures behind the 2022 infographic.',
    editions: [
      edition(
        'en',
        'Infographic notes: the Compact in numbers',
        prose(planningPool, 6, ['Forty-five entities and eight working groups took part in 2022.'], {
          topic: 'coordination',
        }),
      ),
    ],
  },
  {
    title: 'Guidelines on preventing violent extremism through education',
    type: 'guidelines',
    level: 'public',
    owner: 'unesco',
    bodies: ['pcve'],
    themes: ['prevention of violent extremism', 'education'],
    pillars: [1],
    publishedOn: '2021-09-21',
    summary: 'For teachers and school leaders.',
    editions: [
      edition(
        'en',
        'Guidelines on preventing violent extremism through education',
        prose(guidancePool, 7, [], { topic: 'education for the prevention of violent extremism' }),
      ),
    ],
  },
  {
    title: 'Report on the Dushanbe conference, 18-19 October 2022',
    type: 'report',
    level: 'public',
    owner: 'unoct',
    regions: ['Asia'],
    countries: ['TJK'],
    themes: ['border management'],
    publishedOn: '2022-11-10',
    summary: 'Outcomes of the high-level conference.',
    editions: [
      edition(
        'en',
        'Report on the Dushanbe conference, 18-19 October 2022',
        prose(planningPool, 8, ['Border cooperation was the main theme of the conference.'], {
          topic: 'border security',
        }),
      ),
    ],
  },

  // Member States: concept notes and presentations for the regional briefings.
  {
    title: 'Concept note: regional briefing for African Member States',
    type: 'concept-note',
    level: 'member_states',
    owner: 'unoct',
    regions: ['Africa'],
    publishedOn: '2022-05-10',
    summary: 'The briefing of 31 May 2022.',
    editions: [
      edition(
        'en',
        'Concept note: regional briefing for African Member States',
        prose(planningPool, 9, ['The briefing takes place on 31 May 2022.'], {
          topic: 'requesting Compact support',
        }),
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
    editions: [
      edition(
        'en',
        'Concept note: regional briefing for Asia-Pacific Member States',
        prose(planningPool, 10, ['The briefing takes place on 29 September 2022.'], {
          topic: 'requesting Compact support',
        }),
      ),
    ],
  },
  {
    title: 'Presentation: the seventh review of the Global Counter-Terrorism Strategy',
    type: 'presentation',
    level: 'member_states',
    owner: 'unoct',
    pillars: [1, 2, 3, 4],
    resolutions: ['A/RES/75/291'],
    publishedOn: '2021-07-06',
    summary: 'Notes for the slides on the seventh review.',
    editions: [
      edition(
        'en',
        'Presentation: the seventh review of the Global Counter-Terrorism Strategy',
        prose(planningPool, 11, [], { topic: 'the four pillars of the Strategy' }),
      ),
    ],
  },
  {
    title: 'Information note: how Member States request technical assistance through the Compact',
    type: 'other',
    level: 'member_states',
    owner: 'unoct',
    publishedOn: '2022-01-20',
    summary: 'One channel for requests to several entities.',
    editions: [
      edition(
        'en',
        'Information note: how Member States request technical assistance through the Compact',
        prose(planningPool, 12, [], { topic: 'requesting technical assistance' }),
        'docx',
      ),
    ],
  },

  // Compact: terms of reference, minutes of the working groups and of the Coordination Committee.
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
      edition(
        'en',
        'ETCIP terms of reference',
        prose(planningPool, 13, ['This draft was submitted to the members for review.'], {
          topic: 'emerging threats and critical infrastructure',
        }),
        'pdf',
        'Draft for review by the members.',
      ),
      edition(
        'en',
        'ETCIP terms of reference',
        prose(
          planningPool,
          13,
          ['This version was reviewed by the members and sent to the Coordination Committee.'],
          {
            topic: 'emerging threats and critical infrastructure',
          },
        ),
        'pdf',
        'Reviewed by the members and sent to the Coordination Committee.',
      ),
    ],
  },
  {
    title: 'PCVE terms of reference',
    type: 'terms-of-reference',
    level: 'compact',
    owner: 'unoct',
    bodies: ['pcve'],
    pillars: [1],
    publishedOn: '2021-04-12',
    summary: 'Terms of reference of the working group on preventing and countering violent extremism.',
    editions: [
      edition(
        'en',
        'PCVE terms of reference',
        prose(planningPool, 14, [], { topic: 'the prevention of violent extremism' }),
        'docx',
      ),
    ],
  },
  minutes('etcip', 'ETCIP', '2022-03-10', 15, [2]),
  minutes('etcip', 'ETCIP', '2022-06-09', 16, [2]),
  minutes('etcip', 'ETCIP', '2022-09-15', 17, [2]),
  minutes('bmle', 'BMLE', '2022-04-21', 18, [2]),
  minutes('pcve', 'PCVE', '2022-05-19', 19, [1]),
  minutes('cjlrcft', 'CJLRCFT', '2022-10-13', 20, [4]),
  minutes('gender', 'Gender working group', '2022-11-17', 21, [4], 'the Gender working group'),
  minutes(
    'coordination-committee',
    'Coordination Committee',
    '2022-06-08',
    22,
    [1, 2, 3, 4],
    'the Coordination Committee',
  ),
  {
    title: 'Report on joint resource mobilisation, 2021-2022',
    type: 'report',
    level: 'compact',
    owner: 'unoct',
    themes: ['resource mobilisation'],
    publishedOn: '2022-12-01',
    summary: 'What the Compact raised together, and for what.',
    editions: [
      edition(
        'en',
        'Report on joint resource mobilisation, 2021-2022',
        prose(planningPool, 23, [], { topic: 'joint resource mobilisation' }),
        'docx',
      ),
    ],
  },
  {
    title: 'Rule of law and the financing of terrorism: a primer',
    type: 'handbook',
    level: 'compact',
    owner: 'unodc',
    bodies: ['cjlrcft'],
    themes: ['countering the financing of terrorism'],
    pillars: [4],
    resolutions: ['S/RES/2462 (2019)'],
    publishedOn: '2022-02-02',
    summary: 'A primer for Compact entities.',
    editions: [
      edition(
        'en',
        'Rule of law and the financing of terrorism: a primer',
        prose(guidancePool, 24, [], { topic: 'countering the financing of terrorism' }),
        'docx',
      ),
    ],
  },

  // United Nations system: CTED's country assessments (a French edition for Morocco) and a UNOCT mapping.
  ctedReport('Kenya', 'KEN', 'Africa', '2022-02-14', 25),
  ctedReport('Indonesia', 'IDN', 'Asia', '2022-04-04', 26),
  ctedReport('Tajikistan', 'TJK', 'Asia', '2022-07-18', 27),
  ctedReport('Peru', 'PER', 'Americas', '2022-09-26', 28),
  ctedReport('Morocco', 'MAR', 'Africa', '2021-10-11', 29, {
    pays: 'Maroc',
    titre: 'Rapport d’évaluation de pays : Maroc (visite de suivi)',
  }),
  {
    title: 'Mapping of capacity-building projects in Central Asia',
    type: 'report',
    level: 'un_system',
    owner: 'unoct',
    regions: ['Asia'],
    countries: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'],
    publishedOn: '2022-03-04',
    summary: 'Prepared for the Tashkent conference of 4 March 2022.',
    editions: [
      edition(
        'en',
        'Mapping of capacity-building projects in Central Asia',
        prose(planningPool, 30, [], { topic: 'capacity-building in Central Asia' }),
        'docx',
      ),
    ],
  },

  // Body: working papers of ETCIP and BMLE, for their members.
  {
    title: 'ETCIP working paper: drones and soft targets',
    type: 'report',
    level: 'body',
    body: 'etcip',
    owner: 'unicri',
    bodies: ['etcip'],
    themes: ['emerging threats'],
    pillars: [2],
    resolutions: ['S/RES/2341 (2017)'],
    publishedOn: '2022-05-05',
    summary: 'For ETCIP members only.',
    editions: [
      edition(
        'en',
        'ETCIP working paper: drones and soft targets',
        prose(planningPool, 31, ['The tamarisk scenario tests the response to a drone over a stadium.'], {
          topic: 'the protection of soft targets',
        }),
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
    themes: ['emerging threats'],
    publishedOn: '2022-10-03',
    summary: 'Scenario for the exercise, for ETCIP members only.',
    editions: [
      edition(
        'en',
        'ETCIP tabletop exercise scenario',
        prose(planningPool, 32, ['A chemical release at the tamarisk plant is assumed.'], {
          topic: 'chemical incident response',
        }),
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
    pillars: [2],
    publishedOn: '2022-11-28',
    summary: 'For BMLE members only.',
    editions: [
      edition(
        'en',
        'BMLE draft work plan 2023-2024',
        prose(planningPool, 33, [], { topic: 'border management and law enforcement' }),
      ),
    ],
  },

  // Named: papers shared with two or three entities.
  {
    title: 'Joint project proposal on quarry explosives control',
    type: 'concept-note',
    level: 'named',
    owner: 'unodc',
    namedEntities: ['interpol', 'wco'],
    themes: ['explosives'],
    pillars: [2],
    publishedOn: '2022-08-08',
    summary: 'Shared with INTERPOL and WCO.',
    editions: [
      edition(
        'en',
        'Joint project proposal on quarry explosives control',
        prose(planningPool, 34, ['Explosives diverted from quarry sites are a known source for attacks.'], {
          topic: 'the control of commercial explosives',
        }),
      ),
    ],
  },
  {
    title: 'Data-sharing arrangement for watch lists (draft)',
    type: 'other',
    level: 'named',
    owner: 'interpol',
    namedEntities: ['unoct', 'cted'],
    resolutions: ['S/RES/2396 (2017)'],
    publishedOn: '2022-10-20',
    summary: 'Shared with UNOCT and CTED.',
    editions: [
      edition(
        'en',
        'Data-sharing arrangement for watch lists (draft)',
        prose(planningPool, 35, ['Data from the quarry explosives project would be kept apart.'], {
          topic: 'the sharing of watch-list data',
        }),
        'docx',
      ),
    ],
  },
  {
    title: 'Follow-up matrix of joint technical assistance, 2022',
    type: 'report',
    level: 'named',
    owner: 'cted',
    namedEntities: ['unoct', 'unodc', 'interpol'],
    pillars: [2, 4],
    publishedOn: '2022-12-12',
    summary: 'Shared with UNOCT, UNODC and INTERPOL.',
    editions: [
      edition(
        'en',
        'Follow-up matrix of joint technical assistance, 2022',
        prose(planningPool, 36, ['The matrix tracks the quarry explosives project among others.'], {
          topic: 'joint technical assistance',
        }),
      ),
    ],
  },
];

/** The secretariat adds the demo documents, each on behalf of the entity it names as owner. */
const demoActor: Actor = { kind: 'secretariat', userId: 'demo-data', entityId: null };

/** The paragraphs of a file: the demo notice first, in English and in the edition's language. */
export function demoParagraphs(edition: DemoEdition): string[] {
  const translated = translatedNotice[edition.language];
  return [demoNotice, ...(translated ? [translated] : []), ...edition.paragraphs];
}

/**
 * The text of an edition's file, as the extraction worker gives it up to line breaks: the worker breaks
 * lines where the PDF wraps them, this keeps one line a paragraph. The words, hence the search, are the same.
 */
export function demoText(edition: DemoEdition): string {
  return [edition.title, ...demoParagraphs(edition)].join('\n');
}

async function store(blobs: BlobStore, edition: DemoEdition): Promise<UploadedFile> {
  const sample = { title: edition.title, paragraphs: demoParagraphs(edition) };
  const bytes = edition.format === 'pdf' ? await pdfOf(sample) : docxOf(sample);
  const stored = await blobs.put(
    (async function* () {
      yield bytes;
    })(),
    Number.MAX_SAFE_INTEGER,
  );
  const slug =
    edition.title
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || `document-${edition.language}`;
  return { ...stored, fileType: edition.format, fileName: `${slug}.${edition.format}` };
}

const inputOf = (demo: DemoDocument, first: DemoEdition): NewDocumentInput => ({
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
  note: first.note ?? null,
});

/**
 * Loads the demo documents into a library that has none; answers how many, or null when it already had
 * documents. They go through `createDocument` and `addVersion`, so the same rules, search index and audit
 * apply as for an upload. The text of each file is known, so it is written with each version (status
 * `done`) instead of waiting for the extraction worker: the demo is searchable the moment it starts, and
 * 40 worker threads parsing files do not slow the first minute of a small server.
 */
export async function loadDemoDocumentsIfEmpty(
  db: Db,
  blobs: BlobStore,
  today: string = currentDay(),
): Promise<number | null> {
  const [existing] = await db.select({ id: documents.id }).from(documents).limit(1);
  if (existing) return null;
  for (const demo of demoDocuments) {
    const [first, ...others] = demo.editions;
    if (!first) continue;
    const id = await createDocument(db, demoActor, inputOf(demo, first), await store(blobs, first), today);
    const texts = new Map([[`${first.language}:1`, demoText(first)]]);
    for (const other of others) {
      const number = await addVersion(
        db,
        demoActor,
        id,
        { language: other.language, note: other.note ?? null, title: other.title },
        await store(blobs, other),
      );
      texts.set(`${other.language}:${number}`, demoText(other));
    }
    await db.transaction(async (tx) => {
      const versions = await tx
        .select({
          id: documentVersions.id,
          language: documentEditions.language,
          number: documentVersions.number,
        })
        .from(documentVersions)
        .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
        .where(eq(documentEditions.documentId, id));
      for (const version of versions) {
        const text = texts.get(`${version.language}:${version.number}`);
        if (text === undefined) continue;
        await tx
          .update(documentVersions)
          .set({ extractionStatus: 'done', extractedText: text })
          .where(eq(documentVersions.id, version.id));
      }
      await refreshSearchIndex(tx, id);
    });
  }
  return demoDocuments.length;
}
