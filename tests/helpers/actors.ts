import { entityStandingOn } from '../../src/bodies/queries.ts';
import type { Db } from '../../src/db/client.ts';
import { findEntity } from '../../src/directory/queries.ts';
import type { Actor } from '../../src/policy/actor.ts';

/** An entity's user as the access policy sees them on `day`, without an account (domain tests). */
export async function entityActor(db: Db, slug: string, day: string): Promise<Actor> {
  const entity = await findEntity(db, slug);
  if (!entity) throw new Error(`no entity ${slug}`);
  const standing = await entityStandingOn(db, entity.id, day);
  return {
    kind: 'entity',
    userId: `${slug}-user`,
    entityId: entity.id,
    entityKind: entity.kind,
    focalPoint: false,
    bodyIds: standing.bodyIds,
    chairedBodyIds: standing.chairedBodyIds,
  };
}
