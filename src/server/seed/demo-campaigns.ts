/**
 * Demo campaigns and questionnaires (issue 6), from the stories in
 * shared/seeds: 国家机关事务管理局's 公共机构反食品浪费 collection (open, with a
 * questionnaire), a 建言“十四五” collection (ended, results published, two
 * suggestions adopted), a 幸福食堂 collection that starts in three days, and
 * the 小微企业和个体工商户开复工情况 questionnaire on its own.
 *
 * Made through the services, acting as the demo accounts (the platform admin
 * for the ministry, `coordinator` for 江西, the demo citizens for entries,
 * supports and responses), so the rows are what the web app would create:
 * entries are messages screened by a coordinator, adoptions notify their
 * authors, everything is in the audit log. Loaded once on a demo installation;
 * not in tests unless they ask (they count their own campaigns).
 */
import { sql } from 'kysely';
import type { Answer, CampaignEntryInput, QuestionInput } from '../../shared/campaigns.js';
import type { StaffRole } from '../../shared/permissions.js';
import type { Config } from '../config.js';
import type { Database, Executor } from '../db/database.js';
import type { Actor } from '../modules/access/actor.js';
import { adoptEntry, submitEntry, supportEntry } from '../modules/campaigns/campaign-entries.service.js';
import { createCampaign, publishCampaign, publishResults, updateCampaign } from '../modules/campaigns/campaigns.service.js';
import { screenMessage } from '../modules/messages/message-actions.service.js';
import { createQuestionnaire, publishQuestionnaire, submitResponse } from '../modules/questionnaires/questionnaires.service.js';
import { DEMO_CITIZENS } from './demo-data.js';

const CAMPAIGNS_LOCK = 2_026_112_316;
const DAY = 86_400_000;

export const DEMO_CAMPAIGN_TITLES = {
  open: '公共机构反食品浪费金点子征集',
  ended: '建言“十四五”：江西发展金点子征集',
  upcoming: '南昌市“幸福食堂”建设金点子征集',
} as const;

export const DEMO_QUESTIONNAIRE_TITLES = {
  canteen: '公共机构食堂就餐情况调查',
  smallBusiness: '小微企业和个体工商户开复工情况',
} as const;

/** Anonymous demo responses come "from" this documentation address (RFC 5737), never a real client's. */
const ANONYMOUS_IP = '192.0.2.1';

// ── who acts ────────────────────────────────────────────────────────────────

/** The actor of an account, as the session hook resolves it; undefined when the account is missing. */
async function actorOf(db: Executor, by: { login: string } | { mobile: string }): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('accounts')
    .leftJoin('units', 'units.id', 'accounts.unit_id')
    .leftJoin('regions', 'regions.code', 'units.region_code')
    .select(['accounts.id', 'accounts.kind', 'accounts.roles', 'accounts.nickname', 'accounts.unit_id', sql<string | null>`units.path::text`.as('unit_path'), 'units.region_code', sql<string | null>`regions.path::text`.as('region_path')])
    .where((eb) => ('login' in by ? eb('accounts.login', '=', by.login) : eb('accounts.mobile', '=', by.mobile)))
    .where('accounts.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    accountId: row.id,
    kind: row.kind,
    roles: row.roles as StaffRole[],
    nickname: row.nickname,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    regionCode: row.region_code,
    regionPath: row.region_path,
    sessionId: 'demo-seed',
    csrfToken: 'demo-seed',
  };
}

interface Cast {
  /** The platform admin: the only demo account in scope of a ministry. */
  admin: Actor;
  /** 江西省委民声通道工作室: organises and screens for 江西. */
  coordinator: Actor;
  /** 南昌老郑, 许昌暖冬, 郴州网友. 老郑 answers no questionnaire, so a newcomer logged in as him can. */
  zheng: Actor;
  nuandong: Actor;
  chenzhou: Actor;
}

async function loadCast(db: Executor, adminLogin: string): Promise<Cast | undefined> {
  const admin = await actorOf(db, { login: adminLogin });
  const coordinator = await actorOf(db, { login: 'coordinator' });
  const citizens: Array<Actor | undefined> = [];
  for (const c of DEMO_CITIZENS) citizens.push(await actorOf(db, { mobile: c.mobile }));
  const [zheng, nuandong, chenzhou] = citizens;
  if (!admin || !coordinator || !zheng || !nuandong || !chenzhou) return undefined;
  return { admin, coordinator, zheng, nuandong, chenzhou };
}

