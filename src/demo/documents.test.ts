import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { entityActor as actorOf } from '../../tests/helpers/actors.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { LocalBlobStore } from '../blobs/store.ts';
import { memberStates } from '../countries/schema.ts';
import { findEntity } from '../directory/queries.ts';
import { extractText } from '../documents/extraction/index.ts';
import { searchLibrary } from '../documents/queries.ts';
import { documentEditions, documents, documentVersions } from '../documents/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { type AccessLevel, accessLevels } from '../policy/levels.ts';
import {
  type DemoEdition,
  demoDocuments,
  demoNotice,
  demoText,
  loadDemoDocumentsIfEmpty,
} from './documents.ts';

const day = '2022-12-31';
let database: TestDatabase;
let root: string;
let blobs: LocalBlobStore;
let loaded: number | null;
let loadMs: number;

const entityActor = (slug: string) => actorOf(database.db, slug, day);

async function memberStateActor(iso3: string): Promise<Actor> {
  const [state] = await database.db
    .select({ id: memberStates.id })
    .from(memberStates)
    .where(eq(memberStates.iso3, iso3));
  if (!state) throw new Error(`no Member State ${iso3}`);
  return { kind: 'member_state', userId: `${iso3}-user`, memberStateId: state.id };
}

const visitor: Actor = { kind: 'anonymous' };

const found = async (actor: Actor, q: string) =>
  (await searchLibrary(database, actor, { q, sort: 'relevance', page: 1, pageSize: 100, locale: 'en' })).rows;
const titlesFor = async (actor: Actor, q: string) => (await found(actor, q)).map((row) => row.title).sort();
const levelsSeenBy = async (actor: Actor) =>
  new Set((await found(actor, '')).map((row) => row.level as AccessLevel));

const titlesOf = (predicate: (demo: (typeof demoDocuments)[number]) => boolean) =>
  demoDocuments
    .filter(predicate)
    .map((demo) => demo.title)
    .sort();

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  root = await mkdtemp(path.join(tmpdir(), 'compact-demo-blobs-'));
  blobs = new LocalBlobStore(root);
  const started = performance.now();
  loaded = await loadDemoDocumentsIfEmpty(database.db, blobs, day);
  loadMs = performance.now() - started;
});
afterAll(async () => {
  await database.close();
  await rm(root, { recursive: true, force: true });
});

async function allVersions() {
  return database.db
    .select({
      title: documents.title,
      level: documents.level,
      language: documentEditions.language,
      number: documentVersions.number,
      sha256: documentVersions.sha256,
      fileType: documentVersions.fileType,
      status: documentVersions.extractionStatus,
      text: documentVersions.extractedText,
    })
    .from(documentVersions)
    .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
    .innerJoin(documents, eq(documents.id, documentEditions.documentId));
}

/** The edition a stored version was made from: the n-th edition of its language in the demo list. */
function editionOf(version: { title: string; language: string; number: number }): DemoEdition | undefined {
  const demo = demoDocuments.find((candidate) => candidate.title === version.title);
  return demo?.editions.filter((edition) => edition.language === version.language)[version.number - 1];
}

