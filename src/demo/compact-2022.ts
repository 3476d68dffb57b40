/**
 * The Counter-Terrorism Compact as its 2022 annual progress report describes it (shared/seed), with the
 * gaps the report leaves filled by plainly fictional but plausible values (ADR 0008). Facts from the report:
 * 45 entities (41 UN, plus INTERPOL, WCO, IPU and FATF), UNITAD and FATF joining in April 2022, the
 * Coordination Committee chaired by the head of UNOCT, the eight working groups and their pillars, and
 * ETCIP's 2022 chair rotation (UNICRI in Q1-Q2, OPCW in Q3, INTERPOL in Q4). Everything after 2022 is fictional.
 */
import type { LocalizedText } from '../web/i18n/locales.ts';

export interface DemoEntity {
  acronym: string;
  name: LocalizedText;
  kind: 'un' | 'non_un';
  status: 'member' | 'observer';
  joinedOn: string;
  website?: string;
}

/** The day the Secretary-General and the heads of the founding entities signed the Compact. */
export const compactSigned = '2018-02-23';

const founding = (
  acronym: string,
  en: string,
  fr: string,
  extra: Partial<DemoEntity> & { ar?: string } = {},
): DemoEntity => {
  const { ar, ...rest } = extra;
  return {
    acronym,
    name: ar ? { en, fr, ar } : { en, fr },
    kind: 'un',
    status: 'member',
    joinedOn: compactSigned,
    ...rest,
  };
};

