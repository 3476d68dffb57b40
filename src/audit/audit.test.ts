import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { recordAudit } from './record.ts';
import { auditEvents } from './schema.ts';

/** Drizzle wraps the driver's error; the database's own message is its cause. */
async function databaseRefusal(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught as Error & { cause?: Error },
  );
  return error?.cause?.message ?? error?.message ?? 'no error';
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the audit log', () => {
  it('records events', async () => {
    await recordAudit(database.db, {
      action: 'document.read',
      subjectType: 'document',
      subjectId: 'd-1',
      actorUserId: 'u-1',
      requestId: 'req-1',
      details: { level: 'un_system' },
    });
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, 'd-1'));
    expect(event).toMatchObject({
      action: 'document.read',
      actorUserId: 'u-1',
      details: { level: 'un_system' },
    });
    expect(event?.occurredAt).toBeInstanceOf(Date);
  });

  it('is refused any update by the database itself', async () => {
    expect(
      await databaseRefusal(database.db.update(auditEvents).set({ action: 'nothing.happened' })),
    ).toMatch(/audit_events is append-only: UPDATE is not allowed/);
  });

  it('is refused any delete by the database itself', async () => {
    expect(await databaseRefusal(database.db.delete(auditEvents))).toMatch(
      /append-only: DELETE is not allowed/,
    );
  });

  it('is refused TRUNCATE by the database itself', async () => {
    expect(await databaseRefusal(database.db.execute(sql`truncate audit_events`))).toMatch(
      /append-only: TRUNCATE/,
    );
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(row?.n).toBe(1);
  });

  it('rolls back with the change it records', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { action: 'entity.update', subjectType: 'entity', subjectId: 'e-rollback' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(
      await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, 'e-rollback')),
    ).toEqual([]);
  });
});
