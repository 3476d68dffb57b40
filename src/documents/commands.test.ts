import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityActor as actorOf } from '../../tests/helpers/actors.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { findBody } from '../bodies/queries.ts';
import { memberStates } from '../countries/schema.ts';
import { rowsOf } from '../db/rows.ts';
import { InvalidInput } from '../errors.ts';
import { dataChangedChannel } from '../platform.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { addVersion, createDocument, declassifyDue, updateDocumentMetadata } from './commands.ts';
import type { NewDocumentInput } from './input.ts';
import {
  facetsOf,
  findDocument,
  type LibraryFilters,
  type LibraryQuery,
  queryLibrary,
  type Remember,
  searchLibrary,
} from './queries.ts';
import { accessProblems } from './rules.ts';
import { documentEditions, documents, documentTypes, documentVersions } from './schema.ts';
import { refreshSearchIndex } from './search-index.ts';

let database: TestDatabase;
let unodc: Actor;
let interpol: Actor;
let kenya: Actor;
let etcipMember: Actor;
let etcipId: string;
const secretariat: Actor = { kind: 'secretariat', userId: 'secretariat', entityId: null };
const visitor: Actor = { kind: 'anonymous' };
const day = '2022-08-15';

const entityActor = (slug: string) => actorOf(database.db, slug, day);

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  unodc = await entityActor('unodc');
  interpol = await entityActor('interpol');
  etcipId = (await findBody(database.db, 'etcip'))?.id as string;
  const members = await Promise.all(['opcw', 'unicri', 'iaea'].map(entityActor));
  etcipMember = members.find((actor) => actor.kind === 'entity' && actor.bodyIds.includes(etcipId)) as Actor;
  const [kenyaRow] = await database.db
    .select({ id: memberStates.id })
    .from(memberStates)
    .where(eq(memberStates.iso3, 'KEN'));
  kenya = { kind: 'member_state', userId: 'kenya-user', memberStateId: kenyaRow?.id as string };
});
afterAll(() => database.close());

const input = (changes: Partial<NewDocumentInput> = {}): NewDocumentInput => ({
  title: 'A document',
  summary: null,
  type: 'report',
  level: 'compact',
  body: null,
  namedEntities: [],
  namedMemberStates: [],
  bodies: [],
  countries: [],
  regions: [],
  themes: [],
  pillars: [],
  resolutions: [],
  publishedOn: '2022-03-01',
  declassifyOn: null,
  declassifyTo: null,
  owner: null,
  language: 'en',
  note: null,
  ...changes,
});

let fileCounter = 0;
const file = () => ({
  sha256: (++fileCounter).toString(16).padStart(64, '0'),
  size: 10,
  fileType: 'txt' as const,
  fileName: 'a.txt',
});

const titlesFor = async (actor: Actor, q?: string) =>
  (await searchLibrary(database, actor, { q, sort: 'date', page: 1, pageSize: 100, locale: 'en' })).rows.map(
    (row) => row.title,
  );

describe('access choices (pure rules)', () => {
  it('needs a body for body level, one the uploader sits on, and names for named level', () => {
    const choice = {
      level: 'body' as const,
      bodyId: null,
      namedEntityIds: [],
      namedMemberStateIds: [],
      declassifyOn: null,
      declassifyTo: null,
    };
    expect(accessProblems(unodc, choice, day)).toEqual([{ field: 'body', code: 'body_required' }]);
    expect(accessProblems(interpol, { ...choice, bodyId: 'not-a-body-of-interpol' }, day)).toEqual([
      { field: 'body', code: 'body_not_yours' },
    ]);
    expect(accessProblems(secretariat, { ...choice, bodyId: 'any' }, day)).toEqual([]);
    expect(accessProblems(unodc, { ...choice, level: 'named' }, day)).toEqual([
      { field: 'named', code: 'named_required' },
    ]);
  });

  it('declassifies only to a wider audience, on a day still to come, with both facts given', () => {
    const choice = {
      level: 'un_system' as const,
      bodyId: null,
      namedEntityIds: [],
      namedMemberStateIds: [],
      declassifyOn: '2030-01-01',
      declassifyTo: 'public' as const,
    };
    expect(accessProblems(unodc, choice, day)).toEqual([]);
    expect(accessProblems(unodc, { ...choice, declassifyTo: 'named' }, day)).toEqual([
      { field: 'declassifyTo', code: 'declassify_not_wider' },
    ]);
    expect(
      accessProblems(
        unodc,
        { ...choice, level: 'named', namedEntityIds: ['x'], declassifyTo: 'un_system' },
        day,
      ),
    ).toEqual([{ field: 'declassifyTo', code: 'declassify_not_wider' }]);
    expect(accessProblems(unodc, { ...choice, declassifyOn: '2022-01-01' }, day)).toEqual([
      { field: 'declassifyOn', code: 'declassify_in_past' },
    ]);
    expect(accessProblems(unodc, { ...choice, declassifyTo: null }, day)).toEqual([
      { field: 'declassifyTo', code: 'declassify_incomplete' },
    ]);
  });
});

