/**
 * Campaigns (征集活动) and questionnaires (问卷调查): the contract between the
 * server, the web and the tests (docs/api.md "Campaigns", "Questionnaires").
 * Entries are messages (same screening, masking and search) linked to a campaign.
 */
import type { MessageStatus } from './messages.js';

export const CAMPAIGN_STATUSES = ['draft', 'published', 'results_published'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Where a published campaign stands by the clock: 未开始 / 征集中 / 已结束. */
export type CampaignPhase = 'upcoming' | 'open' | 'ended';

export const ENTRY_KINDS = ['suggestion', 'lead'] as const; // 建议 / 问题线索
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const CAMPAIGN_TITLE_MAX = 60;
export const CAMPAIGN_DESCRIPTION_MAX = 5000;
export const CAMPAIGN_TOPICS_MAX = 12;
export const ADOPTION_NOTE_MAX = 500;
export const RESULT_SUMMARY_MAX = 5000;

export interface CampaignInput {
  title: string;
  description: string;
  /** A photo uploaded through POST /photos (checked, EXIF stripped). */
  coverPhotoId?: string | null;
  /** The unit that organises it (within the organiser's own unit subtree). */
  organiserUnitId: number;
  /** The board entries are filed under (the organiser's leader or ministry board). */
  boardId: number;
  topics: string[];
  /** Regions the campaign concerns; empty: the whole country. */
  regionCodes: string[];
  startsAt: string; // ISO date-time
  endsAt: string;
  hasPrizes: boolean;
  entriesPublic: boolean;
}

export interface CampaignSummary {
  id: number;
  title: string;
  coverUrl: string | null;
  organiser: { id: number; name: string };
  topics: string[];
  regionCodes: string[];
  startsAt: string;
  endsAt: string;
  hasPrizes: boolean;
  entriesPublic: boolean;
  status: CampaignStatus;
  phase: CampaignPhase;
  entryCount: number;
  adoptedCount: number;
}

export interface CampaignDetail extends CampaignSummary {
  description: string;
  board: { id: number; name: string };
  resultSummary: string | null;
  resultsPublishedAt: string | null;
  questionnaireIds: number[];
  /** What the current account may do here. */
  abilities: { enter: boolean; manage: boolean };
}

export interface CampaignEntry {
  /** The message id. */
  id: number;
  number: string;
  campaignId: number;
  kind: EntryKind;
  topic: string | null;
  title: string;
  /** Masked (personal data) in every public output. */
  body: string;
  regionCode: string;
  regionName: string;
  authorNickname: string;
  createdAt: string;
  supportCount: number;
  supportedByMe: boolean;
  adopted: { at: string; note: string; prize: string | null } | null;
  /** The message's status (待审核, 已受理, 办理中 …): only in the organiser's list, to follow each entry's screening and handling. */
  status?: MessageStatus;
}

/** The body of POST /campaigns/{id}/entries (docs/api.md "Campaigns"). */
export interface CampaignEntryInput {
  kind: EntryKind;
  /** One of the campaign's topics. */
  topic?: string | null;
  title: string;
  body: string;
  /** Inside the campaign's regions (and its board's). */
  regionCode: string;
  /** Default 'other'. */
  fieldCode?: string;
  /** Default true; always false when the campaign's entries are not public. */
  isPublic?: boolean;
  photoIds?: string[];
}

export const ENTRY_SORTS = ['newest', 'support', 'region'] as const; // 最新 / 点赞最多 / 按地区
export type EntrySort = (typeof ENTRY_SORTS)[number];

export const ADOPTION_PRIZE_MAX = 100;

/** GET /adopted-suggestions: an adopted entry and the campaign it answered. */
export interface AdoptedSuggestion extends CampaignEntry {
  campaign: { id: number; title: string; organiser: { id: number; name: string } };
}

/** GET /campaigns/{id}/stats. Entries: every entry submitted; adoption rate: adopted ÷ entries (null without entries). */
export interface CampaignStats {
  campaignId: number;
  entries: number;
  adopted: number;
  adoptionRate: number | null;
  supports: number;
  /** Beijing days with entries, oldest first. */
  byDay: { day: string; entries: number; adopted: number }[];
  /** By province, most entries first. */
  byRegion: { code: string; name: string; entries: number; adopted: number }[];
  /** By topic (null: none chosen), most entries first. */
  byTopic: { topic: string | null; entries: number; adopted: number }[];
  byKind: { kind: EntryKind; entries: number; adopted: number }[];
  /** Responses to the campaign's published questionnaires, in all and by Beijing day of submission (oldest first). */
  responses: number;
  responsesByDay: { day: string; responses: number }[];
}

// ── platform figures of campaigns (GET /stats/campaigns; docs/metrics.md "Campaigns") ──────────

/** At most this many campaigns in `CampaignFigures.campaigns` (most entries first). */
export const CAMPAIGN_FIGURES_LIMIT = 50;

/** A campaign running in the window, with its figures in the window (and region). */
export interface CampaignFigureRow {
  id: number;
  title: string;
  organiser: { id: number; name: string };
  status: CampaignStatus;
  phase: CampaignPhase;
  startsAt: string;
  endsAt: string;
  entries: number;
  adopted: number;
  adoptionRate: number | null;
  supports: number;
  responses: number;
}

/**
 * GET /stats/campaigns: published campaigns running in a window of Beijing days, the entries
 * submitted in it (in the region subtree when one is named), their adoptions and supports, and
 * questionnaire responses. Entries count as in `CampaignStats`: every entry submitted.
 */
export interface CampaignFigures {
  region: { code: string; name: string; level: string };
  from: string;
  to: string;
  totals: {
    /** Published campaigns running in the window (and concerning the region). */
    campaigns: number;
    entries: number;
    adopted: number;
    /** adopted ÷ entries; null without entries. */
    adoptionRate: number | null;
    supports: number;
    /** Responses to every published questionnaire (of a campaign or on its own). */
    responses: number;
  };
  /** Beijing days with entries, oldest first. */
  byDay: { day: string; entries: number; adopted: number }[];
  /** Provinces of the entries' places, most entries first. */
  byProvince: { code: string; name: string; entries: number; adopted: number }[];
  /** Most entries first (then newest campaign), at most CAMPAIGN_FIGURES_LIMIT. */
  campaigns: CampaignFigureRow[];
}

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'short', 'long'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QUESTIONNAIRE_AUDIENCES = ['citizens', 'anyone'] as const; // 登录网民（每人一份）/ 任何人（限频）
export type QuestionnaireAudience = (typeof QUESTIONNAIRE_AUDIENCES)[number];

export interface QuestionOption {
  value: string;
  label: string;
}

export interface SkipRule {
  /** When the answer is (or, for multiple choice, includes) this option value … */
  whenValue: string;
  /** … go on with the question at this 1-based position (later than this one), skipping those between. */
  toPosition: number;
}

export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  required: boolean;
  options?: QuestionOption[]; // single / multiple
  scaleMin?: number; // scale, e.g. 1
  scaleMax?: number; // scale, e.g. 5
  skip?: SkipRule[]; // single choice only
}

