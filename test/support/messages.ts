/**
 * Messages made through the real services (not hand-written rows), in the
 * state a test needs: submitted, accepted or answered with a final reply;
 * and helpers that do the same through the HTTP API (log in a fresh citizen,
 * write, screen, reply, upload a photo), for tests of the API itself.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../../src/server/db/database.js';
import type { Actor } from '../../src/server/modules/access/actor.js';
import { screenMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { assignMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { submitReply } from '../../src/server/modules/handling/handling.work.js';
import { createMessage } from '../../src/server/modules/messages/messages.service.js';
import type { NewMessage } from '../../src/shared/messages.js';
import type { StaffRole } from '../../src/shared/permissions.js';
import { as, type Session } from './app.js';
import { loginFrom, makeCitizen, uniqueIp } from './factories.js';

/** The actor of an account, as the session hook would resolve it. @throws when the account is missing. */
export async function actorOf(db: Database, loginOrMobile: string): Promise<Actor> {
  const row = await db
    .selectFrom('accounts')
    .leftJoin('units', 'units.id', 'accounts.unit_id')
    .leftJoin('regions', 'regions.code', 'units.region_code')
    .select(['accounts.id', 'accounts.kind', 'accounts.roles', 'accounts.nickname', 'accounts.unit_id', sql<string | null>`units.path::text`.as('unit_path'), 'units.region_code', sql<string | null>`regions.path::text`.as('region_path')])
    .where((eb) => eb.or([eb('accounts.login', '=', loginOrMobile), eb('accounts.mobile', '=', loginOrMobile)]))
    .executeTakeFirstOrThrow();
  return {
    accountId: row.id,
    kind: row.kind,
    roles: row.roles as StaffRole[],
    nickname: row.nickname,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    regionCode: row.region_code,
    regionPath: row.region_path,
    sessionId: 'test',
    csrfToken: 'test',
  };
}