export const demoEntities: DemoEntity[] = [
  founding(
    'CTED',
    'Counter-Terrorism Committee Executive Directorate',
    'Direction exécutive du Comité contre le terrorisme',
    {
      ar: 'المديرية التنفيذية للجنة مكافحة الإرهاب',
    },
  ),
  founding(
    'DESA',
    'Department of Economic and Social Affairs',
    'Département des affaires économiques et sociales',
  ),
  founding('DGC', 'Department of Global Communications', 'Département de la communication globale'),
  founding('DPO', 'Department of Peace Operations', 'Département des opérations de paix'),
  founding(
    'DPPA',
    'Department of Political and Peacebuilding Affairs',
    'Département des affaires politiques et de la consolidation de la paix',
  ),
  founding('DSS', 'Department of Safety and Security', 'Département de la sûreté et de la sécurité'),
  founding('EOSG', 'Executive Office of the Secretary-General', 'Cabinet du Secrétaire général'),
  founding('IAEA', 'International Atomic Energy Agency', "Agence internationale de l'énergie atomique", {
    ar: 'الوكالة الدولية للطاقة الذرية',
  }),
  founding(
    'ICAO',
    'International Civil Aviation Organization',
    "Organisation de l'aviation civile internationale",
    {
      ar: 'منظمة الطيران المدني الدولي',
    },
  ),
  founding('IMF', 'International Monetary Fund', 'Fonds monétaire international', {
    status: 'observer',
    ar: 'صندوق النقد الدولي',
  }),
  founding('IMO', 'International Maritime Organization', 'Organisation maritime internationale', {
    ar: 'المنظمة البحرية الدولية',
  }),
  founding(
    'IOM',
    'International Organization for Migration',
    'Organisation internationale pour les migrations',
    {
      ar: 'المنظمة الدولية للهجرة',
    },
  ),
  founding('ODA', 'Office for Disarmament Affairs', 'Bureau des affaires de désarmement'),
  founding(
    'OCHA',
    'Office for the Coordination of Humanitarian Affairs',
    'Bureau de la coordination des affaires humanitaires',
  ),
  founding(
    'OHCHR',
    'Office of the United Nations High Commissioner for Human Rights',
    'Haut-Commissariat des Nations Unies aux droits de l’homme',
    {
      ar: 'مفوضية الأمم المتحدة السامية لحقوق الإنسان',
    },
  ),
  founding('OLA', 'Office of Legal Affairs', 'Bureau des affaires juridiques'),
  founding(
    'OSAPG',
    'Office on Genocide Prevention and the Responsibility to Protect',
    'Bureau pour la prévention du génocide et la responsabilité de protéger',
  ),
  founding(
    'OSRSG-CAAC',
    'Office of the Special Representative of the Secretary-General for Children and Armed Conflict',
    'Bureau de la Représentante spéciale du Secrétaire général pour le sort des enfants en temps de conflit armé',
  ),
  founding(
    'OSRSG-SVC',
    'Office of the Special Representative of the Secretary-General on Sexual Violence in Conflict',
    'Bureau de la Représentante spéciale du Secrétaire général chargée de la question des violences sexuelles commises en période de conflit',
  ),
  founding(
    'OSRSG-VAC',
    'Office of the Special Representative of the Secretary-General on Violence against Children',
    'Bureau de la Représentante spéciale du Secrétaire général chargée de la question de la violence contre les enfants',
  ),
  founding(
    'OPCW',
    'Organisation for the Prohibition of Chemical Weapons',
    "Organisation pour l'interdiction des armes chimiques",
    {
      ar: 'منظمة حظر الأسلحة الكيميائية',
    },
  ),
  founding(
    'MT-1267',
    'Analytical Support and Sanctions Monitoring Team (1267 Monitoring Team)',
    "Équipe d'appui analytique et de surveillance des sanctions (Équipe de surveillance 1267)",
  ),
  founding('1540-GOE', 'Group of Experts of the 1540 Committee', "Groupe d'experts du Comité 1540"),
  founding(
    'SRCT',
    'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism',
    'Rapporteuse spéciale sur la promotion et la protection des droits de l’homme et des libertés fondamentales dans la lutte antiterroriste',
    { joinedOn: '2018-06-01' },
  ),
  founding(
    'UNAOC',
    'United Nations Alliance of Civilizations',
    'Alliance des civilisations de l’Organisation des Nations Unies',
  ),
  founding(
    'UNDP',
    'United Nations Development Programme',
    'Programme des Nations Unies pour le développement',
    {
      ar: 'برنامج الأمم المتحدة الإنمائي',
    },
  ),
  founding(
    'UNESCO',
    'United Nations Educational, Scientific and Cultural Organization',
    "Organisation des Nations Unies pour l'éducation, la science et la culture",
    {
      ar: 'منظمة الأمم المتحدة للتربية والعلم والثقافة',
    },
  ),
  founding(
    'UNHCR',
    'Office of the United Nations High Commissioner for Refugees',
    'Haut-Commissariat des Nations Unies pour les réfugiés',
    {
      ar: 'مفوضية الأمم المتحدة لشؤون اللاجئين',
    },
  ),
  founding('UNICEF', "United Nations Children's Fund", "Fonds des Nations Unies pour l'enfance", {
    ar: 'منظمة الأمم المتحدة للطفولة',
  }),
  founding(
    'UNICRI',
    'United Nations Interregional Crime and Justice Research Institute',
    'Institut interrégional de recherche des Nations Unies sur la criminalité et la justice',
  ),
  founding(
    'UNIDIR',
    'United Nations Institute for Disarmament Research',
    'Institut des Nations Unies pour la recherche sur le désarmement',
  ),
  founding(
    'UNITAR',
    'United Nations Institute for Training and Research',
    'Institut des Nations Unies pour la formation et la recherche',
    { joinedOn: '2019-06-14' },
  ),
  founding('UNMAS', 'United Nations Mine Action Service', "Service de la lutte antimines de l'ONU", {
    joinedOn: '2019-03-05',
  }),
  founding('UNOCT', 'United Nations Office of Counter-Terrorism', 'Bureau de lutte contre le terrorisme', {
    ar: 'مكتب الأمم المتحدة لمكافحة الإرهاب',
  }),
  founding(
    'UNODC',
    'United Nations Office on Drugs and Crime',
    'Office des Nations Unies contre la drogue et le crime',
    {
      ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة',
    },
  ),
  founding(
    'UNRCCA',
    'United Nations Regional Centre for Preventive Diplomacy for Central Asia',
    'Centre régional des Nations Unies pour la diplomatie préventive en Asie centrale',
    { joinedOn: '2020-02-11' },
  ),
  founding(
    'UN-Women',
    'United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women)',
    "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes (ONU-Femmes)",
    {
      ar: 'هيئة الأمم المتحدة للمساواة بين الجنسين وتمكين المرأة',
    },
  ),
  founding('UPU', 'Universal Postal Union', 'Union postale universelle', {
    status: 'observer',
    joinedOn: '2020-09-21',
  }),
  founding('WHO', 'World Health Organization', 'Organisation mondiale de la Santé', {
    ar: 'منظمة الصحة العالمية',
  }),
  founding('WBG', 'World Bank Group', 'Groupe de la Banque mondiale', {
    status: 'observer',
    ar: 'مجموعة البنك الدولي',
  }),
  founding(
    'UNITAD',
    'United Nations Investigative Team to Promote Accountability for Crimes Committed by Da’esh/ISIL',
    "Équipe d'enquêteurs des Nations Unies chargée de concourir à amener Daech/État islamique d'Iraq et du Levant à répondre de ses crimes",
    {
      joinedOn: '2022-04-01',
    },
  ),
  {
    acronym: 'INTERPOL',
    name: {
      en: 'International Criminal Police Organization',
      fr: 'Organisation internationale de police criminelle',
      ar: 'المنظمة الدولية للشرطة الجنائية',
    },
    kind: 'non_un',
    status: 'member',
    joinedOn: compactSigned,
  },
  {
    acronym: 'WCO',
    name: {
      en: 'World Customs Organization',
      fr: 'Organisation mondiale des douanes',
      ar: 'منظمة الجمارك العالمية',
    },
    kind: 'non_un',
    status: 'member',
    joinedOn: compactSigned,
  },
  {
    acronym: 'IPU',
    name: { en: 'Inter-Parliamentary Union', fr: 'Union interparlementaire', ar: 'الاتحاد البرلماني الدولي' },
    kind: 'non_un',
    status: 'observer',
    joinedOn: '2019-11-18',
  },
  {
    acronym: 'FATF',
    name: {
      en: 'Financial Action Task Force',
      fr: "Groupe d'action financière",
      ar: 'فرقة العمل المعنية بالإجراءات المالية',
    },
    kind: 'non_un',
    status: 'observer',
    joinedOn: '2022-04-01',
  },
];

