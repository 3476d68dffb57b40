import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityActor as actorOf } from '../../tests/helpers/actors.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { LocalBlobStore } from '../blobs/store.ts';
import { findEntity } from '../directory/queries.ts';
import { searchLibrary } from '../documents/queries.ts';
import { documents, documentVersions } from '../documents/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { accessLevels } from '../policy/levels.ts';
import { demoDocuments, demoNotice, loadDemoDocumentsIfEmpty } from './documents.ts';

let database: TestDatabase;
let root: string;
let blobs: LocalBlobStore;
let loaded: number | null;

const entityActor = (slug: string) => actorOf(database.db, slug, '2022-08-15');

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  root = await mkdtemp(path.join(tmpdir(), 'compact-demo-blobs-'));
  blobs = new LocalBlobStore(root);
  loaded = await loadDemoDocumentsIfEmpty(database.db, blobs, '2022-12-31');
});
afterAll(async () => {
  await database.close();
  await rm(root, { recursive: true, force: true });
});

const titlesFor = async (actor: Actor, q: string) =>
  (
    await searchLibrary(database.db, actor, { q, sort: 'relevance', page: 1, pageSize: 50, locale: 'en' })
  ).rows.map((row) => row.title);

describe('the demo documents', () => {
  it('are a few dozen, at every level, each version a stored file marked as demo content', async () => {
    expect(loaded).toBe(demoDocuments.length);
    expect(loaded).toBeGreaterThanOrEqual(30);
    const rows = await database.db.select({ level: documents.level }).from(documents);
    expect(new Set(rows.map((row) => row.level))).toEqual(new Set(accessLevels));
    const versions = await database.db.select().from(documentVersions);
    for (const version of versions) {
      expect(await blobs.has(version.sha256)).toBe(true);
      expect(version.extractionStatus).toBe('done');
    }
    expect(versions.filter((version) => version.extractedText?.includes(demoNotice)).length).toBeGreaterThan(
      30,
    );
  });

  it('include CTED country assessment reports for United Nations entities only', async () => {
    const cted = await findEntity(database.db, 'cted');
    const reports = await database.db
      .select({ level: documents.level })
      .from(documents)
      .where(eq(documents.ownerEntityId, cted?.id as string));
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(new Set(reports.map((report) => report.level))).toEqual(new Set(['un_system']));
    expect((await titlesFor(await entityActor('unodc'), 'lanternfish')).length).toBe(reports.length);
    expect(await titlesFor(await entityActor('interpol'), 'lanternfish')).toEqual([]);
    expect(await titlesFor({ kind: 'anonymous' }, 'lanternfish')).toEqual([]);
  });

  it('can be found by their words, in French too, and are loaded once', async () => {
    expect(await titlesFor({ kind: 'anonymous' }, 'kestrel')).toEqual([
      'Compendium of good practices on border security and management',
    ]);
    expect(await titlesFor({ kind: 'anonymous' }, 'côtières')).toEqual([
      'Guidelines on protecting mangrove coast infrastructure from terrorist attacks',
    ]);
    expect(await loadDemoDocumentsIfEmpty(database.db, blobs, '2022-12-31')).toBeNull();
  });
});
