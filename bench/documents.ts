import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Database } from '../src/db/client.ts';
import { rowsOf } from '../src/db/rows.ts';
import { refreshSearchIndexWhere } from '../src/documents/search-index.ts';

/**
 * The document library's benchmark data (issue 5): `count` documents with about 5 KB of extracted text
 * each, loaded with a few set-based statements per batch of 10,000 (never one command per document).
 *
 * - Text: each language has a vocabulary of 20,000 words, real words of the domain at the top ranks and
 *   made-up words in that language's alphabet below, drawn with a Zipf distribution (the word of rank r
 *   has a probability proportional to 1/r). A document's text is 7 paragraphs of 110 words, chosen among
 *   a pool of paragraphs of its language, plus 20 words of its own from ranks 2,000 to 20,000: so a search
 *   word can be as rare as a few dozen documents or as common as nearly all of them.
 * - Languages: the first edition in English (55%), French (25%), Spanish (7%), Russian (5%), Arabic (5%)
 *   or Chinese (3%); 15% have a second edition (French for English ones, English for the others).
 * - Access: public 25%, member_states 15%, compact 25%, un_system 20%, body 10%, named 5%; owners drawn
 *   among all entities (a few own many), 5% owned by Member States; types, bodies, countries, regions,
 *   themes, pillars and years (2005 to 2026, more recent ones more often) spread over their values.
 * - Search columns: filled by `refreshSearchIndexWhere`, as for one document, over a batch at a time.
 *
 * Attributes come from a hash of the document's number and its text from `random()` after `setseed`,
 * so two loads of the same size hold the same documents.
 */
export const vocabularySize = 20_000;

const words: Record<string, string[]> = {
  en: `the of and to in for on with by is that as are be this from at or which an measures
    terrorism counter security cooperation states international member national terrorist financing border
    prevention violent extremism support capacity assistance law enforcement criminal justice programme
    implementation strategy regional information sharing training office united nations resolution
    council human rights victims countering legal framework coordination working group development
    report project activities risk assessment management technical government authorities investigation
    prosecution detention prison rehabilitation reintegration returnees foreign fighters travel aviation
    passenger data biometrics firearms explosives chemical biological nuclear radiological cyber internet
    online content communication youth women gender education community engagement resilience media
    sanctions designation freezing assets money laundering virtual currencies charities nonprofit
    partnership donor funding evaluation monitoring indicators guidance principles compendium handbook
    manual workshop conference meeting participants experts recommendations conclusions challenges
    gaps priorities needs region africa asia europe americas pacific sahel maritime ports customs
    trafficking organized crime kidnapping ransom hostage critical infrastructure protection soft targets
    emergency response forensic evidence digital battlefield military civilian oversight accountability
    policy review mandate secretariat entities compact pillar plan action global`
    .split(/\s+/)
    .filter(Boolean),
  fr: `de la le et les des en du un une pour dans est sur par au que mesures terrorisme lutte contre
    sécurité coopération états internationale membres nationale terroriste financement frontières
    prévention extrémisme violent soutien capacités assistance application loi justice pénale programme
    mise œuvre stratégie régionale échange informations formation bureau nations unies résolution conseil
    droits homme victimes cadre juridique coordination groupe travail développement rapport projet
    activités risques évaluation gestion technique gouvernement autorités enquête poursuites détention
    prison réadaptation réinsertion rapatriés combattants étrangers voyage aviation passagers données
    biométrie armes feu explosifs chimiques biologiques nucléaires cybersécurité internet contenu jeunes
    femmes genre éducation communauté résilience médias sanctions gel avoirs blanchiment argent
    partenariat financement recommandations conclusions défis lacunes priorités région afrique sahel
    douanes traite criminalité organisée enlèvement otages infrastructures critiques protection`
    .split(/\s+/)
    .filter(Boolean),
  es: `de la el y los las en del un una para por con que es medidas terrorismo lucha contra seguridad
    cooperación estados internacional miembros nacional terrorista financiación fronteras prevención
    extremismo violento apoyo capacidad asistencia justicia penal programa estrategia regional información
    formación oficina naciones unidas resolución consejo derechos humanos víctimas marco jurídico informe
    proyecto evaluación riesgos gobierno autoridades investigación`
    .split(/\s+/)
    .filter(Boolean),
  ru: `и в на по с для о что это меры терроризм борьба безопасность сотрудничество государства
    международный национальный финансирование границы предотвращение экстремизм поддержка помощь
    правосудие программа стратегия информация подготовка организация объединённых наций резолюция совет
    права человека жертвы доклад проект оценка рисков`
    .split(/\s+/)
    .filter(Boolean),
  ar: `في من على إلى و عن مع التي الذي تدابير الإرهاب مكافحة الأمن التعاون الدول الدولي الوطني تمويل
    الحدود منع التطرف العنيف الدعم القدرات المساعدة العدالة الجنائية البرنامج الاستراتيجية المعلومات
    التدريب الأمم المتحدة القرار مجلس حقوق الإنسان الضحايا التقرير المشروع التقييم`
    .split(/\s+/)
    .filter(Boolean),
  zh: `的 和 在 反恐 恐怖主义 合作 安全 国家 国际 成员 打击 资助 边境 预防 暴力 极端主义 支持 能力 援助 执法
    刑事 司法 方案 执行 战略 区域 信息 培训 联合国 决议 理事会 人权 受害者 报告 项目 评估`
    .split(/\s+/)
    .filter(Boolean),
};