describe('documents and who finds them', () => {
  it('shows a body-level document to the body’s members only', async () => {
    await createDocument(
      database.db,
      secretariat,
      input({ title: 'ETCIP working paper', level: 'body', body: 'etcip' }),
      file(),
      day,
    );
    expect(await titlesFor(etcipMember)).toContain('ETCIP working paper');
    const outsiders = (await Promise.all(['ipu', 'wco', 'fatf', 'unodc', 'unicef'].map(entityActor))).filter(
      (actor) => actor.kind === 'entity' && !actor.bodyIds.includes(etcipId),
    );
    expect(outsiders.length).toBeGreaterThan(0);
    for (const outsider of outsiders) expect(await titlesFor(outsider)).not.toContain('ETCIP working paper');
    expect(await titlesFor(visitor)).not.toContain('ETCIP working paper');
  });

  it('shows a named document to the named entity and Member State only', async () => {
    await createDocument(
      database.db,
      unodc,
      input({
        title: 'Shared with INTERPOL and Kenya',
        level: 'named',
        namedEntities: ['interpol'],
        namedMemberStates: ['KEN'],
      }),
      file(),
      day,
    );
    expect(await titlesFor(interpol)).toContain('Shared with INTERPOL and Kenya');
    expect(await titlesFor(kenya)).toContain('Shared with INTERPOL and Kenya');
    expect(await titlesFor(etcipMember)).not.toContain('Shared with INTERPOL and Kenya');
  });

  it('refuses unknown names with the names it did not know, saving nothing', async () => {
    const before = await titlesFor(secretariat);
    await expect(
      createDocument(
        database.db,
        unodc,
        input({ title: 'Broken', bodies: ['no-such-body'], countries: ['XXX'] }),
        file(),
        day,
      ),
    ).rejects.toMatchObject({
      problems: [
        { field: 'bodies', code: 'unknown_items', values: { items: 'no-such-body' } },
        { field: 'countries', code: 'unknown_items', values: { items: 'XXX' } },
      ],
    });
    await expect(
      createDocument(database.db, unodc, input({ type: 'no-such-type' }), file(), day),
    ).rejects.toBeInstanceOf(InvalidInput);
    expect(await titlesFor(secretariat)).toEqual(before);
  });

  it('finds a Chinese edition by a Chinese word, by trigrams', async () => {
    const id = await createDocument(
      database.db,
      unodc,
      input({ title: 'Counter-terrorism glossary', level: 'public' }),
      file(),
      day,
    );
    await addVersion(
      database.db,
      unodc,
      id,
      { language: 'zh', note: null, title: '反恐怖主义词汇表' },
      file(),
    );
    expect(await titlesFor(visitor, '恐怖主义')).toEqual(['Counter-terrorism glossary']);
    expect(await titlesFor(visitor, '词汇')).toEqual(['Counter-terrorism glossary']);
    expect(await titlesFor(visitor, '核武器')).toEqual([]);
  });

  it('gives two versions added at once different numbers', async () => {
    const id = await createDocument(database.db, unodc, input({ title: 'Raced' }), file(), day);
    const numbers = await Promise.all([
      addVersion(database.db, unodc, id, { language: 'en', note: null, title: null }, file()),
      addVersion(database.db, unodc, id, { language: 'en', note: null, title: null }, file()),
    ]);
    expect(numbers.sort()).toEqual([2, 3]);
  });

  it('counts facets only over what the reader may see', async () => {
    await createDocument(
      database.db,
      unodc,
      input({ title: 'UN only', level: 'un_system', type: 'assessment-report', countries: ['KEN'] }),
      file(),
      day,
    );
    const forInterpol = await facetsOf(database, interpol, {});
    const forUnodc = await facetsOf(database, unodc, {});
    expect(forInterpol.type.find((value) => value.value === 'assessment-report')).toBeUndefined();
    expect(forUnodc.type.find((value) => value.value === 'assessment-report')?.count).toBe(1);
    expect(forInterpol.country.find((value) => value.value === 'KEN')).toBeUndefined();
  });
});

