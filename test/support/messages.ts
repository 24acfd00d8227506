/**
 * Messages made through the real services (not hand-written rows), in the
 * state a test needs: submitted, accepted or answered with a final reply.
 */
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/database.js';
import type { Actor } from '../../src/server/modules/access/actor.js';
import { replyToMessage, screenMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { createMessage, type NewMessageInput } from '../../src/server/modules/messages/messages.service.js';
import type { StaffRole } from '../../src/shared/permissions.js';

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

export interface MakeMessageOptions extends Partial<Omit<NewMessageInput, 'boardId'>> {
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
  await replyToMessage(db, admin, id, { body: '经研究，已协调东湖区民政局会同大院街道办事处开设幸福食堂。', final: true });
  return id;
}