/** The alphabet made-up words are spelt in: consonants, then vowels (Chinese: characters). */
const alphabets: Record<string, [string, string]> = {
  en: ['bcdfghklmnprstvz', 'aeiou'],
  fr: ['bcdfglmnprstv', 'aeiouéè'],
  es: ['bcdfglmnprstv', 'aeiouñ'],
  ru: ['бвгдзклмнпрстф', 'аеиоуя'],
  ar: ['بتثجحخدذرزسشصضطع', 'اوي'],
  zh: ['国际安全合作组织发展', '计划报告会议资料文件'],
};

/** Paragraphs in each language's pool; each document draws 7 from its language's. */
const paragraphPools: Record<string, number> = { en: 3000, fr: 2000, es: 500, ru: 300, ar: 300, zh: 200 };

/** The size of the pool of paragraphs of `language` (an SQL expression). */
const poolSizeOf = (language: string) =>
  `(case ${language} ${Object.entries(paragraphPools)
    .map(([name, size]) => `when '${name}' then ${size}`)
    .join(' ')} end)`;

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A number in [0, m) from document number `i` and a salt: the same for the same document every load. */
const pick = (salt: number, m: number | string) =>
  `((hashint4(i * 7919 + ${salt})::bigint + 2147483648) % ${m})`;

/** The language of document `i`'s first edition, by the shares in the header. */
const firstLanguage = `(case when ${pick(1, 100)} < 55 then 'en' when ${pick(1, 100)} < 80 then 'fr'
  when ${pick(1, 100)} < 87 then 'es' when ${pick(1, 100)} < 92 then 'ru' when ${pick(1, 100)} < 97 then 'ar'
  else 'zh' end)`;
const secondLanguage = `(case when ${pick(2, 100)} >= 15 then null when ${firstLanguage} = 'en' then 'fr' else 'en' end)`;

const documentId = (i: string) => `md5('bench-document-' || ${i})::uuid`;

const insufficientPrivilege = '42501';

async function run(database: Database, statement: string): Promise<void> {
  await database.db.execute(sql.raw(statement));
}

