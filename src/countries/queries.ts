import { asc, count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberStates } from './schema.ts';

export interface MemberStateFigures {
  total: number;
  byRegion: { region: string; total: number }[];
}

export async function memberStateFigures(db: Db): Promise<MemberStateFigures> {
  const byRegion = await db
    .select({ region: memberStates.region, total: count() })
    .from(memberStates)
    .groupBy(memberStates.region)
    .orderBy(asc(memberStates.region));
  return { total: byRegion.reduce((sum, row) => sum + row.total, 0), byRegion };
}