export interface DemoBody {
  slug: string;
  kind: 'coordination_committee' | 'working_group';
  shortName: string;
  name: LocalizedText;
  pillar: 1 | 2 | 3 | 4 | null;
  /** Acronyms of members; `observers` take part without being members. `'all'` means every entity. */
  members: string[] | 'all';
  observers?: string[];
  chairs: DemoTerm[];
}

export interface DemoTerm {
  entity: string;
  seat: 'chair' | 'vice_chair';
  since: string;
  until?: string;
}

const term = (entity: string, seat: DemoTerm['seat'], since: string, until?: string): DemoTerm =>
  until ? { entity, seat, since, until } : { entity, seat, since };

export const demoBodies: DemoBody[] = [
  {
    slug: 'coordination-committee',
    kind: 'coordination_committee',
    shortName: 'CC',
    name: { en: 'Coordination Committee', fr: 'Comité de coordination', ar: 'لجنة التنسيق' },
    pillar: null,
    members: 'all',
    chairs: [term('UNOCT', 'chair', compactSigned)],
  },
  {
    slug: 'pcve',
    kind: 'working_group',
    shortName: 'PCVE',
    name: {
      en: 'Preventing and Countering Violent Extremism conducive to Terrorism',
      fr: "Prévention de l'extrémisme violent pouvant conduire au terrorisme et lutte contre ce phénomène",
      ar: 'منع التطرف العنيف المفضي إلى الإرهاب ومكافحته',
    },
    pillar: 1,
    members: 'all',
    chairs: [
      term('UNOCT', 'chair', '2020-01-01'),
      term('UNDP', 'vice_chair', '2020-01-01'),
      term('UNESCO', 'vice_chair', '2020-01-01'),
    ],
  },
  {
    slug: 'bmle',
    kind: 'working_group',
    shortName: 'BMLE',
    name: {
      en: 'Border Management and Law Enforcement relating to Counter-Terrorism',
      fr: 'Gestion des frontières et application de la loi dans le cadre de la lutte antiterroriste',
      ar: 'إدارة الحدود وإنفاذ القانون فيما يتعلق بمكافحة الإرهاب',
    },
    pillar: 2,
    members: [
      'UNODC',
      'UNOCT',
      'CTED',
      'INTERPOL',
      'WCO',
      'IOM',
      'ICAO',
      'IMO',
      'UNHCR',
      'OHCHR',
      'MT-1267',
      'DPO',
      'UNMAS',
      'UNICRI',
      'UPU',
    ],
    observers: ['IAEA', 'UNITAD'],
    chairs: [
      term('UNODC', 'chair', '2021-01-01', '2023-12-31'),
      term('IOM', 'chair', '2024-01-01'),
      term('INTERPOL', 'vice_chair', '2021-01-01'),
    ],
  },
  {
    slug: 'cjlrcft',
    kind: 'working_group',
    shortName: 'CJLRCFT',
    name: {
      en: 'Criminal Justice, Legal Responses and Countering the Financing of Terrorism',
      fr: 'Justice pénale, réponses juridiques et lutte contre le financement du terrorisme',
      ar: 'العدالة الجنائية والاستجابات القانونية ومكافحة تمويل الإرهاب',
    },
    pillar: 2,
    members: [
      'CTED',
      'UNODC',
      'UNOCT',
      'OHCHR',
      'OLA',
      'MT-1267',
      'IMF',
      'WBG',
      'FATF',
      'INTERPOL',
      'UNICRI',
      'UNITAD',
      'UNDP',
      'UN-Women',
      'UNICEF',
      'SRCT',
      'IPU',
    ],
    chairs: [term('UNODC', 'chair', '2021-01-01'), term('CTED', 'vice_chair', '2021-01-01')],
  },
  {
    slug: 'etcip',
    kind: 'working_group',
    shortName: 'ETCIP',
    name: {
      en: 'Emerging Threats and Critical Infrastructure Protection',
      fr: 'Menaces émergentes et protection des infrastructures critiques',
      ar: 'التهديدات الناشئة وحماية البنية التحتية الحيوية',
    },
    pillar: 2,
    members: [
      'UNICRI',
      'OPCW',
      'INTERPOL',
      'UNOCT',
      'CTED',
      'UNODC',
      'IAEA',
      'ICAO',
      'IMO',
      'WCO',
      'UNIDIR',
      'ODA',
      'DSS',
      '1540-GOE',
      'WHO',
      'UPU',
      'UNMAS',
      'DGC',
    ],
    observers: ['WBG'],
    chairs: [
      term('UNICRI', 'chair', '2021-01-01', '2022-06-30'),
      term('OPCW', 'chair', '2022-07-01', '2022-09-30'),
      term('INTERPOL', 'chair', '2022-10-01', '2022-12-31'),
      term('IAEA', 'chair', '2023-01-01', '2024-12-31'),
      term('UNICRI', 'chair', '2025-01-01'),
    ],
  },
  {
    slug: 'nars',
    kind: 'working_group',
    shortName: 'NARS',
    name: {
      en: 'National and Regional Counter-Terrorism Strategies',
      fr: 'Stratégies nationales et régionales de lutte contre le terrorisme',
      ar: 'الاستراتيجيات الوطنية والإقليمية لمكافحة الإرهاب',
    },
    pillar: 3,
    members: [
      'UNOCT',
      'CTED',
      'UNDP',
      'UNODC',
      'UNRCCA',
      'DPPA',
      'OHCHR',
      'UN-Women',
      'UNESCO',
      'UNICEF',
      'IPU',
      'UNAOC',
    ],
    chairs: [
      term('UNOCT', 'chair', '2021-01-01'),
      term('UNDP', 'vice_chair', '2021-01-01', '2024-06-30'),
      term('UNRCCA', 'vice_chair', '2024-07-01'),
    ],
  },
  {
    slug: 'rmme',
    kind: 'working_group',
    shortName: 'RMME',
    name: {
      en: 'Resource Mobilization and Monitoring and Evaluation',
      fr: 'Mobilisation des ressources, suivi et évaluation',
      ar: 'تعبئة الموارد والرصد والتقييم',
    },
    pillar: 3,
    members: [
      'UNOCT',
      'UNODC',
      'UNDP',
      'UNICEF',
      'UN-Women',
      'UNESCO',
      'UNICRI',
      'IOM',
      'CTED',
      'OHCHR',
      'UNITAR',
      'DESA',
    ],
    observers: ['WBG', 'IMF'],
    chairs: [term('UNOCT', 'chair', '2021-01-01'), term('UNODC', 'vice_chair', '2021-01-01')],
  },
  {
    slug: 'hrrlsvt',
    kind: 'working_group',
    shortName: 'HRRLSVT',
    name: {
      en: 'Promoting and Protecting Human Rights and the Rule of Law while Countering Terrorism and Supporting Victims of Terrorism',
      fr: "Promotion et protection des droits humains et de l'état de droit dans la lutte antiterroriste et soutien aux victimes du terrorisme",
      ar: 'تعزيز وحماية حقوق الإنسان وسيادة القانون في سياق مكافحة الإرهاب ودعم ضحايا الإرهاب',
    },
    pillar: 4,
    members: [
      'OHCHR',
      'UNOCT',
      'CTED',
      'UNODC',
      'SRCT',
      'UNICEF',
      'UN-Women',
      'UNHCR',
      'OSRSG-CAAC',
      'OSRSG-SVC',
      'OSRSG-VAC',
      'OSAPG',
      'OCHA',
      'DPO',
      'UNDP',
      'IPU',
    ],
    chairs: [term('OHCHR', 'chair', '2021-01-01'), term('UNOCT', 'vice_chair', '2021-01-01')],
  },
  {
    slug: 'gender',
    kind: 'working_group',
    shortName: 'Gender',
    name: {
      en: 'Adopting a Gender-Sensitive Approach to Preventing and Countering Terrorism',
      fr: "Adoption d'une approche tenant compte des questions de genre pour prévenir et combattre le terrorisme",
      ar: 'اعتماد نهج مراعٍ للمنظور الجنساني في منع الإرهاب ومكافحته',
    },
    pillar: 4,
    members: [
      'UN-Women',
      'CTED',
      'UNOCT',
      'UNODC',
      'OHCHR',
      'UNDP',
      'UNICEF',
      'OSRSG-SVC',
      'UNESCO',
      'IOM',
      'DPPA',
      'UNICRI',
      'IPU',
    ],
    chairs: [term('UN-Women', 'chair', '2021-01-01'), term('CTED', 'vice_chair', '2021-01-01')],
  },
];

