/**
 * The handling timers (deadline alerts, auto supervision, auto-close as 未评价)
 * take effect exactly once per fact, however many app processes run them and
 * however often: first with two real server processes on one database, each
 * running pg-boss with a 1-second trigger; then in-process, with four sweeps
 * racing on the same data.
 *
 * Data is made through the real services with a clock in the past; only a
 * final reply's timestamp is moved back by hand (time travel, nothing else).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { addWorkingDays } from '../../src/server/modules/calendar/working-days.js';
import { assignMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { closeUnrated, sweepDeadlines } from '../../src/server/modules/handling/handling.timers.js';
import { recordContact } from '../../src/server/modules/handling/handling.work.js';
import { deadlineState, type DeadlineKind } from '../../src/shared/handling.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { actorOf, makeMessage } from '../support/messages.js';
import { unitIdByKey } from '../support/factories.js';
import { freePort } from '../support/net.js';

const DAY = 86_400_000;
const CITIZEN = '13907910001';
/** How long a data set must keep the same expected alerts: from its creation to the last sweep of the test. */
const STABLE_FOR_MS = 20 * 60_000;

interface Expected {
  assignmentId: string;
  messageId: string;
  deadline: DeadlineKind;
  level: 'amber' | 'red';
}

interface Prepared {
  expected: Expected[];
  /** Messages whose final reply is older than 7 days, never rated: closed as 未评价. */
  unrated: string[];
  /** Replied messages that must stay open (final reply 3 days old). */
  recent: string[];
}

// ── data through the real services ──────────────────────────────────────────

/** Which alerts a sweep at any moment of [from, from + STABLE_FOR_MS] raises for an assignment row. @throws when that is not stable over the window. */
async function expectedAlertsOf(db: Database, assignmentId: string, from: Date): Promise<Expected[]> {
  const a = await db.selectFrom('assignments').selectAll().where('id', '=', assignmentId).executeTakeFirstOrThrow();
  const open = ['pending', 'signed', 'passed_down'].includes(a.status);
  const deadlines: [DeadlineKind, Date | string][] = [];
  if (a.status === 'pending') deadlines.push(['sign', a.sign_due]);
  if (open && a.role === 'lead' && a.contacted_at === null) deadlines.push(['contact', a.contact_due]);
  if (open && a.role === 'lead') deadlines.push(['reply', a.reply_due]);
  const out: Expected[] = [];
  for (const [deadline, due] of deadlines) {
    const early = deadlineState(a.assigned_at, due, null, from);
    const late = deadlineState(a.assigned_at, due, null, new Date(from.getTime() + STABLE_FOR_MS));
    if (early !== late) throw new Error(`the ${deadline} deadline of assignment ${a.id} changes state during the test; pick another clock`);
    if (early === 'amber' || early === 'red') out.push({ assignmentId: a.id, messageId: a.message_id, deadline, level: early });
  }
  return out;
}

/**
 * A clock in the past at which a 及时办 (1/3/7 working days) assignment has its
 * reply deadline amber (≥ 80% gone, not missed) for the whole test, and its
 * other deadlines in a state that does not change during it either.
 */
function amberClock(now: Date): Date {
  const stable = (start: Date, days: number) => {
    const due = addWorkingDays(start, days);
    return deadlineState(start, due, null, now) === deadlineState(start, due, null, new Date(now.getTime() + STABLE_FOR_MS));
  };
  for (let hours = 24; hours < 24 * 20; hours++) {
    const start = new Date(now.getTime() - hours * 3_600_000);
    const reply = addWorkingDays(start, 7);
    if (deadlineState(start, reply, null, now) === 'amber' && [1, 3, 7].every((d) => stable(start, d))) return start;
  }
  throw new Error('no clock puts a 7-working-day deadline in amber');
}

async function pendingAssignment(db: Database, messageId: string, unitId: string): Promise<string> {
  return (await db.selectFrom('assignments').select('id').where('message_id', '=', messageId).where('unit_id', '=', unitId).where('status', '=', 'pending').executeTakeFirstOrThrow()).id;
}

