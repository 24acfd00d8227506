/**
 * `npm run db:check`: every named invariant holds on the seeded template, on
 * generated messages, on the demo campaigns and on messages handled through
 * the services (reopened, returned, passed down, closed with an explanation);
 * and each invariant, broken by hand with an UPDATE, is reported BROKEN with
 * the id that was changed — by the service and by the command's exit code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { actorOf, makeMessage } from '../support/messages.js';
import { unitIdByKey } from '../support/factories.js';
import { seedSyntheticMessages } from '../../src/server/seed/synthetic/synthetic.js';
import { seedDemoCampaigns } from '../../src/server/seed/demo-campaigns.js';
import { foldPending } from '../../src/server/modules/stats/stats.fold.js';
import { rateMessage, withdrawMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { assignMessage, passDownAssignment, reopenMessage, returnAssignment, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { submitReply } from '../../src/server/modules/handling/handling.work.js';
import { closeWithExplanation } from '../../src/server/modules/handling/handling.supervise.js';
import { checkIntegrity, type IntegrityReport } from '../../src/server/modules/integrity/integrity.service.js';
import { INTEGRITY_CHECKS } from '../../src/server/modules/integrity/integrity.checks.js';

const run = promisify(execFile);
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c3ludGhldGljc3ludGg$kzQ9o1sWvZyYzJd7Z2FmU3dGQm9vV0xZb1hWc0RxU1E';
const AUTHOR = '13907910001';

let t: TestDatabase;
/** Messages handled through the services, by what happened to them. */
const handled: Record<'reopened' | 'explained' | 'returned' | 'passedDown' | 'withdrawn', string> = { reopened: '', explained: '', returned: '', passedDown: '', withdrawn: '' };

async function openAssignment(messageId: string): Promise<string> {
  return (await t.db.selectFrom('assignments').select('id').where('message_id', '=', messageId).where('status', '=', 'pending').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}

const DISSATISFIED = { resolution: 1, attitude: 2, speed: 1, comment: '没有解决' };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSyntheticMessages(t.db, { messages: 1500, seed: 'integrity', batch: 500, now: new Date('2026-11-23T08:00:00Z'), spanDays: 400, passwordHash: PASSWORD_HASH });
  await seedDemoCampaigns(t.db, { demo: true, adminLogin: 'admin' }, () => {});
  const admin = await actorOf(t.db, 'admin');
  const author = await actorOf(t.db, AUTHOR);

  // 不满意 → 重办 → signed, answered again → 满意: two rounds.
  handled.reopened = await makeMessage(t.db, { author: AUTHOR, state: 'replied' });
  await rateMessage(t.db, author, handled.reopened, DISSATISFIED);
  await reopenMessage(t.db, admin, handled.reopened, { reason: '网民不满意，请重新办理' });
  await signAssignment(t.db, admin, await openAssignment(handled.reopened));
  await submitReply(t.db, admin, handled.reopened, { body: '重新办理后，幸福食堂已开业。', final: true });
  await rateMessage(t.db, author, handled.reopened, { resolution: 5, attitude: 5, speed: 4 });

  // 不满意 → 说明办结, then the rating changed to 很不满意: it stays closed.
  handled.explained = await makeMessage(t.db, { author: AUTHOR, state: 'replied' });
  await rateMessage(t.db, author, handled.explained, DISSATISFIED);
  await closeWithExplanation(t.db, admin, handled.explained, { explanation: '诉求超出政策范围，已当面解释。' });
  await rateMessage(t.db, author, handled.explained, { resolution: 1, attitude: 1, speed: 1 });

  // 交办 → 退回 by the lead unit: back to the coordinator's queue.
  handled.returned = await makeMessage(t.db, { author: AUTHOR, state: 'accepted' });
  const boardUnit = (await t.db.selectFrom('messages').innerJoin('boards', 'boards.id', 'messages.board_id').select('boards.unit_id').where('messages.id', '=', handled.returned).executeTakeFirstOrThrow()).unit_id!;
  await assignMessage(t.db, admin, handled.returned, { leadUnitId: Number(boardUnit), handlingClass: 'timely' });
  await returnAssignment(t.db, admin, await openAssignment(handled.returned), { reason: '不属于本单位职责' });

  // 交办 → 签收 → 链式交办 → the lower unit signs and answers.
  handled.passedDown = await makeMessage(t.db, { author: AUTHOR, state: 'accepted' });
  await assignMessage(t.db, admin, handled.passedDown, { leadUnitId: Number(boardUnit), handlingClass: 'timely' });
  const top = await openAssignment(handled.passedDown);
  await signAssignment(t.db, admin, top);
  await passDownAssignment(t.db, admin, top, { leadUnitId: Number(await unitIdByKey(t.db, 'nc-pc-office')) });
  await signAssignment(t.db, admin, await openAssignment(handled.passedDown));
  await submitReply(t.db, admin, handled.passedDown, { body: '南昌市委办公室已协调解决。', final: true });

  handled.withdrawn = await makeMessage(t.db, { author: AUTHOR });
  await withdrawMessage(t.db, author, handled.withdrawn);

  // What the services changed is counted into the statistics, as every statistics read does first.
  await foldPending(t.db, { wait: true });
}, 600_000);

