/**
 * The audit log in words: every action code the server writes (grep
 * `recordAudit(` in src/server/modules), with what it means and what its
 * target is, in the three languages. A code missing here is shown as the code
 * itself, never as a blank; test/integration/audit-log.test.ts keeps the list
 * complete against the server's sources.
 */
import type { Locale } from './domain.js';

type Words = Record<Locale, string>;

export interface AuditActionInfo {
  /** What happened, as a short phrase. */
  label: Words;
  /** What the target of the entry is. */
  target: Words;
}

const ACCOUNT: Words = { 'zh-CN': '账号', 'zh-TW': '帳號', en: 'Account' };
const UNIT: Words = { 'zh-CN': '单位', 'zh-TW': '單位', en: 'Unit' };
const BOARD: Words = { 'zh-CN': '留言板', 'zh-TW': '留言板', en: 'Board' };
const FIELD: Words = { 'zh-CN': '领域（代码）', 'zh-TW': '領域（代碼）', en: 'Field (its code)' };
const POLICY: Words = { 'zh-CN': '办理时限政策（地区/办理类别）', 'zh-TW': '辦理時限政策（地區/辦理類別）', en: 'Deadline policy (region/handling class)' };
const CAMPAIGN: Words = { 'zh-CN': '征集活动', 'zh-TW': '徵集活動', en: 'Campaign' };
const ENTRY: Words = { 'zh-CN': '征集投稿（留言）', 'zh-TW': '徵集投稿（留言）', en: 'Campaign entry (a message)' };
const CALENDAR: Words = { 'zh-CN': '工作日历（年份或日期）', 'zh-TW': '工作日曆（年份或日期）', en: 'Working-day calendar (a year or a day)' };

