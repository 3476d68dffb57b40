import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { NotFound, StaleEdit } from '../errors.ts';
import type { Db } from './client.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type Versioned = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Optimistic locking (ADR 0020): claims a record for one edit by bumping its version only if it is still
 * the version the user loaded. A stale form gets StaleEdit and saves nothing; the claim also serialises
 * concurrent edits, because the second update waits for the first transaction's row lock.
 */
export async function claimVersion(tx: Tx, table: Versioned, id: string, version: number): Promise<void> {
  const claimed = await tx
    .update(table)
    .set({ version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id });
  if (claimed.length > 0) return;
  const exists = await tx.select({ id: table.id }).from(table).where(eq(table.id, id));
  throw exists.length > 0 ? new StaleEdit() : new NotFound();
}