/**
 * Messages assigned with a clock in the past (some signed, one contacted, one
 * with a co-handler), one far enough to be amber, plus replied messages with
 * old and recent final replies. `tag` keeps titles apart between sets.
 */
async function prepare(db: Database, options: { amber?: boolean; unrated?: number; recent?: number; small?: boolean } = {}): Promise<Prepared> {
  const now = new Date();
  const coordinator = await actorOf(db, 'coordinator');
  const units = {
    mzj: await unitIdByKey(db, 'dh-mzj'),
    ncOffice: await unitIdByKey(db, 'nc-pc-office'),
    street: await unitIdByKey(db, 'dh-dyjd'),
  };
  const actors = { mzj: await actorOf(db, 'handler'), ncOffice: await actorOf(db, 'ncoffice'), street: await actorOf(db, 'street') };
  const past = new Date(now.getTime() - 20 * DAY);
  const assignments: string[] = [];

  // Never signed: sign, contact and reply all red (three red alerts: supervised at the second).
  const m1 = await makeMessage(db, { author: CITIZEN, state: 'accepted' });
  await assignMessage(db, coordinator, m1, { leadUnitId: Number(units.mzj), handlingClass: 'timely' }, past);
  assignments.push(await pendingAssignment(db, m1, units.mzj));

  if (!options.small) {
    // Signed by the lead, the co-handler never signed: contact and reply red for the lead, sign red for the co-handler.
    const m2 = await makeMessage(db, { author: CITIZEN, state: 'accepted' });
    await assignMessage(db, coordinator, m2, { leadUnitId: Number(units.ncOffice), coUnitIds: [Number(units.street)], handlingClass: 'timely' }, past);
    const lead2 = await pendingAssignment(db, m2, units.ncOffice);
    const co2 = await pendingAssignment(db, m2, units.street);
    await signAssignment(db, actors.ncOffice, lead2, new Date(past.getTime() + 3_600_000));
    assignments.push(lead2, co2);

    // Signed and contacted in time: only the reply is red (one red alert: not supervised).
    const m3 = await makeMessage(db, { author: CITIZEN, state: 'accepted' });
    await assignMessage(db, coordinator, m3, { leadUnitId: Number(units.street), handlingClass: 'timely' }, past);
    const lead3 = await pendingAssignment(db, m3, units.street);
    await signAssignment(db, actors.street, lead3, new Date(past.getTime() + 3_600_000));
    await recordContact(db, actors.street, lead3, { method: 'phone', summary: '已电话联系留言网民，说明办理进度。' }, new Date(past.getTime() + 7_200_000));
    assignments.push(lead3);
  }

  if (options.amber) {
    // Signed, not contacted, the reply deadline 80% gone but not missed: amber for the reply.
    const start = amberClock(now);
    const m4 = await makeMessage(db, { author: CITIZEN, state: 'accepted' });
    await assignMessage(db, coordinator, m4, { leadUnitId: Number(units.mzj), handlingClass: 'timely' }, start);
    const lead4 = await pendingAssignment(db, m4, units.mzj);
    await signAssignment(db, actors.mzj, lead4, new Date(start.getTime() + 60_000));
    assignments.push(lead4);
  }

  const unrated: string[] = [];
  for (let i = 0; i < (options.unrated ?? 1); i++) {
    const id = await makeMessage(db, { author: CITIZEN, state: 'replied' });
    await sql`UPDATE messages SET final_reply_at = ${new Date(now.getTime() - 8 * DAY)} WHERE id = ${id}`.execute(db);
    unrated.push(id);
  }
  const recent: string[] = [];
  for (let i = 0; i < (options.recent ?? 0); i++) {
    const id = await makeMessage(db, { author: CITIZEN, state: 'replied' });
    await sql`UPDATE messages SET final_reply_at = ${new Date(now.getTime() - 3 * DAY)} WHERE id = ${id}`.execute(db);
    recent.push(id);
  }

  const expected: Expected[] = [];
  for (const id of assignments) expected.push(...(await expectedAlertsOf(db, id, now)));
  return { expected, unrated, recent };
}

