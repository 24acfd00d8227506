/** Kysely table types, written to match the migrations. */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = ColumnType<string, string | number | undefined, string | number>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'national' | 'province' | 'city' | 'county' | 'township';
  parent_code: string | null;
  path: string;
  sort: Generated<number>;
}

export interface UnitsTable {
  id: Generated<string>;
  key: string | null;
  name: string;
  kind: string;
  region_code: string;
  parent_id: string | null;
  path: string;
  created_at: Timestamp;
  reply_review: ColumnType<string, string | undefined, string>;
  /** Migration 2026-12-07T0200_units_boards_lifecycle. */
  short_name: ColumnType<string | null, string | null | undefined, string | null>;
  contact: ColumnType<string | null, string | null | undefined, string | null>;
  /** A retired unit takes no new work (units.service.ts retireUnit). */
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 2026-12-07T0300_units_merge: the unit this one was merged into (a merged unit is retired). */
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 2026-12-07T0300_units_merge: every name a unit has had, kept by a trigger on units. */
export interface UnitNamesTable {
  unit_id: Id;
  name: string;
  short_name: string | null;
  /** The first name is valid from -infinity. */
  valid_from: Timestamp;
  /** NULL: the current name. */
  valid_to: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface BoardsTable {
  id: Generated<string>;
  kind: 'leader' | 'ministry';
  title: string;
  name: string;
  region_code: string | null;
  unit_id: string | null;
  sort: Generated<number>;
  created_at: Timestamp;
  /** Migration 2026-12-07T0200_units_boards_lifecycle: a retired board takes no new messages; its history stays public. */
  retired_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AccountsTable {
  id: Generated<string>;
  kind: 'citizen' | 'staff';
  login: string | null;
  mobile: string | null;
  password_hash: string;
  nickname: string;
  display_name: string;
  unit_id: string | null;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  /** 'closed' (migration 2026-12-07T0310_accounts_privacy): de-identified by its holder; see closed_at. */
  status: Generated<'active' | 'disabled' | 'closed'>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** For e-mail notifications (migration 2026-11-23T1810_notifications). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 2026-12-07T0100_accounts_lifecycle: a new or reset staff account must set its own password first. */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 2026-12-07T0310_accounts_privacy: when the citizen closed (注销) the account. */
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SessionsTable {
  id: string;
  account_id: Id;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface SmsCodesTable {
  id: Generated<string>;
  mobile: string;
  purpose: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
}

export interface SmsOutboxTable {
  id: Generated<string>;
  mobile: string;
  body: string;
  status: Generated<string>;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: Id | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: ColumnType<unknown, string, never>;
  ip: string | null;
}

export interface FieldsTable {
  code: string;
  name_zh: string;
  name_tw: string;
  name_en: string;
  sort: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MessagesTable {
  id: Generated<string>;
  number: string;
  board_id: Id;
  author_id: Id;
  type: string;
  field_code: string;
  region_code: string;
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  title: string;
  body: string;
  private_note: string | null;
  is_public: boolean;
  photos_public: ColumnType<boolean, boolean | undefined, boolean>;
  location_public: ColumnType<boolean, boolean | undefined, boolean>;
  channel: string;
  status: string;
  public_status: string | null;
  listed: ColumnType<boolean, boolean | undefined, boolean>;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  reject_reason: string | null;
  campaign_id: Id | null;
  created_at: Timestamp;
  accepted_at: Timestamp | null;
  first_reply_at: Timestamp | null;
  final_reply_at: Timestamp | null;
  last_reply_at: Timestamp | null;
  activity_at: Timestamp;
  reply_count: ColumnType<number, number | undefined, number>;
  search: string | null;
  handling_class: string | null;
  round: ColumnType<number, number | undefined, number>;
  assigned_at: Timestamp | null;
  supervised_at: Timestamp | null;
  leader_attention: ColumnType<boolean, boolean | undefined, boolean>;
  closed_at: Timestamp | null;
  close_reason: string | null;
  overdue_count: ColumnType<number, number | undefined, number>;
}

export interface MessageEventsTable {
  id: Generated<string>;
  message_id: Id;
  kind: string;
  visibility: 'public' | 'author' | 'internal';
  actor_id: Id | null;
  unit_id: Id | null;
  body: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: Timestamp;
}

export interface MessageRatingsTable {
  message_id: Id;
  resolution: number;
  attitude: number;
  speed: number;
  grade: string;
  comment: string | null;
  rated_at: Timestamp;
  changed_at: Timestamp | null;
  change_count: ColumnType<number, number | undefined, number>;
}

export interface MessageTalliesTable {
  scope: string;
  public_status: string;
  n: ColumnType<string, string | number | undefined, string | number>;
}

export interface IdempotencyKeysTable {
  account_id: Id;
  key: string;
  request_hash: string;
  message_id: Id | null;
  created_at: Timestamp;
}

export interface PhotosTable {
  id: string;
  owner_id: Id;
  message_id: Id | null;
  position: number | null;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  size: number;
  data: Buffer;
  thumb: Buffer;
  created_at: Timestamp;
}

export interface DB {
  fields: FieldsTable;
  sensitive_words: { word: string };
  message_day_counters: { day: ColumnType<Date, string, string>; n: number };
  messages: MessagesTable;
  message_events: MessageEventsTable;
  message_ratings: MessageRatingsTable;
  message_tallies: MessageTalliesTable;
  idempotency_keys: IdempotencyKeysTable;
  photos: PhotosTable;
  regions: RegionsTable;
  units: UnitsTable;
  unit_names: UnitNamesTable;
  boards: BoardsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  sms_codes: SmsCodesTable;
  sms_outbox: SmsOutboxTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  deadline_policies: DeadlinePoliciesTable;
  assignments: AssignmentsTable;
  deadline_alerts: DeadlineAlertsTable;
  replies: RepliesTable;
  extension_requests: ExtensionRequestsTable;
  letters: LettersTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  stat_dirty: { message_id: Id; marked_at: Timestamp };
  stat_facts: StatFactsTable;
  stat_cells: StatCellsTable;
  stat_terms: StatTermsTable;
  stat_overdue_units: { unit_id: Id; region_code: string; open: number; overdue: number };
  stat_snapshots: { name: string; taken_at: Timestamp };
  stat_reports: StatReportsTable;
  report_subscriptions: ReportSubscriptionsTable;
  questionnaires: QuestionnairesTable;
  questionnaire_questions: QuestionnaireQuestionsTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  questionnaire_tallies: QuestionnaireTalliesTable;
  questionnaire_text_answers: { question_id: Id; response_id: Id };
  campaigns: CampaignsTable;
  campaign_entries: CampaignEntriesTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  calendar_state: { id: Generated<boolean>; version: ColumnType<string, string | number | undefined, string | number> };
  campaign_entry_counts: { campaign_id: Id; shard: number; n: ColumnType<string, number | string | undefined, number | string> };
  campaign_supports: { message_id: Id; account_id: Id; created_at: Timestamp };
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type Unit = Selectable<UnitsTable>;
export type Board = Selectable<BoardsTable>;
export type Region = Selectable<RegionsTable>;

// ── handling (2026-11-23T1800_handling) ─────────────────────────────────────
export interface DeadlinePoliciesTable {
  region_code: string;
  handling_class: string;
  sign_days: number;
  contact_days: number;
  reply_days: number;
  max_extension_days: number;
  updated_by: Id | null;
  updated_at: Timestamp;
}

export interface AssignmentsTable {
  id: Generated<string>;
  message_id: Id;
  round: number;
  unit_id: Id;
  role: 'lead' | 'co';
  parent_id: Id | null;
  assigned_by: Id | null;
  assigned_by_unit_id: Id | null;
  handling_class: string;
  status: 'pending' | 'signed' | 'passed_down' | 'returned' | 'done' | 'cancelled';
  instructions: string | null;
  assigned_at: Timestamp;
  sign_due: Timestamp;
  contact_due: Timestamp;
  reply_due: Timestamp;
  signed_at: Timestamp | null;
  contacted_at: Timestamp | null;
  replied_at: Timestamp | null;
  returned_at: Timestamp | null;
  return_reason: string | null;
  finished_at: Timestamp | null;
  extension_days: ColumnType<number, number | undefined, number>;
}

export interface DeadlineAlertsTable {
  assignment_id: Id;
  deadline: 'sign' | 'contact' | 'reply';
  level: 'amber' | 'red';
  due_at: Timestamp;
  created_at: Timestamp;
}

export interface RepliesTable {
  id: Generated<string>;
  message_id: Id;
  round: number;
  assignment_id: Id;
  unit_id: Id;
  author_id: Id;
  kind: 'interim' | 'final';
  body: string;
  status: 'pending_review' | 'published' | 'rejected';
  review_by: 'unit_admin' | 'coordinator' | null;
  submitted_at: Timestamp;
  reviewed_by: Id | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  published_at: Timestamp | null;
}

export interface ExtensionRequestsTable {
  id: Generated<string>;
  assignment_id: Id;
  message_id: Id;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  requested_by: Id;
  requested_at: Timestamp;
  decided_by: Id | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface LettersTable {
  id: Generated<string>;
  message_id: Id;
  assignment_id: Id | null;
  kind: 'assignment' | 'supervision';
  year: number;
  seq: number;
  requirements: string;
  issued_by: Id | null;
  issuer_unit_id: Id | null;
  issued_at: Timestamp;
}

/** { "zh-CN", "zh-TW", "en" } texts of a notification. */
type LocalizedJson = { 'zh-CN': string; 'zh-TW': string; en: string };

export interface NotificationsTable {
  id: Generated<string>;
  account_id: Id;
  kind: string;
  message_id: Id | null;
  title: ColumnType<LocalizedJson, string, string>;
  body: ColumnType<LocalizedJson | null, string | null, string | null>;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<string>;
  channel: 'email' | 'sms';
  recipient: string;
  subject: ColumnType<string, string | undefined, string>;
  body: string;
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | undefined, 'pending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  notification_id: Id | null;
}

type MeasureColumns<T> = {
  total: T; rejected: T; withdrawn: T; received: T; replied: T; final_replied: T; on_time: T; late: T; closed: T;
  reply_workdays: T; rated: T; g_very_satisfied: T; g_satisfied: T; g_basic: T; g_dissatisfied: T; g_very_dissatisfied: T;
  follow_ups: T; reopened: T; overdue: T;
};

export interface StatFactsTable extends MeasureColumns<number> {
  message_id: Id;
  day: ColumnType<string, string, string>;
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  board_id: Id;
  board_level: string;
  field_code: string;
  type: string;
  channel: string;
  handling_class: string;
  unit_id: Id | null;
  terms: string[];
}

export interface StatCellsTable extends MeasureColumns<ColumnType<string, number | string, number | string>> {
  grain: 'd' | 'm';
  period: ColumnType<string, string, string>;
  region_code: string;
  region_level: string;
  parent_code: string | null;
  dim: string;
  value: string;
}

export interface StatTermsTable {
  grain: 'd' | 'm';
  period: ColumnType<string, string, string>;
  region_code: string;
  term: string;
  n: ColumnType<string, number | string, number | string>;
}

// ── reports (2026-11-23T2010_reports) ───────────────────────────────────────
export interface StatReportsTable {
  id: Generated<string>;
  kind: 'weekly' | 'half_year';
  region_code: string;
  /** date: select it as text (`period_from::text`); pg would make a Date at local midnight. */
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  complete: boolean;
  version: ColumnType<number, number | undefined, number>;
  title: string;
  generated_at: Timestamp;
  generated_by: Id | null;
  content: ColumnType<unknown, string, string>;
}

export interface ReportSubscriptionsTable {
  account_id: Id;
  kind: 'weekly' | 'half_year';
  region_code: string;
  created_at: Timestamp;
}

// ── campaigns (2026-11-23T2100_campaigns) ───────────────────────────────────
export interface CampaignsTable {
  id: Generated<string>;
  title: string;
  description: string;
  cover_photo_id: string | null;
  organiser_unit_id: Id;
  board_id: Id;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  region_codes: ColumnType<string[], string[] | undefined, string[]>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  has_prizes: ColumnType<boolean, boolean | undefined, boolean>;
  entries_public: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<'draft' | 'published' | 'results_published', 'draft' | 'published' | 'results_published' | undefined, 'draft' | 'published' | 'results_published'>;
  result_summary: string | null;
  results_published_at: Timestamp | null;
  created_by: Id;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignEntriesTable {
  message_id: Id;
  campaign_id: Id;
  kind: 'suggestion' | 'lead';
  topic: string | null;
  region_code: string;
  /** Generated from region_code. */
  province_code: ColumnType<string, never, never>;
  support_count: ColumnType<number, number | undefined, number>;
  adopted_at: Timestamp | null;
  adoption_note: string | null;
  adopted_by: Id | null;
  prize: string | null;
  /** A copy of messages.listed, kept by a trigger (migration 2026-11-24T1100): the public lists' partial indexes. */
  listed: ColumnType<boolean, never, never>;
  created_at: Timestamp;
}

// ── questionnaires (2026-11-23T2110_questionnaires) ─────────────────────────
export interface QuestionnairesTable {
  id: Generated<string>;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  campaign_id: Id | null;
  organiser_unit_id: Id;
  audience: 'citizens' | 'anyone';
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  published_at: Timestamp | null;
  created_by: Id;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuestionnaireQuestionsTable {
  id: Generated<string>;
  questionnaire_id: Id;
  position: number;
  kind: 'single' | 'multiple' | 'scale' | 'short' | 'long';
  text: string;
  required: boolean;
  /** [{ value, label }]; written as JSON text. */
  options: ColumnType<Array<{ value: string; label: string }> | null, string | null, string | null>;
  scale_min: number | null;
  scale_max: number | null;
  /** [{ whenValue, toPosition }]; written as JSON text. */
  skip: ColumnType<Array<{ whenValue: string; toPosition: number }> | null, string | null, string | null>;
}

export interface QuestionnaireResponsesTable {
  id: Generated<string>;
  questionnaire_id: Id;
  account_id: Id | null;
  client_key: string | null;
  region_code: string | null;
  /** Generated from region_code. */
  province_code: ColumnType<string | null, never, never>;
  /** { "<question id>": answer }; written as JSON text. */
  answers: ColumnType<Record<string, string | string[] | number>, string, never>;
  submitted_at: Timestamp;
}

/** [question id | null, value | null, province | null, n] (migration comment). */
export type TallyCell = [string | null, string | null, string | null, number];

export interface QuestionnaireTalliesTable {
  questionnaire_id: Id;
  through_id: Id;
  responses: number;
  cells: ColumnType<TallyCell[], string, string>;
  folded_at: Timestamp;
}

/** The official calendar's special days (holidays, make-up working days), kept by platform admins. */
export interface CalendarDaysTable {
  day: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
  updated_by: Id | null;
  updated_at: Generated<Date>;
}

/** The years whose arrangement has been entered; a year not here counts weekends only. */
export interface CalendarYearsTable {
  year: number;
  source: string;
  notice: string | null;
  entered_by: Id | null;
  entered_at: Generated<Date>;
}
