/**
 * Handling under contention (issue 13): many units sign, pass down, contact,
 * contribute, ask for and approve extensions, reply and reopen at once, on
 * messages whose deadlines have all passed, while two deadline sweeps run
 * every second (as two app processes would). PostgreSQL deadlocks and
 * serialisation failures must never reach a caller, and the end state must
 * be the one the state machines allow: docs/decisions/0011-lock-order.md.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { DomainError } from '../../src/server/http/errors.js';
import type { Actor } from '../../src/server/modules/access/actor.js';
import { assignMessage, passDownAssignment, reopenMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { closeUnrated, sweepDeadlines } from '../../src/server/modules/handling/handling.timers.js';
import { addInternalNote, contribute, decideExtension, recordContact, requestExtension, submitReply } from '../../src/server/modules/handling/handling.work.js';
import { rateMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeCitizen, unitIdByKey } from '../support/factories.js';
import { actorOf, makeMessage } from '../support/messages.js';

const MESSAGES = 30;
/** More connections than the test default: the point is to have many transactions open at once. */
const POOL = 20;
/** Refusals the state machines give when two people race for the same step: expected, and told to the loser. */
const RACE_REFUSALS = new Set(['assignment_state', 'message_state', 'final_reply_exists', 'not_assigned', 'unit_not_assignable', 'extension_pending', 'extension_state', 'not_found']);

let database: TestDatabase;
/** The stress pool; closed (once) before PostgreSQL's counters are read. */
let db: Database;
let closed = false;
const actors: Record<string, Actor> = {};
const unit: Record<string, string> = {};
const past = new Date(Date.now() - 30 * 86_400_000);
const messages: { id: string; citizen: Actor }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase(database.url, POOL);
  for (const login of ['coordinator', 'ncoffice', 'handler', 'street']) actors[login] = await actorOf(db, login);
  for (const key of ['nc-pc-office', 'dh-mzj', 'dh-dyjd']) unit[key] = await unitIdByKey(db, key);
  // Replies publish at once here; review has its own tests.
  await db.updateTable('units').set({ reply_review: 'none' }).where('id', 'in', Object.values(unit)).execute();
  for (let i = 0; i < MESSAGES; i++) {
    const citizen = await makeCitizen(db);
    const id = await makeMessage(db, { author: citizen.mobile!, state: 'accepted' });
    // Assigned a month ago: every deadline on it, and on whatever is passed down from it, has passed.
    await assignMessage(db, actors.coordinator!, id, { leadUnitId: Number(unit['nc-pc-office']), handlingClass: 'timely' }, past);
    messages.push({ id, citizen: await actorOf(db, citizen.mobile!) });
  }
  // The seed's own overdue work is swept before the clock starts.
  await sweepDeadlines(db);
});
afterAll(async () => {
  if (db) await closeStressPool();
  await database?.drop();
});

interface Outcome {
  calls: number;
  refusals: Record<string, number>;
  failures: { action: string; code: string | undefined; message: string }[];
}

const outcome: Outcome = { calls: 0, refusals: {}, failures: [] };

/** Runs one user action as a route would and files its outcome: done, a domain refusal, or a failure that would reach the user as a 500. */
async function act(action: string, fn: () => Promise<unknown>): Promise<boolean> {
  outcome.calls++;
  try {
    await fn();
    return true;
  } catch (error) {
    if (error instanceof DomainError && RACE_REFUSALS.has(error.code)) {
      outcome.refusals[error.code] = (outcome.refusals[error.code] ?? 0) + 1;
      return false;
    }
    outcome.failures.push({ action, code: (error as { code?: string }).code, message: String((error as Error).message ?? error).slice(0, 200) });
    return false;
  }
}

/** The same action sent twice at once (a double click, two colleagues). */
const twice = (action: string, fn: () => Promise<unknown>) => Promise.all([act(action, fn), act(action, fn)]);

