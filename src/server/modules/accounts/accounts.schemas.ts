import { Type } from 'typebox';
import { IdInteger, Text } from '../../http/schemas.js';
import { LOGIN_NAME_PATTERN, MOBILE_PATTERN, NICKNAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from '../../../shared/domain.js';
import { ACTIONS, STAFF_ROLES } from '../../../shared/permissions.js';

export const Mobile = Type.String({ pattern: MOBILE_PATTERN, description: '11 digits starting with 1', examples: ['13800138000'] });
export const Password = Text({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
export const Nickname = Text({ minLength: 1, maxLength: NICKNAME_MAX });
export const Role = Type.Union(STAFF_ROLES.map((r) => Type.Literal(r)));
export const LoginName = Type.String({ pattern: LOGIN_NAME_PATTERN, description: '3–32 letters, digits, _ . -, starting with a letter; case-insensitive' });

export const OwnAccount = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('staff')]),
    login: Type.Union([Type.String(), Type.Null()]),
    mobileMasked: Type.Union([Type.String(), Type.Null()]),
    nickname: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()], { description: 'staff: where e-mail notifications and report subscriptions go' }),
    unit: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), regionCode: Type.String() }), Type.Null()]),
    roles: Type.Array(Role),
    permissions: Type.Array(Type.Union(ACTIONS.map((a) => Type.Literal(a)))),
    grantableRoles: Type.Array(Role, { description: 'roles this account may give to staff accounts it creates' }),
    mustChangePassword: Type.Boolean({ description: 'true: the session may only read this, log out and PUT /me/password (problem password_change_required otherwise)' }),
  },
  { $id: 'OwnAccount' },
);

export const SessionAnswer = Type.Object({ account: Type.Ref('OwnAccount'), csrfToken: Type.String() });

export const SmsCode = Type.String({ pattern: '^[0-9]{6}$' });
export const SmsCodeBody = Type.Object(
  { mobile: Mobile, purpose: Type.Union([Type.Literal('register'), Type.Literal('login'), Type.Literal('reset_password')], { description: 'register: a new number; login, reset_password: a registered one' }) },
  { additionalProperties: false },
);
export const SmsLoginBody = Type.Object({ mobile: Mobile, code: SmsCode }, { additionalProperties: false });
export const PasswordResetBody = Type.Object({ mobile: Mobile, code: SmsCode, password: Password }, { additionalProperties: false });
export const MobileCodesBody = Type.Object({ mobile: Mobile }, { additionalProperties: false });
export const ChangeMobileBody = Type.Object({ mobile: Mobile, oldCode: Type.Optional(SmsCode), newCode: SmsCode }, { additionalProperties: false });
export const ChangePasswordBody = Type.Object({ currentPassword: Text({ minLength: 1, maxLength: PASSWORD_MAX }), password: Password }, { additionalProperties: false });
export const RegisterBody = Type.Object({ mobile: Mobile, code: Type.String({ pattern: '^[0-9]{6}$' }), password: Password, nickname: Nickname }, { additionalProperties: false });
export const LoginBody = Type.Object({ login: Text({ minLength: 3, maxLength: 32 }), password: Text({ minLength: 1, maxLength: PASSWORD_MAX }) }, { additionalProperties: false });
export const Email = Text({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 254, description: 'an e-mail address' });
export const ProfileBody = Type.Object({ nickname: Type.Optional(Nickname), email: Type.Optional(Type.Union([Email, Type.Null()])) }, { additionalProperties: false, minProperties: 1 });

export const StaffAccount = Type.Object(
  {
    id: Type.Integer(),
    login: Type.String(),
    displayName: Type.String(),
    mobileMasked: Type.Union([Type.String(), Type.Null()]),
    unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
    roles: Type.Array(Role),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    email: Type.Union([Type.String(), Type.Null()]),
    mustChangePassword: Type.Boolean(),
    locked: Type.Boolean({ description: 'temporarily locked after repeated failed logins' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StaffAccount' },
);

export const NewStaffBody = Type.Object(
  {
    login: LoginName,
    password: Password,
    displayName: Text({ minLength: 1, maxLength: 50 }),
    unitId: IdInteger(),
    roles: Type.Array(Role, { minItems: 1, maxItems: STAFF_ROLES.length, uniqueItems: true }),
    mobile: Type.Optional(Mobile),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Object({ csv: Text({ minLength: 1, maxLength: 2_000_000, description: 'CSV text, header login,password,displayName,unitId,roles,mobile; roles separated by |' }) }, { additionalProperties: false });

export const StaffStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const StaffUpdateBody = Type.Object(
  {
    displayName: Type.Optional(Text({ minLength: 1, maxLength: 50 })),
    unitId: Type.Optional(IdInteger()),
    roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: STAFF_ROLES.length, uniqueItems: true })),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    mobile: Type.Optional(Type.Union([Mobile, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StaffResetBody = Type.Object({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]) }, { additionalProperties: false });

// ── personal data and recovery (issue 15) ──
export const CloseAccountBody = Type.Object(
  { password: Type.Optional(Text({ minLength: 1, maxLength: PASSWORD_MAX })), code: Type.Optional(SmsCode) },
  { additionalProperties: false, description: 'exactly one: the current password, or the code POST /me/close/sms-codes sent to the own number' },
);
export const RecoveryCodeBody = Type.Object({ mobile: Mobile }, { additionalProperties: false });
export const RecoverMobileBody = Type.Object(
  { mobile: Mobile, code: SmsCode, reason: Text({ minLength: 4, maxLength: 500, description: 'the identity check done and why (recorded in the audit log)' }) },
  { additionalProperties: false },
);
export const AccountDetail = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('staff')]),
  login: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  nickname: Type.String(),
  mobileMasked: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  roles: Type.Array(Type.String({ description: STAFF_ROLES.join(' | ') })),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('closed')]),
  mustChangePassword: Type.Boolean(),
  locked: Type.Boolean(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  failedLogins: Type.Integer({ description: 'failed logins since the last success or lockout' }),
  createdAt: Type.String({ format: 'date-time' }),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
