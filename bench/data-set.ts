import { bodies, bodyMemberships } from '../src/bodies/schema.ts';
import type { Database } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { loadDemoData } from '../src/demo/seed.ts';
import { entities } from '../src/directory/schema.ts';

/**
 * The benchmark's data: the 2022 demo plus `extraEntities` generated entities, each a member of two
 * working groups, so the pages carry more rows than the demo alone.
 */
export async function loadBenchData(database: Database, extraEntities: number): Promise<void> {
  await runMigrations(database);
  await loadDemoData(database.db);
  const generated = await database.db
    .insert(entities)
    .values(
      Array.from({ length: extraEntities }, (_, index) => ({
        slug: `generated-${index + 1}`,
        acronym: `GEN-${String(index + 1).padStart(4, '0')}`,
        name: { en: `Generated entity ${index + 1} (benchmark data)` },
        kind: index % 10 === 0 ? ('non_un' as const) : ('un' as const),
        status: index % 7 === 0 ? ('observer' as const) : ('member' as const),
        joinedOn: `20${19 + (index % 6)}-0${1 + (index % 9)}-15`,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: entities.id });
  const groups = await database.db.select({ id: bodies.id }).from(bodies);
  const memberships = generated.flatMap((entity, index) =>
    [0, 1].map((offset) => ({
      bodyId: (groups[(index + offset) % groups.length] as { id: string }).id,
      entityId: entity.id,
      role: 'member' as const,
      since: '2023-01-01',
    })),
  );
  if (memberships.length > 0)
    await database.db.insert(bodyMemberships).values(memberships).onConflictDoNothing();
}
