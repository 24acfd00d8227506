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
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  boards: BoardsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  sms_codes: SmsCodesTable;
  sms_outbox: SmsOutboxTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type Unit = Selectable<UnitsTable>;
export type Board = Selectable<BoardsTable>;
export type Region = Selectable<RegionsTable>;
