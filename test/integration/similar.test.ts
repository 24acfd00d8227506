/**
 * 相似留言, 线索聚类 and 重复留言 (issue 16): ranking on a labelled set (variants
 * in other words and in Traditional script above unrelated messages sharing
 * words), region scoping, clusters with size and span, linking a duplicate
 * (state, notification, event; bad input changes nothing), and the masked
 * public suggestions of answered messages.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../src/server/modules/search/text-fold.js';
import { as, buildTestApp, DEMO_LOGINS, type Session, type TestApp } from '../support/app.js';
import { loginFrom, makeCitizen, uniqueIp } from '../support/factories.js';
import { makeMessage } from '../support/messages.js';
import { DISTRACTORS, MATTERS, meanReciprocalRank, precisionAt, toTraditional, type Text } from '../support/similar-labelled.js';

let t: TestApp;
let admin: Session;
let coordinator: Session;
let author: string;

/** Ids of the earlier messages per matter, and the queries (new, unscreened). */
const relevant = new Map<string, Set<string>>();
const queries = new Map<string, string>();
const distractorIds: string[] = [];

const get = (session: Session | null, url: string, remoteAddress?: string) => as(t.app, session, { method: 'GET', url, ...(remoteAddress ? { remoteAddress } : {}) });
const post = (session: Session | null, url: string, payload: Record<string, unknown>) => as(t.app, session, { method: 'POST', url, payload });

async function earlier(text: Text, options: { regionCode?: string; state?: 'accepted' | 'replied'; isPublic?: boolean; board?: string } = {}): Promise<string> {
  return makeMessage(t.db, { author, type: 'complain', regionCode: options.regionCode ?? '360102', state: options.state ?? 'accepted', isPublic: options.isPublic ?? true, ...(options.board ? { board: options.board } : {}), ...text });
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  coordinator = await loginFrom(t.app, uniqueIp(), 'coordinator');
  author = (await makeCitizen(t.db, { nickname: '相似测试网友' })).mobile!;
  // Earlier messages: the variants (the last in Traditional script) in 南昌's districts, and the distractors.
  const districts = ['360102', '360103', '360111'];
  for (const m of MATTERS) {
    const ids = new Set<string>();
    for (const [i, v] of m.variants.entries()) {
      const text = i === m.variants.length - 1 ? { title: toTraditional(v.title), body: toTraditional(v.body) } : v;
      ids.add(await earlier(text, { regionCode: districts[i % districts.length] }));
    }
    relevant.set(m.key, ids);
  }
  for (const d of DISTRACTORS) distractorIds.push(await earlier(d));
  for (const m of MATTERS) queries.set(m.key, await makeMessage(t.db, { author, type: 'complain', regionCode: '360102', ...m.query }));
});
afterAll(async () => t.close());