function w(zhCN: string, zhTW: string, en: string): Words {
  return { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
}

export const AUDIT_ACTIONS: Record<string, AuditActionInfo> = {
  // Accounts and sign-in (issue 15 adds the edits, status changes and resets).
  'account.register': { label: w('网民注册账号', '網民註冊帳號', 'Citizen registered'), target: ACCOUNT },
  'account.create': { label: w('新建工作人员账号', '新建工作人員帳號', 'Staff account created'), target: ACCOUNT },
  'account.import': { label: w('批量导入工作人员账号', '批次匯入工作人員帳號', 'Staff accounts imported'), target: w('账号（批量，见详情）', '帳號（批次，見詳情）', 'Accounts (a batch, see details)') },
  'account.update': { label: w('修改账号信息', '修改帳號資料', 'Account edited'), target: ACCOUNT },
  'account.roles_change': { label: w('变更账号角色', '變更帳號角色', 'Account roles changed'), target: ACCOUNT },
  'account.scope_change': { label: w('调整账号所属单位', '調整帳號所屬單位', 'Account moved to another unit'), target: ACCOUNT },
  'account.disable': { label: w('停用账号', '停用帳號', 'Account disabled'), target: ACCOUNT },
  'account.enable': { label: w('启用账号', '啟用帳號', 'Account enabled'), target: ACCOUNT },
  'account.password_reset': { label: w('管理员重置密码', '管理員重設密碼', 'Password reset by an admin'), target: ACCOUNT },
  'account.mobile_change': { label: w('更换手机号', '更換手機號碼', 'Mobile number changed'), target: ACCOUNT },
  'account.profile_update': { label: w('修改个人资料', '修改個人資料', 'Own profile edited'), target: ACCOUNT },
  'account.data_export': { label: w('下载个人信息', '下載個人資料', 'Personal data downloaded'), target: ACCOUNT },
  'account.unlock': { label: w('解除登录锁定', '解除登入鎖定', 'Login lockout lifted'), target: ACCOUNT },
  'account.mobile_recover': { label: w('核验身份后更换网民手机号', '核驗身分後更換網民手機號碼', 'Citizen\'s mobile changed after an identity check'), target: ACCOUNT },
  'account.close': { label: w('注销账号（去标识化）', '註銷帳號（去識別化）', 'Account closed (de-identified)'), target: ACCOUNT },
  'auth.login_failed': { label: w('登录失败', '登入失敗', 'Failed login'), target: ACCOUNT },
  'auth.lockout': { label: w('多次登录失败，账号被临时锁定', '多次登入失敗，帳號被暫時鎖定', 'Account locked after failed logins'), target: ACCOUNT },
  'auth.password_reset': { label: w('通过短信验证码重置密码', '透過簡訊驗證碼重設密碼', 'Password reset with an SMS code'), target: ACCOUNT },
  'auth.password_change': { label: w('修改密码', '修改密碼', 'Password changed'), target: ACCOUNT },
  'auth.login_sms': { label: w('短信验证码登录', '簡訊驗證碼登入', 'Logged in with an SMS code'), target: ACCOUNT },
  // Units and boards (issue 15 adds edits, retirement, merges).
  'unit.create': { label: w('新建单位', '新建單位', 'Unit created'), target: UNIT },
  'unit.update': { label: w('修改单位信息', '修改單位資料', 'Unit edited'), target: UNIT },
  'unit.move': { label: w('调整上级单位', '調整上級單位', 'Unit moved under another parent'), target: UNIT },
  'unit.retire': { label: w('撤销单位', '撤銷單位', 'Unit retired'), target: UNIT },
  'unit.reactivate': { label: w('恢复单位', '恢復單位', 'Unit reactivated'), target: UNIT },
  'unit.merge': { label: w('合并单位（机构改革）', '合併單位（機構改革）', 'Units merged (reorganisation)'), target: UNIT },
  'unit.reply_review': { label: w('设置回复审核方式', '設定回覆審核方式', 'Reply review setting changed'), target: UNIT },
  'board.create': { label: w('新建留言板', '新建留言板', 'Board created'), target: BOARD },
  'board.update': { label: w('修改留言板', '修改留言板', 'Board edited'), target: BOARD },
  'board.retire': { label: w('关闭留言板', '關閉留言板', 'Board retired'), target: BOARD },
  'board.reopen': { label: w('重新开放留言板', '重新開放留言板', 'Board reopened'), target: BOARD },
  'board.repoint': { label: w('留言板改由其他单位办理', '留言板改由其他單位辦理', 'Board pointed at another unit'), target: BOARD },
  // Configuration.
  'field.create': { label: w('新建领域', '新建領域', 'Field created'), target: FIELD },
  'field.update': { label: w('修改领域', '修改領域', 'Field edited'), target: FIELD },
  'policy.save': { label: w('保存办理时限政策', '儲存辦理時限政策', 'Deadline policy saved'), target: POLICY },
  'policy.delete': { label: w('删除办理时限政策', '刪除辦理時限政策', 'Deadline policy deleted'), target: POLICY },
  'calendar.year_enter': { label: w('录入全年节假日安排', '錄入全年節假日安排', 'Holidays of a year entered'), target: CALENDAR },
  'calendar.day_set': { label: w('调整单日（节假日/调休）', '調整單日（節假日/調休）', 'A day set (holiday / make-up day)'), target: CALENDAR },
  'calendar.seed': { label: w('导入节假日数据', '匯入節假日資料', 'Holiday data loaded'), target: w('工作日历（数据来源）', '工作日曆（資料來源）', 'Working-day calendar (data source)') },
  // Campaigns.
  'campaign.create': { label: w('新建征集活动', '新建徵集活動', 'Campaign created'), target: CAMPAIGN },
  'campaign.update': { label: w('修改征集活动', '修改徵集活動', 'Campaign edited'), target: CAMPAIGN },
  'campaign.publish': { label: w('发布征集活动', '發布徵集活動', 'Campaign published'), target: CAMPAIGN },
  'campaign.results': { label: w('发布征集结果', '發布徵集結果', 'Campaign results published'), target: CAMPAIGN },
  'campaign.adopt': { label: w('采纳投稿', '採納投稿', 'Entry adopted'), target: ENTRY },
  'campaign.unadopt': { label: w('撤销采纳', '撤銷採納', 'Adoption withdrawn'), target: ENTRY },
};

/** The kinds of action (the part before the dot), for the filter by kind (`account.*`). */
export const AUDIT_KINDS: Record<string, Words> = {
  account: w('账号', '帳號', 'Accounts'),
  auth: w('登录与密码', '登入與密碼', 'Sign-in and passwords'),
  unit: w('单位', '單位', 'Units'),
  board: w('留言板', '留言板', 'Boards'),
  field: w('领域', '領域', 'Fields'),
  policy: w('办理时限政策', '辦理時限政策', 'Deadline policies'),
  calendar: w('工作日历', '工作日曆', 'Working-day calendar'),
  campaign: w('征集活动', '徵集活動', 'Campaigns'),
};

/** The kinds of object an entry is about. */
export const AUDIT_TARGET_TYPES: Record<string, Words> = {
  account: ACCOUNT,
  unit: UNIT,
  board: BOARD,
  field: w('领域', '領域', 'Field'),
  deadline_policy: w('办理时限政策', '辦理時限政策', 'Deadline policy'),
  campaign: CAMPAIGN,
  message: w('留言', '留言', 'Message'),
  calendar: w('工作日历', '工作日曆', 'Calendar'),
};

/** The names of the fields a change (`details.changes`) or the details speak of; others show their key. */
export const AUDIT_FIELDS: Record<string, Words> = {
  displayName: w('姓名', '姓名', 'Name'),
  unit: UNIT,
  unitId: UNIT,
  roles: w('角色', '角色', 'Roles'),
  email: w('电子邮箱', '電子郵件', 'E-mail'),
  mobile: w('手机号', '手機號碼', 'Mobile'),
  status: w('状态', '狀態', 'Status'),
  mustChangePassword: w('须修改密码', '須修改密碼', 'Must change password'),
  login: w('登录名', '登入名', 'Login'),
  logins: w('登录名', '登入名', 'Logins'),
  count: w('数量', '數量', 'Count'),
  method: w('方式', '方式', 'Method'),
  channel: w('发送渠道', '發送管道', 'Channel'),
  failures: w('失败次数', '失敗次數', 'Failures'),
  minutes: w('锁定分钟', '鎖定分鐘', 'Minutes locked'),
  name: w('名称', '名稱', 'Name'),
  title: w('标题', '標題', 'Title'),
  kind: w('类别', '類別', 'Kind'),
  regionCode: w('地区代码', '地區代碼', 'Region code'),
  parentId: w('上级单位', '上級單位', 'Parent unit'),
  shortName: w('简称', '簡稱', 'Short name'),
  contact: w('联系方式', '聯絡方式', 'Contact'),
  replyReview: w('回复审核方式', '回覆審核方式', 'Reply review'),
  units: w('涉及单位数', '涉及單位數', 'Units affected'),
  mode: w('审核方式', '審核方式', 'Review mode'),
  reason: w('原因', '原因', 'Reason'),
  lockedUntil: w('锁定至', '鎖定至', 'Locked until'),
  forced: w('首次/重置后强制修改', '首次/重設後強制修改', 'Forced change'),
};

export function auditFieldLabel(field: string, locale: Locale): string {
  return AUDIT_FIELDS[field]?.[locale] ?? field;
}

/** The words for an action code in `locale`; an unknown code is answered with itself. */
export function auditActionLabel(code: string, locale: Locale): string {
  return AUDIT_ACTIONS[code]?.label[locale] ?? code;
}

export function auditTargetTypeLabel(type: string, locale: Locale): string {
  return AUDIT_TARGET_TYPES[type]?.[locale] ?? type;
}

/**
 * Fields whose values are ids (or codes) of another object. The server sends, with each entry,
 * the names of the objects its details refer to (`names`, keyed `type:id`), so that a person
 * reads 上级单位: 南昌市住房和城乡建设局, not 上级单位: 17.
 */
export const AUDIT_REFERENCE_FIELDS: Record<string, string> = {
  unit: 'unit',
  unitId: 'unit',
  parentId: 'unit',
  intoUnitId: 'unit',
  mergedIntoId: 'unit',
  boardId: 'board',
  campaignId: 'campaign',
  accountId: 'account',
  regionCode: 'region',
};

const ROLE_WORDS: Record<string, Words> = {
  unit_handler: w('承办人员', '承辦人員', 'Unit handler'),
  unit_admin: w('单位管理员', '單位管理員', 'Unit administrator'),
  coordinator: w('协调员', '協調員', 'Coordinator'),
  leader: w('领导', '領導', 'Leader'),
  analyst: w('分析员', '分析員', 'Analyst'),
  platform_admin: w('平台管理员', '平台管理員', 'Platform administrator'),
};
const REVIEW_WORDS: Record<string, Words> = {
  none: w('无需审核', '無需審核', 'No review'),
  unit_admin: w('单位管理员审核', '單位管理員審核', 'Reviewed by a unit administrator'),
  coordinator: w('协调员审核', '協調員審核', 'Reviewed by the coordinator'),
};

/** Words for the coded values of a field (a status, a role, a method); a code not listed shows as itself. */
export const AUDIT_VALUE_WORDS: Record<string, Record<string, Words>> = {
  status: {
    active: w('正常', '正常', 'Active'),
    disabled: w('已停用', '已停用', 'Disabled'),
    closed: w('已注销', '已註銷', 'Closed'),
    retired: w('已撤销', '已撤銷', 'Retired'),
    open: w('开放', '開放', 'Open'),
    merged: w('已合并', '已合併', 'Merged'),
  },
  roles: ROLE_WORDS,
  replyReview: REVIEW_WORDS,
  mode: REVIEW_WORDS,
  method: { password: w('密码', '密碼', 'Password'), sms: w('短信验证码', '簡訊驗證碼', 'SMS code') },
  channel: { sms: w('短信', '簡訊', 'SMS'), email: w('电子邮件', '電子郵件', 'E-mail') },
  kind: { leader: w('领导留言板', '領導留言板', 'Leader board'), ministry: w('部委留言板', '部委留言板', 'Ministry board') },
};

const YES_NO: Record<'true' | 'false', Words> = { true: w('是', '是', 'Yes'), false: w('否', '否', 'No') };

export interface AuditValueContext {
  /** The field the value belongs to: decides whether it is a reference or a coded value. */
  field?: string;
  locale?: Locale;
  /** Names of referenced objects, keyed `type:id` (the entry's `names`). */
  names?: Record<string, string>;
}

/**
 * A value of a change as text: null as —, lists joined, references by their name, coded values
 * and yes/no in words (when `field` and `locale` are given), objects by their name when they have one.
 */
export function auditValueText(value: unknown, context: AuditValueContext = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => auditValueText(v, context)).join('、');
  const locale = context.locale ?? 'zh-CN';
  if (typeof value === 'boolean') return YES_NO[String(value) as 'true' | 'false'][locale];
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(value);
  }
  const text = String(value);
  const field = context.field;
  if (field) {
    const referenceType = AUDIT_REFERENCE_FIELDS[field];
    const name = referenceType ? context.names?.[`${referenceType}:${text}`] : undefined;
    if (name) return referenceType === 'region' ? name : `${name}（${text}）`;
    const words = AUDIT_VALUE_WORDS[field]?.[text];
    if (words) return words[locale];
  }
  return text;
}