afterAll(async () => {
  await t?.drop();
});

function resultOf(report: IntegrityReport, name: string) {
  const result = report.results.find((r) => r.name === name);
  if (!result) throw new Error(`no check ${name}`);
  return result;
}

async function one(query: ReturnType<typeof sql<Record<string, unknown>>>): Promise<Record<string, unknown>> {
  const rows = (await query.execute(t.db)).rows;
  if (rows.length === 0) throw new Error('the test data lacks a row this breakage needs');
  return rows[0]!;
}

describe('db:check', () => {
  it('finds every invariant holding on the template, generated messages, the demo campaigns and messages handled through the services', async () => {
    const report = await checkIntegrity(t.db);
    expect(report.results.map((r) => r.name)).toEqual(INTEGRITY_CHECKS.map((c) => c.name));
    expect(report.results.filter((r) => r.breaches > 0)).toEqual([]);
    expect(report.ok).toBe(true);
    // The data exercises what the checks read.
    const counts = await sql<{ messages: number; entries: number; rounds: number; children: number; explained: number; cells: number }>`
      SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM campaign_entries)::int AS entries,
             (SELECT count(*) FROM messages WHERE round > 0)::int AS rounds, (SELECT count(*) FROM assignments WHERE parent_id IS NOT NULL)::int AS children,
             (SELECT count(*) FROM messages WHERE close_reason = 'explained')::int AS explained, (SELECT count(*) FROM stat_cells)::int AS cells`.execute(t.db);
    expect(counts.rows[0]).toMatchObject({ messages: expect.any(Number), entries: expect.any(Number) });
    const c = counts.rows[0]!;
    expect(c.messages).toBeGreaterThan(1500);
    expect(c.entries).toBeGreaterThan(0);
    expect(c.rounds).toBeGreaterThan(0);
    expect(c.children).toBeGreaterThan(0);
    expect(c.explained).toBeGreaterThan(1);
    expect(c.cells).toBeGreaterThan(1000);
    const closedByRating = await sql<{ status: string; close_reason: string | null; round: number }>`SELECT status, close_reason, round FROM messages WHERE id = ${handled.reopened}`.execute(t.db);
    expect(closedByRating.rows[0]).toEqual({ status: 'closed', close_reason: 'rated', round: 1 });
  });

  /**
   * Each invariant broken by hand: the row to change (found in the data), the UPDATE that breaks
   * it, the one that puts it back, and the example id the check must name.
   */
  const breakages: Array<{ check: string; what: string; apply: () => Promise<{ id: string; undo: () => Promise<void> }> }> = [
    {
      check: 'reply-count',
      what: 'an answered message counts one reply more',
      apply: async () => {
        const { id } = await one(sql`SELECT id FROM messages WHERE status = 'closed' AND reply_count > 0 ORDER BY id LIMIT 1`);
        await sql`UPDATE messages SET reply_count = reply_count + 1 WHERE id = ${id}`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`UPDATE messages SET reply_count = reply_count - 1 WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'reply-times',
      what: 'a message\'s last reply time moves an hour',
      apply: async () => {
        const { id } = await one(sql`SELECT id FROM messages WHERE last_reply_at IS NOT NULL ORDER BY id LIMIT 1`);
        await sql`UPDATE messages SET last_reply_at = last_reply_at + interval '1 hour' WHERE id = ${id}`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`UPDATE messages SET last_reply_at = last_reply_at - interval '1 hour' WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'listed-public',
      what: 'a listed message is made private but stays on the board',
      apply: async () => {
        const { id } = await one(sql`SELECT id FROM messages WHERE listed AND status = 'handling' AND campaign_id IS NULL ORDER BY id LIMIT 1`);
        await sql`UPDATE messages SET is_public = false WHERE id = ${id}`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`UPDATE messages SET is_public = true WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'tab-tallies',
      what: 'the 已办理 tab of the whole platform counts one more',
      apply: async () => {
        await sql`UPDATE message_tallies SET n = n + 1 WHERE scope = 'all' AND public_status = 'done'`.execute(t.db);
        return { id: 'all/done', undo: async () => void (await sql`UPDATE message_tallies SET n = n - 1 WHERE scope = 'all' AND public_status = 'done'`.execute(t.db)) };
      },
    },
    {
      check: 'status-path',
      what: 'a closed message is set back to 已回复 without an event',
      apply: async () => {
        const { id } = await one(sql`SELECT id FROM messages WHERE status = 'closed' AND close_reason = 'rated' ORDER BY id LIMIT 1`);
        await sql`UPDATE messages SET status = 'replied', close_reason = NULL WHERE id = ${id}`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`UPDATE messages SET status = 'closed', close_reason = 'rated' WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'closing-explained',
      what: 'the explanation of a 说明办结 is erased',
      apply: async () => {
        const { id, body } = await one(sql`SELECT id, body FROM message_events WHERE message_id = ${handled.explained} AND kind = 'closed'`);
        // Events are append-only (a trigger refuses UPDATE); by hand means past the trigger.
        const setBody = (to: unknown) =>
          t.db.transaction().execute(async (tx) => {
            await sql`SET LOCAL session_replication_role = replica`.execute(tx);
            await sql`UPDATE message_events SET body = ${to} WHERE id = ${id}`.execute(tx);
          });
        await setBody('');
        return { id: handled.explained, undo: () => setBody(body) };
      },
    },
    {
      check: 'assignment-chains',
      what: 'the signed lead of a case in 办理中 is set back to pending',
      apply: async () => {
        const { id, message_id } = await one(sql`
          SELECT a.id, a.message_id FROM assignments a JOIN messages m ON m.id = a.message_id
           WHERE m.status = 'handling' AND a.parent_id IS NULL AND a.role = 'lead' AND a.status = 'signed' ORDER BY a.id LIMIT 1`);
        await sql`UPDATE assignments SET status = 'pending' WHERE id = ${id}`.execute(t.db);
        return { id: String(message_id), undo: async () => void (await sql`UPDATE assignments SET status = 'signed' WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'campaign-counters',
      what: 'a campaign\'s entry counter counts one more',
      apply: async () => {
        const { campaign_id, shard } = await one(sql`SELECT campaign_id, shard FROM campaign_entry_counts ORDER BY campaign_id, shard LIMIT 1`);
        await sql`UPDATE campaign_entry_counts SET n = n + 1 WHERE campaign_id = ${campaign_id} AND shard = ${shard}`.execute(t.db);
        return { id: `c${campaign_id}`, undo: async () => void (await sql`UPDATE campaign_entry_counts SET n = n - 1 WHERE campaign_id = ${campaign_id} AND shard = ${shard}`.execute(t.db)) };
      },
    },
    {
      check: 'campaign-counters',
      what: 'an entry shows one support more than it has',
      apply: async () => {
        const { message_id } = await one(sql`SELECT message_id FROM campaign_entries ORDER BY message_id LIMIT 1`);
        await sql`UPDATE campaign_entries SET support_count = support_count + 1 WHERE message_id = ${message_id}`.execute(t.db);
        return { id: `e${message_id}`, undo: async () => void (await sql`UPDATE campaign_entries SET support_count = support_count - 1 WHERE message_id = ${message_id}`.execute(t.db)) };
      },
    },
    {
      check: 'stat-facts',
      what: 'a message\'s statistics fact counts a follow-up it does not have',
      apply: async () => {
        const { message_id } = await one(sql`SELECT message_id FROM stat_facts ORDER BY message_id LIMIT 1`);
        await sql`UPDATE stat_facts SET follow_ups = follow_ups + 1 WHERE message_id = ${message_id}`.execute(t.db);
        return { id: String(message_id), undo: async () => void (await sql`UPDATE stat_facts SET follow_ups = follow_ups - 1 WHERE message_id = ${message_id}`.execute(t.db)) };
      },
    },
    {
      check: 'unit-tree',
      what: 'a unit\'s path forgets its parent (a move that rewrote the unit but not its subtree)',
      apply: async () => {
        const { id, path } = await one(sql`SELECT id, path::text AS path FROM units WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1`);
        await sql`UPDATE units SET path = ${String(id)}::ltree WHERE id = ${id}`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`UPDATE units SET path = ${path}::ltree WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'unit-merges',
      what: 'a unit merged by hand keeps a staff account',
      apply: async () => {
        const { id } = await one(sql`
          INSERT INTO units (name, kind, region_code, path) VALUES ('手工合并测试局', 'department', '360000', '0') RETURNING id`);
        await sql`UPDATE units SET path = id::text::ltree WHERE id = ${id}`.execute(t.db);
        const { into } = await one(sql`SELECT id AS into FROM units WHERE retired_at IS NULL AND id <> ${id} ORDER BY id LIMIT 1`);
        await sql`INSERT INTO accounts (kind, login, password_hash, nickname, display_name, unit_id, roles) VALUES ('staff', ${`merged-${id}`}, '!x', '测试', '测试', ${id}, '{unit_handler}')`.execute(t.db);
        await sql`UPDATE units SET retired_at = now(), merged_into_id = ${into} WHERE id = ${id}`.execute(t.db);
        return {
          id: String(id),
          undo: async () => {
            await sql`DELETE FROM accounts WHERE unit_id = ${id}`.execute(t.db);
            await sql`DELETE FROM unit_names WHERE unit_id = ${id}`.execute(t.db);
            await sql`DELETE FROM units WHERE id = ${id}`.execute(t.db);
          },
        };
      },
    },
    {
      check: 'unit-names',
      what: 'a unit\'s current name is rewritten in its history (the name it had is lost)',
      apply: async () => {
        const { id, name } = await one(sql`SELECT unit_id AS id, name FROM unit_names WHERE valid_to IS NULL ORDER BY unit_id LIMIT 1`);
        await sql`UPDATE unit_names SET name = ${`${String(name)}（改）`} WHERE unit_id = ${id} AND valid_to IS NULL`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`UPDATE unit_names SET name = ${name} WHERE unit_id = ${id} AND valid_to IS NULL`.execute(t.db)) };
      },
    },
    {
      check: 'closed-accounts',
      what: 'a closed (注销) account still holds its mobile number and a session',
      apply: async () => {
        const { id } = await one(sql`
          INSERT INTO accounts (kind, mobile, password_hash, nickname, display_name, status, closed_at)
          VALUES ('citizen', '13900000999', '!closed', '网友', '网友', 'closed', now()) RETURNING id`);
        await sql`INSERT INTO sessions (id, account_id, csrf_token, expires_at) VALUES (${`closed-${id}`}, ${id}, 'x', now() + interval '1 day')`.execute(t.db);
        return { id: String(id), undo: async () => void (await sql`DELETE FROM accounts WHERE id = ${id}`.execute(t.db)) };
      },
    },
    {
      check: 'stat-cells',
      what: 'a province\'s month cell counts one message more',
      apply: async () => {
        const cell = await one(sql`SELECT grain, period::text AS period, region_code, dim, value FROM stat_cells WHERE grain = 'm' AND region_level = 'province' AND dim = 'field' ORDER BY period, region_code, value LIMIT 1`);
        const where = sql`grain = ${cell.grain} AND period = ${cell.period}::date AND region_code = ${cell.region_code} AND dim = ${cell.dim} AND value = ${cell.value}`;
        await sql`UPDATE stat_cells SET total = total + 1 WHERE ${where}`.execute(t.db);
        return { id: `m/${cell.period}/${cell.region_code}/field=${cell.value}`, undo: async () => void (await sql`UPDATE stat_cells SET total = total - 1 WHERE ${where}`.execute(t.db)) };
      },
    },
    {
      check: 'stat-cells',
      what: 'a hot-topic term of a day counts one more',
      apply: async () => {
        const term = await one(sql`SELECT grain, period::text AS period, region_code, term FROM stat_terms WHERE grain = 'd' ORDER BY period, term LIMIT 1`);
        const where = sql`grain = ${term.grain} AND period = ${term.period}::date AND region_code = ${term.region_code} AND term = ${term.term}`;
        await sql`UPDATE stat_terms SET n = n + 1 WHERE ${where}`.execute(t.db);
        return { id: `d/${term.period}/${term.region_code}/term=${term.term}`, undo: async () => void (await sql`UPDATE stat_terms SET n = n - 1 WHERE ${where}`.execute(t.db)) };
      },
    },
  ];

  it.each(breakages)('reports $check BROKEN, naming the id, when $what', async ({ check, apply }) => {
    const { id, undo } = await apply();
    try {
      const report = await checkIntegrity(t.db);
      expect(report.ok).toBe(false);
      const result = resultOf(report, check);
      expect(result.breaches).toBeGreaterThanOrEqual(1);
      expect(result.examples.some((e) => e === id || e.startsWith(`${id}:`))).toBe(true);
    } finally {
      await undo();
    }
    // Put back, the invariant holds again (pending statistics marks aside: the fold counts them).
    await foldPending(t.db, { wait: true });
    expect(resultOf(await checkIntegrity(t.db, { only: [check] }), check).breaches).toBe(0);
  });

  it('covers every check with a breakage', () => {
    expect(new Set(breakages.map((b) => b.check))).toEqual(new Set(INTEGRITY_CHECKS.map((c) => c.name)));
  });

  it('the command exits 1 and prints BROKEN with the id on a breach, 0 and ok when all hold', async () => {
    const env = { ...process.env, DATABASE_URL: t.url, DEMO: 'true' };
    const cli = ['tsx', 'src/server/cli/db-check.ts'];
    const { id } = await one(sql`SELECT id FROM messages WHERE reply_count > 0 ORDER BY id LIMIT 1`);
    await sql`UPDATE messages SET reply_count = reply_count + 5 WHERE id = ${id}`.execute(t.db);
    try {
      const broken = await run('npx', cli, { env }).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(new RegExp(`^BROKEN +reply-count .*message ids: ${id}\\b`, 'm'));
      expect(broken.stdout).toMatch(/^ok +status-path/m);
    } finally {
      await sql`UPDATE messages SET reply_count = reply_count - 5 WHERE id = ${id}`.execute(t.db);
    }
    const clean = await run('npx', cli, { env });
    expect(clean.stdout).toMatch(/all \d+ invariants hold/);
    expect(clean.stdout.match(/^ok /gm)).toHaveLength(INTEGRITY_CHECKS.length);
    const usage = await run('npx', [...cli, '--only', 'no-such-check'], { env }).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(usage).toBe(2);
  }, 120_000);
});
