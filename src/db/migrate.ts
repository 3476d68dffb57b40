import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Arbitrary but fixed: serialises migrations when several instances start against one server. */
const migrationLockKey = 7_272_018;

/** Applies every pending versioned migration in `src/db/migrations` (ADR 0003). */
export async function runMigrations(database: Database): Promise<void> {
  await database.exclusive(migrationLockKey, (db) =>
    database.engine === 'pglite'
      ? migratePglite(db as unknown as PgliteDatabase, { migrationsFolder })
      : migratePostgres(db as unknown as NodePgDatabase, { migrationsFolder }),
  );
}
