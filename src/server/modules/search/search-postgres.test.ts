/**
 * The search path end to end on the real PostgreSQL: documents stored the way
 * the messages service stores them, queried the way it queries.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { toSearchDocument, toSearchQuery } from './search-text.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

async function matches(document: { title: string; body: string }, q: string): Promise<boolean> {
  const query = toSearchQuery(q);
  if (!query) throw new Error(`nothing searchable in ${q}`);
  const tokens = toSearchDocument(document);
  const { rows } = await sql<{ matches: boolean }>`
    SELECT (setweight(to_tsvector('simple', ${tokens.title}), 'A') || setweight(to_tsvector('simple', ${tokens.body}), 'B'))
           @@ to_tsquery('simple', ${query.tsquery}) AS matches`.execute(testDb.db);
  return rows[0]?.matches ?? false;
}

describe('search on PostgreSQL', () => {
  it.each([
    // document title, document body, query, expected
    ['工资问题', '拖欠农民工工资三个月', '拖欠工资', true],
    ['工资问题', '拖欠农民工工资三个月', '农民工工资', true],
    ['工资问题', '拖欠农民工工资三个月', '拖欠農民工工資', true],
    ['缴费', '医保缴费系统打不开', '醫保繳費', true],
    ['繳費', '醫保繳費系統打不開', '医保缴费', true],
    ['醫保卡', '我的醫保卡丟了', '医保', true],
    ['医保卡', '我的医保卡丢了', '醫保', true],
    ['路灯', '許昌市魏都區路燈不亮', '许昌 路灯', true],
    ['充电', '小区没有iPhone15可以用的充电桩', 'ＩＰＨＯＮＥ15', true],
    ['物业', '物业费太高', '物业费', true],
    ['物业', '物业费用不透明', '物业费', true],
    ['路灯', '小区路灯不亮', '路灯', true],
    ['停水', '我家停水三天', '停水', true],
    ['罕见字', '鱻龘', '鱻', true],
    // Negatives: a shared character is no match.
    ['社保', '社保缴费系统打不开', '医保', false],
    ['工作', '找工作难，没有工作岗位', '工资', false],
    ['工资', '拖欠农民工工资', '拖欠社保', false],
    ['医保', '医保缴费', '医保 退费', false],
    ['路灯', '路灯不亮', '路面', false],
  ] as const)('%s / %s · query %s → %s', async (title, body, q, expected) => {
    expect(await matches({ title, body }, q)).toBe(expected);
  });

  it('finds words in the replies', async () => {
    const tokens = toSearchDocument({ title: '路灯坏了', body: '小区路灯不亮', replies: ['已安排维修'] });
    const query = toSearchQuery('维修');
    const { rows } = await sql<{ matches: boolean }>`
      SELECT to_tsvector('simple', ${tokens.body}) @@ to_tsquery('simple', ${query?.tsquery ?? ''}) AS matches`.execute(testDb.db);
    expect(rows[0]?.matches).toBe(true);
  });

  it('ranks a title hit above a body hit', async () => {
    const inTitle = toSearchDocument({ title: '医保缴费', body: '系统打不开' });
    const inBody = toSearchDocument({ title: '系统打不开', body: '医保缴费' });
    const query = toSearchQuery('医保');
    const { rows } = await sql<{ title_rank: number; body_rank: number }>`
      SELECT ts_rank(setweight(to_tsvector('simple', ${inTitle.title}), 'A') || setweight(to_tsvector('simple', ${inTitle.body}), 'B'), q) AS title_rank,
             ts_rank(setweight(to_tsvector('simple', ${inBody.title}), 'A') || setweight(to_tsvector('simple', ${inBody.body}), 'B'), q) AS body_rank
      FROM to_tsquery('simple', ${query?.tsquery ?? ''}) AS q`.execute(testDb.db);
    expect(rows[0]!.title_rank).toBeGreaterThan(rows[0]!.body_rank);
  });

  it('accepts queries full of tsquery operators and quotes without an error', async () => {
    for (const q of ["医保' | !社保", "O'Brien & (工资):*", '\\医保\\', '<-> 医保 <2>']) {
      expect(typeof (await matches({ title: '医保', body: '社保 工资 obrien' }, q))).toBe('boolean');
    }
  });
});