describe('facets of a search', () => {
  const search = (q: string, options: { locale?: 'en' | 'fr'; remember?: Remember } = {}) =>
    queryLibrary(
      database,
      visitor,
      { q, sort: 'relevance', page: 1, pageSize: 20, locale: options.locale ?? 'en' },
      { facets: true, remember: options.remember },
    );
  const counts = (values: { value: string; count: number }[]) =>
    values.map((value) => [value.value, value.count]);

  it('count every facet of the matches, and follow a change of their metadata', async () => {
    const id = await publicDocumentWithText(
      {
        title: 'Quillwort survey',
        type: 'report',
        bodies: ['etcip'],
        countries: ['KEN', 'UGA'],
        regions: ['Africa'],
        pillars: [2],
        publishedOn: '2020-04-01',
      },
      null,
    );
    await publicDocumentWithText({ title: 'Quillwort notes', type: 'infographic', countries: ['KEN'] }, null);
    const before = (await search('quillwort')).facets;
    expect(counts(before.type)).toEqual([
      ['infographic', 1],
      ['report', 1],
    ]);
    expect(counts(before.country)).toEqual([
      ['KEN', 2],
      ['UGA', 1],
    ]);
    expect(counts(before.body)).toEqual([['etcip', 1]]);
    expect(counts(before.region)).toEqual([['Africa', 1]]);
    expect(counts(before.pillar)).toEqual([['2', 1]]);
    expect(counts(before.year)).toEqual([
      ['2022', 1],
      ['2020', 1],
    ]);
    expect(counts(before.language)).toEqual([['en', 2]]);
    expect(before.country[0]?.label?.en).toBe('Kenya');

    await updateDocumentMetadata(
      database.db,
      unodc,
      id,
      1,
      input({
        title: 'Quillwort survey',
        level: 'public',
        type: 'infographic',
        countries: ['FRA'],
        publishedOn: '2021-04-01',
      }),
      day,
    );
    const after = (await search('quillwort')).facets;
    expect(counts(after.type)).toEqual([['infographic', 2]]);
    expect(counts(after.country)).toEqual([
      ['FRA', 1],
      ['KEN', 1],
    ]);
    expect(after.body).toEqual([]);
    expect(counts(after.year)).toEqual([
      ['2022', 1],
      ['2021', 1],
    ]);
  });

  it('name their values in the reader’s language and English only', async () => {
    await publicDocumentWithText({ title: 'Lichenology digest', countries: ['DEU'] }, null);
    const [germany] = (await search('lichenology', { locale: 'fr' })).facets.country;
    expect(germany?.label).toEqual({ en: 'Germany', fr: 'Allemagne' });
  });

  it('label a value added after the labels were kept, before the change’s notification arrives', async () => {
    const kept = new Map<string, unknown>();
    const remember: Remember = async (key, load) => {
      if (!kept.has(key)) kept.set(key, await load());
      return kept.get(key) as never;
    };
    await publicDocumentWithText({ title: 'Bryophyte atlas' }, null);
    expect(counts((await search('bryophyte', { remember })).facets.type)).toEqual([['report', 1]]);
    await database.db.insert(documentTypes).values({ slug: 'field-note', name: { en: 'Field note' } });
    await publicDocumentWithText({ title: 'Bryophyte field note', type: 'field-note' }, null);
    const [fieldNote] = (await search('bryophyte', { remember })).facets.type;
    expect(fieldNote).toEqual({ value: 'field-note', label: { en: 'Field note' }, count: 1 });
  });
});

