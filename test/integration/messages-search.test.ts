/**
 * Search on the public board (GET /messages?q=): Traditional and Simplified
 * meet, a compound finds its parts apart, results are ranked and highlighted,
 * filters narrow the search, and only listed messages are ever found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, messageBody, replyTo, screen, writeMessage, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
let coordinator: Session;
let admin: Session;
const board: Record<string, string> = {};
const m: Record<string, number> = {};

interface Hit {
  id: number;
  title: string;
  excerpt: string;
  status: string;
  publicStatus: string;
  highlight: { title: [number, number][]; excerpt: [number, number][] };
}

async function message(author: CitizenLogin, boardName: string, overrides: Parameters<typeof messageBody>[1], state: 'submitted' | 'accepted' = 'accepted') {
  const { id } = await writeMessage(t.app, author.session, messageBody(board[boardName]!, overrides));
  if (state === 'accepted') await screen(t.app, boardName.startsWith('河南') ? admin : coordinator, id);
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await loginFrom(t.app, uniqueIp(), 'coordinator');
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  for (const name of ['江西省委书记', '南昌市长', '东湖区长', '河南省委书记']) board[name] = await boardIdOf(t.db, name);
  const author = await loggedInCitizen(t.app, t.db);

  m.simplified = await message(author, '江西省委书记', { title: '异地就医医保报销太难', body: '父亲在上海住院，回南昌办理医保报销需要跑好几趟，希望简化异地就医的医保结算流程。', fieldCode: 'health' });
  m.traditional = await message(author, '南昌市长', { title: '醫保卡丟失如何補辦', body: '我的醫保卡丟失了，請問在哪裡可以補辦，需要帶什麼材料？', regionCode: '360104', fieldCode: 'health', type: 'consult' });
  m.wages = await message(author, '东湖区长', { title: '工地拖欠农民工工资', body: '某工地拖欠农民工工资三个月，工人们多次讨要无果，请劳动监察部门介入。', fieldCode: 'employment', type: 'complain' });
  m.henan = await message(author, '河南省委书记', { title: '医保缴费档次咨询', body: '灵活就业人员的医保缴费档次有哪些，每年什么时候缴费？', regionCode: '411003', fieldCode: 'health', type: 'consult' });
  m.private = await message(author, '江西省委书记', { title: '医保个人账户被盗刷', body: '我的医保个人账户被人盗刷，不希望公开，请医保局核查。', isPublic: false });
  m.submitted = await message(author, '江西省委书记', { title: '医保定点药店乱收费', body: '某医保定点药店刷医保卡时加价，请有关部门查处。' }, 'submitted');
  m.rejected = await message(author, '江西省委书记', { title: '医保问题重复反映', body: '这是一条重复反映的医保问题，内容与之前相同。' }, 'submitted');
  await screen(t.app, coordinator, m.rejected, { decision: 'reject', reason: 'duplicate' });
  m.withdrawn = await message(author, '江西省委书记', { title: '医保撤回的留言', body: '我想撤回这条关于医保的留言，问题已经自行解决。' }, 'submitted');
  expect((await as(t.app, author.session, { method: 'POST', url: `/api/v1/messages/${m.withdrawn}/withdrawal` })).statusCode).toBe(200);
});
afterAll(async () => t.close());

async function search(q: string, filters = ''): Promise<Hit[]> {
  const res = await as(t.app, null, { method: 'GET', url: `/api/v1/messages?q=${encodeURIComponent(q)}&limit=100${filters ? `&${filters}` : ''}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const ids = (hits: Hit[]) => hits.map((h) => h.id);
/** The marked parts of the text. */
const marked = (text: string, ranges: [number, number][]) => ranges.map(([s, e]) => text.slice(s, e));

describe('matching', () => {
  it('finds a message written with 医保 when searched as 醫保', async () => {
    const hits = await search('醫保');
    expect(ids(hits)).toEqual(expect.arrayContaining([m.simplified, m.henan]));
    const hit = hits.find((h) => h.id === m.simplified)!;
    expect(marked(hit.title, hit.highlight.title)).toEqual(['医保']);
    expect(marked(hit.excerpt, hit.highlight.excerpt)).toEqual(['医保', '医保']);
  });

  it('finds a message written with 醫保 when searched as 医保, marking the characters as written', async () => {
    const hits = await search('医保');
    expect(ids(hits)).toContain(m.traditional);
    const hit = hits.find((h) => h.id === m.traditional)!;
    expect(hit.title).toBe('醫保卡丟失如何補辦');
    expect(marked(hit.title, hit.highlight.title)).toEqual(['醫保']);
    expect(marked(hit.excerpt, hit.highlight.excerpt)).toEqual(['醫保']);
  });

  it('finds 拖欠农民工工资 when searched as 拖欠工资, marking both parts', async () => {
    const hits = await search('拖欠工资');
    expect(ids(hits)).toEqual([m.wages]);
    expect(marked(hits[0]!.title, hits[0]!.highlight.title)).toEqual(['拖欠', '工资']);
    expect(marked(hits[0]!.excerpt, hits[0]!.highlight.excerpt)).toEqual(['拖欠', '工资']);
  });

  it('needs every word of the query', async () => {
    expect(ids(await search('医保 报销'))).toEqual([m.simplified]);
    expect(ids(await search('医保 工资'))).toEqual([]);
  });

  it('finds nothing, without an error, for a query of stop words or punctuation only', async () => {
    expect(await search('的')).toEqual([]);
    expect(await search('，。！')).toEqual([]);
  });
});