// ── what the timers did ─────────────────────────────────────────────────────

const key = (e: { assignmentId: string; deadline: string; level: string }) => `${e.assignmentId}:${e.deadline}:${e.level}`;

async function alertKeys(db: Database): Promise<string[]> {
  const rows = await db.selectFrom('deadline_alerts').select(['assignment_id', 'deadline', 'level']).execute();
  return rows.map((r) => key({ assignmentId: r.assignment_id, deadline: r.deadline, level: r.level }));
}

async function hasAll(db: Database, sets: Prepared[]): Promise<boolean> {
  const present = new Set(await alertKeys(db));
  const closed = await db.selectFrom('messages').select('id').where('status', '=', 'closed').execute();
  const closedIds = new Set(closed.map((r) => r.id));
  return sets.every((s) => s.expected.every((e) => present.has(key(e))) && s.unrated.every((id) => closedIds.has(id)));
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Asserts every effect of the timers on the prepared sets happened exactly once, and nothing else did. */
async function assertExactlyOnce(db: Database, sets: Prepared[]): Promise<void> {
  const expected = sets.flatMap((s) => s.expected);
  // Every expected alert exactly once, and no alert nobody expected (e.g. amber raised late for a red deadline).
  const keys = await alertKeys(db);
  expect([...keys].sort()).toEqual(expected.map(key).sort());

  // One internal 'overdue' event per red alert, with the alert's assignment and deadline.
  const overdue = await db.selectFrom('message_events').select(['message_id', 'data']).where('kind', '=', 'overdue').execute();
  const reds = expected.filter((e) => e.level === 'red');
  expect(overdue).toHaveLength(reds.length);
  expect(overdue.map((e) => `${(e.data as { assignmentId: number }).assignmentId}:${(e.data as { deadline: string }).deadline}`).sort()).toEqual(reds.map((r) => `${r.assignmentId}:${r.deadline}`).sort());

  // Per message: overdue_count = its red alerts; supervised (one event, one 督办函) from the second one.
  const messageIds = [...new Set(expected.map((e) => e.messageId))];
  for (const id of messageIds) {
    const redCount = reds.filter((r) => r.messageId === id).length;
    const m = await db.selectFrom('messages').select(['overdue_count', 'supervised_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(m.overdue_count, `overdue_count of message ${id}`).toBe(redCount);
    const supervised = await db.selectFrom('message_events').select('data').where('message_id', '=', id).where('kind', '=', 'supervised').execute();
    const letters = await db.selectFrom('letters').select('id').where('message_id', '=', id).where('kind', '=', 'supervision').execute();
    const expectSupervision = redCount >= 2 ? 1 : 0;
    expect(supervised, `supervised events of message ${id}`).toHaveLength(expectSupervision);
    expect(letters, `supervision letters of message ${id}`).toHaveLength(expectSupervision);
    expect(m.supervised_at === null).toBe(expectSupervision === 0);
    if (expectSupervision) expect(supervised[0]!.data).toMatchObject({ auto: true });
  }
  // Supervision letters are numbered once each: no two share a number.
  const numbers = await db.selectFrom('letters').select(['year', 'seq']).where('kind', '=', 'supervision').execute();
  expect(new Set(numbers.map((n) => `${n.year}:${n.seq}`)).size).toBe(numbers.length);

  // Notifications: per account, message and kind, exactly one per alert that reaches the account:
  // the assignment's unit (its active staff) for both levels, the round's assigners for red.
  const want = new Map<string, number>();
  const add = (account: string, message: string, kind: string) => want.set(`${account}|${message}|${kind}`, (want.get(`${account}|${message}|${kind}`) ?? 0) + 1);
  for (const e of expected) {
    const a = await db.selectFrom('assignments').select(['unit_id', 'round']).where('id', '=', e.assignmentId).executeTakeFirstOrThrow();
    const staff = await db.selectFrom('accounts').select('id').where('unit_id', '=', a.unit_id).where('kind', '=', 'staff').where('status', '=', 'active').execute();
    for (const s of staff) add(s.id, e.messageId, `deadline_${e.level}`);
    if (e.level === 'red') {
      const assigners = await db.selectFrom('assignments').select('assigned_by').distinct().where('message_id', '=', e.messageId).where('round', '=', a.round).where('parent_id', 'is', null).where('assigned_by', 'is not', null).execute();
      for (const s of assigners) add(s.assigned_by!, e.messageId, 'deadline_red');
    }
  }
  const got = await db
    .selectFrom('notifications')
    .select(['account_id', 'message_id', 'kind', sql<number>`count(*)::int`.as('n')])
    .where('kind', 'in', ['deadline_amber', 'deadline_red'])
    .groupBy(['account_id', 'message_id', 'kind'])
    .execute();
  expect(new Map(got.map((g) => [`${g.account_id}|${g.message_id}|${g.kind}`, g.n]))).toEqual(want);
  expect(want.size).toBeGreaterThan(0);

  // 未评价: closed once, by the timer; replied messages with a recent final reply stay open.
  for (const id of sets.flatMap((s) => s.unrated)) {
    const m = await db.selectFrom('messages').select(['status', 'close_reason', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ status: 'closed', close_reason: 'unrated' });
    expect(m.closed_at).not.toBeNull();
    const closed = await db.selectFrom('message_events').select('data').where('message_id', '=', id).where('kind', '=', 'closed').execute();
    expect(closed, `closed events of message ${id}`).toHaveLength(1);
    expect(closed[0]!.data).toEqual({ by: 'unrated' });
  }
  for (const id of sets.flatMap((s) => s.recent)) {
    const m = await db.selectFrom('messages').select(['status', 'close_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'replied', close_reason: null });
  }
  const closedEvents = await db.selectFrom('message_events').select('message_id').where('kind', '=', 'closed').execute();
  expect(closedEvents.map((e) => e.message_id).sort()).toEqual(sets.flatMap((s) => s.unrated).sort());
}

// ── two real server processes ───────────────────────────────────────────────

interface ServerProcess {
  name: string;
  child: ChildProcess;
  port: number;
  output: string[];
  exited: Promise<number | null>;
}

function startServer(name: string, databaseUrl: string, port: number): ServerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: 'true',
    LOG_LEVEL: 'warn',
    JOBS: 'true',
    JOB_INTERVAL_SECONDS: '1',
    WEB_DIR: path.resolve('test/no-web-build'),
  };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/job-probe.ts', 'src/server/main.ts'], { cwd: path.resolve('.'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, port, output, exited };
}

async function healthy(server: ServerProcess): Promise<boolean> {
  if (server.child.exitCode !== null) throw new Error(`${server.name} exited with ${server.child.exitCode}:\n${server.output.join('\n')}`);
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** SIGTERM and wait for the exit (SIGKILL after 60 s). Returns the exit code. */
async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 60_000);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

describe('handling timers with two app processes on one database', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    // Even when the test failed half-way: no server may outlive the run.
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    await database?.drop();
  }, 120_000);

  it('raises each deadline alert, overdue event, notification and 未评价 closing once, and pg-boss completes the jobs', async () => {
    const db = database.db;
    const sets: Prepared[] = [await prepare(db, { amber: true, unrated: 1, recent: 1 })];
    expect(sets[0]!.expected.filter((e) => e.level === 'amber').length).toBeGreaterThan(0);
    expect(sets[0]!.expected.filter((e) => e.level === 'red').length).toBeGreaterThanOrEqual(6);

    const ports = [await freePort(), await freePort()];
    servers.push(startServer('A', database.url, ports[0]!), startServer('B', database.url, ports[1]!));
    await waitFor('both servers to answer /api/health', async () => (await healthy(servers[0]!)) && (await healthy(servers[1]!)), 120_000);

    await waitFor('the first alerts and the 未评价 closing', () => hasAll(db, sets), 90_000);
    // More work while both run, in waves, so that several sweeps (in either process) find something new.
    for (let wave = 0; wave < 3; wave++) {
      sets.push(await prepare(db, { small: true, unrated: 1 }));
      await waitFor(`the alerts of wave ${wave + 1}`, () => hasAll(db, sets), 90_000);
    }
    // Several more sweeps on the same data in both processes: nothing may change.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    for (const s of servers) expect(await healthy(s), `${s.name} still serving`).toBe(true);

    const codes = await Promise.all(servers.map(stopServer));
    expect(codes, `exit codes; output:\n${servers.map((s) => `${s.name}: ${s.output.join('\n   ')}`).join('\n')}`).toEqual([0, 0]);

    await assertExactlyOnce(db, sets);

    // pg-boss 10: the job rows live in pgboss.job (partitioned per queue) until archived to pgboss.archive.
    const jobs = await sql<{ state: string; n: number }>`
      SELECT state, count(*)::int AS n FROM (
        SELECT state::text FROM pgboss.job WHERE name = 'handling-deadlines'
        UNION ALL SELECT state::text FROM pgboss.archive WHERE name = 'handling-deadlines') j
      GROUP BY state`.execute(db);
    const byState = Object.fromEntries(jobs.rows.map((r) => [r.state, r.n]));
    expect(byState.completed ?? 0).toBeGreaterThanOrEqual(4);
    expect(byState.failed ?? 0, `job states ${JSON.stringify(byState)}`).toBe(0);

    // Which process ran which job (test/support/job-probe.ts prints a line per run): each job id once, in one process.
    const ran = servers.map((s) => s.output.filter((l) => l.startsWith('[job-probe] handling-deadlines ')).map((l) => l.split(' ')[3]!));
    const worked = servers.map((s, i) => ({ name: s.name, jobs: ran[i]!.length, sweepsWithEffects: s.output.filter((l) => l.includes('[minsheng] handling:')).length }));
    console.log(`handling-deadlines jobs ${JSON.stringify(byState)}; per process ${JSON.stringify(worked)}`);
    expect(new Set(ran.flat()).size, 'a job run twice').toBe(ran.flat().length);
    expect(ran.flat().length).toBeGreaterThanOrEqual(byState.completed ?? 0);
    expect(worked.reduce((n, w) => n + w.sweepsWithEffects, 0)).toBeGreaterThanOrEqual(4);
    for (const s of servers) expect(s.output.filter((l) => /error|deadlock/i.test(l)), `${s.name} logged errors`).toEqual([]);
  }, 600_000);
});

// ── in one process, four sweeps racing ──────────────────────────────────────

describe('handling timers run concurrently in one process', () => {
  let database: TestDatabase;
  let wide: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A pool wide enough for all eight calls to hold a connection at once.
    wide = createDatabase(database.url, 12);
  });

  afterAll(async () => {
    await wide?.destroy();
    await database?.drop();
  });

  it('raises each alert and closes each unrated message once when four sweeps and four closings race', async () => {
    const set = await prepare(database.db, { amber: true, unrated: 3, recent: 1 });
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 4 }, () => Promise.all([sweepDeadlines(wide, now), closeUnrated(wide, now)])));
    // Between them the racers raised every alert and closed every message once.
    expect(results.reduce((n, [alerts]) => n + alerts, 0)).toBe(set.expected.length);
    expect(results.reduce((n, [, closed]) => n + closed, 0)).toBe(set.unrated.length);
    await assertExactlyOnce(database.db, [set]);

    // And a later round finds nothing left to do.
    const again = await Promise.all(Array.from({ length: 4 }, () => Promise.all([sweepDeadlines(wide, now), closeUnrated(wide, now)])));
    expect(again.flat()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    await assertExactlyOnce(database.db, [set]);
  });
});
