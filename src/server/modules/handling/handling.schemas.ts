import { Type } from 'typebox';
import { IdInteger, Text } from '../../http/schemas.js';
import { ASSIGNMENT_ROLES, ASSIGNMENT_STATUSES, CONTACT_METHODS, HANDLING_CLASSES, REASON_MAX, REPLY_MAX, REPLY_REVIEW_MODES } from '../../../shared/handling.js';
import { MESSAGE_STATUSES, RATING_GRADES } from '../../../shared/messages.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String() });
const Required = (max: number) => Text({ minLength: 1, maxLength: max });

export const HandlingClassSchema = literals(HANDLING_CLASSES);
const DeadlineStateSchema = literals(['ok', 'amber', 'red', 'met'] as const);
const Deadline = Type.Object({ due: DateTime, doneAt: Nullable(DateTime), state: DeadlineStateSchema, late: Type.Boolean(), provisional: Type.Boolean({ description: 'true: the due day is in a year whose holidays are not entered yet; counted on weekends only (暂按双休日计算)' }) });

export const AssignmentSchema = Type.Object(
  {
    id: Type.Integer(),
    round: Type.Integer(),
    parentId: Nullable(Type.Integer()),
    unit: UnitRef,
    role: literals(ASSIGNMENT_ROLES),
    status: literals(ASSIGNMENT_STATUSES),
    handlingClass: HandlingClassSchema,
    instructions: Nullable(Type.String()),
    assignedBy: Nullable(UnitRef),
    assignedAt: DateTime,
    returnReason: Nullable(Type.String()),
    extensionDays: Type.Integer(),
    deadlines: Type.Object({ sign: Deadline, contact: Deadline, reply: Deadline }),
    abilities: Type.Object({ sign: Type.Boolean(), return: Type.Boolean(), passDown: Type.Boolean(), contact: Type.Boolean(), contribute: Type.Boolean(), reply: Type.Boolean(), requestExtension: Type.Boolean() }),
  },
  { $id: 'Assignment' },
);

export const ReplyRecordSchema = Type.Object(
  {
    id: Type.Integer(),
    messageId: Type.Integer(),
    messageNumber: Type.String(),
    messageTitle: Type.String(),
    round: Type.Integer(),
    kind: literals(['interim', 'final'] as const),
    final: Type.Boolean(),
    body: Type.String(),
    status: literals(['pending_review', 'published', 'rejected'] as const),
    reviewBy: Nullable(literals(['unit_admin', 'coordinator'] as const)),
    reviewNote: Nullable(Type.String()),
    unit: UnitRef,
    submittedAt: DateTime,
    publishedAt: Nullable(DateTime),
  },
  { $id: 'ReplyRecord' },
);

export const ExtensionSchema = Type.Object(
  {
    id: Type.Integer(),
    messageId: Type.Integer(),
    messageNumber: Type.String(),
    messageTitle: Type.String(),
    assignmentId: Type.Integer(),
    unit: UnitRef,
    days: Type.Integer(),
    reason: Type.String(),
    status: literals(['pending', 'approved', 'refused'] as const),
    replyDue: DateTime,
    requestedAt: DateTime,
    decidedAt: Nullable(DateTime),
    decisionNote: Nullable(Type.String()),
  },
  { $id: 'Extension' },
);

export const HandlingSchema = Type.Object(
  {
    handlingClass: Nullable(HandlingClassSchema),
    round: Type.Integer(),
    reopensLeft: Type.Integer(),
    supervisedAt: Nullable(DateTime),
    leaderAttention: Type.Boolean(),
    overdueCount: Type.Integer(),
    closeReason: Nullable(Type.String()),
    assignments: Type.Array(Type.Ref('Assignment')),
    heldReplies: Type.Array(
      Type.Object({
        id: Type.Integer(),
        round: Type.Integer(),
        kind: Type.String(),
        final: Type.Boolean(),
        body: Type.String(),
        status: Type.String(),
        reviewBy: Nullable(Type.String()),
        reviewNote: Nullable(Type.String()),
        unit: UnitRef,
        submittedAt: DateTime,
        canReview: Type.Boolean(),
      }),
    ),
    extensions: Type.Array(
      Type.Object({
        id: Type.Integer(),
        assignmentId: Type.Integer(),
        days: Type.Integer(),
        reason: Type.String(),
        status: Type.String(),
        requestedAt: DateTime,
        decidedAt: Nullable(DateTime),
        decisionNote: Nullable(Type.String()),
        canDecide: Type.Boolean(),
      }),
    ),
    letters: Type.Array(literals(['assignment', 'supervision'] as const)),
    abilities: Type.Object({
      assign: Type.Boolean(),
      reopen: Type.Boolean(),
      closeExplained: Type.Boolean(),
      urge: Type.Boolean(),
      supervise: Type.Boolean(),
      callback: Type.Boolean(),
      leaderAttention: Type.Boolean(),
      instruct: Type.Boolean(),
      note: Type.Boolean(),
    }),
  },
  { $id: 'Handling' },
);

/** One row of a unit inbox: the assignment and its message. */
export const InboxItemSchema = Type.Object(
  {
    assignment: Type.Ref('Assignment'),
    message: Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), type: Type.String(), fieldCode: Type.String(), status: literals(MESSAGE_STATUSES), board: UnitRef, createdAt: DateTime, supervised: Type.Boolean() }),
  },
  { $id: 'InboxItem' },
);