describe('facet keys', () => {
  const typeFacet = async (q: string) =>
    (await facetsOf(database, visitor, { q })).type.map((value) => [value.value, value.count]);

  it('are computed by the database on any write of a document, whatever code writes it', async () => {
    const id = await publicDocumentWithText(
      { title: 'Hornwort census', type: 'report', countries: ['KEN'] },
      null,
    );
    expect(await typeFacet('hornwort')).toEqual([['report', 1]]);
    // A write that knows nothing of facet keys, as any code might make it.
    const [infographic] = await database.db
      .select({ id: documentTypes.id })
      .from(documentTypes)
      .where(eq(documentTypes.slug, 'infographic'));
    await database.db
      .update(documents)
      .set({ typeId: infographic?.id as string })
      .where(eq(documents.id, id));
    expect(await typeFacet('hornwort')).toEqual([['infographic', 1]]);
  });

  it('follow the document in its search row: access, date and keys, whatever code writes them', async () => {
    const id = await publicDocumentWithText({ title: 'Liverwort register', type: 'report' }, null);
    const searchRow = async () =>
      rowsOf<{ level: string; keys: string; version: string }>(
        await database.db.execute(
          sql`select level, facet_keys as keys, xmin::text as version from document_search where document_id = ${id}`,
        ),
      )[0];
    const found = async () =>
      (
        await searchLibrary(database, visitor, {
          q: 'liverwort',
          sort: 'date',
          page: 1,
          pageSize: 20,
          locale: 'en',
        })
      ).total;
    const kept = await searchRow();
    expect(kept?.keys).toMatch(/^t\d+$/m);
    expect(await found()).toBe(1);
    // Writes that know nothing of `document_search`, as an instance on other code would make them.
    await database.db.execute(sql`update documents set level = 'un_system' where id = ${id}`);
    expect((await searchRow())?.level).toBe('un_system');
    expect(await found()).toBe(0);
    expect(await typeFacet('liverwort')).toEqual([]);
    await database.db.execute(
      sql`update documents set level = 'public', published_on = '2019-05-01' where id = ${id}`,
    );
    expect(await found()).toBe(1);
    expect((await searchRow())?.keys).toMatch(/^y2019$/m);
    // Rewritten only when a copy or a key changes; the document's languages, only when they change.
    const documentVersion = async () =>
      rowsOf<{ version: string }>(
        await database.db.execute(sql`select xmin::text as version from documents where id = ${id}`),
      )[0]?.version;
    const before = await documentVersion();
    await refreshSearchIndex(database.db, id);
    expect(await documentVersion()).toBe(before);
    const unchanged = await searchRow();
    await database.db.execute(
      sql`update documents set level = 'public', title = 'Liverwort roll' where id = ${id}`,
    );
    expect((await searchRow())?.version).toBe(unchanged?.version);
    await database.db.execute(sql`delete from documents where id = ${id}`);
    expect(await searchRow()).toBeUndefined();
  });
});

describe('filters', () => {
  it('narrow the list and a search to the documents with that value, each facet alike', async () => {
    await publicDocumentWithText(
      {
        title: 'Sedge atlas',
        type: 'report',
        bodies: ['etcip'],
        countries: ['KEN'],
        regions: ['Africa'],
        pillars: [2],
        publishedOn: '2019-06-01',
      },
      null,
    );
    await createDocument(
      database.db,
      secretariat,
      input({
        title: 'Sedge notes',
        level: 'public',
        type: 'infographic',
        countries: ['UGA'],
        regions: ['Europe'],
        pillars: [3],
        publishedOn: '2021-06-01',
        owner: 'unicri',
        language: 'fr',
      }),
      file(),
      day,
    );
    const titles = async (filters: LibraryFilters, q?: string) =>
      (
        await searchLibrary(database, visitor, {
          ...filters,
          q,
          sort: 'date',
          page: 1,
          pageSize: 100,
          locale: 'en',
        })
      ).rows
        .map((row) => row.title)
        .filter((title) => title.startsWith('Sedge'))
        .sort();
    const cases: [LibraryFilters, string[]][] = [
      [{}, ['Sedge atlas', 'Sedge notes']],
      [{ type: 'report' }, ['Sedge atlas']],
      [{ type: 'infographic' }, ['Sedge notes']],
      [{ type: 'no-such-type' }, []],
      [{ body: 'etcip' }, ['Sedge atlas']],
      [{ country: 'KEN' }, ['Sedge atlas']],
      [{ country: 'uga' }, ['Sedge notes']],
      [{ region: 'Africa' }, ['Sedge atlas']],
      [{ region: 'Europe' }, ['Sedge notes']],
      [{ region: 'Afric' }, []],
      [{ year: 2019 }, ['Sedge atlas']],
      [{ language: 'fr' }, ['Sedge notes']],
      [{ pillar: 2 }, ['Sedge atlas']],
      [{ pillar: 3 }, ['Sedge notes']],
      [{ owner: 'unodc' }, ['Sedge atlas']],
      [{ owner: 'unicri' }, ['Sedge notes']],
      [{ type: 'report', country: 'UGA' }, []],
      [{ type: 'report', country: 'KEN', year: 2019, pillar: 2 }, ['Sedge atlas']],
    ];
    for (const [filters, expected] of cases) {
      expect({ filters, list: await titles(filters) }).toEqual({ filters, list: expected });
      expect({ filters, search: await titles(filters, 'sedge') }).toEqual({ filters, search: expected });
    }
  });
});

