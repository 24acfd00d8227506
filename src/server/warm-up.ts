/**
 * Warm-up before listening (issue 14). A process that has just started has no open database
 * connections, no prepared statements, and cold code: its first requests pay for all three at once,
 * exactly when the retry storm after a crash or a rolling restart arrives. So before the port opens,
 * every pooled connection is opened (the primary's and, with DATABASE_READ_URL, the replica's), the
 * hot public reads and the hooks every request passes (session lookup, CSRF, body validation) run
 * through app.inject, concurrently, so that each connection prepares the hot statements and V8
 * compiles the hot paths; and a submission is rehearsed on every connection up to its first
 * refusal (a board that does not exist), which runs the submission's one big statement (key,
 * rate limit, board, field, region) in a transaction that is then rolled back; and the pool that
 * hands out message numbers opens its connections and prepares its one statement, rolled back too.
 *
 * Nothing is kept: the rehearsal's transaction rolls back and the reads write nothing. A failure
 * is logged and ignored: warm-up may make a start slower, never fail it.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { asyncCommitDb, type Database } from './db/database.js';
import { DomainError } from './http/errors.js';
import type { Actor } from './modules/access/actor.js';
import { reserveDayNumbers } from './modules/messages/messages.repository.js';
import { createMessage } from './modules/messages/messages.service.js';

/** Rounds of the hot reads: each round runs them side by side, so different connections prepare them and V8 sees them often. */
const ROUNDS = 12;
/** A start is not held longer than this for warm-up; what did not run by then is simply left cold. */
const BUDGET_MS = 10_000;

export interface WarmUpResult {
  connections: number;
  requests: number;
  failed: number;
  ms: number;
}

/** A citizen that is nobody: the rehearsal is refused (board_not_found) before anything is tied to an account. */
const REHEARSAL_ACTOR: Actor = { accountId: '0', kind: 'citizen', roles: [], nickname: 'warm-up', unitId: null, unitPath: null, regionCode: null, regionPath: null, sessionId: '', csrfToken: '' };

/** Runs a submission up to its refusal for want of a board; true when it was refused as expected. */
async function rehearseSubmission(db: Database): Promise<boolean> {
  try {
    await createMessage(db, REHEARSAL_ACTOR, { boardId: 0, type: 'help', fieldCode: 'health', regionCode: '110101', title: '启动预热演练', body: '启动预热演练，不会保存任何内容。', isPublic: true }, null);
    return false;
  } catch (error) {
    return error instanceof DomainError && error.code === 'board_not_found';
  }
}

class RehearsalOver extends Error {}

/**
 * The message number is taken on a pool of its own (committed without waiting for the disk,
 * docs/decisions/0010), opened by the first submission: open its connections and prepare the
 * reservation on each, for a day long past and in a transaction rolled back, so no number is taken.
 */
async function rehearseNumbering(db: Database): Promise<number> {
  const outside = asyncCommitDb(db);
  if (!outside) return 0;
  const rehearsals = await Promise.allSettled(
    [0, 1].map(() =>
      outside.transaction().execute(async (tx) => {
        await reserveDayNumbers(tx, '2000-01-01', 0);
        throw new RehearsalOver();
      }),
    ),
  );
  return rehearsals.filter((r) => r.status === 'rejected' && r.reason instanceof RehearsalOver).length;
}

/** `databases`: every pool requests may use (the primary's first, then a read replica's), each of `poolSize` connections. */
export async function warmUp(app: FastifyInstance, databases: Database[], poolSize: number): Promise<WarmUpResult> {
  const started = Date.now();
  const deadline = started + BUDGET_MS;
  const [db] = databases as [Database];
  // Held side by side, the queries make each pool open every connection it may have.
  const opened = await Promise.allSettled(databases.flatMap((d) => Array.from({ length: poolSize }, () => sql`SELECT pg_sleep(0.05)`.execute(d))));
  const connections = opened.filter((r) => r.status === 'fulfilled').length;
  // Side by side too, so that every connection of the primary prepares the submission's statement.
  const rehearsals = await Promise.allSettled(Array.from({ length: poolSize }, () => rehearseSubmission(db)));
  let failed = rehearsals.filter((r) => r.status === 'rejected' || !r.value).length;
  failed += 2 - (await rehearseNumbering(db).catch(() => 0));

  const newest = await db
    .selectFrom('messages')
    .select(['id', 'board_id'])
    .where('is_public', '=', true)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
    .catch(() => undefined);
  const urls = [
    '/api/v1/messages?limit=20',
    '/api/v1/messages/counts',
    '/api/v1/boards',
    '/api/v1/stats/summary',
    '/api/v1/messages?q=%E4%BE%9B%E6%9A%96&limit=20', // 供暖: the search path with jieba and the folded text
    ...(newest ? [`/api/v1/messages/${newest.id}`, `/api/v1/messages?board=${newest.board_id}&limit=20`] : []),
  ];
  let requests = rehearsals.length;
  const cookie = 'ms_sid=warm-up-no-such-session';
  for (let round = 0; round < ROUNDS && Date.now() < deadline; round++) {
    const answers = await Promise.allSettled([
      ...urls.map((url) => app.inject({ method: 'GET', url })),
      // A session cookie that matches nothing: the session lookup and the auth hook, answered 401.
      app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: { cookie } }),
      // A submission refused before it writes (no session): routing, the body schema and the problem path.
      app.inject({ method: 'POST', url: '/api/v1/messages', headers: { cookie, 'content-type': 'application/json' }, payload: '{}' }),
    ]);
    requests += answers.length;
    failed += answers.filter((a) => a.status === 'rejected' || a.value.statusCode >= 500).length;
  }
  return { connections, requests, failed, ms: Date.now() - started };
}