export interface Question extends QuestionInput {
  id: number;
  position: number;
}

export interface QuestionnaireInput {
  title: string;
  description: string;
  campaignId?: number | null;
  organiserUnitId: number;
  audience: QuestionnaireAudience;
  opensAt: string;
  closesAt: string;
  questions: QuestionInput[];
}

/** An answer: option value(s), a scale number, or text. */
export type Answer = string | string[] | number;

export interface QuestionnaireResponseInput {
  /** By question id; skipped and unanswered optional questions are left out. */
  answers: Record<string, Answer>;
  regionCode?: string;
}

// ── questionnaire results (questionnaires server; docs/api.md "Questionnaires") ──────────────
// Limits, and the shapes the questionnaire routes answer with.

export const QUESTIONNAIRE_STATUSES = ['draft', 'published'] as const;
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];

export const QUESTIONNAIRE_TITLE_MAX = 100;
export const QUESTIONNAIRE_DESCRIPTION_MAX = 5000;
export const QUESTIONS_MAX = 100;
export const QUESTION_TEXT_MAX = 500;
export const QUESTION_OPTIONS_MIN = 2;
export const QUESTION_OPTIONS_MAX = 30;
export const OPTION_VALUE_MAX = 50;
export const OPTION_LABEL_MAX = 200;
/** A rating scale runs between these (inclusive), e.g. 1–5 or 0–10. */
export const SCALE_LOWEST = 0;
export const SCALE_HIGHEST = 10;
export const SHORT_ANSWER_MAX = 200;
export const LONG_ANSWER_MAX = 2000;
/** How many of the newest text answers the results show per question. */
export const RESULT_TEXTS_SHOWN = 50;

export interface QuestionnaireSummary {
  id: number;
  title: string;
  campaignId: number | null;
  organiser: { id: number; name: string };
  audience: QuestionnaireAudience;
  opensAt: string;
  closesAt: string;
  status: QuestionnaireStatus;
  /** By the clock: 未开始 / 进行中 / 已结束. */
  phase: CampaignPhase;
  questionCount: number;
  responseCount: number;
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  description: string;
  publishedAt: string | null;
  questions: Question[];
  /** 'any' before the first response; 'additive' after (docs/api.md "Questionnaires"). */
  editable: 'any' | 'additive';
  /** When the current account answered it; null when it has not (or nobody is logged in). */
  respondedAt: string | null;
  abilities: {
    /** The current caller may answer now (open, the right audience, not answered yet). */
    respond: boolean;
    /** Edit, publish, results, export. */
    manage: boolean;
  };
}

export interface QuestionnaireResponseReceipt {
  questionnaireId: number;
  submittedAt: string;
}

/** Per province (null: responses that named no region), counts aligned with the question's options or scale values. */
export interface RegionCounts {
  region: { code: string; name: string } | null;
  answered: number;
  counts: number[];
}

export interface QuestionResult {
  questionId: number;
  position: number;
  kind: QuestionKind;
  text: string;
  required: boolean;
  /** Responses that answered this question (skipped and unanswered ones are not counted). */
  answered: number;
  /** single / multiple: every option in order with its count (multiple: an answer counts for each option it holds). */
  options?: Array<QuestionOption & { count: number }>;
  /** scale: every value from min to max with its count, and the mean (null without answers). */
  scale?: { min: number; max: number; mean: number | null; counts: Array<{ value: number; count: number }> };
  /** short / long: the newest answers, personal data masked. */
  texts?: Array<{ text: string; submittedAt: string }>;
  /** ?crossBy=region, choice and scale questions: the same counts per province. */
  byRegion?: RegionCounts[];
}

export interface QuestionnaireResults {
  questionnaireId: number;
  title: string;
  totalResponses: number;
  crossBy: 'region' | null;
  /** ?crossBy=region: responses per province (null: no region named). */
  regions?: Array<{ region: { code: string; name: string } | null; responses: number }>;
  questions: QuestionResult[];
  generatedAt: string;
}
// ── end questionnaire results ─────────────────────────────────────────────────────────────