describe('the library list', () => {
  it('pages through documents newest first, with the total of what the reader may see', async () => {
    for (let day = 1; day <= 23; day++) {
      await createDocument(
        database.db,
        unodc,
        input({
          title: `Paged ${day}`,
          level: 'public',
          type: 'newsletter',
          publishedOn: `2021-01-${String(day).padStart(2, '0')}`,
        }),
        file(),
        '2021-01-01',
      );
    }
    const page = (number: number) =>
      searchLibrary(database, visitor, {
        type: 'newsletter',
        sort: 'date',
        page: number,
        pageSize: 20,
        locale: 'en',
      });
    const [first, second, beyond] = await Promise.all([page(1), page(2), page(3)]);
    expect(first.total).toBe(23);
    expect(first.rows.map((row) => row.title).slice(0, 2)).toEqual(['Paged 23', 'Paged 22']);
    expect(second.rows.map((row) => row.title)).toEqual(['Paged 3', 'Paged 2', 'Paged 1']);
    expect(beyond).toEqual({
      rows: [],
      total: 23,
      totalIsCapped: false,
      facetsOver: 23,
      facetsAreSampled: false,
    });
  });
});

/** A document created by UNODC whose current version's text is `text`, as extraction would leave it. */
async function publicDocumentWithText(changes: Partial<NewDocumentInput>, text: string | null) {
  const id = await createDocument(database.db, unodc, input({ level: 'public', ...changes }), file(), day);
  if (text) {
    const [edition] = await database.db
      .select({ id: documentEditions.id })
      .from(documentEditions)
      .where(eq(documentEditions.documentId, id));
    await database.db
      .update(documentVersions)
      .set({ extractedText: text, extractionStatus: 'done' })
      .where(eq(documentVersions.editionId, edition?.id as string));
    await refreshSearchIndex(database.db, id);
  }
  return id;
}