/** The vocabularies and the pools of paragraphs, in tables dropped at the end of the load. */
async function prepareText(database: Database): Promise<void> {
  const rows = Object.keys(words).map((language) => {
    const [consonants, vowels] = alphabets[language] as [string, string];
    return `(${literal(language)}, array[${(words[language] as string[]).map(literal).join(',')}]::text[],
      ${literal(consonants)}, ${literal(vowels)})`;
  });
  // Made-up words: the rank written in base (consonants × vowels), one syllable per digit.
  const syllable = (digit: string) =>
    `substr(c, (${digit}) % length(c) + 1, 1) || substr(v, (${digit}) / length(c) + 1, 1)`;
  const base = 'length(c) * length(v)';
  await run(
    database,
    `create table bench_vocabulary as
      select language, r as rank, coalesce(known[r],
        ${syllable(`r % (${base})`)} || ${syllable(`(r / (${base})) % (${base})`)}
        || case when r >= (${base}) * (${base}) then ${syllable(`(r / (${base}) / (${base})) % (${base})`)} else '' end)
        as word
      from (values ${rows.join(',')}) as l(language, known, c, v), generate_series(1, ${vocabularySize}) r`,
  );
  await run(database, 'create unique index on bench_vocabulary (language, rank)');
  const pools = Object.entries(paragraphPools)
    .map(([language, size]) => `(${literal(language)}, ${size})`)
    .join(',');
  await run(database, 'select setseed(0.42)');
  await run(
    database,
    `create table bench_paragraphs as
      with draws as materialized (
        select p.language, n, w,
          least(${vocabularySize}, floor(exp(random() * ln(${vocabularySize})))::int) as rank
        from (values ${pools}) as p(language, size), generate_series(0, size - 1) n, generate_series(1, 110) w
      )
      select d.language, d.n,
        string_agg(v.word || case when d.w % 15 = 0 then '.' else '' end,
          case when d.language = 'zh' then '' else ' ' end order by d.w) as text
      from draws d join bench_vocabulary v on v.language = d.language and v.rank = d.rank
      group by d.language, d.n`,
  );
  await run(database, 'create unique index on bench_paragraphs (language, n)');
}

/** Loads documents number `from` to `to - 1`, with their editions, versions and search columns. */
async function loadBatch(database: Database, from: number, to: number): Promise<void> {
  const series = `generate_series(${from}, ${to - 1}) i`;
  const randomOf = (list: string, salt: number) => `(${list})[1 + ${pick(salt, `cardinality(${list})`)}]`;
  await run(
    database,
    `insert into documents (id, title, summary, type_id, owner_entity_id, owner_member_state_id, level,
        body_id, named_entity_ids, named_member_state_ids, body_ids, country_ids, regions, themes, pillars,
        resolutions, published_on, created_by, created_at)
      select ${documentId('i')},
        (select word from bench_vocabulary where language = ${firstLanguage} and rank = 20 + ${pick(3, 1500)})
          || ' ' || (select word from bench_vocabulary where language = ${firstLanguage} and rank = 20 + ${pick(4, 3000)})
          || ' ' || (select word from bench_vocabulary where language = ${firstLanguage} and rank = 50 + ${pick(5, 5000)})
          || ' (' || i || ')',
        case when ${pick(6, 2)} = 0 then left((select text from bench_paragraphs p where p.language = ${firstLanguage}
          and p.n = ${pick(7, 200)}), 200) end,
        ${randomOf('x.types', 8)},
        case when ${pick(9, 100)} < 90 then x.entities[1 + least(${pick(10, 1000)}, ${pick(11, 1000)}) % cardinality(x.entities)] end,
        case when ${pick(9, 100)} >= 95 then ${randomOf('x.states', 12)} end,
        (case when ${pick(13, 100)} < 25 then 'public' when ${pick(13, 100)} < 40 then 'member_states'
          when ${pick(13, 100)} < 65 then 'compact' when ${pick(13, 100)} < 85 then 'un_system'
          when ${pick(13, 100)} < 95 then 'body' else 'named' end)::access_level,
        case when ${pick(13, 100)} between 85 and 94 then ${randomOf('x.bodies', 14)} end,
        case when ${pick(13, 100)} >= 95 then array[${randomOf('x.entities', 15)}, ${randomOf('x.entities', 16)}]
          else '{}' end::uuid[],
        case when ${pick(13, 100)} >= 95 and ${pick(17, 3)} = 0 then array[${randomOf('x.states', 18)}]
          else '{}' end::uuid[],
        (array[${randomOf('x.bodies', 19)}, ${randomOf('x.bodies', 20)}])[1:${pick(21, 3)}],
        (array[${randomOf('x.states', 22)}, ${randomOf('x.states', 23)}, ${randomOf('x.states', 24)}])[1:${pick(25, 4)}],
        (array['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'])[1 + ${pick(26, 5)}:1 + ${pick(26, 5)} + ${pick(27, 2)}],
        (array['border-security', 'terrorist-financing', 'prevention', 'victims', 'human-rights',
          'aviation-security', 'criminal-justice', 'cybersecurity'])[1 + ${pick(28, 8)}:1 + ${pick(28, 8)} + ${pick(29, 2)}],
        array[1 + ${pick(30, 4)}]::smallint[],
        case when ${pick(31, 4)} = 0 then array['S/RES/2178 (2014)'] else '{}' end,
        date '2026-06-30' - (power(${pick(32, 10000)} / 10000.0, 1.5) * 7800)::int,
        'bench', now() - make_interval(secs => ${pick(33, 100000000)})
      from ${series}, (select
        (select array_agg(id order by slug) from document_types) as types,
        (select array_agg(id order by acronym) from entities) as entities,
        (select array_agg(id order by iso3) from member_states) as states,
        (select array_agg(id order by slug) from bodies) as bodies) x`,
  );
  const editions = `select i, ${documentId('i')} as document_id, language::un_language as language
    from ${series}, lateral (values (${firstLanguage}), (${secondLanguage})) l(language) where language is not null`;
  await run(
    database,
    `insert into document_editions (id, document_id, language)
      select md5('bench-edition-' || i || language)::uuid, document_id, language from (${editions}) e`,
  );
  await run(
    database,
    `insert into document_versions (edition_id, number, sha256, size, file_type, file_name, extraction_status,
        extracted_text, uploaded_by)
      select md5('bench-edition-' || i || language)::uuid, 1, md5('bench-file-' || i || language) || md5(i::text),
        5000 + ${pick(34, 100000)}, 'pdf', 'document-' || i || '-' || language || '.pdf', 'done',
        (select string_agg(p.text, E'\\n\\n' order by k) from generate_series(1, 7) k
          join bench_paragraphs p on p.language = e.language::text
            and p.n = (hashint4(i * 31 + k)::bigint + 2147483648) % ${poolSizeOf('e.language::text')})
        || E'\\n\\n' || (select string_agg(v.word, ' ') from generate_series(1, 20) k
          join bench_vocabulary v on v.language = e.language::text
            and v.rank = 2000 + (hashint4(i * 37 + k)::bigint + 2147483648) % ${vocabularySize - 2000}),
        null
      from (${editions}) e`,
  );
  await refreshSearchIndexWhere(database.db, sql.raw(`d.id in (select ${documentId('i')} from ${series})`));
}