export async function boardIdOf(db: Database, name: string): Promise<string> {
  return (await db.selectFrom('boards').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export interface MakeMessageOptions extends Partial<Omit<NewMessage, 'boardId'>> {
  author: string;
  board?: string;
  state?: 'submitted' | 'accepted' | 'replied';
}

let made = 0;

/** A message to 江西省委书记 (unless another board is named) by `author`, brought to `state`. Returns its id. */
export async function makeMessage(db: Database, options: MakeMessageOptions): Promise<string> {
  const { author, board = '江西省委书记', state = 'submitted', ...rest } = options;
  // The per-account submission limit is real and tested elsewhere; factories should not exhaust it.
  await db.deleteFrom('rate_limits').where('key', 'like', 'message:%').execute();
  const n = ++made;
  const created = await createMessage(
    db,
    await actorOf(db, author),
    {
      boardId: Number(await boardIdOf(db, board)),
      type: 'help',
      fieldCode: 'health',
      regionCode: '360102',
      title: `测试留言标题${n}`,
      body: `社区六十岁以上的老人有一千多位，希望协调建设幸福食堂，解决老年人用餐难题。编号${n}`,
      isPublic: true,
      ...rest,
    },
    null,
  );
  const id = String(created.id);
  if (state === 'submitted') return id;
  const admin = await actorOf(db, 'admin');
  await screenMessage(db, admin, id, { decision: 'accept' });
  if (state === 'accepted') return id;
  // A reply needs a signed lead assignment: the board's own unit takes it (the platform admin acts for every unit).
  const boardUnit = await db.selectFrom('messages').innerJoin('boards', 'boards.id', 'messages.board_id').select('boards.unit_id').where('messages.id', '=', id).executeTakeFirstOrThrow();
  await assignMessage(db, admin, id, { leadUnitId: Number(boardUnit.unit_id), handlingClass: 'timely' });
  const assignment = await db.selectFrom('assignments').select('id').where('message_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
  await signAssignment(db, admin, assignment.id);
  await submitReply(db, admin, id, { body: '经研究，已协调东湖区民政局会同大院街道办事处开设幸福食堂。', final: true });
  return id;
}

// ── through the HTTP API ────────────────────────────────────────────────────

export interface CitizenLogin {
  id: string;
  mobile: string;
  nickname: string;
  session: Session;
}

let citizens = 0;

/** A fresh citizen, logged in from an address of its own: its message and login budgets are its own too. */
export async function loggedInCitizen(app: FastifyInstance, db: Database, options: { nickname?: string } = {}): Promise<CitizenLogin> {
  const nickname = options.nickname ?? `留言网友${++citizens}`;
  const made = await makeCitizen(db, { nickname });
  return { id: made.id, mobile: made.mobile!, nickname, session: await loginFrom(app, uniqueIp(), made.mobile!) };
}

/** A POST /messages body; `type` and `channel` stay open so tests can send what the API must refuse. */
export type NewMessageBody = Omit<NewMessage, 'type' | 'channel'> & { type: string; channel?: string };

let bodies = 0;

/** A valid body for POST /messages to the board (a help request about 东湖区 unless overridden). */
export function messageBody(boardId: number | string, overrides: Partial<NewMessageBody> = {}): NewMessageBody {
  const n = ++bodies;
  return {
    boardId: Number(boardId),
    type: 'help',
    fieldCode: 'health',
    regionCode: '360102',
    title: `小区电梯故障求助${n}`,
    body: `我们小区的电梯已经停运两个月，楼上住着很多老人，希望有关部门尽快协调维修。第${n}条`,
    isPublic: true,
    ...overrides,
  };
}

/** POST /api/v1/messages as the session (cookie + CSRF), with extra headers (Idempotency-Key, Accept-Language). */
export function postMessage(app: FastifyInstance, session: Session | null, body: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return as(app, session, { method: 'POST', url: '/api/v1/messages', payload: body as Record<string, unknown>, headers });
}

/** Writes a message through the API. @throws unless the answer is 201. */
export async function writeMessage(app: FastifyInstance, session: Session, body: NewMessageBody): Promise<{ id: number; number: string; status: string }> {
  const res = await postMessage(app, session, body);
  if (res.statusCode !== 201) throw new Error(`POST /messages failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Screens a message through the API. @throws unless the answer is 200. */
export async function screen(app: FastifyInstance, session: Session, id: number | string, decision: { decision: 'accept' } | { decision: 'reject'; reason: string; note?: string } = { decision: 'accept' }) {
  const res = await as(app, session, { method: 'POST', url: `/api/v1/messages/${id}/screening`, payload: decision });
  if (res.statusCode !== 200) throw new Error(`screening ${id} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * Gives an accepted message to the session's own unit (assigned by `assigner`,
 * a coordinator, or the session itself) and signs for it (交办 + 签收 through
 * the API), so the session may reply. Tests of replies
 * and the public board use it; the handling tests exercise assignment itself.
 * @throws unless each step succeeds.
 */
export async function assignToOwnUnit(app: FastifyInstance, session: Session, id: number | string, assigner: Session = session): Promise<void> {
  const me = (await as(app, session, { method: 'GET', url: '/api/v1/auth/me' })).json().account;
  let detail = (await as(app, assigner, { method: 'GET', url: `/api/v1/messages/${id}` })).json();
  if (detail.status === 'accepted') {
    const res = await as(app, assigner, { method: 'POST', url: `/api/v1/messages/${id}/assignments`, payload: { leadUnitId: me.unit.id, handlingClass: 'timely' } });
    if (res.statusCode !== 201) throw new Error(`assignment of ${id} failed: ${res.statusCode} ${res.body}`);
    detail = (await as(app, session, { method: 'GET', url: `/api/v1/messages/${id}` })).json();
  }
  const pending = (detail.handling?.assignments ?? []).find((a: { abilities: { sign: boolean } }) => a.abilities.sign);
  if (pending) {
    const res = await as(app, session, { method: 'POST', url: `/api/v1/assignments/${pending.id}/sign` });
    if (res.statusCode !== 200) throw new Error(`signing ${pending.id} failed: ${res.statusCode} ${res.body}`);
  }
}

/** Replies through the API, as the session's own unit (assigned and signed first when needed). @throws unless the answer is 201. */
export async function replyTo(app: FastifyInstance, session: Session, id: number | string, body: string, final: boolean) {
  await assignToOwnUnit(app, session, id);
  const res = await as(app, session, { method: 'POST', url: `/api/v1/messages/${id}/replies`, payload: { body, final } });
  if (res.statusCode !== 201) throw new Error(`reply to ${id} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export interface PhotoAnswer {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

let photos = 0;

/** Uploads a small PNG of a colour of its own through POST /photos (multipart). @throws unless 201. */
export async function uploadTestPhoto(app: FastifyInstance, session: Session): Promise<PhotoAnswer> {
  const n = ++photos;
  const image = await sharp({ create: { width: 40 + n, height: 30, channels: 3, background: { r: (n * 37) % 256, g: (n * 91) % 256, b: 120 } } }).png().toBuffer();
  const boundary = `----minsheng-${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo${n}.png"\r\nContent-Type: image/png\r\n\r\n`),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await as(app, session, { method: 'POST', url: '/api/v1/photos', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (res.statusCode !== 201) throw new Error(`photo upload failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Time travel for figures: back-dates receipt, replies and closing to 10:00 Beijing time of `day`, keeping their delays. */
export async function receivedOn(db: Database, ids: string[], day: string): Promise<void> {
  const at = `${day}T10:00:00+08:00`;
  await sql`
    UPDATE messages SET
      accepted_at = accepted_at - (created_at - ${at}::timestamptz),
      first_reply_at = first_reply_at - (created_at - ${at}::timestamptz),
      final_reply_at = final_reply_at - (created_at - ${at}::timestamptz),
      last_reply_at = last_reply_at - (created_at - ${at}::timestamptz),
      closed_at = closed_at - (created_at - ${at}::timestamptz),
      created_at = ${at}::timestamptz
    WHERE id = ANY(${ids}::bigint[])`.execute(db);
}
