import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { gradeOf, publicStatusOf, type MessageStatus } from '../../../shared/messages.js';
import { tallyScopes } from '../../modules/messages/messages.repository.js';
import { authorMobile, authorPoolSize, seedSyntheticMessages, type SyntheticOptions } from './synthetic.js';

// Any string will do: no one logs in here, and hashing would only cost time.
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c3ludGhldGljc3ludGg$kzQ9o1sWvZyYzJd7Z2FmU3dGQm9vV0xZb1hWc0RxU1E';
const NOW = new Date('2026-11-23T08:00:00Z');
const options = (messages: number, extra: Partial<SyntheticOptions> = {}): SyntheticOptions => ({ messages, seed: 'test', batch: 700, now: NOW, passwordHash: PASSWORD_HASH, ...extra });

const ACCEPTED: MessageStatus[] = ['accepted', 'assigned', 'handling', 'replied', 'dissatisfied', 'closed'];

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSyntheticMessages(t.db, options(2000));
});

afterAll(async () => {
  await t?.drop();
});

async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(t.db)).rows;
}

describe('seedSyntheticMessages on a seeded database', () => {
  it('loads the messages with their authors from the synthetic pool', async () => {
    const [counts] = await rows(sql<{ messages: number; authors: number; pool: number }>`
      SELECT (SELECT count(*) FROM messages)::int AS messages,
             (SELECT count(DISTINCT author_id) FROM messages)::int AS authors,
             (SELECT count(*) FROM accounts WHERE kind = 'citizen' AND mobile LIKE '170%')::int AS pool`);
    expect(counts).toEqual({ messages: 2000, authors: expect.any(Number), pool: authorPoolSize(2000) });
    expect(counts!.authors).toBeGreaterThan(50);
    const first = await t.db.selectFrom('accounts').select(['kind', 'nickname']).where('mobile', '=', authorMobile(0)).executeTakeFirstOrThrow();
    expect(first.kind).toBe('citizen');
  });

  it('lists only public, accepted messages, with the public status of their status', async () => {
    const all = await t.db.selectFrom('messages').select(['status', 'is_public', 'public_status', 'listed', 'accepted_at', 'reject_reason']).execute();
    for (const m of all) {
      const status = m.status as MessageStatus;
      expect(m.public_status).toBe(m.is_public ? publicStatusOf(status) : null);
      expect(m.listed).toBe(m.public_status !== null);
      if (m.listed) {
        expect(m.is_public).toBe(true);
        expect(ACCEPTED).toContain(status);
      }
      expect(m.accepted_at !== null).toBe(ACCEPTED.includes(status));
      expect(m.reject_reason !== null).toBe(status === 'rejected');
    }
    expect(new Set(all.map((m) => m.status)).size).toBe(9);
  });

  it('keeps the tallies equal to a count by the messages module’s scopes', async () => {
    const listed = await t.db
      .selectFrom('messages')
      .select(['province_code', 'city_code', 'county_code', 'region_code', 'board_id', 'location_public', 'public_status'])
      .where('listed', '=', true)
      .execute();
    const expected = new Map<string, number>();
    for (const m of listed) {
      for (const scope of tallyScopes(m)) expected.set(`${scope}/${m.public_status}`, (expected.get(`${scope}/${m.public_status}`) ?? 0) + 1);
    }
    const stored = await t.db.selectFrom('message_tallies').select(['scope', 'public_status', 'n']).where('n', '<>', '0').execute();
    expect(new Map(stored.map((r) => [`${r.scope}/${r.public_status}`, Number(r.n)]))).toEqual(expected);
    expect(expected.get('all/done')).toBeGreaterThan(0);
  });

  it('numbers messages uniquely per Beijing creation day, with the day counters at the highest number', async () => {
    const bad = await rows(sql<{ number: string }>`
      SELECT number FROM messages
      WHERE number !~ '^\\d{4}-\\d{2}-\\d{2}-\\d{6}$'
         OR left(number, 10) <> to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`);
    expect(bad).toEqual([]);
    const counters = await rows(sql<{ day: string }>`
      SELECT d.day FROM (SELECT left(number, 10) AS day, max(right(number, 6)::int) AS top FROM messages GROUP BY 1) d
      LEFT JOIN message_day_counters c ON c.day = d.day::date
      WHERE c.n IS NULL OR c.n < d.top`);
    expect(counters).toEqual([]);
    // Ids follow creation time, so "newest first" by id is newest first by time.
    const [order] = await rows(sql<{ inversions: number }>`
      SELECT count(*)::int AS inversions FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS inv FROM messages) x WHERE inv`);
    expect(order!.inversions).toBe(0);
  });

  it('copies the province, city and county of the region tree into the level codes (of the board’s region when the location is private)', async () => {
    const bad = await rows(sql<{ id: string }>`
      SELECT m.id FROM messages m JOIN boards b ON b.id = m.board_id
      JOIN regions own ON own.code = m.region_code
      LEFT JOIN regions r ON r.code = CASE WHEN m.location_public THEN m.region_code ELSE b.region_code END
      WHERE own.level NOT IN ('county', 'township', 'city')
         OR NOT own.path <@ coalesce(r.path, own.path)
         OR m.province_code IS DISTINCT FROM (SELECT a.code FROM regions a WHERE a.level = 'province' AND r.path <@ a.path)
         OR m.city_code IS DISTINCT FROM (SELECT a.code FROM regions a WHERE a.level = 'city' AND r.path <@ a.path)
         OR m.county_code IS DISTINCT FROM (SELECT a.code FROM regions a WHERE a.level = 'county' AND r.path <@ a.path)`);
    expect(bad).toEqual([]);
    const boards = await rows(sql<{ id: string }>`
      SELECT m.id FROM messages m JOIN boards b ON b.id = m.board_id
      WHERE b.kind = 'leader' AND b.region_code NOT IN (m.province_code, coalesce(m.city_code, ''), coalesce(m.county_code, ''))`);
    expect(boards).toEqual([]);
  });

  it('records the events each status needs, replies from the board’s unit', async () => {
    const missing = await rows(sql<{ id: string; status: string }>`
      SELECT m.id, m.status FROM messages m
      WHERE NOT EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'submitted')
         OR (m.status IN ('replied', 'dissatisfied', 'closed')) <> EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'reply' AND (e.data->>'final')::boolean)
         OR (m.status = 'handling' AND NOT EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'reply'))
         OR (m.accepted_at IS NOT NULL) <> EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'accepted')
         OR (m.status = 'rejected') <> EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'rejected')
         OR (m.status = 'withdrawn') <> EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'withdrawn')
         OR (m.status = 'closed') <> EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = m.id AND e.kind = 'closed')
         OR m.final_reply_at IS DISTINCT FROM (SELECT max(e.created_at) FROM message_events e WHERE e.message_id = m.id AND e.kind = 'reply' AND (e.data->>'final')::boolean)
         OR m.first_reply_at IS DISTINCT FROM (SELECT min(e.created_at) FROM message_events e WHERE e.message_id = m.id AND e.kind = 'reply')
         OR m.last_reply_at IS DISTINCT FROM (SELECT max(e.created_at) FROM message_events e WHERE e.message_id = m.id AND e.kind = 'reply')
         OR m.activity_at <> coalesce(m.last_reply_at, m.accepted_at, m.created_at)`);
    expect(missing).toEqual([]);
    // Replies come from a lead unit of the message's assignments.
    const wrongUnit = await rows(sql<{ id: string }>`
      SELECT e.id FROM message_events e
      WHERE e.kind = 'reply' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = e.message_id AND a.unit_id = e.unit_id AND a.role = 'lead')`);
    expect(wrongUnit).toEqual([]);
    // A timeline read in id order is in time order.
    const [disorder] = await rows(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT created_at < lag(created_at) OVER (PARTITION BY message_id ORDER BY id) AS inv FROM message_events) x WHERE inv`);
    expect(disorder!.n).toBe(0);
    const [future] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM message_events WHERE created_at > ${NOW}`);
    expect(future!.n).toBe(0);
  });

  it('rates only answered messages, with the grade of the scores and a rating event', async () => {
    const ratings = await rows(sql<{ status: string; resolution: number; attitude: number; speed: number; grade: string; events: number; closed_by: string | null }>`
      SELECT m.status, r.resolution, r.attitude, r.speed, r.grade,
             (SELECT count(*)::int FROM message_events e WHERE e.message_id = m.id AND e.kind = 'rated') AS events,
             (SELECT e.data->>'by' FROM message_events e WHERE e.message_id = m.id AND e.kind = 'closed') AS closed_by
      FROM message_ratings r JOIN messages m ON m.id = r.message_id`);
    expect(ratings.length).toBeGreaterThan(600);
    for (const r of ratings) {
      expect(['dissatisfied', 'closed']).toContain(r.status);
      expect(r.grade).toBe(gradeOf(r));
      expect(r.events).toBe(1);
      // A satisfied rating closes the message (the messages module does the same).
      const satisfied = !['dissatisfied', 'very_dissatisfied'].includes(r.grade);
      expect(r.status === 'closed' && r.closed_by === 'rating').toBe(satisfied);
    }
  });

  it('assigns every message past accepted to units of its regions, with states, deadlines and columns the handling module would store', async () => {
    const bad = await rows(sql<{ id: string; status: string; why: string }>`
      SELECT m.id, m.status, x.why FROM messages m CROSS JOIN LATERAL (VALUES
        ('assignments', (m.status IN ('assigned','handling','replied','dissatisfied','closed')) <> EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id)),
        ('columns', (m.status IN ('assigned','handling','replied','dissatisfied','closed')) <> (m.handling_class IS NOT NULL AND m.assigned_at IS NOT NULL)),
        ('round', m.round <> 0),
        ('top', EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id)
                AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.parent_id IS NULL AND a.role = 'lead' AND a.assigned_at = m.assigned_at AND a.handling_class = m.handling_class)),
        ('open after the answer', m.status IN ('replied','dissatisfied','closed') AND EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.status IN ('pending','signed','passed_down'))),
        ('signed while assigned', m.status = 'assigned' AND EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.status <> 'pending')),
        ('top lead of a handled case', m.status = 'handling' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.parent_id IS NULL AND a.role = 'lead' AND a.status IN ('signed','passed_down'))),
        ('unit outside the regions', EXISTS (SELECT 1 FROM assignments a JOIN units u ON u.id = a.unit_id JOIN regions ur ON ur.code = u.region_code JOIN regions mr ON mr.code = m.region_code
                                             WHERE a.message_id = m.id AND NOT mr.path <@ ur.path)),
        ('closing', (m.status = 'closed') <> (m.closed_at IS NOT NULL AND m.close_reason IS NOT NULL))
      ) AS x(why, failed)
      WHERE x.failed`);
    expect(bad).toEqual([]);
    const children = await rows(sql<{ id: string }>`
      SELECT c.id FROM assignments c JOIN assignments p ON p.id = c.parent_id
      WHERE p.status NOT IN ('passed_down', 'done') OR c.message_id <> p.message_id OR c.assigned_by_unit_id <> p.unit_id
         OR c.reply_due <> p.reply_due OR c.contact_due <> p.contact_due OR c.sign_due > p.reply_due OR c.assigned_at < p.signed_at`);
    expect(children).toEqual([]);
    const [shape] = await rows(sql<{ assignments: number; passed: number; overdue: number; units: number }>`
      SELECT count(*)::int AS assignments, count(*) FILTER (WHERE parent_id IS NOT NULL)::int AS passed,
             count(*) FILTER (WHERE status IN ('pending','signed','passed_down') AND reply_due < ${NOW})::int AS overdue,
             count(DISTINCT unit_id)::int AS units
      FROM assignments`);
    expect(shape!.passed).toBeGreaterThan(100);
    expect(shape!.overdue).toBeGreaterThan(50);
    expect(shape!.units).toBeGreaterThan(300);
    // The events name the assignments they are about.
    const [events] = await rows(sql<{ wrong: number; signed: number }>`
      SELECT count(*) FILTER (WHERE a.id IS NULL OR a.message_id <> e.message_id)::int AS wrong, count(*) FILTER (WHERE e.kind = 'signed')::int AS signed
      FROM message_events e LEFT JOIN assignments a ON a.id = (e.data->>'assignmentId')::bigint
      WHERE e.kind IN ('signed', 'passed_down')`);
    expect(events).toEqual({ wrong: 0, signed: expect.any(Number) });
    expect(events!.signed).toBeGreaterThan(1000);
    // Leader boards everywhere are run by a unit (the demo ones keep theirs), and each of those units exists once.
    const [boards] = await rows(sql<{ without: number; demo: number }>`
      SELECT count(*) FILTER (WHERE b.unit_id IS NULL)::int AS without,
             count(*) FILTER (WHERE b.name = '江西省委书记' AND u.key = 'jx-msstd')::int AS demo
      FROM boards b LEFT JOIN units u ON u.id = b.unit_id WHERE b.kind = 'leader'`);
    expect(boards).toEqual({ without: 0, demo: 1 });
  });

  it('fills the search vector the way the search module stores it', async () => {
    const [empty] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE search IS NULL`);
    expect(empty!.n).toBe(0);
    const [found] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE listed AND search @@ to_tsquery('simple', '供暖')`);
    expect(found!.n).toBeGreaterThan(0);
    const [titled] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE search @@ to_tsquery('simple', '建议:A')`);
    expect(titled!.n).toBeGreaterThan(0);
  });

  it('adds more messages on a second run, continuing the numbers, and keeps dropped indexes intact', async () => {
    const indexes = async () =>
      rows(sql<{ indexname: string; indexdef: string }>`
        SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('messages', 'message_events') ORDER BY indexname`);
    const before = await indexes();
    // The same seed and moment: every day of the first run gets new numbers after its old ones.
    const summary = await seedSyntheticMessages(t.db, options(600, { indexes: 'drop', batch: 250 }));
    expect(summary).toMatchObject({ messages: 600, indexesDropped: true, units: 0 });
    expect(await indexes()).toEqual(before);
    const [dupes] = await rows(sql<{ n: number }>`SELECT (count(*) - count(DISTINCT number))::int AS n FROM messages`);
    expect(dupes!.n).toBe(0);
    const [total] = await rows(sql<{ n: number; authors: number }>`
      SELECT count(*)::int AS n, (SELECT count(*)::int FROM accounts WHERE mobile LIKE '170%') AS authors FROM messages`);
    expect(total).toEqual({ n: 2600, authors: authorPoolSize(2000) });
    const [tallies] = await rows(sql<{ n: number }>`SELECT sum(n)::int AS n FROM message_tallies WHERE scope = 'all'`);
    const [listed] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE listed`);
    expect(tallies!.n).toBe(listed!.n);
  });
});