async function similarIds(session: Session, id: string, limit = 5): Promise<{ id: number; similarity: number; number: string; status: string }[]> {
  const res = await get(session, `/api/v1/messages/${id}/similar?limit=${limit}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('the earlier messages most like a message being screened', () => {
  it('ranks the variants of the same matter (other words, Traditional script) above unrelated messages sharing words', async () => {
    const rankings = [];
    for (const m of MATTERS) {
      const items = await similarIds(coordinator, queries.get(m.key)!);
      rankings.push({ ranked: items.map((i) => String(i.id)), relevant: relevant.get(m.key)! });
      // The Traditional-script variant is found like the others.
      const traditional = [...relevant.get(m.key)!][m.variants.length - 1]!;
      expect(items.map((i) => String(i.id)), m.key).toContain(traditional);
    }
    const p1 = precisionAt(1, rankings);
    const p3 = precisionAt(3, rankings);
    const p5 = precisionAt(5, rankings);
    const mrr = meanReciprocalRank(rankings);
    console.log(`similar (jieba terms): P@1 ${p1.toFixed(3)} P@3 ${p3.toFixed(3)} P@5 ${p5.toFixed(3)} (max 0.6: 3 relevant) MRR ${mrr.toFixed(3)} over ${rankings.length} queries, ${DISTRACTORS.length} distractors`);
    expect(p1).toBe(1);
    expect(p3).toBeGreaterThanOrEqual(0.9);
  });

  it('measures the trigram alternative on the same set (pg_trgm similarity of the folded text), for the decision record', async () => {
    const candidates = [...[...relevant.values()].flatMap((s) => [...s]), ...distractorIds];
    const rows = await t.db.selectFrom('messages').select(['id', 'title', 'body']).where('id', 'in', candidates).execute();
    const folded = rows.map((r) => ({ id: r.id, text: foldText(`${r.title} ${r.body}`) }));
    const rankings = [];
    for (const m of MATTERS) {
      const q = foldText(`${m.query.title} ${m.query.body}`);
      const scored = await sql<{ id: string; s: number }>`
        SELECT c.id, similarity(${q}, c.text) AS s FROM unnest(${folded.map((f) => f.id)}::text[], ${folded.map((f) => f.text)}::text[]) AS c(id, text)
        ORDER BY s DESC, c.id DESC LIMIT 5`.execute(t.db);
      rankings.push({ ranked: scored.rows.map((r) => r.id), relevant: relevant.get(m.key)! });
    }
    const trgm = await sql<{ n: number }>`SELECT cardinality(show_trgm('暖气不热')) AS n`.execute(t.db);
    console.log(`similar (pg_trgm, folded): P@1 ${precisionAt(1, rankings).toFixed(3)} P@3 ${precisionAt(3, rankings).toFixed(3)} P@5 ${precisionAt(5, rankings).toFixed(3)} MRR ${meanReciprocalRank(rankings).toFixed(3)}; trigrams of 暖气不热: ${trgm.rows[0]!.n}`);
    expect(rankings).toHaveLength(MATTERS.length);
  });

  it('looks only in the message’s own city: the same text in 河南 is not offered, and a 江西 coordinator cannot ask about a 河南 message', async () => {
    const heating = MATTERS[0]!;
    const henan = await earlier(heating.variants[0]!, { regionCode: '411003', board: '河南省委书记' });
    const items = await similarIds(admin, queries.get('heating')!, 20);
    expect(items.map((i) => String(i.id))).not.toContain(henan);
    const henanQuery = await makeMessage(t.db, { author, board: '河南省委书记', regionCode: '411003', ...heating.query });
    expect((await similarIds(admin, henanQuery)).map((i) => String(i.id))).toContain(henan);
    expect((await get(coordinator, `/api/v1/messages/${henanQuery}/similar`)).statusCode).toBe(404);
    // Out of the queue, so the cluster test below counts only its own messages.
    expect((await post(admin, `/api/v1/messages/${henanQuery}/screening`, { decision: 'reject', reason: 'other' })).statusCode).toBe(200);
  });

  it('answers 403 to a unit handler and 401 to a visitor', async () => {
    const handler = await loginFrom(t.app, uniqueIp(), 'handler');
    expect((await get(handler, `/api/v1/messages/${queries.get('heating')}/similar`)).statusCode).toBe(403);
    expect((await get(null, `/api/v1/messages/${queries.get('heating')}/similar`)).statusCode).toBe(401);
  });
});

describe('clusters of unscreened messages', () => {
  it('groups 12 heating complaints in 许昌市建安区 over two days into one cluster with its size and span, apart from other matters', async () => {
    const texts = [
      '建安区和谐家园小区暖气不热',
      '和谐家园小区供暖温度太低',
      '和谐家园暖气片冰凉',
      '反映和谐家园小区暖气不热',
    ];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        await makeMessage(t.db, {
          author,
          board: '河南省委书记',
          regionCode: '411003',
          type: 'complain',
          title: texts[i % texts.length]!,
          body: `我家住建安区和谐家园小区${i + 1}号楼，入冬以来暖气一直不热，室内温度只有十几度，老人孩子受冻，请督促热力公司解决供暖问题。`,
        }),
      );
    }
    // Spread over two days: 0 h … 48 h before now.
    for (const [i, id] of ids.entries()) await sql`UPDATE messages SET created_at = now() - make_interval(hours => ${48 - Math.round((48 * i) / 11)}) WHERE id = ${id}`.execute(t.db);
    const other = await makeMessage(t.db, { author, board: '河南省委书记', regionCode: '411003', title: '建安区某路口红绿灯故障', body: '建安区魏武大道与许继大道路口的红绿灯坏了三天，交通混乱，请交警部门尽快维修信号灯。' });

    const res = await get(admin, '/api/v1/screening/clusters');
    expect(res.statusCode, res.body).toBe(200);
    const clusters: { size: number; spanHours: number; area: { code: string; name: string }; messageIds: number[]; sampleTitles: string[]; regions: { code: string }[] }[] = res.json().items;
    const heating = clusters.find((c) => c.messageIds.includes(Number(ids[0])));
    expect(heating).toBeDefined();
    expect(heating!.size).toBe(12);
    expect(heating!.messageIds.map(String).sort()).toEqual([...ids].sort());
    expect(heating!.spanHours).toBeGreaterThanOrEqual(47.9);
    expect(heating!.spanHours).toBeLessThanOrEqual(48.1);
    expect(heating!.area).toEqual({ code: '411000', name: '许昌市' });
    expect(heating!.regions.map((r) => r.code)).toEqual(['411003']);
    expect(heating!.sampleTitles).toHaveLength(3);
    expect(clusters.some((c) => c.messageIds.includes(Number(other)))).toBe(false);

    // The 江西 coordinator's clusters hold only its own boards' messages.
    const jx = await get(coordinator, '/api/v1/screening/clusters');
    expect(jx.statusCode).toBe(200);
    expect(jx.json().items.flatMap((c: { messageIds: number[] }) => c.messageIds)).not.toContain(Number(ids[0]));
  });
});

describe('marking a message as a duplicate of an earlier public one', () => {
  const state = async (id: string) => {
    const m = await t.db.selectFrom('messages').select(['status', 'reject_reason', 'listed']).where('id', '=', id).executeTakeFirstOrThrow();
    const events = await t.db.selectFrom('message_events').select(['kind', 'visibility', 'data', 'actor_id']).where('message_id', '=', id).orderBy('id').execute();
    const notices = await t.db.selectFrom('notifications').select(['kind', 'link', 'body']).where('message_id', '=', id).execute();
    return { m, events, notices };
  };

  it('rejects the message with reason duplicate, records the original on its timeline and points the author to the original', async () => {
    const original = [...relevant.get('wages')!][0]!;
    const originalNumber = (await t.db.selectFrom('messages').select('number').where('id', '=', original).executeTakeFirstOrThrow()).number;
    const dup = await makeMessage(t.db, { author, type: 'complain', regionCode: '360102', ...MATTERS[1]!.query });
    const before = await state(dup);

    const res = await post(coordinator, `/api/v1/messages/${dup}/duplicate-of`, { originalId: original, note: '已有相同留言并已受理' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: 'duplicate' });

    const after = await state(dup);
    expect(after.m).toMatchObject({ status: 'rejected', reject_reason: 'duplicate', listed: false });
    const event = after.events.at(-1)!;
    expect(event.kind).toBe('rejected');
    expect(event.visibility).toBe('author');
    expect(event.data).toEqual({ reason: 'duplicate', duplicateOf: { id: Number(original), number: originalNumber } });
    expect(event.actor_id).not.toBeNull();
    expect(after.notices).toHaveLength(before.notices.length + 1);
    const notice = after.notices.find((n) => n.kind === 'duplicate')!;
    expect(notice.link).toBe(`/messages/${original}`);
    expect(JSON.stringify(notice.body)).toContain(originalNumber);
    // The author's view of the message tells the reason.
    const authorSession = await loginFrom(t.app, uniqueIp(), author);
    const own = (await get(authorSession, `/api/v1/messages/${dup}`)).json();
    expect(own.rejectReason).toBe('duplicate');
  });

  it('refuses bad input with a problem naming the field and changes nothing', async () => {
    const dup = await makeMessage(t.db, { author, type: 'complain', regionCode: '360102', ...MATTERS[2]!.query });
    const privateOne = await earlier({ title: '幸福路路灯不亮的私信', body: '幸福路的路灯坏了，我不希望公开这条留言，请尽快维修。' }, { isPublic: false });
    const unscreened = await makeMessage(t.db, { author, regionCode: '360102', title: '幸福路路灯又坏了', body: '幸福路的路灯又坏了，晚上很黑，请尽快维修。' });
    const later = await earlier({ title: '幸福路路灯不亮了', body: '幸福路路灯不亮，晚上出行不安全，请维修。' });
    const before = await state(dup);
    const cases: [unknown, number, string | null][] = [
      [dup, 400, 'self'],
      ['999999999', 400, 'not_found'],
      [privateOne, 400, 'not_public'],
      [unscreened, 400, 'not_public'],
      [later, 400, 'not_earlier'],
      ['abc', 400, null],
    ];
    for (const [originalId, status, code] of cases) {
      const res = await post(coordinator, `/api/v1/messages/${dup}/duplicate-of`, { originalId });
      expect(res.statusCode, `${String(originalId)}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(JSON.stringify(problem.errors ?? problem), String(originalId)).toContain('originalId');
      if (code) expect(problem.errors[0]).toMatchObject({ field: 'originalId', code });
    }
    expect(await state(dup)).toEqual(before);

    // Already screened: 409, and the accepted message stays as it is.
    const accepted = [...relevant.get('noise')!][0]!;
    const acceptedBefore = await state(accepted);
    const res = await post(coordinator, `/api/v1/messages/${accepted}/duplicate-of`, { originalId: [...relevant.get('heating')!][0]! });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toContain('message-state');
    expect(await state(accepted)).toEqual(acceptedBefore);

    // Outside the coordinator's boards: as if it did not exist.
    const henan = await makeMessage(t.db, { author, board: '河南省委书记', regionCode: '411003', title: '许昌市某小区停水', body: '许昌市建安区某小区停水三天了，没有任何通知，请自来水公司尽快恢复供水。' });
    expect((await post(coordinator, `/api/v1/messages/${henan}/duplicate-of`, { originalId: [...relevant.get('heating')!][0]! })).statusCode).toBe(404);
    expect((await state(henan)).m.status).toBe('submitted');
  });
});