async function unitId(db: Executor, key: string): Promise<number> {
  return Number((await db.selectFrom('units').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id);
}

async function leaderBoardId(db: Executor, regionCode: string, title: string): Promise<number> {
  return Number((await db.selectFrom('boards').select('id').where('region_code', '=', regionCode).where('title', '=', title).executeTakeFirstOrThrow()).id);
}

async function unitBoardId(db: Executor, unit: number): Promise<number> {
  return Number((await db.selectFrom('boards').select('id').where('kind', '=', 'ministry').where('unit_id', '=', String(unit)).executeTakeFirstOrThrow()).id);
}

// ── small steps, each one service call ──────────────────────────────────────

async function enter(db: Database, citizen: Actor, campaignId: number, input: CampaignEntryInput): Promise<string> {
  return String((await submitEntry(db, citizen, String(campaignId), input, null)).id);
}

/** Accepted at screening (受理), as a coordinator would: only then is an entry public. */
async function accept(db: Database, staff: Actor, entryIds: string[]): Promise<void> {
  for (const id of entryIds) await screenMessage(db, staff, id, { decision: 'accept' });
}

async function support(db: Database, campaignId: number, pairs: Array<[Actor, string]>): Promise<void> {
  for (const [citizen, entryId] of pairs) await supportEntry(db, citizen, String(campaignId), entryId);
}

/** Answers by question position (1-based), turned into the API's answers by question id. */
type ByPosition = Record<number, Answer>;

async function respond(db: Database, questionnaire: { id: number; questions: Array<{ id: number; position: number }> }, actor: Actor | null, byPosition: ByPosition, regionCode?: string): Promise<void> {
  const answers: Record<string, Answer> = {};
  for (const q of questionnaire.questions) if (byPosition[q.position] !== undefined) answers[String(q.id)] = byPosition[q.position]!;
  await submitResponse(db, actor, String(questionnaire.id), { answers, ...(regionCode ? { regionCode } : {}) }, { ip: ANONYMOUS_IP, idempotencyKey: null });
}

const at = (now: number, offsetMs: number) => new Date(now + offsetMs).toISOString();

// ── 公共机构反食品浪费金点子征集: open, with its questionnaire ────────────────

const CANTEEN_QUESTIONS: QuestionInput[] = [
  {
    kind: 'single',
    text: '您是否经常在单位（学校、医院）食堂就餐？',
    required: true,
    options: [
      { value: 'daily', label: '每个工作日' },
      { value: 'sometimes', label: '偶尔' },
      { value: 'never', label: '从不' },
    ],
    // Who never eats there has seen no waste there: on at the last question.
    skip: [{ whenValue: 'never', toPosition: 5 }],
  },
  {
    kind: 'multiple',
    text: '您在食堂见过哪些浪费现象？',
    required: true,
    options: [
      { value: 'leftover', label: '剩饭剩菜较多' },
      { value: 'oversize', label: '份量过大吃不完' },
      { value: 'buffet', label: '自助餐多取少吃' },
      { value: 'overcook', label: '备餐过量被倒掉' },
    ],
  },
  { kind: 'scale', text: '您对所在食堂反食品浪费工作的满意度（1 很不满意，5 很满意）', required: true, scaleMin: 1, scaleMax: 5 },
  {
    kind: 'single',
    text: '您是否支持食堂推行小份菜、半份菜？',
    required: true,
    options: [
      { value: 'yes', label: '支持' },
      { value: 'no', label: '不支持' },
      { value: 'unsure', label: '说不好' },
    ],
  },
  { kind: 'short', text: '您最想推荐的一条反食品浪费“小妙招”', required: false },
];

/** [answers by position, province-or-lower region]: the demo's anonymous respondents. */
const CANTEEN_ANSWERS: Array<[ByPosition, string]> = [
  [{ 1: 'daily', 2: ['leftover', 'oversize'], 3: 3, 4: 'yes', 5: '按人数报餐，按需备餐' }, '110000'],
  [{ 1: 'daily', 2: ['buffet'], 3: 4, 4: 'yes', 5: '取餐区贴“适量取餐”提示' }, '360100'],
  [{ 1: 'sometimes', 2: ['leftover'], 3: 2, 4: 'yes' }, '410100'],
  [{ 1: 'daily', 2: ['oversize', 'overcook'], 3: 3, 4: 'unsure', 5: '小份菜同价可以拼' }, '430000'],
  [{ 1: 'never', 5: '学校开展“光盘行动”评比' }, '340000'],
  [{ 1: 'daily', 2: ['leftover', 'buffet', 'overcook'], 3: 2, 4: 'yes', 5: '剩余量每周公示' }, '500000'],
  [{ 1: 'sometimes', 2: ['oversize'], 3: 4, 4: 'no' }, '210200'],
  [{ 1: 'daily', 2: ['leftover'], 3: 5, 4: 'yes', 5: '光盘积分兑换水果' }, '460000'],
];

async function seedOpenCampaign(db: Database, cast: Cast, now: number): Promise<void> {
  const ggj = await unitId(db, 'ggj');
  const campaign = await createCampaign(db, cast.admin, {
    title: DEMO_CAMPAIGN_TITLES.open,
    description: [
      '国家机关事务管理局通过“领导留言板”开展公共机构食堂反食品浪费“小妙招”有奖征集活动，面向社会公众，征集党政机关、学校、医院等公共机构单位食堂反食品浪费的实招、硬招、新招。',
      '请选择主题（食堂管理、宣传教育、技术手段）提交建议；发现公共机构食堂浪费问题，也可以提交问题线索。',
      '奖项设置：活动结束后评选一等奖、二等奖、三等奖和优秀奖若干名，获奖建议将在公共机构中推广。',
    ].join('\n\n'),
    organiserUnitId: ggj,
    boardId: await unitBoardId(db, ggj),
    topics: ['食堂管理', '宣传教育', '技术手段'],
    regionCodes: [],
    startsAt: at(now, -7 * DAY),
    endsAt: at(now, 21 * DAY),
    hasPrizes: true,
    entriesPublic: true,
  });
  await publishCampaign(db, cast.admin, String(campaign.id));

  const pinFen = await enter(db, cast.zheng, campaign.id, {
    kind: 'suggestion',
    topic: '食堂管理',
    title: '推广小份饭菜，同价的可以拼',
    body: '建议机关、学校、医院食堂推广小份饭菜，同价的菜可以拼在一份里，选择多又避免浪费。老年人饭量小，小份菜尤其实用。',
    regionCode: '360102',
    fieldCode: 'government',
  });
  // The phone number shows the masking: the public sees 138****5678.
  const jiFen = await enter(db, cast.nuandong, campaign.id, {
    kind: 'suggestion',
    topic: '宣传教育',
    title: '对光盘的人发放积分',
    body: '对光盘的人发放积分、印章等，一定数额可以兑换菜品或水果，让节约成为习惯。具体做法可以打我电话13812345678交流。',
    regionCode: '411000',
    fieldCode: 'government',
  });
  const chengZhong = await enter(db, cast.chenzhou, campaign.id, {
    kind: 'suggestion',
    topic: '技术手段',
    title: '智能餐盘称重结算，按需备餐',
    body: '有条件的公共机构食堂可以推行智能餐盘称重结算、按克计价，后台统计每餐剩余量，据此调整第二天的备餐数量。',
    regionCode: '431000',
    fieldCode: 'government',
  });
  const xianSuo = await enter(db, cast.zheng, campaign.id, {
    kind: 'lead',
    topic: '食堂管理',
    title: '某单位食堂晚餐剩菜较多',
    body: '附近某单位食堂晚餐时段就餐人少，但备餐量和午餐一样，每天倒掉不少剩菜，希望督促改进备餐计划。',
    regionCode: '360102',
    fieldCode: 'government',
  });
  // Left unscreened: it waits in 留言审核 of the platform admin, and only its organiser sees it.
  await enter(db, cast.nuandong, campaign.id, {
    kind: 'suggestion',
    topic: '食堂管理',
    title: '推行网上预约报餐',
    body: '推行网上预约报餐，食堂按报餐人数备餐；节假日前一天和周五晚餐减少备餐量。',
    regionCode: '411000',
    fieldCode: 'government',
  });
  // A ministry's board is in no coordinator's region: the platform admin screens for it.
  await accept(db, cast.admin, [pinFen, jiFen, chengZhong, xianSuo]);
  await support(db, campaign.id, [
    [cast.nuandong, pinFen],
    [cast.chenzhou, pinFen],
    [cast.zheng, jiFen],
    [cast.zheng, chengZhong],
    [cast.nuandong, chengZhong],
  ]);

  const questionnaire = await createQuestionnaire(db, cast.admin, {
    title: DEMO_QUESTIONNAIRE_TITLES.canteen,
    description: '配合“公共机构反食品浪费金点子征集”，了解公共机构食堂的就餐和浪费情况。约需2分钟，任何人都可以填写。',
    campaignId: campaign.id,
    organiserUnitId: ggj,
    audience: 'anyone',
    opensAt: at(now, -7 * DAY),
    closesAt: at(now, 21 * DAY),
    questions: CANTEEN_QUESTIONS,
  });
  const published = await publishQuestionnaire(db, cast.admin, String(questionnaire.id));
  await respond(db, published, cast.nuandong, { 1: 'daily', 2: ['leftover', 'overcook'], 3: 3, 4: 'yes', 5: '光盘积分兑换菜品' }, '411000');
  await respond(db, published, cast.chenzhou, { 1: 'sometimes', 2: ['oversize'], 3: 4, 4: 'yes', 5: '智能餐盘称重' }, '431000');
  for (const [answers, region] of CANTEEN_ANSWERS) await respond(db, published, null, answers, region);
}

// ── 建言“十四五”: ended, results published, two adoptions ──────────────────

async function seedEndedCampaign(db: Database, cast: Cast, now: number): Promise<void> {
  const organiser = await unitId(db, 'jx-gov-office');
  const campaign = await createCampaign(db, cast.coordinator, {
    title: DEMO_CAMPAIGN_TITLES.ended,
    description: [
      '“十四五”规划编制坚持问计于民。江西省人民政府办公厅通过“领导留言板”面向网民征集对全省“十四五”发展的意见建议：民生保障、乡村振兴、营商环境，您的所思所想、所期所盼都可以在这里说。',
      '优秀建议将送规划《建议》起草组研究吸纳。',
    ].join('\n\n'),
    organiserUnitId: organiser,
    boardId: await leaderBoardId(db, '360000', '省长'),
    topics: ['民生保障', '乡村振兴', '营商环境'],
    regionCodes: ['360000'],
    startsAt: at(now, -45 * DAY),
    // Open while the entries come in; the end moves to now below, before the results.
    endsAt: at(now, DAY),
    hasPrizes: false,
    entriesPublic: true,
  });
  const id = String(campaign.id);
  await publishCampaign(db, cast.coordinator, id);

  const huZhu = await enter(db, cast.zheng, campaign.id, {
    kind: 'suggestion',
    topic: '民生保障',
    title: '建议推行农村互助养老模式',
    body: '建议“十四五”规划考虑推行互助养老：在农村人口聚集区域，由政府投入建设公共食堂、公共宿舍，有意愿的老人可以生活在一起，年龄小的、有能力的老人照顾年龄大的、能力弱的老人。城市社区也可以多办“幸福食堂”，解决老年人吃饭难。',
    regionCode: '360102',
    fieldCode: 'government',
  });
  const dianDui = await enter(db, cast.nuandong, campaign.id, {
    kind: 'suggestion',
    topic: '营商环境',
    title: '推广“点对点”服务企业的做法',
    body: '南丰县为企业和基层提供“点对点”精准服务，项目开复工率提高很多。建议全省推广，重点项目审批开辟绿色通道，帮助中小微企业解决融资和用工难题。',
    regionCode: '361023',
    fieldCode: 'enterprise',
  });
  const daoLu = await enter(db, cast.chenzhou, campaign.id, {
    kind: 'suggestion',
    topic: '乡村振兴',
    title: '打通赣湘边界的断头路',
    body: '赣州和郴州交界的几个乡镇之间还有断头路，农产品外运要绕远路。建议“十四五”期间把省际边界乡村道路联通列入交通规划。',
    regionCode: '360700',
    fieldCode: 'transport',
  });
  const yiBao = await enter(db, cast.zheng, campaign.id, {
    kind: 'suggestion',
    topic: '民生保障',
    title: '医保经办服务下沉到乡镇',
    body: '老人身体不便，去县城办医保要跑好几趟。建议把医保经办服务下沉到乡镇和村，能在家门口办的事就不让老人多跑。',
    regionCode: '361024',
    fieldCode: 'health',
  });
  await accept(db, cast.coordinator, [huZhu, dianDui, daoLu, yiBao]);
  await support(db, campaign.id, [
    [cast.nuandong, huZhu],
    [cast.chenzhou, huZhu],
    [cast.zheng, dianDui],
    [cast.zheng, daoLu],
    [cast.chenzhou, yiBao],
  ]);
  await adoptEntry(db, cast.coordinator, id, huZhu, { note: '写入“十四五”规划《建议》' });
  await adoptEntry(db, cast.coordinator, id, dianDui, { note: '转省发展改革委，纳入优化营商环境“十四五”专项规划研究吸收' });

  // The collection is over: close it now (entries stay inside its window) and publish the results.
  await updateCampaign(db, cast.coordinator, id, { endsAt: new Date().toISOString() });
  await publishResults(db, cast.coordinator, id, {
    summary:
      '本次建言活动共收到网民建议4条，采纳2条：“建议推行农村互助养老模式”写入“十四五”规划《建议》；“推广‘点对点’服务企业的做法”转省发展改革委研究吸收。其余建议已转有关部门参考。感谢广大网民积极建言献策！',
  });
}

// ── 南昌市“幸福食堂”: starts in three days ──────────────────────────────────

async function seedUpcomingCampaign(db: Database, cast: Cast, now: number): Promise<void> {
  const campaign = await createCampaign(db, cast.coordinator, {
    title: DEMO_CAMPAIGN_TITLES.upcoming,
    description:
      '南昌市一位90岁的老先生给省委书记留言，希望社区办一个“幸福食堂”。南昌市民政局将在全市推开社区“幸福食堂”建设，现向市民征集选址、菜品与价格、助餐服务方面的金点子。',
    organiserUnitId: await unitId(db, 'nc-mzj'),
    boardId: await leaderBoardId(db, '360100', '市长'),
    topics: ['选址建议', '菜品与价格', '助餐服务'],
    regionCodes: ['360100'],
    startsAt: at(now, 3 * DAY),
    endsAt: at(now, 33 * DAY),
    hasPrizes: false,
    entriesPublic: true,
  });
  await publishCampaign(db, cast.coordinator, String(campaign.id));
}

// ── 小微企业和个体工商户开复工情况: a questionnaire on its own ─────────────────

const SMALL_BUSINESS_QUESTIONS: QuestionInput[] = [
  {
    kind: 'single',
    text: '您的经营主体类型',
    required: true,
    options: [
      { value: 'micro', label: '小微企业' },
      { value: 'individual', label: '个体工商户' },
    ],
  },
  {
    kind: 'single',
    text: '目前开复工情况',
    required: true,
    options: [
      { value: 'full', label: '已全面复工' },
      { value: 'partial', label: '部分复工' },
      { value: 'closed', label: '尚未复工' },
    ],
  },
  {
    kind: 'multiple',
    text: '开复工中遇到的主要困难（可多选）',
    required: true,
    options: [
      { value: 'cash', label: '资金周转困难' },
      { value: 'staff', label: '用工不足' },
      { value: 'orders', label: '订单减少' },
      { value: 'rent', label: '房租等成本高' },
      { value: 'logistics', label: '物流不畅' },
    ],
  },
  { kind: 'scale', text: '您对当地助企纾困政策的满意度（0 很不满意，10 很满意）', required: true, scaleMin: 0, scaleMax: 10 },
  { kind: 'short', text: '您最希望政府提供哪方面的帮助？', required: false },
];

const SMALL_BUSINESS_ANSWERS: Array<[ByPosition, string]> = [
  [{ 1: 'micro', 2: 'partial', 3: ['cash', 'orders'], 4: 6, 5: '延期还贷，降低贷款利率' }, '361023'],
  [{ 1: 'individual', 2: 'full', 3: ['rent'], 4: 8, 5: '减免房租' }, '360102'],
  [{ 1: 'individual', 2: 'closed', 3: ['cash', 'rent', 'orders'], 4: 3 }, '361024'],
  [{ 1: 'micro', 2: 'partial', 3: ['staff', 'logistics'], 4: 5, 5: '帮助对接外地返岗工人' }, '360700'],
  [{ 1: 'micro', 2: 'full', 3: ['orders'], 4: 9 }, '360100'],
  [{ 1: 'individual', 2: 'partial', 3: ['cash'], 4: 7, 5: '小额贷款审批再快一些' }, '361000'],
];

async function seedSmallBusinessQuestionnaire(db: Database, cast: Cast, now: number): Promise<void> {
  const questionnaire = await createQuestionnaire(db, cast.coordinator, {
    title: DEMO_QUESTIONNAIRE_TITLES.smallBusiness,
    description: '为了解疫情防控和复工复产中小微企业和个体工商户遇到的困难，江西省人民政府办公厅开展本次问卷调查。任何人都可以填写，结果用于完善助企纾困政策。',
    campaignId: null,
    organiserUnitId: await unitId(db, 'jx-gov-office'),
    audience: 'anyone',
    opensAt: at(now, -3 * DAY),
    closesAt: at(now, 25 * DAY),
    questions: SMALL_BUSINESS_QUESTIONS,
  });
  const published = await publishQuestionnaire(db, cast.coordinator, String(questionnaire.id));
  await respond(db, published, cast.chenzhou, { 1: 'individual', 2: 'partial', 3: ['orders', 'logistics'], 4: 6, 5: '帮助打通物流' }, '431000');
  for (const [answers, region] of SMALL_BUSINESS_ANSWERS) await respond(db, published, null, answers, region);
}

// ── once per installation ───────────────────────────────────────────────────

async function alreadyLoaded(db: Executor): Promise<boolean> {
  const campaign = await db.selectFrom('campaigns').select('id').where('title', 'in', Object.values(DEMO_CAMPAIGN_TITLES)).limit(1).executeTakeFirst();
  if (campaign) return true;
  const questionnaire = await db.selectFrom('questionnaires').select('id').where('title', 'in', Object.values(DEMO_QUESTIONNAIRE_TITLES)).limit(1).executeTakeFirst();
  return questionnaire !== undefined;
}

/**
 * Loads the demo campaigns and questionnaires once (demo mode only). The
 * advisory lock makes processes starting together load them once; a later
 * start finds them and does nothing. A service refusing halfway is logged,
 * not thrown: the demo accounts and units of demo.seed.ts are expected.
 */
export async function seedDemoCampaigns(db: Database, config: Pick<Config, 'demo' | 'adminLogin'>, log: (msg: string) => void): Promise<void> {
  if (!config.demo) return;
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${CAMPAIGNS_LOCK})`.execute(conn);
    try {
      if (await alreadyLoaded(conn)) return;
      const cast = await loadCast(conn, config.adminLogin);
      if (!cast) {
        log('demo campaigns: skipped, the demo accounts are not all there');
        return;
      }
      const started = Date.now();
      try {
        // The services use the pool (their own transactions); this connection only holds the lock.
        await seedOpenCampaign(db, cast, started);
        await seedEndedCampaign(db, cast, started);
        await seedUpcomingCampaign(db, cast, started);
        await seedSmallBusinessQuestionnaire(db, cast, started);
      } catch (cause) {
        // Demo extras must not keep the platform from starting (say, a demo citizen at a rate limit on an older installation).
        log(`demo campaigns: stopped part-way, not retried: ${cause instanceof Error ? cause.message : String(cause)}`);
        return;
      }
      log(`demo campaigns: 3 campaigns and 2 questionnaires in ${Date.now() - started} ms (once)`);
    } finally {
      await sql`SELECT pg_advisory_unlock(${CAMPAIGNS_LOCK})`.execute(conn);
    }
  });
}