/** Membership of a body begins when it was set up or when the entity joined the Compact, whichever is later. */
export const bodiesEstablished = compactSigned;

/**
 * Each body's mandate in one sentence and its terms of reference. The report quotes some mandates and says
 * the ETCIP terms of reference were last reviewed and submitted to the Coordination Committee on
 * 11 December 2020; the other references and dates are fictional (ADR 0008).
 */
export const demoCharters: Record<
  string,
  { mandate: string; torReference: string; torVersion: string; torReviewedOn: string }
> = {
  'coordination-committee': {
    mandate:
      'Oversees the implementation of the Compact, agrees its priorities and the Joint Programme of Work, and steers the working groups.',
    torReference: 'CTC/CC/TOR/2018',
    torVersion: '1.1',
    torReviewedOn: '2021-06-10',
  },
  pcve: {
    mandate:
      'Promotes coordinated, whole-of-society approaches to preventing and countering violent extremism conducive to terrorism.',
    torReference: 'CTC/WG-PCVE/TOR',
    torVersion: '2.0',
    torReviewedOn: '2020-12-11',
  },
  bmle: {
    mandate:
      'Implements comprehensive and coordinated approaches to terrorism in cross-border activities, assisting Member States with border management and law enforcement.',
    torReference: 'CTC/WG-BMLE/TOR',
    torVersion: '2.0',
    torReviewedOn: '2020-12-11',
  },
  cjlrcft: {
    mandate:
      'Supports criminal justice responses, legal frameworks and measures against the financing of terrorism that respect the rule of law.',
    torReference: 'CTC/WG-CJLRCFT/TOR',
    torVersion: '2.1',
    torReviewedOn: '2021-03-15',
  },
  etcip: {
    mandate:
      'Addresses emerging threats and the protection of critical infrastructure, vulnerable targets and soft targets against terrorist attacks.',
    torReference: 'CTC/WG-ETCIP/TOR',
    torVersion: '2.0',
    torReviewedOn: '2020-12-11',
  },
  nars: {
    mandate:
      'Promotes national and regional counter-terrorism strategies and coordinated resource mobilization for them.',
    torReference: 'CTC/WG-NARS/TOR',
    torVersion: '1.0',
    torReviewedOn: '2020-12-11',
  },
  rmme: {
    mandate:
      'Coordinates resource mobilization, monitoring and evaluation across the Compact, including briefings for Member States on joint projects.',
    torReference: 'CTC/WG-RMME/TOR',
    torVersion: '1.0',
    torReviewedOn: '2020-12-11',
  },
  hrrlsvt: {
    mandate:
      'Derives its mandate from the GCTS and its reviews: promotes human rights, the rule of law and support for victims of terrorism in all counter-terrorism efforts.',
    torReference: 'CTC/WG-HRRLSVT/TOR',
    torVersion: '2.0',
    torReviewedOn: '2021-01-20',
  },
  gender: {
    mandate:
      'Mainstreams gender across the Compact and promotes gender-sensitive counter-terrorism responses.',
    torReference: 'CTC/WG-GENDER/TOR',
    torVersion: '1.2',
    torReviewedOn: '2021-09-30',
  },
};

