/**
 * The rollups agree exactly with a direct recount. A generated data set (every
 * status, ratings, reopened and overdue cases, ministries, hidden locations) is
 * counted twice: by the statistics service (cells, or facts where cells do not
 * reach) and by plain SQL over the messages table written here independently,
 * with working days counted day by day by the calendar module. Every figure, for
 * regions of every level, windows of every shape and every cut, must be equal.
 * Then messages change (replies, ratings, withdrawals) and the two must agree again.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { seedSyntheticMessages } from '../../src/server/seed/synthetic/synthetic.js';
import { workingDaysBetween } from '../../src/server/modules/calendar/working-days.js';
import { CUT_ROWS, statsBoards, statsRankings, statsSummary, statsTimeseries } from '../../src/server/modules/stats/stats.service.js';
import { foldPending, rebuildStats } from '../../src/server/modules/stats/stats.fold.js';
import { emptyMeasures, figuresOf, type Measures, type StatDim } from '../../src/shared/stats.js';

const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c3ludGhldGljc3ludGg$kzQ9o1sWvZyYzJd7Z2FmU3dGQm9vV0xZb1hWc0RxU1E';
const NOW = new Date('2026-11-23T08:00:00Z');

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSyntheticMessages(t.db, { messages: 3000, seed: 'recount', batch: 500, now: NOW, spanDays: 500, passwordHash: PASSWORD_HASH });
}, 300_000);

afterAll(async () => {
  await t?.drop();
});

interface RawMessage {
  id: string;
  created_at: Date;
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  board_id: string;
  level: string;
  field_code: string;
  type: string;
  channel: string;
  handling_class: string | null;
  status: string;
  first_reply_at: Date | null;
  final_reply_at: Date | null;
  round: number;
  overdue_count: number;
  grade: string | null;
  follow_ups: number;
  reply_due: Date | null;
  lead_unit_id: string | null;
}

/** Every message with what the definitions need, read straight from the tables. */
async function rawMessages(): Promise<RawMessage[]> {
  const result = await sql<RawMessage>`
    SELECT m.id, m.created_at, m.province_code, m.city_code, m.county_code, m.board_id,
           CASE WHEN r.level IS NULL OR r.level = 'national' THEN 'national' WHEN r.level IN ('province','city') THEN r.level ELSE 'county' END AS level,
           m.field_code, m.type, m.channel, m.handling_class, m.status, m.first_reply_at, m.final_reply_at, m.round, m.overdue_count,
           rt.grade,
           (SELECT count(*) FROM message_events e WHERE e.message_id = m.id AND e.kind = 'follow_up')::int AS follow_ups,
           (SELECT a.reply_due FROM assignments a WHERE a.message_id = m.id AND a.round = m.round AND a.role = 'lead' AND a.parent_id IS NULL
               AND a.status NOT IN ('returned','cancelled') ORDER BY a.id DESC LIMIT 1) AS reply_due,
           (SELECT a.unit_id FROM assignments a WHERE a.message_id = m.id AND a.round = m.round AND a.role = 'lead' AND a.parent_id IS NULL
               AND a.status NOT IN ('returned','cancelled') ORDER BY a.id DESC LIMIT 1)::text AS lead_unit_id
      FROM messages m JOIN boards b ON b.id = m.board_id LEFT JOIN regions r ON r.code = b.region_code
      LEFT JOIN message_ratings rt ON rt.message_id = m.id`.execute(t.db);
  return result.rows;
}

function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The definitions of docs/metrics.md, applied to one message at a time. */
function recount(messages: RawMessage[], keep: (m: RawMessage) => boolean): Measures {
  const s = emptyMeasures();
  for (const m of messages) {
    if (!keep(m)) continue;
    s.total++;
    if (m.status === 'rejected') s.rejected++;
    else if (m.status === 'withdrawn') s.withdrawn++;
    else s.received++;
    if (m.first_reply_at) {
      s.replied++;
      s.reply_workdays += workingDaysBetween(m.created_at, m.first_reply_at);
    }
    if (m.final_reply_at) {
      s.final_replied++;
      if (m.reply_due) m.final_reply_at <= m.reply_due ? s.on_time++ : s.late++;
    }
    if (m.status === 'closed') s.closed++;
    if (m.grade) {
      s.rated++;
      const key = ({ very_satisfied: 'g_very_satisfied', satisfied: 'g_satisfied', basically_satisfied: 'g_basic', dissatisfied: 'g_dissatisfied', very_dissatisfied: 'g_very_dissatisfied' } as const)[m.grade as 'satisfied'];
      s[key]++;
    }
    s.follow_ups += m.follow_ups;
    if (m.round > 0) s.reopened++;
    if (m.overdue_count > 0) s.overdue++;
  }
  return s;
}

