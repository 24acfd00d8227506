/** Plain constants both the server and the web need. */

/** 'national' is the single root (code 000000, 全国) above the provinces. */
export const REGION_LEVELS = ['national', 'province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const UNIT_KINDS = [
  'party_committee', // 党委 (省委, 市委, 区委 …)
  'party_office', // 党委办公厅/办公室, 网信办, 民声通道工作室
  'government', // 人民政府
  'government_office', // 政府办公厅/办公室
  'department', // 工作部门 (民政局, 人社局 …)
  'sub_department', // 部门内设或派出机构 (劳动监察大队 …)
  'street_office', // 街道办事处 / 乡镇政府
  'ministry', // 国务院部委
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const BOARD_KINDS = ['leader', 'ministry'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export const ACCOUNT_KINDS = ['citizen', 'staff'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A mainland mobile number: 11 digits starting with 1. */
export const MOBILE_PATTERN = '^1[3-9][0-9]{9}$';
/**
 * A staff login name starts with a letter, so it can never look like a
 * mobile number (citizens log in with theirs); compared case-insensitively.
 */
export const LOGIN_NAME_PATTERN = '^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$';
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;
export const NICKNAME_MAX = 20;
