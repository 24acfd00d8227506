/** TypeBox schemas of the questionnaire routes: the shapes of src/shared/campaigns.ts. */
import { Type } from 'typebox';
import {
  OPTION_LABEL_MAX,
  OPTION_VALUE_MAX,
  QUESTION_KINDS,
  QUESTION_OPTIONS_MAX,
  QUESTION_TEXT_MAX,
  QUESTIONNAIRE_AUDIENCES,
  QUESTIONNAIRE_DESCRIPTION_MAX,
  QUESTIONNAIRE_STATUSES,
  QUESTIONNAIRE_TITLE_MAX,
  QUESTIONS_MAX,
  SCALE_HIGHEST,
  SCALE_LOWEST,
} from '../../../shared/campaigns.js';
import { RegionCode, IdInteger, IdString, Text } from '../../http/schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Instant = Type.String({ format: 'date-time' });
const QuestionKind = literals(QUESTION_KINDS);
const RegionRef = Nullable(Type.Object({ code: Type.String(), name: Type.String() }));

const Option = Type.Object(
  { value: Text({ minLength: 1, maxLength: OPTION_VALUE_MAX }), label: Text({ minLength: 1, maxLength: OPTION_LABEL_MAX }) },
  { additionalProperties: false },
);
const SkipRule = Type.Object(
  {
    whenValue: Text({ minLength: 1, maxLength: OPTION_VALUE_MAX, description: 'when the answer is this option value …' }),
    toPosition: Type.Integer({ minimum: 2, maximum: QUESTIONS_MAX + 1, description: '… go on at this 1-based position (later than this question; one past the last: the end)' }),
  },
  { additionalProperties: false },
);

const questionFields = {
  kind: QuestionKind,
  text: Text({ minLength: 1, maxLength: QUESTION_TEXT_MAX }),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Option, { maxItems: QUESTION_OPTIONS_MAX, description: 'single / multiple only' })),
  scaleMin: Type.Optional(Type.Integer({ minimum: SCALE_LOWEST, maximum: SCALE_HIGHEST, description: 'scale only' })),
  scaleMax: Type.Optional(Type.Integer({ minimum: SCALE_LOWEST, maximum: SCALE_HIGHEST, description: 'scale only' })),
  skip: Type.Optional(Type.Array(SkipRule, { maxItems: QUESTION_OPTIONS_MAX, description: 'single choice only' })),
};

const QuestionInputSchema = Type.Object(questionFields, { additionalProperties: false });

const questionnaireFields = {
  title: Text({ minLength: 1, maxLength: QUESTIONNAIRE_TITLE_MAX }),
  description: Text({ maxLength: QUESTIONNAIRE_DESCRIPTION_MAX }),
  campaignId: Type.Optional(Nullable(IdInteger())),
  organiserUnitId: IdInteger(),
  audience: literals(QUESTIONNAIRE_AUDIENCES),
  opensAt: Instant,
  closesAt: Instant,
  questions: Type.Array(QuestionInputSchema, { minItems: 1, maxItems: QUESTIONS_MAX }),
};

export const QuestionnaireBody = Type.Object(questionnaireFields, { additionalProperties: false });
export const QuestionnairePatchBody = Type.Partial(Type.Object(questionnaireFields), {
  additionalProperties: false,
  minProperties: 1,
  description: 'Only what changes; `questions`, when given, is the whole new list. After the first response only additive changes (docs/api.md).',
});

export const ResponseBody = Type.Object(
  {
    // Checked by the service against the questions: a JSON schema here would coerce "5" and 5 into each other.
    answers: Type.Record(Type.String({ pattern: '^[0-9]{1,18}$' }), Type.Unknown({ description: 'option value | option values | whole number | text' }), {
      maxProperties: QUESTIONS_MAX,
      description: 'by question id; skipped and unanswered optional questions left out',
    }),
    regionCode: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  campaign: Type.Optional(IdString({ description: 'the questionnaires of this campaign' })),
  scope: Type.Optional(literals(['public', 'manage'] as const)),
  cursor: Type.Optional(IdString({ description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ResultsQuery = Type.Object({ crossBy: Type.Optional(Type.Literal('region')) });

const summaryFields = {
  id: Type.Integer(),
  title: Type.String(),
  campaignId: Nullable(Type.Integer()),
  organiser: Type.Object({ id: Type.Integer(), name: Type.String() }),
  audience: literals(QUESTIONNAIRE_AUDIENCES),
  opensAt: Instant,
  closesAt: Instant,
  status: literals(QUESTIONNAIRE_STATUSES),
  phase: literals(['upcoming', 'open', 'ended'] as const),
  questionCount: Type.Integer(),
  responseCount: Type.Integer(),
};

export const QuestionnaireSummarySchema = Type.Object(summaryFields, { $id: 'QuestionnaireSummary' });

export const QuestionnaireDetailSchema = Type.Object(
  {
    ...summaryFields,
    description: Type.String(),
    publishedAt: Nullable(Instant),
    questions: Type.Array(Type.Object({ id: Type.Integer(), position: Type.Integer(), ...questionFields })),
    editable: literals(['any', 'additive'] as const),
    respondedAt: Nullable(Instant),
    abilities: Type.Object({ respond: Type.Boolean(), manage: Type.Boolean() }),
  },
  { $id: 'QuestionnaireDetail' },
);

export const ResponseReceiptSchema = Type.Object({ questionnaireId: Type.Integer(), submittedAt: Instant });

const RegionCountsSchema = Type.Object({ region: RegionRef, answered: Type.Integer(), counts: Type.Array(Type.Integer()) });

export const QuestionnaireResultsSchema = Type.Object(
  {
    questionnaireId: Type.Integer(),
    title: Type.String(),
    totalResponses: Type.Integer(),
    crossBy: Nullable(Type.Literal('region')),
    regions: Type.Optional(Type.Array(Type.Object({ region: RegionRef, responses: Type.Integer() }))),
    questions: Type.Array(
      Type.Object({
        questionId: Type.Integer(),
        position: Type.Integer(),
        kind: QuestionKind,
        text: Type.String(),
        required: Type.Boolean(),
        answered: Type.Integer(),
        options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() }))),
        scale: Type.Optional(Type.Object({ min: Type.Integer(), max: Type.Integer(), mean: Nullable(Type.Number()), counts: Type.Array(Type.Object({ value: Type.Integer(), count: Type.Integer() })) })),
        texts: Type.Optional(Type.Array(Type.Object({ text: Type.String(), submittedAt: Instant }))),
        byRegion: Type.Optional(Type.Array(RegionCountsSchema)),
      }),
    ),
    generatedAt: Instant,
  },
  { $id: 'QuestionnaireResults' },
);