function inRegion(code: string, level: string) {
  return (m: RawMessage) =>
    level === 'national' ? true : level === 'province' ? m.province_code === code : level === 'city' ? m.city_code === code : m.county_code === code;
}
function inWindow(from: string, to: string) {
  return (m: RawMessage) => beijingDay(m.created_at) >= from && beijingDay(m.created_at) <= to;
}
const DIM_OF: Record<StatDim, (m: RawMessage) => string | null> = {
  level: (m) => m.level,
  field: (m) => m.field_code,
  type: (m) => m.type,
  channel: (m) => m.channel,
  class: (m) => m.handling_class ?? 'none',
  board: (m) => String(m.board_id),
  unit: (m) => m.lead_unit_id,
};

async function busiest(level: 'province' | 'city' | 'county', n: number): Promise<string[]> {
  const column = sql.ref(`${level}_code`);
  const rows = await sql<{ code: string }>`SELECT ${column} AS code FROM messages WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${n}`.execute(t.db);
  return rows.rows.map((r) => r.code);
}

// Whole span, a half-year, months cut at both ends, one week, one day.
const WINDOWS: Array<[string, string]> = [
  ['2025-07-01', '2026-11-23'],
  ['2026-01-01', '2026-06-30'],
  ['2025-10-17', '2026-03-09'],
  ['2026-09-28', '2026-10-04'],
  ['2026-05-20', '2026-05-20'],
];

async function compareEverything(): Promise<number> {
  const messages = await rawMessages();
  const regions: Array<[string, string]> = [
    ['000000', 'national'],
    ...(await busiest('province', 3)).map((c) => [c, 'province'] as [string, string]),
    ...(await busiest('city', 2)).map((c) => [c, 'city'] as [string, string]),
    ...(await busiest('county', 2)).map((c) => [c, 'county'] as [string, string]),
  ];
  let compared = 0;
  for (const [code, level] of regions) {
    for (const [from, to] of WINDOWS) {
      const keep = (m: RawMessage) => inRegion(code, level)(m) && inWindow(from, to)(m);
      const summary = await statsSummary(t.db, { region: code, from, to, view: 'internal', cut: 'field' });
      expect(summary.figures, `${code} ${from}..${to}`).toEqual(figuresOf(recount(messages, keep)));
      for (const l of summary.levels) expect(l.received, `${code} ${from}..${to} level ${l.level}`).toBe(recount(messages, (m) => keep(m) && m.level === l.level).received);
      for (const row of summary.cut!.rows) expect(row.figures, `${code} field ${row.value}`).toEqual(figuresOf(recount(messages, (m) => keep(m) && m.field_code === row.value)));
      compared += 2 + summary.cut!.rows.length;
      for (const dim of ['level', 'type', 'channel', 'class', 'unit', ...(level === 'national' ? ['board'] : [])] as StatDim[]) {
        const cut = await statsSummary(t.db, { region: code, from, to, view: 'internal', cut: dim });
        const expected = new Map<string, Measures>();
        for (const m of messages) {
          const value = DIM_OF[dim](m);
          // Messages not yet assigned have no unit: they are in no unit's row.
          if (keep(m) && value !== null) expected.set(value, recount([m], () => true));
        }
        for (const row of cut.cut!.rows) {
          expect(expected.has(row.value), `${dim}=${row.value} has messages`).toBe(true);
          expect(row.figures, `${code} ${from}..${to} ${dim}=${row.value}`).toEqual(figuresOf(recount(messages, (m) => keep(m) && DIM_OF[dim](m) === row.value)));
        }
        // The largest CUT_ROWS values (a board cut of the country has more).
        expect(cut.cut!.rows.length).toBe(Math.min(expected.size, CUT_ROWS));
        compared += expected.size;
      }
      // A filter on one cut, and on two (facts).
      const field = summary.cut!.rows[0]?.value;
      if (field) {
        const filtered = await statsSummary(t.db, { region: code, from, to, view: 'internal', filters: { field } });
        expect(filtered.figures).toEqual(figuresOf(recount(messages, (m) => keep(m) && m.field_code === field)));
        const twice = await statsSummary(t.db, { region: code, from, to, view: 'internal', filters: { field, type: 'complain' } });
        expect(twice.figures).toEqual(figuresOf(recount(messages, (m) => keep(m) && m.field_code === field && m.type === 'complain')));
        compared += 2;
      }
    }
  }
  // Rankings: provinces of the country, cities of the country, counties of the busiest city.
  const [city] = await busiest('city', 1);
  for (const [region, peers, level] of [['000000', 'province', 'province'], ['000000', 'city', 'city'], [city!, 'county', 'county']] as const) {
    for (const [from, to] of WINDOWS) {
      const ranking = await statsRankings(t.db, { region, from, to, view: 'internal', peers, metric: 'received', order: 'desc', limit: 500 });
      // Ranked and too small to rank (样本不足) alike; the city level holds the counties directly under a province (市县).
      const listed = [...ranking.items, ...ranking.insufficient];
      for (const item of listed) {
        const own = peers === 'city' && item.region.level === 'county' ? 'county' : level;
        expect(item.figures, `${peers} ${item.region.code} ${from}..${to}`).toEqual(figuresOf(recount(messages, (m) => inRegion(item.region.code, own)(m) && inWindow(from, to)(m))));
      }
      expect(ranking.items.every((i) => i.figures.received >= ranking.minReceived)).toBe(true);
      expect(ranking.insufficient.every((i) => i.figures.received > 0 && i.figures.received < ranking.minReceived)).toBe(true);
      compared += listed.length;
    }
  }
  // The leader lists: the ministries (the country) and a province's and a city's boards (day cells, facts).
  const [province] = await busiest('province', 1);
  for (const region of ['000000', province!, city!]) {
    for (const [from, to] of WINDOWS) {
      const boards = await statsBoards(t.db, { region, from, to, view: 'internal' });
      for (const item of boards.items) {
        expect(item.figures, `board ${item.board.id} ${from}..${to}`).toEqual(figuresOf(recount(messages, (m) => String(m.board_id) === String(item.board.id) && inWindow(from, to)(m))));
      }
      compared += boards.items.length;
    }
  }
  // Counties of a province (month cells and the province's facts at the edges).
  for (const [from, to] of WINDOWS) {
    const ranking = await statsRankings(t.db, { region: province!, from, to, view: 'internal', peers: 'county', metric: 'received', order: 'desc', limit: 500 });
    const listed = [...ranking.items, ...ranking.insufficient];
    for (const item of listed) expect(item.figures).toEqual(figuresOf(recount(messages, (m) => inRegion(item.region.code, 'county')(m) && inWindow(from, to)(m))));
    compared += listed.length;
  }
  // Time series by week and by month add up to the recount of each bucket.
  for (const interval of ['week', 'month', 'quarter'] as const) {
    const series = await statsTimeseries(t.db, { region: '000000', from: '2025-10-17', to: '2026-03-09', view: 'internal', interval });
    for (const p of series.points) expect(p.figures, `${interval} ${p.period}`).toEqual(figuresOf(recount(messages, inWindow(p.from, p.to))));
    compared += series.points.length;
  }
  return compared;
}

