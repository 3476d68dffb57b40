import type { Db } from '../db/client.ts';
import type { Actor } from '../policy/actor.ts';

export interface RecentDocument {
  id: string;
  title: string;
  publishedOn: string;
}

/**
 * A body's latest documents that `actor` may see, for its home page. The document library is not built yet
 * (the documents issue), so there are none; the body page already asks this module through the access
 * policy's actor, so that nothing but this function changes when they arrive.
 */
export async function recentDocumentsOf(_db: Db, _actor: Actor, _bodyId: string): Promise<RecentDocument[]> {
  return [];
}
