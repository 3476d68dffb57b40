import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityActor } from '../../tests/helpers/actors.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { stateByIso3 } from '../countries/commands.ts';
import { loadDemoCountriesIfEmpty } from '../demo/countries.ts';
import { updateDocumentMetadata } from '../documents/commands.ts';
import { xlsxWithInlineStrings } from '../documents/extraction/extraction.fixtures.ts';
import { documentMetadataInput } from '../documents/input.ts';
import { documents, documentTypes } from '../documents/schema.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import {
  createAssessment,
  createRecommendation,
  importRecommendations,
  recordUptake,
  supersedeRecommendation,
  updateRecommendation,
  updateSharing,
} from './commands.ts';
import { findAssessment, findRecommendation, gaps, listAssessments, listRecommendations } from './queries.ts';
import { readTable } from './spreadsheet.ts';

let database: TestDatabase;
let cted: Actor;
let unodc: Actor;
let interpol: Actor;
let kenya: Actor;
const day = '2023-06-01';

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  await loadDemoCountriesIfEmpty(database.db);
  cted = await entityActor(database.db, 'cted', day);
  unodc = await entityActor(database.db, 'unodc', day);
  interpol = await entityActor(database.db, 'interpol', day);
  kenya = {
    kind: 'member_state',
    userId: 'kenya-user',
    memberStateId: (await stateByIso3(database.db, 'KEN'))?.id as string,
  };
});
afterAll(() => database.close());

const codeOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `${error.status} ${error.problems.map((problem) => problem.code).join(',') || error.code}`;
  }
};

const header = 'country,assessment_start,theme,priority,status,issued_on,due_on,text';