describe('rollups against a direct recount', () => {
  it('agree on every figure after a bulk load', async () => {
    const compared = await compareEverything();
    expect(compared).toBeGreaterThan(1000);
  }, 300_000);

  it('agree again after messages change, and a rebuild changes nothing', async () => {
    // Withdraw what waits for screening, close what waits for a rating, put replies on open work.
    await sql`UPDATE messages SET status = 'withdrawn' WHERE id IN (SELECT id FROM messages WHERE status = 'submitted' ORDER BY id LIMIT 20)`.execute(t.db);
    await sql`UPDATE messages SET status = 'closed', closed_at = now(), close_reason = 'unrated' WHERE id IN (SELECT id FROM messages WHERE status = 'replied' ORDER BY id LIMIT 20)`.execute(t.db);
    await sql`UPDATE messages SET first_reply_at = created_at + interval '3 days' WHERE id IN (SELECT id FROM messages WHERE status = 'handling' AND first_reply_at IS NULL ORDER BY id LIMIT 30)`.execute(t.db);
    await sql`UPDATE message_ratings SET grade = 'very_dissatisfied' WHERE message_id IN (SELECT message_id FROM message_ratings ORDER BY message_id LIMIT 15)`.execute(t.db);
    await compareEverything();
    const before = await sql<{ n: string }>`SELECT md5(string_agg(c::text, ',' ORDER BY grain, region_code, dim, value, period)) AS n FROM stat_cells c WHERE total <> 0`.execute(t.db);
    await rebuildStats(t.db);
    expect(await foldPending(t.db)).toBe(0);
    const after = await sql<{ n: string }>`SELECT md5(string_agg(c::text, ',' ORDER BY grain, region_code, dim, value, period)) AS n FROM stat_cells c WHERE total <> 0`.execute(t.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  }, 300_000);
});
