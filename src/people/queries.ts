import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { bodies } from '../bodies/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { people, personFunctions } from './schema.ts';
import { mayListPeople, maySeeContacts } from './visibility.ts';

export interface PersonView {
  id: string;
  entityId: string;
  entityAcronym: string;
  entitySlug: string;
  name: string;
  jobTitle: string | null;
  /** Null when the viewer may not see contact details, as well as when none are known. */
  email: string | null;
  phone: string | null;
  since: string;
  leftOn: string | null;
  version: number;
  functions: (
    | { kind: 'body_focal_point'; bodyId: string; body: string; bodySlug: string }
    | { kind: 'topic_focal_point'; topic: string }
  )[];
}

export interface PeopleFilter {
  entityId?: string | undefined;
  /** People who have left are listed only when asked for. */
  includeFormer?: boolean;
  personId?: string | undefined;
}

/**
 * People as `actor` may see them (issue 4): names and functions for every signed-in user (the
 * `member_states` level), contact details at the `compact` level. Nobody unsigned sees anyone.
 */
export async function peopleFor(db: Db, actor: Actor, filter: PeopleFilter = {}): Promise<PersonView[]> {
  if (!mayListPeople(actor)) return [];
  const where: (SQL | undefined)[] = [
    filter.entityId ? eq(people.entityId, filter.entityId) : undefined,
    filter.personId ? eq(people.id, filter.personId) : undefined,
    filter.includeFormer ? undefined : isNull(people.leftOn),
  ];
  const rows = await db
    .select({
      id: people.id,
      entityId: people.entityId,
      entityAcronym: entities.acronym,
      entitySlug: entities.slug,
      name: people.name,
      jobTitle: people.jobTitle,
      email: people.email,
      phone: people.phone,
      since: people.since,
      leftOn: people.leftOn,
      version: people.version,
    })
    .from(people)
    .innerJoin(entities, eq(entities.id, people.entityId))
    .where(and(...where))
    .orderBy(asc(entities.acronym), asc(people.name))
    .limit(1000);
  const functionRows =
    rows.length === 0
      ? []
      : await db
          .select({
            personId: personFunctions.personId,
            kind: personFunctions.kind,
            topic: personFunctions.topic,
            bodyId: personFunctions.bodyId,
            body: bodies.shortName,
            bodySlug: bodies.slug,
          })
          .from(personFunctions)
          .leftJoin(bodies, eq(bodies.id, personFunctions.bodyId))
          .where(
            inArray(
              personFunctions.personId,
              rows.map((row) => row.id),
            ),
          );
  return rows.map((row) => {
    const contacts = maySeeContacts(actor, row.entityId);
    return {
      ...row,
      email: contacts ? row.email : null,
      phone: contacts ? row.phone : null,
      functions: functionRows
        .filter((item) => item.personId === row.id)
        .map((item) =>
          item.kind === 'body_focal_point'
            ? {
                kind: item.kind,
                bodyId: item.bodyId ?? '',
                body: item.body ?? '',
                bodySlug: item.bodySlug ?? '',
              }
            : { kind: item.kind, topic: item.topic ?? '' },
        ),
    };
  });
}