describe('CTED assessments and recommendations', () => {
  it('sets the level from the State’s consent and lets only CTED create', async () => {
    const input = {
      country: 'GHA',
      kind: 'comprehensive' as const,
      visitStart: '2023-05-02',
      visitEnd: '2023-05-05',
      widerSharing: false,
      namedEntities: ['unodc'],
      summary: null,
      reportDocument: null,
    };
    expect(await codeOf(createAssessment(database.db, unodc, input))).toBe('403 cted_only');
    const id = await createAssessment(database.db, cted, input);
    expect((await findAssessment(database.db, cted, id))?.level).toBe('named');
    expect(await findAssessment(database.db, unodc, id)).not.toBeNull();
    expect(
      await findAssessment(database.db, await entityActor(database.db, 'unocT'.toLowerCase(), day), id),
    ).toBeNull();
    expect(await codeOf(createAssessment(database.db, cted, input))).toBe('400 cted_duplicate_assessment');
    const assessment = await findAssessment(database.db, cted, id);
    await updateSharing(database.db, cted, id, {
      version: assessment?.version as number,
      widerSharing: true,
      namedEntities: [],
    });
    expect((await findAssessment(database.db, cted, id))?.level).toBe('un_system');
  });

  it('refuses duplicates and changes to a superseded recommendation', async () => {
    const [assessment] = await listAssessments(database.db, cted, {
      memberStateId: (kenya as { memberStateId: string }).memberStateId,
    });
    const input = {
      assessment: assessment?.id as string,
      theme: 'legislation' as const,
      priority: 'low' as const,
      text: 'Review the  Prevention of Terrorism Act.',
      status: 'open' as const,
      issuedOn: '2023-06-01',
      dueOn: null,
    };
    const id = await createRecommendation(database.db, cted, input, day);
    expect(
      await codeOf(
        createRecommendation(
          database.db,
          cted,
          { ...input, text: 'review the prevention of terrorism act.' },
          day,
        ),
      ),
    ).toBe('400 cted_duplicate');
    const found = await findRecommendation(database.db, cted, id);
    const newId = await supersedeRecommendation(
      database.db,
      cted,
      id,
      {
        version: found?.version as number,
        theme: 'legislation',
        priority: 'medium',
        text: 'Amend the Act.',
        issuedOn: day,
        dueOn: null,
      },
      day,
    );
    const old = await findRecommendation(database.db, cted, id);
    expect(old).toMatchObject({ status: 'superseded', supersededById: newId });
    expect(
      await codeOf(
        updateRecommendation(
          database.db,
          cted,
          id,
          {
            version: old?.version as number,
            theme: 'legislation',
            priority: 'low',
            text: 'Changed.',
            status: 'open',
            dueOn: null,
          },
          day,
        ),
      ),
    ).toBe('400 cted_superseded');
    expect(await codeOf(recordUptake(database.db, unodc, id, { note: 'We help.', since: day }))).toBe(
      '400 cted_superseded',
    );
    expect(
      await codeOf(
        updateRecommendation(
          database.db,
          unodc,
          newId,
          { version: 1, theme: 'legislation', priority: 'low', text: 'x', status: 'open', dueOn: null },
          day,
        ),
      ),
    ).toBe('403 cted_only');
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, id));
    expect(events.map((event) => event.action)).toContain('cted_recommendation.superseded');
  });

  it('records uptake by a UN entity, refuses it twice, and never lets INTERPOL see or take up', async () => {
    const { rows } = await listRecommendations(database.db, unodc, { country: 'PER', status: 'open' });
    const target = rows[0]?.id as string;
    await recordUptake(database.db, unodc, target, { note: 'Training of analysts.', since: day });
    expect(await codeOf(recordUptake(database.db, unodc, target, { note: 'Again.', since: day }))).toBe(
      '400 cted_uptake_exists',
    );
    expect(await codeOf(recordUptake(database.db, interpol, target, { note: 'Us too.', since: day }))).toBe(
      '404 NOT_FOUND',
    );
    expect(await codeOf(recordUptake(database.db, kenya, target, { note: 'Us too.', since: day }))).toBe(
      '404 NOT_FOUND',
    );
    expect((await listRecommendations(database.db, interpol, {})).total).toBe(0);
    expect((await gaps(database.db, interpol)).byCountry).toEqual([]);
  });

  it('shows a State its own recommendations and assessments, whatever their level, and no one else’s', async () => {
    const own = await listRecommendations(database.db, kenya, {});
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.rows.map((row) => row.iso3))).toEqual(new Set(['KEN']));
    expect((await listAssessments(database.db, kenya)).map((row) => row.iso3)).toEqual(['KEN']);
    // Tajikistan did not agree to wider sharing: UNODC is named, UNOCT is not.
    const unoct = await entityActor(database.db, 'unoct', day);
    expect((await listRecommendations(database.db, unodc, { country: 'TJK' })).total).toBe(2);
    expect((await listRecommendations(database.db, unoct, { country: 'TJK' })).total).toBe(0);
  });

  it('imports all or nothing, with each bad row named, from CSV and XLSX', async () => {
    const bad = [
      header,
      'KEN,2022-02-07,border_management,high,open,2023-06-01,,Screen cargo at the port of Mombasa.',
      'XXX,2022-02-07,border_management,high,open,2023-06-01,,Unknown country.',
      'KEN,2021-01-01,border_management,high,open,2023-06-01,,No such visit.',
      'KEN,2022-02-07,astrology,urgent,open,2023-06-01,,Bad theme and priority.',
      'KEN,2022-02-07,border_management,high,open,2023-06-01,,Screen cargo at the port of Mombasa.',
      `KEN,2022-02-07,criminal_justice,high,open,2023-06-01,,"${'Train prosecutors and judges of county courts in the use of digital evidence (demo: fictional).'}"`,
      'KEN,2022-02-07,border_management,high,open,2023-06-01,2020-01-01,Due before issued.',
    ].join('\n');
    const table = await readTable('recommendations.csv', new TextEncoder().encode(bad));
    if (!('table' in table)) throw new Error('unreadable');
    const before = (await listRecommendations(database.db, cted, {})).total;
    const report = await importRecommendations(database.db, cted, table.table, { dryRun: false, today: day });
    expect(report.added).toBe(0);
    expect(report.problems.map((p) => `${p.row} ${p.field} ${p.code}`)).toEqual([
      '3 country cted_bad_country',
      '4 assessment_start cted_no_assessment',
      '5 theme bad_choice',
      '5 priority bad_choice',
      '6 text cted_duplicate_in_file',
      '7 text cted_duplicate',
      '8 due_on ends_before_start',
    ]);
    expect((await listRecommendations(database.db, cted, {})).total).toBe(before);

    const good = xlsxWithInlineStrings([
      header.split(','),
      [
        'KEN',
        '44599',
        'Border management',
        'high',
        '',
        '2023-06-01',
        '',
        'Screen cargo at the port of Mombasa.',
      ],
      [
        'PER',
        '2022-09-19',
        'CFT',
        'medium',
        'in progress',
        '2023-06-01',
        '2025-01-01',
        'Publish a typology of terrorist financing cases.',
      ],
    ]);
    const xlsx = await readTable('recommendations.xlsx', good);
    if (!('table' in xlsx)) throw new Error(`unreadable ${JSON.stringify(xlsx)}`);
    const dry = await importRecommendations(database.db, cted, xlsx.table, { dryRun: true, today: day });
    expect(dry).toMatchObject({ rows: 2, added: 0, valid: 2, problems: [] });
    expect((await listRecommendations(database.db, cted, {})).total).toBe(before);
    const done = await importRecommendations(database.db, cted, xlsx.table, { dryRun: false, today: day });
    expect(done).toMatchObject({ added: 2, problems: [] });
    expect((await listRecommendations(database.db, cted, {})).total).toBe(before + 2);
    expect(
      await codeOf(importRecommendations(database.db, unodc, xlsx.table, { dryRun: true, today: day })),
    ).toBe('403 cted_only');
  });

  it('names missing columns and refuses files it cannot read', async () => {
    const table = await readTable('r.csv', new TextEncoder().encode('country,text\nKEN,x'));
    if (!('table' in table)) throw new Error('unreadable');
    const report = await importRecommendations(database.db, cted, table.table, { dryRun: true, today: day });
    expect(report.problems[0]).toMatchObject({ row: 1, code: 'cted_missing_columns' });
    expect(await readTable('r.xlsx', new TextEncoder().encode('not a zip'))).toEqual({
      problem: 'cted_import_unreadable',
    });
    expect(await readTable('r.pdf', new TextEncoder().encode('%PDF'))).toEqual({
      problem: 'cted_import_type',
    });
  });

  it('keeps an assessment report’s audience to the assessment, whatever the library’s forms say', async () => {
    const [type] = await database.db.select({ id: documentTypes.id }).from(documentTypes).limit(1);
    const [report] = await database.db
      .insert(documents)
      .values({
        title: 'Assessment report of Ghana',
        typeId: type?.id as string,
        level: 'compact',
        publishedOn: '2023-06-01',
        ownerEntityId: cted.kind === 'entity' ? cted.entityId : null,
      })
      .returning({ id: documents.id, version: documents.version });
    const created = createAssessment(database.db, cted, {
      country: 'GHA',
      kind: 'follow_up' as const,
      visitStart: '2023-09-04',
      visitEnd: '2023-09-06',
      widerSharing: true,
      namedEntities: [],
      summary: null,
      reportDocument: report?.id as string,
    });
    expect(await codeOf(created)).toBe('ok');
    const [aligned] = await database.db
      .select()
      .from(documents)
      .where(eq(documents.id, report?.id as string));
    expect(aligned?.level).toBe('un_system');
    expect(aligned?.version).toBe((report?.version as number) + 1);
    const secretariat: Actor = { kind: 'secretariat', userId: 'secretariat-user', entityId: null };
    const widen = updateDocumentMetadata(
      database.db,
      secretariat,
      report?.id as string,
      aligned?.version as number,
      documentMetadataInput.parse({
        title: 'Assessment report of Ghana',
        type: 'report',
        level: 'public',
        publishedOn: '2023-06-01',
      }),
      day,
    );
    expect(await codeOf(widen)).toBe('400 access_governed_elsewhere');
    const stale = updateDocumentMetadata(
      database.db,
      secretariat,
      report?.id as string,
      report?.version as number,
      documentMetadataInput.parse({
        title: 'Renamed',
        type: 'report',
        level: 'un_system',
        publishedOn: '2023-06-01',
      }),
      day,
    );
    expect(await codeOf(stale)).toBe('409 STALE_EDIT');
    const [after] = await database.db
      .select()
      .from(documents)
      .where(eq(documents.id, report?.id as string));
    expect(after?.level).toBe('un_system');
  });

  it('refuses a file of more rows than an import takes, whole, without filling a sparse sheet’s gaps', async () => {
    const line = 'KEN,2023-05-02,border_management,high,open,2023-06-01,,Text';
    const many = [header, ...Array.from({ length: 5_001 }, (_, index) => `${line} ${index}`)].join('\n');
    expect(await readTable('recommendations.csv', new TextEncoder().encode(many))).toEqual({
      problem: 'cted_import_too_many_rows',
    });
    const sparse = xlsxWithInlineStrings([header.split(','), ['KEN']], [1, 2_000_000_000]);
    expect(await readTable('recommendations.xlsx', sparse)).toEqual({ problem: 'cted_import_too_many_rows' });
  });
});