/** Acronyms that differ in French (the other languages fall back to the English acronym). */
export const demoFrenchAcronyms: Record<string, string> = {
  UNODC: 'ONUDC',
  UNOCT: 'BLT',
  CTED: 'DECT',
  UNDP: 'PNUD',
  IAEA: 'AIEA',
  OPCW: 'OIAC',
  WCO: 'OMD',
  IOM: 'OIM',
  ICAO: 'OACI',
  IMO: 'OMI',
  OHCHR: 'HCDH',
  UNHCR: 'HCR',
  UNICEF: 'UNICEF',
};

export interface DemoPerson {
  entity: string;
  name: string;
  jobTitle: string;
  since: string;
  leftOn?: string;
  /** Short names of the bodies the person is the entity's focal point for. */
  bodies?: string[];
  topics?: string[];
}

/** Fictional people of a few entities, enough to show the people directory and a person who left. */
export const demoPeople: DemoPerson[] = [
  {
    entity: 'UNOCT',
    name: 'Amina Haddad',
    jobTitle: 'Compact Secretariat coordinator',
    since: '2019-03-01',
    bodies: ['CC'],
  },
  {
    entity: 'UNOCT',
    name: 'Lucas Ferreira',
    jobTitle: 'Programme management officer',
    since: '2021-02-01',
    bodies: ['RMME'],
    topics: ['Resource mobilization'],
  },
  {
    entity: 'UNODC',
    name: 'Grace Mwangi',
    jobTitle: 'Terrorism prevention officer',
    since: '2020-05-01',
    bodies: ['CJLRCFT', 'BMLE'],
  },
  {
    entity: 'UNODC',
    name: 'Pierre Lambert',
    jobTitle: 'Legal officer',
    since: '2018-02-23',
    leftOn: '2022-03-31',
    bodies: ['CJLRCFT'],
  },
  {
    entity: 'UNICRI',
    name: 'Giulia Rossi',
    jobTitle: 'Emerging threats specialist',
    since: '2020-09-01',
    bodies: ['ETCIP'],
  },
  {
    entity: 'OPCW',
    name: 'Jan de Vries',
    jobTitle: 'Counter-terrorism policy adviser',
    since: '2021-01-15',
    bodies: ['ETCIP'],
  },
  {
    entity: 'INTERPOL',
    name: 'Carlos Mendes',
    jobTitle: 'Counter-terrorism liaison officer',
    since: '2019-06-01',
    bodies: ['BMLE', 'ETCIP'],
  },
  {
    entity: 'CTED',
    name: 'Sofia Karimova',
    jobTitle: 'Senior legal officer',
    since: '2019-01-07',
    topics: ['Assessment follow-up'],
  },
  {
    entity: 'UN-Women',
    name: 'Nadia Benali',
    jobTitle: 'Policy specialist, gender and counter-terrorism',
    since: '2020-02-01',
    bodies: ['Gender'],
    topics: ['Gender'],
  },
];