/** The unit's latest assignment in the round; missing only when a step before it failed (filed in `outcome`). */
async function assignmentOf(messageId: string, unitId: string, round: number): Promise<string> {
  const row = await db.selectFrom('assignments').select('id').where('message_id', '=', messageId).where('unit_id', '=', unitId).where('round', '=', round).orderBy('id', 'desc').executeTakeFirst();
  if (!row) throw new Error(`message ${messageId}: no assignment of unit ${unitId} in round ${round} after a failed step`);
  return row.id;
}

/** One message's life, each step raced by more than one caller; every deadline it gets has already passed. */
async function handle(messageId: string, citizen: Actor, past: Date): Promise<void> {
  const [coordinator, ncoffice, handler, street] = (['coordinator', 'ncoffice', 'handler', 'street'] as const).map((login) => actors[login]!) as [Actor, Actor, Actor, Actor];
  const top = await assignmentOf(messageId, unit['nc-pc-office']!, 0);
  await twice('sign', () => signAssignment(db, ncoffice, top));
  await twice('passDown', () => passDownAssignment(db, ncoffice, top, { leadUnitId: Number(unit['dh-mzj']), coUnitIds: [Number(unit['dh-dyjd'])], instructions: '请区民政局会同大院街道办理。' }));
  const lead = await assignmentOf(messageId, unit['dh-mzj']!, 0);
  const co = await assignmentOf(messageId, unit['dh-dyjd']!, 0);
  await Promise.all([twice('sign', () => signAssignment(db, handler, lead)), twice('sign', () => signAssignment(db, street, co))]);
  await Promise.all([
    act('contact', () => recordContact(db, handler, lead, { method: 'phone', summary: '已电话联系留言人，了解诉求。' })),
    twice('contribute', () => contribute(db, street, co, { body: '街道已排查辖区老年人用餐需求。' })),
    act('extension', () => requestExtension(db, handler, lead, { days: 1, reason: '需协调场地。' })),
  ]);
  const request = await db.selectFrom('extension_requests').select('id').where('assignment_id', '=', lead).executeTakeFirst();
  await Promise.all([
    request ? twice('decideExtension', () => decideExtension(db, coordinator, request.id, { approve: true })) : null,
    act('interim', () => submitReply(db, handler, messageId, { body: '正在协调场地，近期答复。', final: false })),
    act('note', () => addInternalNote(db, ncoffice, messageId, { body: '请东湖区抓紧。' })),
  ]);
  await twice('final', () => submitReply(db, handler, messageId, { body: '经协调，幸福食堂将于下月开业。', final: true }));
  await act('rate', () => rateMessage(db, citizen, messageId, { resolution: 1, attitude: 2, speed: 2 }));
  // 重办: a second round, straight to the district bureau, its deadlines passed too.
  await act('reopen', () => reopenMessage(db, coordinator, messageId, { reason: '网民不满意，请重新办理。', leadUnitId: Number(unit['dh-mzj']) }, past));
  const again = await assignmentOf(messageId, unit['dh-mzj']!, 1);
  await twice('sign', () => signAssignment(db, handler, again));
  await Promise.all([act('contact', () => recordContact(db, handler, again, { method: 'visit', summary: '上门走访。' })), act('interim', () => submitReply(db, handler, messageId, { body: '已上门走访。', final: false }))]);
  await twice('final', () => submitReply(db, handler, messageId, { body: '幸福食堂已开业。', final: true }));
}

const tally = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

/** PostgreSQL's count of deadlocks it detected in this database, read on the test's own small pool. */
async function deadlocksSoFar(): Promise<number> {
  const row = await sql<{ n: string }>`SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()`.execute(database.db);
  return Number(row.rows[0]!.n);
}

