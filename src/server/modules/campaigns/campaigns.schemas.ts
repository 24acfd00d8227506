/** TypeBox schemas of the campaign routes: the shapes of src/shared/campaigns.ts. */
import { Type } from 'typebox';
import {
  ADOPTION_NOTE_MAX,
  ADOPTION_PRIZE_MAX,
  CAMPAIGN_DESCRIPTION_MAX,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TITLE_MAX,
  CAMPAIGN_TOPICS_MAX,
  ENTRY_KINDS,
  ENTRY_SORTS,
  RESULT_SUMMARY_MAX,
} from '../../../shared/campaigns.js';
import { BODY_MAX, BODY_MIN, MAX_PHOTOS, TITLE_MAX, TITLE_MIN } from '../../../shared/messages.js';
import { IdInteger, OpaqueCursor, RegionCode, Text } from '../../http/schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TOPIC_MAX = 20;
export const CAMPAIGN_REGIONS_MAX = 50;

const Topic = Text({ minLength: 1, maxLength: TOPIC_MAX });
const Instant = Type.String({ format: 'date-time' });
const IdRef = Type.Object({ id: Type.Integer(), name: Type.String() });

const campaignFields = {
  title: Text({ minLength: 1, maxLength: CAMPAIGN_TITLE_MAX }),
  description: Text({ maxLength: CAMPAIGN_DESCRIPTION_MAX }),
  coverPhotoId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  organiserUnitId: IdInteger(),
  boardId: IdInteger(),
  topics: Type.Array(Topic, { maxItems: CAMPAIGN_TOPICS_MAX, uniqueItems: true }),
  regionCodes: Type.Array(RegionCode, { maxItems: CAMPAIGN_REGIONS_MAX, uniqueItems: true }),
  startsAt: Instant,
  endsAt: Instant,
  hasPrizes: Type.Boolean(),
  entriesPublic: Type.Boolean(),
};

export const CampaignBody = Type.Object(campaignFields, { additionalProperties: false });
export const CampaignPatchBody = Type.Partial(Type.Object(campaignFields), { additionalProperties: false, minProperties: 1 });

const summaryFields = {
  id: Type.Integer(),
  title: Type.String(),
  coverUrl: Nullable(Type.String()),
  organiser: IdRef,
  topics: Type.Array(Type.String()),
  regionCodes: Type.Array(Type.String()),
  startsAt: Instant,
  endsAt: Instant,
  hasPrizes: Type.Boolean(),
  entriesPublic: Type.Boolean(),
  status: literals(CAMPAIGN_STATUSES),
  phase: literals(['upcoming', 'open', 'ended'] as const),
  entryCount: Type.Integer(),
  adoptedCount: Type.Integer(),
};

export const CampaignSummarySchema = Type.Object(summaryFields, { $id: 'CampaignSummary' });

export const CampaignDetailSchema = Type.Object(
  {
    ...summaryFields,
    description: Type.String(),
    board: IdRef,
    resultSummary: Nullable(Type.String()),
    resultsPublishedAt: Nullable(Instant),
    questionnaireIds: Type.Array(Type.Integer()),
    abilities: Type.Object({ enter: Type.Boolean(), manage: Type.Boolean() }),
  },
  { $id: 'CampaignDetail' },
);

const entryFields = {
  id: Type.Integer({ description: 'the message id' }),
  number: Type.String(),
  campaignId: Type.Integer(),
  kind: literals(ENTRY_KINDS),
  topic: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String({ description: 'personal data masked' }),
  regionCode: Type.String(),
  regionName: Type.String(),
  authorNickname: Type.String(),
  createdAt: Instant,
  supportCount: Type.Integer(),
  supportedByMe: Type.Boolean(),
  adopted: Nullable(Type.Object({ at: Instant, note: Type.String(), prize: Nullable(Type.String()) })),
  status: Type.Optional(Type.String({ description: "the message's status; only in the organiser's list" })),
};

export const CampaignEntrySchema = Type.Object(entryFields, { $id: 'CampaignEntry' });

export const AdoptedSuggestionSchema = Type.Object(
  { ...entryFields, campaign: Type.Object({ id: Type.Integer(), title: Type.String(), organiser: IdRef }) },
  { $id: 'AdoptedSuggestion' },
);

const count = { entries: Type.Integer(), adopted: Type.Integer() };
export const CampaignStatsSchema = Type.Object(
  {
    campaignId: Type.Integer(),
    entries: Type.Integer(),
    adopted: Type.Integer(),
    adoptionRate: Nullable(Type.Number()),
    supports: Type.Integer(),
    byDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), ...count })),
    byRegion: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...count })),
    byTopic: Type.Array(Type.Object({ topic: Nullable(Type.String()), ...count })),
    byKind: Type.Array(Type.Object({ kind: literals(ENTRY_KINDS), ...count })),
    responses: Type.Integer(),
    responsesByDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), responses: Type.Integer() })),
  },
  { $id: 'CampaignStats' },
);

export const ListQuery = Type.Object({
  phase: Type.Optional(literals(['open', 'upcoming', 'ended'] as const)),
  manage: Type.Optional(Type.Boolean({ description: 'true: the campaigns the caller may manage, drafts included (campaign.manage)' })),
  status: Type.Optional(literals(CAMPAIGN_STATUSES)),
  cursor: Type.Optional(OpaqueCursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const EntryBody = Type.Object(
  {
    kind: literals(ENTRY_KINDS),
    topic: Type.Optional(Nullable(Topic)),
    title: Text({ minLength: TITLE_MIN, maxLength: TITLE_MAX }),
    body: Text({ minLength: BODY_MIN, maxLength: BODY_MAX }),
    regionCode: RegionCode,
    fieldCode: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' })),
    isPublic: Type.Optional(Type.Boolean()),
    photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: MAX_PHOTOS, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const EntriesQuery = Type.Object({
  sort: Type.Optional(literals(ENTRY_SORTS)),
  topic: Type.Optional(Topic),
  region: Type.Optional(RegionCode),
  kind: Type.Optional(literals(ENTRY_KINDS)),
  adopted: Type.Optional(Type.Boolean()),
  cursor: Type.Optional(OpaqueCursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const AdoptionBody = Type.Object(
  {
    note: Text({ minLength: 1, maxLength: ADOPTION_NOTE_MAX }),
    prize: Type.Optional(Nullable(Text({ minLength: 1, maxLength: ADOPTION_PRIZE_MAX }))),
  },
  { additionalProperties: false },
);

export const ResultsBody = Type.Object({ summary: Text({ minLength: 1, maxLength: RESULT_SUMMARY_MAX }) }, { additionalProperties: false });

export const AdoptedQuery = Type.Object({
  cursor: Type.Optional(OpaqueCursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