describe('a search with more matches than it reads', () => {
  it('pages exactly as when it reads them all, counting and faceting only the first found', async () => {
    const make = (title: string, publishedOn: string, text: string | null, level: AccessLevel = 'public') =>
      publicDocumentWithText({ title, publishedOn, level }, text);
    // Three heading matches (the word in the title), five in the text only, one the visitor may not see.
    await make('Zephyrine notes', '2019-05-01', null);
    await make('Zephyrine zephyrine handbook', '2018-01-01', null);
    await make('On zephyrine and winds', '2020-02-02', null);
    for (const [index, year] of ['2015', '2021', '2017', '2023', '2016'].entries())
      await make(
        `Weather log ${index}`,
        `${year}-06-01`,
        `Winds of many kinds, the zephyrine among them (${index}).`,
      );
    await make('Zephyrine, restricted', '2024-01-01', null, 'un_system');

    const search = (query: Partial<LibraryQuery>, cap?: number) =>
      queryLibrary(
        database,
        visitor,
        { q: 'zephyrine', sort: 'relevance', page: 1, pageSize: 3, locale: 'en', ...query },
        { facets: true, matchCap: cap },
      );
    for (const sort of ['relevance', 'date'] as const)
      for (const page of [1, 2]) {
        const [all, bounded] = await Promise.all([search({ sort, page }), search({ sort, page }, 4)]);
        expect(bounded.rows.map((row) => row.title)).toEqual(all.rows.map((row) => row.title));
        expect(all).toMatchObject({ total: 8, totalIsCapped: false, facetsOver: 8, facetsAreSampled: false });
        expect(bounded).toMatchObject({
          total: 4,
          totalIsCapped: true,
          facetsOver: 4,
          facetsAreSampled: true,
        });
        expect(bounded.facets.type.reduce((sum, value) => sum + value.count, 0)).toBe(4);
      }

    const everything = await search({ pageSize: 20 }, 4);
    const titles = everything.rows.map((row) => row.title);
    expect(new Set(titles.slice(0, 3))).toEqual(
      new Set(['Zephyrine notes', 'Zephyrine zephyrine handbook', 'On zephyrine and winds']),
    );
    expect(titles.slice(3)).toEqual([
      'Weather log 3',
      'Weather log 1',
      'Weather log 2',
      'Weather log 4',
      'Weather log 0',
    ]);
    expect(titles).not.toContain('Zephyrine, restricted');
    const byDate = await search({ sort: 'date', pageSize: 20 }, 4);
    expect(byDate.rows[0]?.title).toBe('Weather log 3');
    expect(byDate.rows.map((row) => row.title)).not.toContain('Zephyrine, restricted');
    const forUnodc = await queryLibrary(
      database,
      unodc,
      { q: 'zephyrine', sort: 'date', page: 1, pageSize: 20, locale: 'en' },
      { facets: false, matchCap: 4 },
    );
    expect(forUnodc.rows[0]?.title).toBe('Zephyrine, restricted');

    const beyond = await search({ page: 2, pageSize: 4 }, 4);
    expect(beyond).toMatchObject({ rows: [], total: 4, totalIsCapped: true });

    const [logged] = everything.rows.filter((row) => row.title === 'Weather log 3');
    expect(logged?.snippet?.filter((_, index) => index % 2 === 1)).toEqual(['zephyrine']);
  });
});

describe('snippets', () => {
  const snippetFor = async (q: string) =>
    (await searchLibrary(database, visitor, { q, sort: 'relevance', page: 1, pageSize: 20, locale: 'en' }))
      .rows[0]?.snippet;

  it('show the text around the first place a searched word appears, whatever its case', async () => {
    const before = 'Filler words of no interest at all. '.repeat(40);
    await publicDocumentWithText(
      { title: 'Field report' },
      `${before}The PTARMIGAN crossed the border twice. ${'More filler follows the word. '.repeat(20)}`,
    );
    const snippet = await snippetFor('ptarmigan');
    expect(snippet?.[0]?.startsWith('… ')).toBe(true);
    expect(snippet?.[1]).toBe('PTARMIGAN');
    expect(snippet?.at(-1)?.endsWith(' …')).toBe(true);
    // The window starts about 100 characters before the word and runs 300.
    expect(snippet?.[0]?.length).toBeGreaterThan(80);
    expect(snippet?.join('').length).toBeLessThanOrEqual(305);
  });

  it('run their whole window past the 5,000th character when the word appears just before it', async () => {
    const before = 'Filler words of no interest at all. '.repeat(138);
    const text = `${before}A GYRFALCON, then ${'words past the head of the text. '.repeat(20)}`;
    expect(text.indexOf('GYRFALCON')).toBeGreaterThan(4950);
    expect(text.indexOf('GYRFALCON')).toBeLessThan(4990);
    await publicDocumentWithText({ title: 'Falconry notes' }, text);
    const snippet = await snippetFor('gyrfalcon');
    expect(snippet?.[1]).toBe('GYRFALCON');
    // About 100 characters before the word and 200 after it, all from the text as written.
    expect(snippet?.at(-1)).toContain('words past the head of the text. words past the head');
    expect(snippet?.join('').length).toBeGreaterThan(280);
    expect(snippet?.at(-1)?.endsWith(' …')).toBe(true);
  });

  it('are read from heads kept uncompressed, so that a page does not decompress texts', async () => {
    const id = await publicDocumentWithText({ title: 'Plain heads' }, 'Plain words. '.repeat(600));
    const [row] = rowsOf<{ search: string | null; text: string | null; length: number }>(
      await database.db.execute(sql`
        select pg_column_compression(v.search_head) as search, pg_column_compression(v.text_head) as text,
          char_length(v.text_head) as length
        from document_versions v join document_editions e on e.id = v.edition_id where e.document_id = ${id}`),
    );
    expect(row).toEqual({ search: null, text: null, length: 5400 });
  });

  it('show the start of the text when the word appears only past its first 5,000 characters', async () => {
    const text = `Opening lines of the notes. ${'Unrelated text. '.repeat(400)}A kittiwake at last.`;
    await publicDocumentWithText({ title: 'Late notes' }, text);
    const snippet = await snippetFor('kittiwake');
    expect(snippet?.[0]?.startsWith('Opening lines of the notes.')).toBe(true);
    expect(snippet).toHaveLength(1);
  });
});

