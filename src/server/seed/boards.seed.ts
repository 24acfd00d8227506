/**
 * Every province, city and county has two leader boards (party secretary and
 * head of government): reference data like the regions themselves.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { leaderBoardName, leaderTitles } from '../modules/regions/region-names.js';

export async function seedLeaderBoards(db: Executor): Promise<number> {
  const regions = await db.selectFrom('regions').select(['code', 'name', 'level']).where('level', 'in', ['province', 'city', 'county']).execute();
  const rows = regions.flatMap((r) =>
    leaderTitles(r.level as 'province' | 'city' | 'county', r.name).map((title, sort) => ({ kind: 'leader' as const, title, name: leaderBoardName(r.name, title), region_code: r.code, unit_id: null, sort })),
  );
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const result = await sql`
      INSERT INTO boards (kind, title, name, region_code, unit_id, sort)
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::jsonb)
        AS t(kind text, title text, name text, region_code text, unit_id bigint, sort int)
      ON CONFLICT (coalesce(region_code, ''), title) DO NOTHING`.execute(db);
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return inserted;
}
