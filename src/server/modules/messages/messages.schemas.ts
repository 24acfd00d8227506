import { Type } from 'typebox';
import { IdInteger, IdString, OpaqueCursor, Text } from '../../http/schemas.js';
import { PhotoSchema } from '../photos/photos.routes.js';
import { BODY_MAX, CHANNELS, COMMENT_MAX, FOLLOW_UP_MAX, MAX_PHOTOS, MESSAGE_STATUSES, MESSAGE_TYPES, NOTE_MAX, PUBLIC_STATUSES, RATING_GRADES, REJECT_REASONS, TITLE_MAX, TITLE_MIN, BODY_MIN } from '../../../shared/messages.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Range = Type.Tuple([Type.Integer(), Type.Integer()]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const MessageTypeSchema = literals(MESSAGE_TYPES);
export const PublicStatusSchema = literals(PUBLIC_STATUSES);

export const NewMessageBody = Type.Object(
  {
    boardId: IdInteger(),
    type: MessageTypeSchema,
    fieldCode: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
    regionCode: Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$' }),
    title: Text({ minLength: TITLE_MIN, maxLength: TITLE_MAX }),
    body: Text({ minLength: BODY_MIN, maxLength: BODY_MAX }),
    privateNote: Type.Optional(Text({ maxLength: NOTE_MAX })),
    isPublic: Type.Boolean(),
    photosPublic: Type.Optional(Type.Boolean()),
    locationPublic: Type.Optional(Type.Boolean()),
    photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: MAX_PHOTOS, uniqueItems: true })),
    channel: Type.Optional(literals(CHANNELS)),
  },
  { additionalProperties: false },
);

export const MessageCreated = Type.Object({ id: Type.Integer(), number: Type.String(), status: literals(MESSAGE_STATUSES) });

export const Summary = {
  id: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  type: Type.String(),
  fieldCode: Type.String(),
  status: literals(MESSAGE_STATUSES),
  publicStatus: Nullable(PublicStatusSchema),
  board: Type.Object({ id: Type.Integer(), name: Type.String() }),
  region: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  lastReplyAt: Nullable(Type.String({ format: 'date-time' })),
  replyCount: Type.Integer(),
  excerpt: Type.String(),
  highlight: Type.Optional(Type.Object({ title: Type.Array(Range), excerpt: Type.Array(Range) })),
};

export const MessageSummarySchema = Type.Object(Summary, { $id: 'MessageSummary' });

export const TimelineEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String(),
    at: Type.String({ format: 'date-time' }),
    body: Nullable(Type.String()),
    unit: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    final: Type.Optional(Type.Boolean()),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('author'), Type.Literal('internal')], { description: 'staff only: who else sees this step' })),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'TimelineEntry' },
);

export const RatingSchema = Type.Object(
  {
    resolution: Type.Integer(),
    attitude: Type.Integer(),
    speed: Type.Integer(),
    grade: literals(RATING_GRADES),
    comment: Nullable(Type.String()),
    ratedAt: Type.String({ format: 'date-time' }),
    changedAt: Nullable(Type.String({ format: 'date-time' })),
    canChange: Type.Boolean(),
  },
  { $id: 'Rating' },
);


export const MessageDetailSchema = Type.Object(
  {
    ...Summary,
    body: Type.String(),
    isPublic: Type.Boolean(),
    photosPublic: Type.Boolean(),
    locationPublic: Type.Boolean(),
    channel: Type.String(),
    author: Type.Object({ nickname: Type.String() }),
    photos: Type.Array(PhotoSchema),
    timeline: Type.Array(Type.Ref('TimelineEntry')),
    rating: Nullable(Type.Ref('Rating')),
    rejectReason: Type.Optional(Nullable(Type.String())),
    privateNote: Type.Optional(Nullable(Type.String())),
    flags: Type.Optional(Type.Array(Type.String())),
    handling: Type.Optional(Type.Union([Type.Ref('Handling'), Type.Null()])),
    abilities: Type.Object({ withdraw: Type.Boolean(), followUp: Type.Boolean(), rate: Type.Boolean(), screen: Type.Boolean(), reply: Type.Boolean() }),
  },
  { $id: 'MessageDetail' },
);

export const ListQuery = Type.Object({
  region: Type.Optional(Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$' })),
  board: Type.Optional(IdString()),
  field: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' })),
  type: Type.Optional(MessageTypeSchema),
  status: Type.Optional(PublicStatusSchema),
  q: Type.Optional(Text({ minLength: 1, maxLength: 50 })),
  sort: Type.Optional(literals(['newest', 'activity'] as const)),
  cursor: Type.Optional(OpaqueCursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ScreeningBody = Type.Union([
  Type.Object({ decision: Type.Literal('accept') }, { additionalProperties: false }),
  Type.Object({ decision: Type.Literal('reject'), reason: literals(REJECT_REASONS), note: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false }),
]);

export const FollowUpBody = Type.Object({ body: Text({ minLength: 1, maxLength: FOLLOW_UP_MAX }) }, { additionalProperties: false });
const Score = Type.Integer({ minimum: 1, maximum: 5 });
export const RatingBody = Type.Object({ resolution: Score, attitude: Score, speed: Score, comment: Type.Optional(Text({ maxLength: COMMENT_MAX })) }, { additionalProperties: false });