/**
 * Adds `count` documents to a database that holds the demo (entities, bodies, Member States); returns
 * how long the load took, in seconds. Batches run on `parallel` connections (PostgreSQL: as many as
 * cores; PGlite: one). The full-text indexes are dropped during the load and created again from their own
 * definitions (as the migration wrote it) at the end: building it once is faster than growing it.
 * `onProgress` hears after each batch.
 */
export async function loadBenchDocuments(
  database: Database,
  count: number,
  options: { parallel?: number; onProgress?: (loaded: number) => void } = {},
): Promise<{ seconds: number; candidates: string[] }> {
  const started = performance.now();
  await prepareText(database);
  const candidates = rowsOf<{ word: string }>(
    await database.db.execute(
      sql.raw(
        `select word from bench_vocabulary where language in ('en', 'fr') and rank >= 2000 and rank % 250 = 0
          order by rank, language`,
      ),
    ),
  ).map((row) => row.word);
  const indexes = rowsOf<{ indexname: string; indexdef: string }>(
    await database.db.execute(
      sql`select indexname, indexdef from pg_indexes where schemaname = 'public'
        and indexname in ('document_search_vector_idx', 'document_search_rank_idx')`,
    ),
  );
  for (const index of indexes) await run(database, `drop index ${index.indexname}`);
  const batch = 10_000;
  let next = 1;
  let loaded = 0;
  const worker = async () => {
    while (next <= count) {
      const from = next;
      const to = Math.min(count + 1, from + batch);
      next = to;
      await loadBatch(database, from, to);
      loaded += to - from;
      options.onProgress?.(loaded);
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 1 }, worker));
  await run(database, 'drop table bench_vocabulary, bench_paragraphs');
  for (const index of indexes)
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local maintenance_work_mem = '512MB'`));
      await tx.execute(sql.raw(index.indexdef));
    });
  await run(database, 'vacuum analyze documents, document_search, document_editions, document_versions');
  // The load leaves most of the shared buffers dirty: until a checkpoint writes them, the searches that
  // evict them would write them first, and measure the load's aftermath rather than the library.
  await run(database, 'checkpoint').catch((error: unknown) => {
    const failure = error as { code?: string; cause?: { code?: string } };
    if ((failure.code ?? failure.cause?.code) !== insufficientPrivilege) throw error;
  });
  return { seconds: (performance.now() - started) / 1000, candidates };
}

export interface WordCount {
  word: string;
  /** How many documents the word matches. */
  documents: number;
  /** How many of them the reader may see. */
  visible: number;
}

/**
 * The words the bench searches for, chosen among the candidates (made-up English and French words of
 * ranks 2,000 to 20,000) by how many documents they actually match, since made-up words also match
 * other languages' stems (ADR 0027):
 *
 * - typical words match 0.1% to 1% of the documents (100 to 1,000 of 100,000): the words the issue's
 *   targets are set for, where a plain `ts_rank` query over the GIN index answers about 240 searches a
 *   second on this machine (the bench measures that baseline on the same words and prints it);
 * - frequent words match 5% to 20% of them, and are measured apart, report only, like the common words.
 *
 * Ten typical and five frequent words, spread evenly over their range.
 */
export function chooseSearchWords(
  counts: WordCount[],
  documents: number,
): { typical: WordCount[]; frequent: WordCount[] } {
  const within = (low: number, high: number, wanted: number) => {
    const inRange = counts
      .filter((count) => count.documents >= low * documents && count.documents <= high * documents)
      .sort((a, b) => a.documents - b.documents || a.word.localeCompare(b.word));
    if (inRange.length <= wanted) return inRange;
    return Array.from(
      { length: wanted },
      (_, index) => inRange[Math.round((index * (inRange.length - 1)) / (wanted - 1))] as WordCount,
    );
  };
  return { typical: within(0.001, 0.01, 10), frequent: within(0.05, 0.2, 5) };
}

/**
 * For each word, how many documents it matches, and how many of them `visible` (SQL on `document_search`)
 * lets through.
 */
export async function matchCounts(database: Database, words: string[], visible: SQL): Promise<WordCount[]> {
  const counts = [];
  for (const word of words) {
    const [row] = (await database.prepared(
      sql`select count(*)::int as n, (count(*) filter (where ${visible}))::int as v
        from document_search where search_vector @@ ccp_search_query(${word})`,
      { enable_seqscan: 'off' },
    )) as { n: number; v: number }[];
    counts.push({ word, documents: row?.n ?? 0, visible: row?.v ?? 0 });
  }
  return counts;
}

export interface BaselineFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/**
 * The issue's yardstick, measured rather than assumed: a plain `ts_rank` query over the GIN index (every
 * visible match ranked on its whole vector, the best 20 returned, no count, facets or snippets), sent
 * straight to PostgreSQL by `connections` clients for `seconds`, each taking the next word in turn.
 */
export async function plainRankBaseline(
  url: string,
  words: string[],
  visible: SQL,
  options: { connections: number; seconds: number },
): Promise<BaselineFigures> {
  const dialect = new PgDialect();
  const statements = words.map((word) =>
    dialect.sqlToQuery(sql`select document_search.document_id, ts_rank(document_search.search_vector, q) as rank
      from document_search, ccp_search_query(${word}) q
      where document_search.search_vector @@ q and ${visible} order by rank desc limit 20`),
  );
  const pool = new pg.Pool({ connectionString: url, max: options.connections });
  const run = async (seconds: number) => {
    const times: number[] = [];
    const until = performance.now() + seconds * 1000;
    let next = 0;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < until) {
          const statement = statements[next++ % statements.length] as { sql: string; params: unknown[] };
          const started = performance.now();
          await pool.query(statement.sql, statement.params);
          times.push(performance.now() - started);
        }
      }),
    );
    return times.sort((a, b) => a - b);
  };
  try {
    await run(1);
    const times = await run(options.seconds);
    const at = (share: number) =>
      Math.round(times[Math.min(times.length - 1, Math.floor(times.length * share))] ?? 0);
    return {
      requests: times.length,
      requestsPerSecond: Math.round(times.length / options.seconds),
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      p99Ms: at(0.99),
    };
  } finally {
    await pool.end();
  }
}