describe('ranking and highlighting', () => {
  it('ranks a match in the title above matches in the text only, and equal matches newest first', async () => {
    const author = await loggedInCitizen(t.app, t.db);
    // The same words, so the same rank: only their age tells them apart.
    const textOnly = { title: '关于老旧小区的问题', body: `${'小区里的路面坑洼不平，下雨天积水严重。'.repeat(3)}另外希望加装充电桩。`, fieldCode: 'urban' };
    const older = await message(author, '东湖区长', textOnly);
    const titled = await message(author, '东湖区长', { title: '申请在小区加装充电桩', body: '电动车充电难，希望在小区内加装充电桩，避免飞线充电的安全隐患。', fieldCode: 'urban' });
    const newer = await message(author, '东湖区长', textOnly);

    const hits = await search('充电桩', `board=${board['东湖区长']}`);
    expect(ids(hits)).toEqual([titled, newer, older]);
    // 充电桩 is searched as 充电 + 桩, each marked where it occurs, joined where they touch.
    for (const hit of hits) {
      expect(marked(hit.excerpt, hit.highlight.excerpt)).toContain('充电桩');
      expect(marked(hit.excerpt, hit.highlight.excerpt).every((s) => ['充电桩', '充电', '桩'].includes(s))).toBe(true);
    }
    expect(marked(hits[0]!.title, hits[0]!.highlight.title)).toEqual(['充电桩']);
    expect(hits[1]!.highlight.title).toEqual([]);
  });

  it('centres the excerpt of a long text on the first match', async () => {
    const author = await loggedInCitizen(t.app, t.db);
    const body = `${'我们社区位于老城区，房屋年代久远，基础设施陈旧。'.repeat(10)}最急的是二次供水设施老化，水质发黄。${'希望有关部门重视。'.repeat(5)}`;
    const id = await message(author, '东湖区长', { title: '社区基础设施改造建议', body });
    const [hit] = await search('二次供水', `board=${board['东湖区长']}`);
    expect(hit!.id).toBe(id);
    expect(hit!.excerpt.length).toBeLessThanOrEqual(120);
    expect(hit!.excerpt.startsWith('…')).toBe(true);
    expect(marked(hit!.excerpt, hit!.highlight.excerpt)).toEqual(['二次供水']);
  });

  it('pages through the results, each once', async () => {
    const whole = ids(await search('医保'));
    expect(whole.length).toBeGreaterThanOrEqual(3);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, null, { method: 'GET', url: `/api/v1/messages?q=${encodeURIComponent('医保')}&limit=1${cursor ? `&cursor=${cursor}` : ''}` });
      const page: { items: Hit[]; nextCursor: string | null } = res.json();
      paged.push(...ids(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
  });
});

describe('filters and visibility', () => {
  it('combines the query with region, board, field, type and tab filters', async () => {
    expect(ids(await search('医保', 'region=410000'))).toEqual([m.henan]);
    expect(ids(await search('医保', 'region=360000')).sort()).toEqual([m.simplified, m.traditional].sort());
    expect(ids(await search('医保', 'region=360104'))).toEqual([m.traditional]);
    expect(ids(await search('医保', `board=${board['江西省委书记']}`))).toEqual([m.simplified]);
    expect(ids(await search('医保', 'type=consult')).sort()).toEqual([m.traditional, m.henan].sort());
    expect(ids(await search('医保', 'field=employment'))).toEqual([]);
    expect(ids(await search('医保', 'status=pending')).sort()).toEqual([m.simplified, m.traditional, m.henan].sort());
    expect(await search('医保', 'status=done')).toEqual([]);
  });

  it('follows a message to its new tab after a reply, and finds the reply text', async () => {
    const author = await loggedInCitizen(t.app, t.db);
    const id = await message(author, '南昌市长', { title: '公交线路调整建议', body: '建议增开通往高铁站的公交线路，方便市民出行。', regionCode: '360104', fieldCode: 'transport' });
    expect(ids(await search('地铁接驳'))).toEqual([]);
    await replyTo(t.app, coordinator, id, '已请南昌市交通运输局研究地铁接驳方案，年内开通。', true);
    expect(ids(await search('地铁接驳'))).toEqual([id]);
    expect(ids(await search('公交线路', 'status=done'))).toEqual([id]);
    expect(ids(await search('公交线路', 'status=pending'))).toEqual([]);
  });

  it('never finds private, unaccepted, rejected or withdrawn messages', async () => {
    const hidden = [m.private, m.submitted, m.rejected, m.withdrawn];
    for (const q of ['医保', '醫保', '盗刷', '定点药店', '重复反映', '撤回']) {
      const found = ids(await search(q));
      for (const id of hidden) expect(found, q).not.toContain(id);
    }
    // Staff are no exception: the public list is the public list.
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/messages?q=${encodeURIComponent('盗刷')}` });
    expect(res.json().items).toEqual([]);
  });
});
