/**
 * Domain errors: a stable machine code, a suggested HTTP status, the field at
 * fault, and messages in three languages. Services throw these; one error
 * handler (problem.ts) turns them into RFC 9457 problem+json.
 */
import type { Localized } from './locale.js';

export const ERROR_CATALOG = {
  validation_failed: { status: 400, 'zh-CN': '请求参数有误', 'zh-TW': '請求參數有誤', en: 'The request is invalid' },
  not_found: { status: 404, 'zh-CN': '找不到该资源', 'zh-TW': '找不到該資源', en: 'Not found' },
  route_not_found: { status: 404, 'zh-CN': '接口不存在', 'zh-TW': '介面不存在', en: 'No such API route' },
  unauthenticated: { status: 401, 'zh-CN': '请先登录', 'zh-TW': '請先登入', en: 'Please log in first' },
  forbidden: { status: 403, 'zh-CN': '没有权限执行此操作', 'zh-TW': '沒有權限執行此操作', en: 'You are not allowed to do this' },
  csrf_failed: { status: 403, 'zh-CN': '安全校验失败，请刷新页面后重试', 'zh-TW': '安全校驗失敗，請重新整理頁面後重試', en: 'Security check failed; reload the page and try again' },
  invalid_credentials: { status: 401, 'zh-CN': '账号或密码错误', 'zh-TW': '帳號或密碼錯誤', en: 'Wrong account or password' },
  account_locked: { status: 423, 'zh-CN': '登录失败次数过多，账号已临时锁定，请{minutes}分钟后再试', 'zh-TW': '登入失敗次數過多，帳號已暫時鎖定，請{minutes}分鐘後再試', en: 'Too many failed logins; the account is locked, try again in {minutes} minutes' },
  account_disabled: { status: 403, 'zh-CN': '账号已停用', 'zh-TW': '帳號已停用', en: 'This account is disabled' },
  rate_limited: { status: 429, 'zh-CN': '操作过于频繁，请{seconds}秒后再试', 'zh-TW': '操作過於頻繁，請{seconds}秒後再試', en: 'Too many requests; try again in {seconds} seconds' },
  sms_code_invalid: { status: 422, 'zh-CN': '验证码错误或已过期', 'zh-TW': '驗證碼錯誤或已過期', en: 'The verification code is wrong or has expired' },
  mobile_taken: { status: 409, 'zh-CN': '该手机号已注册', 'zh-TW': '該手機號已註冊', en: 'This mobile number is already registered' },
  login_taken: { status: 409, 'zh-CN': '该登录名已被使用', 'zh-TW': '該登入名已被使用', en: 'This login name is already taken' },
  region_not_found: { status: 422, 'zh-CN': '地区代码不存在', 'zh-TW': '地區代碼不存在', en: 'No region has this code' },
  unit_not_found: { status: 422, 'zh-CN': '单位不存在或不在您的管理范围内', 'zh-TW': '單位不存在或不在您的管理範圍內', en: 'No such unit within your scope' },
  unit_name_taken: { status: 409, 'zh-CN': '同一上级单位下已有同名单位', 'zh-TW': '同一上級單位下已有同名單位', en: 'The parent unit already has a unit of this name' },
  board_taken: { status: 409, 'zh-CN': '该地区已有此职务的留言板', 'zh-TW': '該地區已有此職務的留言板', en: 'This region already has a board for this position' },
  region_outside_parent: { status: 422, 'zh-CN': '单位所在地区须在上级单位所在地区之内', 'zh-TW': '單位所在地區須在上級單位所在地區之內', en: 'A unit must lie within the region of its parent unit' },
  // ── units and boards over time (issue 15) ──
  unit_retired: { status: 422, 'zh-CN': '该单位已撤销，不再承接新的工作', 'zh-TW': '該單位已撤銷，不再承接新的工作', en: 'This unit is retired and takes no new work' },
  unit_cycle: { status: 422, 'zh-CN': '不能把单位移到它自己或它的下级单位之下', 'zh-TW': '不能把單位移到它自己或它的下級單位之下', en: 'A unit cannot be moved under itself or one of its own descendants' },
  region_excludes_children: { status: 422, 'zh-CN': '下级单位所在地区须在本单位所在地区之内', 'zh-TW': '下級單位所在地區須在本單位所在地區之內', en: 'The child units must lie within the region of the unit' },
  unit_has_open_work: { status: 409, 'zh-CN': '该单位仍有未办结的交办任务、在用账号、开放的留言板或在用的下级单位，请先移交', 'zh-TW': '該單位仍有未辦結的交辦任務、在用帳號、開放的留言板或在用的下級單位，請先移交', en: 'The unit still has open assignments, active accounts, open boards or active child units; move them first' },
  unit_merge_self: { status: 422, 'zh-CN': '不能把单位并入它自己', 'zh-TW': '不能把單位併入它自己', en: 'A unit cannot be merged into itself' },
  unit_merge_conflict: { status: 409, 'zh-CN': '两个单位同时承办部分留言，请先调整这些留言的交办再合并', 'zh-TW': '兩個單位同時承辦部分留言，請先調整這些留言的交辦再合併', en: 'Both units handle some of the same messages; change those assignments before merging' },
  unit_state: { status: 409, 'zh-CN': '该单位当前状态不允许此操作（已撤销或仍在用）', 'zh-TW': '該單位當前狀態不允許此操作（已撤銷或仍在用）', en: 'The unit is not in a state that allows this (already retired, or still active)' },
  board_retired: { status: 409, 'zh-CN': '该留言板已关闭，不再接受新的留言', 'zh-TW': '該留言板已關閉，不再接受新的留言', en: 'This board is closed and takes no new messages' },
  board_state: { status: 409, 'zh-CN': '该留言板当前状态不允许此操作（已关闭或仍开放）', 'zh-TW': '該留言板當前狀態不允許此操作（已關閉或仍開放）', en: 'The board is not in a state that allows this (already closed, or still open)' },
  // ── accounts that can be managed and recovered (issue 15) ──
  password_change_required: { status: 403, 'zh-CN': '请先修改密码后再继续使用', 'zh-TW': '請先修改密碼後再繼續使用', en: 'Change your password before you continue' },
  mobile_not_registered: { status: 422, 'zh-CN': '该手机号尚未注册', 'zh-TW': '該手機號尚未註冊', en: 'No account is registered with this mobile number' },
  wrong_password: { status: 422, 'zh-CN': '当前密码不正确', 'zh-TW': '目前密碼不正確', en: 'The current password is wrong' },
  cannot_disable_self: { status: 422, 'zh-CN': '不能停用自己的账号', 'zh-TW': '不能停用自己的帳號', en: 'You cannot disable your own account' },
  account_closed: { status: 409, 'zh-CN': '该账号已注销', 'zh-TW': '該帳號已註銷', en: 'This account has been closed' },
  reset_channel_unavailable: { status: 422, 'zh-CN': '该账号没有登记此联系方式，无法发送重置码', 'zh-TW': '該帳號沒有登記此聯絡方式，無法發送重設碼', en: 'The account has no contact of this kind to send a reset code to' },
  role_not_grantable: { status: 403, 'zh-CN': '您不能授予该角色', 'zh-TW': '您不能授予該角色', en: 'You may not grant this role' },
  csv_invalid: { status: 422, 'zh-CN': 'CSV 文件有误，未导入任何账号', 'zh-TW': 'CSV 檔案有誤，未匯入任何帳號', en: 'The CSV file has errors; no account was imported' },
  photo_invalid: { status: 415, 'zh-CN': '文件不是有效的图片，仅支持 JPEG、PNG、WebP 格式', 'zh-TW': '檔案不是有效的圖片，僅支援 JPEG、PNG、WebP 格式', en: 'The file is not a valid image; only JPEG, PNG and WebP are accepted' },
  photo_too_large: { status: 413, 'zh-CN': '照片文件不能超过{megabytes} MB', 'zh-TW': '照片檔案不能超過{megabytes} MB', en: 'A photo file may have at most {megabytes} MB' },
  photo_too_many_pixels: { status: 422, 'zh-CN': '照片尺寸过大，不能超过{megapixels}百万像素', 'zh-TW': '照片尺寸過大，不能超過{megapixels}百萬像素', en: 'The photo is too large; at most {megapixels} megapixels' },
  photo_not_found: { status: 422, 'zh-CN': '照片不存在、不属于您或已被使用', 'zh-TW': '照片不存在、不屬於您或已被使用', en: 'A photo does not exist, is not yours or is already in use' },
  conflict: { status: 409, 'zh-CN': '数据已被修改或已存在，请刷新后重试', 'zh-TW': '資料已被修改或已存在，請重新整理後重試', en: 'This already exists or changed meanwhile; reload and try again' },
  board_not_found: { status: 422, 'zh-CN': '留言板不存在', 'zh-TW': '留言板不存在', en: 'No such board' },
  field_not_found: { status: 422, 'zh-CN': '领域不存在或已停用', 'zh-TW': '領域不存在或已停用', en: 'No such field, or it is no longer in use' },
  field_taken: { status: 409, 'zh-CN': '该领域代码已存在', 'zh-TW': '該領域代碼已存在', en: 'A field with this code exists already' },
  region_outside_board: { status: 422, 'zh-CN': '所选地区不在该留言板的管辖范围内', 'zh-TW': '所選地區不在該留言板的管轄範圍內', en: 'The region is outside the area of this board' },
  idempotency_key_reused: { status: 422, 'zh-CN': '该幂等键已用于另一条不同的提交', 'zh-TW': '該冪等鍵已用於另一條不同的提交', en: 'This Idempotency-Key was used for a different submission' },
  citizens_only: { status: 403, 'zh-CN': '仅网民账号可以进行此操作', 'zh-TW': '僅網民帳號可以進行此操作', en: 'Only citizen accounts can do this' },
  message_state: { status: 409, 'zh-CN': '留言当前状态不允许此操作', 'zh-TW': '留言當前狀態不允許此操作', en: 'The message is not in a state that allows this' },
  rating_locked: { status: 409, 'zh-CN': '评价已修改过或已超过7天，不能再修改', 'zh-TW': '評價已修改過或已超過7天，不能再修改', en: 'The rating was changed once already or is older than 7 days' },
  assignment_state: { status: 409, 'zh-CN': '该交办任务当前状态不允许此操作', 'zh-TW': '該交辦任務當前狀態不允許此操作', en: 'The assignment is not in a state that allows this' },
  not_assigned: { status: 409, 'zh-CN': '您的单位没有该留言的主办任务（需先交办并签收）', 'zh-TW': '您的單位沒有該留言的主辦任務（需先交辦並簽收）', en: 'Your unit has no signed lead assignment for this message' },
  final_reply_exists: { status: 409, 'zh-CN': '本轮办理已有最终回复（已发布或待审核）', 'zh-TW': '本輪辦理已有最終回覆（已發布或待審核）', en: 'This round already has a final reply (published or awaiting review)' },
  extension_too_long: { status: 422, 'zh-CN': '延期超过政策上限，最多还可延期{days}个工作日', 'zh-TW': '延期超過政策上限，最多還可延期{days}個工作日', en: 'The extension exceeds the policy maximum; at most {days} more working days' },
  extension_pending: { status: 409, 'zh-CN': '已有待审批的延期申请', 'zh-TW': '已有待審批的延期申請', en: 'An extension request is already waiting for a decision' },
  extension_state: { status: 409, 'zh-CN': '该延期申请已处理', 'zh-TW': '該延期申請已處理', en: 'This extension request has been decided already' },
  reopen_limit: { status: 409, 'zh-CN': '重办次数已达上限（{max}次）', 'zh-TW': '重辦次數已達上限（{max}次）', en: 'The message was reopened the maximum number of times ({max})' },
  review_state: { status: 409, 'zh-CN': '该回复不在待审核状态', 'zh-TW': '該回覆不在待審核狀態', en: 'This reply is not awaiting review' },
  unit_not_assignable: { status: 422, 'zh-CN': '不能交办给该单位（不在您的地区或下级范围内，或已在办理链上）', 'zh-TW': '不能交辦給該單位（不在您的地區或下級範圍內，或已在辦理鏈上）', en: 'This unit cannot receive the assignment (outside your region or subordinate units, or already on the chain)' },
  region_out_of_scope: { status: 403, 'zh-CN': '该地区不在您的管理范围内', 'zh-TW': '該地區不在您的管理範圍內', en: 'This region is outside your scope' },
  // ── oversight (issue 16) ──
  quarter_not_finished: { status: 422, 'zh-CN': '{year}年第{quarter}季度尚未结束，季度通报只能在季度结束后生成', 'zh-TW': '{year}年第{quarter}季度尚未結束，季度通報只能在季度結束後產生', en: 'Quarter {quarter} of {year} has not ended; a quarterly bulletin is made for finished quarters only' },
  // ── end oversight ──
  report_period_future: { status: 422, 'zh-CN': '该报告期间尚未开始，不能生成报告', 'zh-TW': '該報告期間尚未開始，不能產生報告', en: 'This report period has not started yet' },
  email_required: { status: 422, 'zh-CN': '请先设置电子邮箱，再订阅报告', 'zh-TW': '請先設定電子郵件，再訂閱報告', en: 'Set an e-mail address before subscribing to reports' },
  // ── the working-day calendar (工作日历) ──
  calendar_outside_year: { status: 422, 'zh-CN': '日期 {day} 不在 {year} 年内', 'zh-TW': '日期 {day} 不在 {year} 年內', en: 'The date {day} is not in {year}' },
  calendar_range_invalid: { status: 422, 'zh-CN': '日期范围有误：结束日期 {to} 早于开始日期 {from}', 'zh-TW': '日期範圍有誤：結束日期 {to} 早於開始日期 {from}', en: 'The range ends ({to}) before it starts ({from})' },
  calendar_duplicate_day: { status: 422, 'zh-CN': '日期 {day} 出现了不止一次', 'zh-TW': '日期 {day} 出現了不止一次', en: 'The date {day} appears more than once' },
  calendar_workday_not_weekend: { status: 422, 'zh-CN': '调休上班日须为周六或周日，{day} 本来就是工作日', 'zh-TW': '調休上班日須為週六或週日，{day} 本來就是工作日', en: 'A make-up working day must fall on a weekend; {day} is a working day anyway' },
  calendar_year_empty: { status: 422, 'zh-CN': '请至少录入一个节假日', 'zh-TW': '請至少錄入一個節假日', en: 'Enter at least one holiday' },
  // ── campaigns (征集活动) ──
  campaign_not_open: { status: 409, 'zh-CN': '征集活动尚未发布或尚未开始，暂不能投稿', 'zh-TW': '徵集活動尚未發布或尚未開始，暫不能投稿', en: 'The campaign is not published or has not started yet' },
  campaign_closed: { status: 409, 'zh-CN': '征集活动已结束，不再接受投稿', 'zh-TW': '徵集活動已結束，不再接受投稿', en: 'The campaign has ended and takes no more entries' },
  campaign_state: { status: 409, 'zh-CN': '征集活动当前状态不允许此操作', 'zh-TW': '徵集活動當前狀態不允許此操作', en: 'The campaign is not in a state that allows this' },
  campaign_not_ended: { status: 409, 'zh-CN': '征集活动尚未结束，结束后才能发布结果', 'zh-TW': '徵集活動尚未結束，結束後才能發布結果', en: 'The campaign has not ended; results can be published after the end' },
  campaign_field_locked: { status: 409, 'zh-CN': '征集活动已发布，不能再修改开始时间、主办单位或留言板', 'zh-TW': '徵集活動已發布，不能再修改開始時間、主辦單位或留言板', en: 'The campaign is published: its start, organiser and board can no longer change' },
  region_outside_campaign: { status: 422, 'zh-CN': '所选地区不在本次征集活动的范围内', 'zh-TW': '所選地區不在本次徵集活動的範圍內', en: 'The region is outside the regions of this campaign' },
  campaign_topic_unknown: { status: 422, 'zh-CN': '所选主题不是本次征集活动的主题', 'zh-TW': '所選主題不是本次徵集活動的主題', en: 'This is not one of the campaign\'s topics' },
  campaign_no_prizes: { status: 422, 'zh-CN': '本次征集活动不设奖项', 'zh-TW': '本次徵集活動不設獎項', en: 'This campaign has no prizes' },
  entries_not_public: { status: 403, 'zh-CN': '本次征集活动的投稿不公开', 'zh-TW': '本次徵集活動的投稿不公開', en: 'The entries of this campaign are not public' },
  already_supported: { status: 409, 'zh-CN': '您已为这条投稿点过赞，每个账号只能点赞一次', 'zh-TW': '您已為這條投稿點過讚，每個帳號只能點讚一次', en: 'You have supported this entry already; once per account' },
  entry_not_adoptable: { status: 409, 'zh-CN': '只能采纳审核通过的投稿（待审核、不予受理或已撤回的投稿不能采纳）', 'zh-TW': '只能採納審核通過的投稿（待審核、不予受理或已撤回的投稿不能採納）', en: 'Only an entry accepted by screening can be adopted (not one waiting for screening, rejected or withdrawn)' },
  // ── end campaigns ──
  // ── questionnaires ──
  questionnaire_has_responses: { status: 409, 'zh-CN': '问卷已有答卷，只能追加修改：修改标题和说明、推迟截止时间、在末尾追加选填题、为选择题追加选项', 'zh-TW': '問卷已有答卷，只能追加修改：修改標題和說明、延後截止時間、在末尾追加選填題、為選擇題追加選項', en: 'The questionnaire has responses; only additive changes are allowed: title and description, a later closing time, optional questions appended at the end, options appended to a choice question' },
  questionnaire_closed: { status: 409, 'zh-CN': '问卷不在答题时间内（尚未开始或已经截止）', 'zh-TW': '問卷不在答題時間內（尚未開始或已經截止）', en: 'The questionnaire is not open for answers (not yet open, or closed)' },
  already_responded: { status: 409, 'zh-CN': '您已提交过本问卷，每人只能提交一次', 'zh-TW': '您已提交過本問卷，每人只能提交一次', en: 'You have answered this questionnaire already; one response per account' },
  campaign_not_found: { status: 422, 'zh-CN': '征集活动不存在或不在您的管理范围内', 'zh-TW': '徵集活動不存在或不在您的管理範圍內', en: 'No such campaign within your scope' },
  campaign_not_published: { status: 409, 'zh-CN': '所属征集活动尚未发布：请先发布征集活动，问卷才能公开', 'zh-TW': '所屬徵集活動尚未發布：請先發布徵集活動，問卷才能公開', en: 'The campaign is not published yet: publish the campaign first, then the questionnaire can be public' },
  // ── end questionnaires ──
  malformed_request: { status: 400, 'zh-CN': '请求格式有误（例如 JSON 无法解析或请求体为空）', 'zh-TW': '請求格式有誤（例如 JSON 無法解析或請求主體為空）', en: 'The request is malformed (e.g. unreadable JSON or an empty body)' },
  uri_too_long: { status: 414, 'zh-CN': '请求地址过长', 'zh-TW': '請求位址過長', en: 'The request URL is too long' },
  headers_too_large: { status: 431, 'zh-CN': '请求地址或请求头过大', 'zh-TW': '請求位址或請求標頭過大', en: 'The request URL or headers are too large' },
  request_timeout: { status: 408, 'zh-CN': '请求超时', 'zh-TW': '請求逾時', en: 'The request timed out' },
  payload_too_large: { status: 413, 'zh-CN': '提交的内容过大', 'zh-TW': '提交的內容過大', en: 'The request body is too large' },
  unsupported_media_type: { status: 415, 'zh-CN': '不支持的内容类型，请以 JSON 提交', 'zh-TW': '不支援的內容類型，請以 JSON 提交', en: 'Unsupported content type; send JSON' },
  internal: { status: 500, 'zh-CN': '服务器内部错误', 'zh-TW': '伺服器內部錯誤', en: 'Internal server error' },
  service_unavailable: { status: 503, 'zh-CN': '服务暂不可用', 'zh-TW': '服務暫不可用', en: 'Service unavailable' },
  database_unavailable: { status: 503, 'zh-CN': '数据库暂时无法连接，请稍后重试（重复提交不会重复保存）', 'zh-TW': '資料庫暫時無法連線，請稍後重試（重複提交不會重複儲存）', en: 'The database is unavailable for a moment; try again (a retried submission is not saved twice)' },
  busy_retry: { status: 503, 'zh-CN': '系统繁忙，请稍后重试', 'zh-TW': '系統繁忙，請稍後重試', en: 'The system is busy; try again' },
} as const satisfies Record<string, Localized & { status: number }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface FieldError {
  field: string;
  code: string;
  message: Localized;
}

/** What keeps a change from happening (a unit that still has open work): how many, and the first few by name or number. */
export interface Blocker {
  kind: string;
  count: number;
  examples: string[];
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; params?: Record<string, string | number>; errors?: FieldError[]; status?: number; blockers?: Blocker[] } = {},
  ) {
    super(ERROR_CATALOG[code].en);
    this.status = options.status ?? ERROR_CATALOG[code].status;
  }
}

/** A 400 naming one field, for rules a JSON schema cannot express. */
export function invalidField(field: string, code: string, message: Localized): DomainError {
  return new DomainError('validation_failed', { field, errors: [{ field, code, message }] });
}
