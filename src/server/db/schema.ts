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

export interface DB {
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