/** One row of the coordinator's and the leader's lists. */
export const HandlingListItemSchema = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String(),
    title: Type.String(),
    type: Type.String(),
    fieldCode: Type.String(),
    status: literals(MESSAGE_STATUSES),
    board: UnitRef,
    region: Type.Object({ code: Type.String(), name: Type.String() }),
    createdAt: DateTime,
    handlingClass: Nullable(HandlingClassSchema),
    round: Type.Integer(),
    supervisedAt: Nullable(DateTime),
    leaderAttention: Type.Boolean(),
    leadUnits: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), status: Type.String() })),
    nextDue: Nullable(DateTime),
    overdueDays: Type.Integer({ description: 'whole calendar days past the earliest missed open deadline; 0 when none is missed' }),
    lateness: literals(['none', 'ok', 'amber', 'red'] as const),
    rating: Nullable(Type.String()),
  },
  { $id: 'HandlingListItem' },
);

export const AssignBody = Type.Object(
  {
    leadUnitId: IdInteger(),
    coUnitIds: Type.Optional(Type.Array(IdInteger(), { maxItems: 10, uniqueItems: true })),
    handlingClass: HandlingClassSchema,
    instructions: Type.Optional(Text({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export const PassDownBody = Type.Object(
  { leadUnitId: IdInteger(), coUnitIds: Type.Optional(Type.Array(IdInteger(), { maxItems: 10, uniqueItems: true })), instructions: Type.Optional(Text({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const ReasonBody = Type.Object({ reason: Required(REASON_MAX) }, { additionalProperties: false });
export const ContactBody = Type.Object({ method: literals(CONTACT_METHODS), summary: Required(REASON_MAX), contactedAt: Type.Optional(DateTime) }, { additionalProperties: false });
export const TextBody = Type.Object({ body: Required(REPLY_MAX) }, { additionalProperties: false });
export const ReplySubmitBody = Type.Object({ body: Required(REPLY_MAX), final: Type.Boolean() }, { additionalProperties: false });
export const DecisionBody = Type.Object({ approve: Type.Boolean(), note: Type.Optional(Text({ maxLength: REASON_MAX })) }, { additionalProperties: false });
export const ExtensionBody = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 90 }), reason: Required(REASON_MAX) }, { additionalProperties: false });
export const UrgeBody = Type.Object({ body: Type.Optional(Text({ maxLength: REASON_MAX })), assignmentId: Type.Optional(IdInteger()) }, { additionalProperties: false });
export const SuperviseBody = Type.Object({ requirements: Required(1000) }, { additionalProperties: false });
export const AttentionBody = Type.Object({ attention: Type.Boolean(), note: Type.Optional(Text({ maxLength: REASON_MAX })) }, { additionalProperties: false });
export const ReopenBody = Type.Object(
  { reason: Required(REASON_MAX), leadUnitId: Type.Optional(IdInteger()), coUnitIds: Type.Optional(Type.Array(IdInteger(), { maxItems: 10, uniqueItems: true })), handlingClass: Type.Optional(HandlingClassSchema) },
  { additionalProperties: false },
);
export const CloseBody = Type.Object({ explanation: Required(1000) }, { additionalProperties: false });
export const CallbackBody = Type.Object(
  { visitedOn: Type.String({ format: 'date' }), method: literals(['phone', 'visit', 'sms', 'other'] as const), outcome: Required(1000), satisfaction: literals(RATING_GRADES) },
  { additionalProperties: false },
);
export const PolicySchema = Type.Object(
  {
    regionCode: Type.String(),
    regionName: Type.String(),
    handlingClass: HandlingClassSchema,
    signDays: Type.Integer(),
    contactDays: Type.Integer(),
    replyDays: Type.Integer(),
    maxExtensionDays: Type.Integer(),
    updatedAt: DateTime,
  },
  { $id: 'DeadlinePolicy' },
);
export const PolicyBody = Type.Object(
  {
    signDays: Type.Integer({ minimum: 1, maximum: 30 }),
    contactDays: Type.Integer({ minimum: 1, maximum: 60 }),
    replyDays: Type.Integer({ minimum: 1, maximum: 90 }),
    maxExtensionDays: Type.Integer({ minimum: 0, maximum: 90 }),
  },
  { additionalProperties: false },
);
export const ReviewModeBody = Type.Object({ mode: literals(REPLY_REVIEW_MODES) }, { additionalProperties: false });

export const INBOX_TABS = ['to_sign', 'in_progress', 'due_soon', 'overdue', 'returned', 'done', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];
export const InboxTabSchema = literals(INBOX_TABS);

export const HANDLING_VIEWS = ['open', 'unassigned', 'today', 'overdue', 'supervised', 'dissatisfied', 'high', 'flagged', 'board'] as const;
export type HandlingView = (typeof HANDLING_VIEWS)[number];
export const HandlingViewSchema = literals(HANDLING_VIEWS);

export const LetterContentSchema = Type.Object(
  {
    kind: literals(['assignment', 'supervision'] as const),
    letterNumber: Type.String(),
    issuer: Type.String(),
    recipient: Type.String(),
    coHandlers: Type.Array(Type.String()),
    handlingClass: Type.String(),
    message: Type.Object({ number: Type.String(), title: Type.String(), body: Type.String(), type: Type.String(), field: Type.String(), region: Type.String(), submittedAt: DateTime, author: Type.String(), boardName: Type.String() }),
    deadlines: Type.Object({ sign: Nullable(DateTime), contact: Nullable(DateTime), reply: Nullable(DateTime) }),
    requirements: Type.String(),
    chain: Type.Array(Type.String()),
    issuedAt: DateTime,
  },
  { $id: 'LetterContent' },
);
