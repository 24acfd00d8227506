/** Chinese labels of cut values, for tables and reports (the web may translate the codes itself). */
import { sql } from 'kysely';
import type { StatDim } from '../../../shared/stats.js';
import type { Executor } from '../../db/database.js';

const FIXED: Partial<Record<StatDim, Record<string, string>>> = {
  level: { national: '中央部委', province: '省级', city: '市级', county: '县级' },
  type: { consult: '咨询', suggest: '建言', complain: '投诉', help: '求助', thanks: '感谢' },
  channel: { web: '网站', app: '客户端', mini_program: '小程序', hotline: '热线', email: '电子邮件', letter: '来信', api: '接口' },
  class: { special: '特别办', timely: '及时办', coordinated: '协调办', high: '高位办', none: '未交办' },
};

/**
 * `asOf` (a day, YYYY-MM-DD, the window's last): units are named as they were at the end of that day
 * (unit_names), so a past period shows a renamed or merged unit under its name of the time (docs/metrics.md).
 */
export async function labelsOf(db: Executor, dim: StatDim, values: readonly string[], asOf: string | null = null): Promise<Map<string, string>> {
  const fixed = FIXED[dim];
  if (fixed) return new Map(values.map((v) => [v, fixed[v] ?? v]));
  if (values.length === 0) return new Map();
  let rows: Array<{ value: string; label: string }> = [];
  if (dim === 'field') rows = (await sql<{ value: string; label: string }>`SELECT code AS value, name_zh AS label FROM fields WHERE code = ANY(${values as string[]}::text[])`.execute(db)).rows;
  // Ids are compared as numbers, so the primary key finds them.
  const ids = values.filter((v) => /^[1-9][0-9]{0,17}$/.test(v));
  if (dim === 'board') rows = (await sql<{ value: string; label: string }>`SELECT id::text AS value, name AS label FROM boards WHERE id = ANY(${ids}::bigint[])`.execute(db)).rows;
  if (dim === 'unit') {
    const at = asOf ? sql`((${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') - interval '1 microsecond'` : sql`now()`;
    rows = (await sql<{ value: string; label: string }>`SELECT id::text AS value, coalesce(unit_name_at(id, ${at}), name) AS label FROM units WHERE id = ANY(${ids}::bigint[])`.execute(db)).rows;
  }
  return new Map(rows.map((r) => [r.value, r.label]));
}