/** Closes the stress pool and waits until its backends have exited: a backend reports its counters (deadlocks among them) when it ends, not at once. */
async function closeStressPool(): Promise<void> {
  if (closed) return;
  closed = true;
  await db.destroy();
  for (let attempt = 0; attempt < 200; attempt++) {
    const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(database.db);
    if (row.rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('handling under contention with the deadline sweep running', () => {
  it('lets no deadlock or serialisation failure reach a caller, and ends every message in a consistent state', async () => {
    const deadlocksBefore = await deadlocksSoFar();

    let running = true;
    const sweeps = { runs: 0, alerts: 0, failures: [] as string[] };
    const sweeper = async (offsetMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, offsetMs));
      while (running) {
        try {
          sweeps.alerts += await sweepDeadlines(db);
          await closeUnrated(db);
          sweeps.runs++;
        } catch (error) {
          sweeps.failures.push(`${(error as { code?: string }).code}: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    const started = Date.now();
    const sweepers = [sweeper(0), sweeper(500)];
    try {
      // A message whose step failed stops there; the failure is already filed.
      await Promise.all(messages.map((m) => handle(m.id, m.citizen, past).catch(() => undefined)));
    } finally {
      running = false;
      await Promise.all(sweepers);
    }
    const seconds = (Date.now() - started) / 1000;
    await closeStressPool();
    const deadlocks = (await deadlocksSoFar()) - deadlocksBefore;
    console.log(
      `stress: ${outcome.calls} calls on ${MESSAGES} messages in ${seconds.toFixed(1)} s; refusals ${JSON.stringify(outcome.refusals)}; ` +
        `failures ${outcome.failures.length} ${JSON.stringify(tally(outcome.failures.map((f) => `${f.action}:${f.code}`)))}; sweeps ${sweeps.runs} (${sweeps.alerts} alerts, ${sweeps.failures.length} failed ${JSON.stringify(tally(sweeps.failures.map((f) => f.slice(0, 5))))}); ` +
        `deadlocks detected by PostgreSQL ${deadlocks}`,
    );

    expect(outcome.failures).toEqual([]);
    expect(sweeps.failures).toEqual([]);
    expect(sweeps.alerts).toBeGreaterThan(0);

    // Read on the test's own pool: the stress pool is closed.
    const check = database.db;
    const ids = messages.map((m) => m.id);
    // Every message went through both rounds: answered in round 1, nothing left open anywhere.
    const rows = await check.selectFrom('messages').select(['id', 'status', 'round', 'public_status', 'listed']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'replied' && r.round === 1 && r.public_status === 'done' && r.listed)).toBe(true);
    const open = await check.selectFrom('assignments').select('id').where('message_id', 'in', ids).where('status', 'in', ['pending', 'signed', 'passed_down']).execute();
    expect(open).toEqual([]);
    // One published final reply per round, and one public reply event for each.
    const finals = await check.selectFrom('replies').select(['message_id', 'round']).where('message_id', 'in', ids).where('kind', '=', 'final').where('status', '=', 'published').execute();
    expect(finals).toHaveLength(MESSAGES * 2);
    expect(new Set(finals.map((f) => `${f.message_id}:${f.round}`)).size).toBe(MESSAGES * 2);
    const finalEvents = await sql<{ n: number }>`SELECT count(*)::int AS n FROM message_events WHERE message_id = ANY(${ids}::bigint[]) AND kind = 'reply' AND (data->>'final')::boolean`.execute(check);
    expect(finalEvents.rows[0]!.n).toBe(MESSAGES * 2);
    // The board's tab counts still agree with the messages they count.
    const drift = await sql<{ scope: string }>`
      WITH counted AS (SELECT public_status, count(*)::int AS n FROM messages WHERE listed GROUP BY public_status)
      SELECT t.public_status AS scope FROM message_tallies t LEFT JOIN counted c USING (public_status)
      WHERE t.scope = 'all' AND t.n <> coalesce(c.n, 0)`.execute(check);
    expect(drift.rows).toEqual([]);
    // An alert is raised once per (assignment, deadline, level, due time), however many sweeps ran.
    const twiceRaised = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM deadline_alerts GROUP BY assignment_id, deadline, level, due_at HAVING count(*) > 1) x`.execute(check);
    expect(twiceRaised.rows[0]!.n).toBe(0);
  });
});
