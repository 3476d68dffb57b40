import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityActor } from '../../tests/helpers/actors.ts';
import { createTestDatabase, selectRows, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { loadDemoCountriesIfEmpty } from '../demo/countries.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { reviewDraft, saveDraft, stateByIso3 } from './commands.ts';
import { listCountries, reviewQueue, sectionsOf, versionsOf } from './queries.ts';

let database: TestDatabase;
let kenya: Actor;
let uganda: Actor;
const secretariat: Actor = { kind: 'secretariat', userId: 'secretariat-user', entityId: null };
const anonymous: Actor = { kind: 'anonymous' };
let interpol: Actor;
let kenyaId: string;

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  await loadDemoCountriesIfEmpty(database.db);
  kenyaId = (await stateByIso3(database.db, 'KEN'))?.id as string;
  kenya = { kind: 'member_state', userId: 'kenya-user', memberStateId: kenyaId };
  uganda = {
    kind: 'member_state',
    userId: 'uganda-user',
    memberStateId: (await stateByIso3(database.db, 'UGA'))?.id as string,
  };
  interpol = await entityActor(database.db, 'interpol', '2023-06-01');
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

describe('a State edits its own section as a draft; the secretariat publishes or returns it', () => {
  it('keeps a draft private to the State until it is submitted, then shows it to the secretariat', async () => {
    await saveDraft(database.db, kenya, 'KEN', 'good_practices', {
      version: 0,
      text: 'Community policing forums in every county.',
      level: 'public',
      strategyStatus: null,
      submit: false,
    });
    const own = (await sectionsOf(database.db, kenya, kenyaId)).find((s) => s.kind === 'good_practices');
    expect(own?.draft?.text).toBe('Community policing forums in every county.');
    const seenBySecretariat = (await sectionsOf(database.db, secretariat, kenyaId)).find(
      (s) => s.kind === 'good_practices',
    );
    expect(seenBySecretariat?.draft).toBeNull();
    expect(await reviewQueue(database.db, secretariat)).toEqual([]);

    await saveDraft(database.db, kenya, 'KEN', 'good_practices', {
      version: own?.version as number,
      text: 'Community policing forums in every county, with women and young people.',
      level: 'public',
      strategyStatus: null,
      submit: true,
    });
    const queue = await reviewQueue(database.db, secretariat);
    expect(queue.map((item) => `${item.iso3} ${item.kind}`)).toEqual(['KEN good_practices']);
    expect(await reviewQueue(database.db, kenya)).toEqual([]);
    // Nothing is public before the secretariat publishes.
    const forVisitor = (await sectionsOf(database.db, anonymous, kenyaId)).find(
      (s) => s.kind === 'good_practices',
    );
    expect(forVisitor?.published).toBeNull();
    expect(forVisitor?.draft).toBeNull();
  });

  it('publishes a numbered version that the public sees, and keeps the earlier ones', async () => {
    const section = (await sectionsOf(database.db, secretariat, kenyaId)).find(
      (s) => s.kind === 'good_practices',
    );
    const result = await reviewDraft(database.db, secretariat, 'KEN', 'good_practices', {
      version: section?.version as number,
      decision: 'publish',
      comment: null,
    });
    expect(result.published).toBe(1);
    const forVisitor = (await sectionsOf(database.db, anonymous, kenyaId)).find(
      (s) => s.kind === 'good_practices',
    );
    expect(forVisitor?.published?.text).toContain('women and young people');
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectType, 'country_section'));
    expect(events.map((event) => event.action)).toContain('country_section.published');
    // The demo priorities have two published versions: both are kept, newest first.
    const versions = await versionsOf(database.db, anonymous, kenyaId, 'priorities');
    expect(versions.map((version) => version.number)).toEqual([2, 1]);
  });

  it('returns a draft with a comment, which the State sees', async () => {
    const before = (await sectionsOf(database.db, kenya, kenyaId)).find((s) => s.kind === 'priorities');
    await saveDraft(database.db, kenya, 'KEN', 'priorities', {
      version: before?.version as number,
      text: 'A shorter list of priorities.',
      level: 'public',
      strategyStatus: null,
      submit: true,
    });
    const submitted = (await sectionsOf(database.db, secretariat, kenyaId)).find(
      (s) => s.kind === 'priorities',
    );
    expect(
      await codeOf(
        reviewDraft(database.db, secretariat, 'KEN', 'priorities', {
          version: submitted?.version as number,
          decision: 'return',
          comment: null,
        }),
      ),
    ).toBe('400 countries_comment_required');
    await reviewDraft(database.db, secretariat, 'KEN', 'priorities', {
      version: submitted?.version as number,
      decision: 'return',
      comment: 'Please keep border security in the list.',
    });
    const returned = (await sectionsOf(database.db, kenya, kenyaId)).find((s) => s.kind === 'priorities');
    expect(returned?.draft?.state).toBe('returned');
    expect(returned?.reviewComment).toBe('Please keep border security in the list.');
    expect(returned?.published?.number).toBe(2);
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'country_section.returned'));
    expect(events).toHaveLength(1);
  });

  it('refuses a focal point writing to another State, anyone but a State writing, and a stale form', async () => {
    const input = {
      version: 0,
      text: 'Not ours.',
      level: 'public' as const,
      strategyStatus: null,
      submit: false,
    };
    expect(await codeOf(saveDraft(database.db, uganda, 'KEN', 'challenges', input))).toBe(
      '403 countries_not_your_country',
    );
    expect(await codeOf(saveDraft(database.db, secretariat, 'KEN', 'challenges', input))).toBe(
      '403 countries_state_only',
    );
    expect(await codeOf(saveDraft(database.db, interpol, 'KEN', 'challenges', input))).toBe(
      '403 countries_state_only',
    );
    expect(await codeOf(saveDraft(database.db, kenya, 'KEN', 'challenges', { ...input, version: 99 }))).toBe(
      '409 STALE_EDIT',
    );
    expect(await codeOf(saveDraft(database.db, kenya, 'KEN', 'challenges', input))).toBe('409 STALE_EDIT');
    expect(await codeOf(saveDraft(database.db, kenya, 'KEN', 'strategy', { ...input, version: 1 }))).toBe(
      '400 countries_strategy_required',
    );
    expect(
      await codeOf(
        reviewDraft(database.db, kenya, 'KEN', 'priorities', {
          version: 1,
          decision: 'publish',
          comment: null,
        }),
      ),
    ).toBe('403 countries_review_only');
  });

  it('shows Compact-only sections to entities and the State, never to visitors or other States', async () => {
    const compactOnly = (actor: Actor) =>
      sectionsOf(database.db, actor, kenyaId).then((sections) =>
        sections.filter((s) => s.published?.level === 'compact').map((s) => s.kind),
      );
    expect(await compactOnly(anonymous)).toEqual([]);
    expect(await compactOnly(uganda)).toEqual([]);
    expect(await compactOnly(kenya)).toEqual(['challenges', 'contacts']);
    expect(await compactOnly(interpol)).toEqual(['challenges', 'contacts']);
    const kenyaRow = (await listCountries(database.db, anonymous)).find((row) => row.iso3 === 'KEN');
    expect(kenyaRow).toMatchObject({ strategyStatus: 'adopted', sections: 3 });
    const tajikistan = (await listCountries(database.db, anonymous)).find((row) => row.iso3 === 'TJK');
    expect(tajikistan).toMatchObject({ strategyStatus: null, sections: 0 });
  });

  it('never lets a published version be rewritten', async () => {
    await expect(
      database.db.execute(sql`update country_section_versions set text = 'rewritten'`),
    ).rejects.toThrow();
    const rows = await selectRows<{ n: number }>(
      database,
      sql`select count(*)::int as n from country_section_versions`,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