describe('a search excluding a word, with more matches than it reads', () => {
  it('never ranks a document whose heading matches but whose text has the excluded word', async () => {
    const make = (title: string, text: string | null) => publicDocumentWithText({ title }, text);
    await make('Quasarine notes', 'Observed behind the blorft all night.');
    for (const title of ['Quasarine atlas', 'Quasarine almanac', 'Quasarine digest']) await make(title, null);
    for (const index of [1, 2]) await make(`Sky log ${index}`, `A quasarine seen again (${index}).`);
    // The forms in which websearch syntax excludes a word.
    for (const q of ['quasarine -blorft', 'quasarine (-blorft', 'quasarine&-blorft'])
      for (const cap of [4, undefined]) {
        const result = await queryLibrary(
          database,
          visitor,
          { q, sort: 'relevance', page: 1, pageSize: 20, locale: 'en' },
          { facets: false, matchCap: cap },
        );
        expect(result.rows.map((row) => row.title)).not.toContain('Quasarine notes');
        expect(
          result.rows
            .map((row) => row.title)
            .slice(3)
            .sort(),
        ).toEqual(['Sky log 1', 'Sky log 2']);
      }
  });
});

describe('declassification', () => {
  it('lowers the level on its day, by itself, and logs it', async () => {
    const id = await createDocument(
      database.db,
      unodc,
      input({
        title: 'Embargoed assessment',
        level: 'un_system',
        declassifyOn: '2022-09-01',
        declassifyTo: 'public',
      }),
      file(),
      day,
    );
    expect(await findDocument(database.db, visitor, id)).toBeNull();
    expect(await titlesFor(visitor, 'embargoed')).toEqual([]);
    expect(await declassifyDue(database.db, '2022-08-31')).toBe(0);
    expect(await declassifyDue(database.db, '2022-09-01')).toBe(1);
    expect(await findDocument(database.db, visitor, id)).not.toBeNull();
    expect(await titlesFor(visitor, 'embargoed')).toEqual(['Embargoed assessment']);
    const [row] = await database.db.select().from(documents).where(eq(documents.id, id));
    expect(row).toMatchObject({ level: 'public', declassifyOn: null, declassifyTo: null });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id));
    expect(events.find((event) => event.action === 'document.declassified')?.details).toEqual({
      from: 'un_system',
      to: 'public',
      on: '2022-09-01',
    });
    expect(await declassifyDue(database.db, '2022-09-02')).toBe(0);
  });
});

describe('search rows', () => {
  it('hold every document’s access facts and date, after the demo and every write above', async () => {
    const [row] = rowsOf<{ documents: number; differing: number }>(
      await database.db.execute(sql`
        select count(*)::int as documents,
          (count(*) filter (where s.document_id is null
            or (d.level, d.owner_entity_id, d.owner_member_state_id, d.body_id, d.named_entity_ids,
              d.named_member_state_ids, d.published_on)
            is distinct from (s.level, s.owner_entity_id, s.owner_member_state_id, s.body_id,
              s.named_entity_ids, s.named_member_state_ids, s.published_on)))::int as differing
        from documents d left join document_search s on s.document_id = d.id`),
    );
    expect(row?.documents).toBeGreaterThan(30);
    expect(row?.differing).toBe(0);
  });

  it('announce their changes, as extracting a version’s text makes them, to the page caches', async () => {
    const heard: string[] = [];
    const stop = await database.listen(dataChangedChannel, (table) => heard.push(table));
    try {
      await database.db.execute(sql`update document_search set rank_vector = rank_vector where false`);
      await expect.poll(() => heard).toContain('document_search');
    } finally {
      await stop();
    }
  });
});