/** The `type:id` keys of the objects an entry's details refer to (for the server to name). */
export function auditReferences(details: unknown): Array<{ type: string; id: string }> {
  const found: Array<{ type: string; id: string }> = [];
  const add = (field: string, value: unknown) => {
    const type = AUDIT_REFERENCE_FIELDS[field];
    if (!type) return;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' || typeof v === 'number') found.push({ type, id: String(v) });
    }
  };
  for (const [field, value] of auditOtherDetails(details)) add(field, value);
  for (const change of auditChanges(details)) {
    add(change.field, change.from);
    add(change.field, change.to);
  }
  return found;
}

export interface AuditChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** `details.changes` ({ field: { from, to } }) as a list; anything else in it is left out. */
export function auditChanges(details: unknown): AuditChange[] {
  if (!details || typeof details !== 'object') return [];
  const changes = (details as Record<string, unknown>).changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).flatMap(([field, change]) =>
    change && typeof change === 'object' && ('from' in change || 'to' in change) ? [{ field, from: (change as { from?: unknown }).from ?? null, to: (change as { to?: unknown }).to ?? null }] : [],
  );
}

/** The rest of `details` (all but `changes`) as field/value pairs. */
export function auditOtherDetails(details: unknown): Array<[string, unknown]> {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).filter(([key]) => key !== 'changes');
}

/** One filter term: a code (`account.update`) or a kind (`account.*`). */
export const AUDIT_ACTION_TERM = '[a-z][a-z_]{0,29}(\\.[a-z][a-z_]{0,39}|\\.\\*)';