describe('the suggestions on the write page', () => {
  it('shows answered public messages like the draft, masked, and never unanswered or private ones', async () => {
    const canteen = MATTERS[4]!;
    const answered = await earlier({ title: '青云社区老年食堂建设建议', body: '青云社区独居老人吃饭难，建议开设老年食堂幸福食堂，联系电话13812345678。' }, { state: 'replied' });
    const privateAnswered = await earlier({ title: '青云社区老年食堂建议', body: '青云社区独居老人吃饭难，建议开设老年食堂。' }, { state: 'replied', isPublic: false });
    const res = await get(null, `/api/v1/messages/similar-public?region=360102&title=${encodeURIComponent(canteen.query.title)}&body=${encodeURIComponent(canteen.query.body)}`);
    expect(res.statusCode, res.body).toBe(200);
    const items: { id: number; status: string; publicStatus: string; excerpt: string; similarity: number }[] = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items.map((i) => String(i.id))).toContain(answered);
    expect(items.map((i) => String(i.id))).not.toContain(privateAnswered);
    // The accepted (unanswered) variants are not suggestions.
    for (const id of relevant.get('canteen')!) expect(items.map((i) => String(i.id))).not.toContain(id);
    for (const item of items) expect(item.publicStatus).toBe('done');
    expect(res.body).not.toContain('13812345678');
    expect(items.find((i) => String(i.id) === answered)!.excerpt).toContain('138****5678');
  });

  it('accepts a Traditional-script draft and a region at township level, and names a bad region', async () => {
    const res = await get(null, `/api/v1/messages/similar-public?region=360102&title=${encodeURIComponent(toTraditional('青云社区老年食堂'))}`);
    expect(res.statusCode).toBe(200);
    const bad = await get(null, `/api/v1/messages/similar-public?region=999999&title=${encodeURIComponent('老年食堂')}`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'region' });
  });

  it('is rate-limited per address like a search box', async () => {
    const url = `/api/v1/messages/similar-public?region=360102&title=${encodeURIComponent('路灯')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await get(null, url, '10.77.0.1')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await get(null, url, '10.77.0.2')).statusCode).toBe(200);
  });
});

// DEMO_LOGINS is the single list of demo accounts; this file logs in by login name, as they do.
void DEMO_LOGINS;