describe('the demo documents', () => {
  it('are a few dozen, at every level, dated 2021-2022, loaded in a few seconds', async () => {
    expect(loaded).toBe(demoDocuments.length);
    expect(loaded).toBeGreaterThanOrEqual(30);
    expect(loaded).toBeLessThanOrEqual(40);
    const rows = await database.db
      .select({ level: documents.level, publishedOn: documents.publishedOn })
      .from(documents);
    expect(rows).toHaveLength(demoDocuments.length);
    expect(new Set(rows.map((row) => row.level))).toEqual(new Set(accessLevels));
    for (const row of rows) expect(row.publishedOn.slice(0, 4)).toMatch(/^202[12]$/);
    // Generous for a shared CI machine; a laptop loads them in one or two seconds.
    expect(loadMs).toBeLessThan(30_000);
  });

  it('store every version as a file whose text, marked as demo content, is already searchable', async () => {
    const versions = await allVersions();
    expect(versions.length).toBe(demoDocuments.reduce((sum, demo) => sum + demo.editions.length, 0));
    for (const version of versions) {
      expect(await blobs.has(version.sha256)).toBe(true);
      expect(version.status).toBe('done');
      const edition = editionOf(version);
      expect(edition?.format).toBe(version.fileType);
      expect(version.text).toBe(demoText(edition as DemoEdition));
      expect(version.text).toContain(demoNotice);
      expect(version.text?.split(/\s+/).length).toBeGreaterThan(version.language === 'ar' ? 100 : 300);
    }
    // French editions of several documents, an Arabic one in DOCX, and an edition with two versions.
    const languages = (language: string) =>
      new Set(versions.filter((v) => v.language === language).map((v) => v.title));
    expect(languages('fr').size).toBeGreaterThanOrEqual(3);
    expect(versions.filter((v) => v.language === 'ar').map((v) => v.fileType)).toEqual(['docx']);
    expect(versions.filter((v) => v.number === 2).map((v) => v.title)).toEqual(['ETCIP terms of reference']);
    expect(new Set(versions.map((v) => v.fileType))).toEqual(new Set(['pdf', 'docx']));
  });

  it('hold the text the extraction worker would read from their files', async () => {
    const versions = await allVersions();
    const samples = [
      versions.find((v) => v.fileType === 'pdf' && v.language === 'en'),
      versions.find((v) => v.fileType === 'pdf' && v.language === 'fr'),
      versions.find((v) => v.level === 'un_system' && v.fileType === 'docx'),
      versions.find((v) => v.language === 'ar'),
    ];
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    const scratch = await mkdtemp(path.join(tmpdir(), 'compact-demo-extract-'));
    onTestFinished(() => rm(scratch, { recursive: true, force: true }));
    for (const version of samples) {
      if (!version) throw new Error('a sample is missing');
      const file = path.join(scratch, `${version.sha256}.${version.fileType}`);
      const source = await blobs.open(version.sha256);
      if (!source) throw new Error('no blob');
      await pipeline(source, createWriteStream(file));
      const result = await extractText(file, version.fileType as 'pdf' | 'docx');
      expect(result.ok && words(result.text)).toBe(words(version.text ?? ''));
    }
  }, 60_000);

  it('go through the domain commands: each creation is in the audit log', async () => {
    const [created] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'document.created'));
    expect(created?.n).toBe(demoDocuments.length);
  });

  it('include CTED country assessment reports for United Nations entities only', async () => {
    const cted = await findEntity(database.db, 'cted');
    const reports = await database.db
      .select({
        title: documents.title,
        level: documents.level,
        countries: documents.countryIds,
        regions: documents.regions,
      })
      .from(documents)
      .where(eq(documents.ownerEntityId, cted?.id as string));
    const assessments = reports.filter((report) => report.title.startsWith('Country assessment report'));
    expect(assessments.length).toBeGreaterThanOrEqual(4);
    for (const report of assessments) {
      expect(report.level).toBe('un_system');
      expect(report.countries).toHaveLength(1);
      expect(report.regions).toHaveLength(1);
    }
    const titles = assessments.map((report) => report.title).sort();
    expect(await titlesFor(await entityActor('unodc'), 'lanternfish')).toEqual(titles);
    expect(await titlesFor(await entityActor('unesco'), 'lanternfish')).toEqual(titles);
    expect(await titlesFor(await entityActor('interpol'), 'lanternfish')).toEqual([]);
    expect(await titlesFor(await memberStateActor('KEN'), 'lanternfish')).toEqual([]);
    expect(await titlesFor(visitor, 'lanternfish')).toEqual([]);
  });

  it('show each reader the levels meant for them', async () => {
    expect(await levelsSeenBy(visitor)).toEqual(new Set(['public']));
    expect(await levelsSeenBy(await memberStateActor('FRA'))).toEqual(new Set(['public', 'member_states']));
    // INTERPOL is an ETCIP member and is named on papers, but is not a United Nations entity.
    expect(await levelsSeenBy(await entityActor('interpol'))).toEqual(
      new Set(['public', 'member_states', 'compact', 'body', 'named']),
    );
    expect(await levelsSeenBy(await entityActor('unodc'))).toEqual(new Set(accessLevels));
  });

  it('keep body papers to the members and named papers to the entities named', async () => {
    const tamarisk = titlesOf((demo) => demo.level === 'body' && demo.body === 'etcip');
    expect(tamarisk).toHaveLength(2);
    expect(await titlesFor(await entityActor('interpol'), 'tamarisk')).toEqual(tamarisk);
    expect(await titlesFor(await entityActor('unesco'), 'tamarisk')).toEqual([]);
    expect(await titlesFor(visitor, 'tamarisk')).toEqual([]);

    expect(await titlesFor(await entityActor('interpol'), 'quarry')).toEqual(
      titlesOf((demo) => demo.level === 'named'),
    );
    expect(await titlesFor(await entityActor('wco'), 'quarry')).toEqual([
      'Joint project proposal on quarry explosives control',
    ]);
    expect(await titlesFor(await entityActor('unesco'), 'quarry')).toEqual([]);
  });

  it('can be found by their words by everyone when public, in French and Arabic too', async () => {
    expect(await titlesFor(visitor, 'kestrel')).toEqual([
      'Compendium of good practices on border security and management',
    ]);
    const mangrove = ['Guidelines on protecting mangrove coast infrastructure from terrorist attacks'];
    expect(await titlesFor(visitor, 'mangrove')).toEqual(mangrove);
    expect(await titlesFor(visitor, 'côtières')).toEqual(mangrove);
    expect(await titlesFor(visitor, 'المانغروف')).toEqual(mangrove);
    expect(await titlesFor(visitor, 'heron')).toEqual([
      'Compact newsletter, issue 2 (2021)',
      'Compact newsletter, issue 4 (2022)',
    ]);
  });

  it('are loaded once: a second call adds nothing', async () => {
    const before = (await allVersions()).length;
    expect(await loadDemoDocumentsIfEmpty(database.db, blobs, day)).toBeNull();
    const [after] = await database.db.select({ n: count() }).from(documents);
    expect(after?.n).toBe(demoDocuments.length);
    expect((await allVersions()).length).toBe(before);
  });
});
