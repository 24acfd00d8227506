/**
 * The rules of a questionnaire that a JSON schema cannot express, as pure
 * functions: a definition's own consistency, which edits are additive once
 * responses exist, and a response's answers against the questions and their
 * skip logic. Each returns field errors (empty: all well) named the way the
 * request names them (`questions.2.options`, `answers.<questionId>`).
 */
import {
  LONG_ANSWER_MAX,
  QUESTION_OPTIONS_MAX,
  QUESTION_OPTIONS_MIN,
  SCALE_HIGHEST,
  SCALE_LOWEST,
  SHORT_ANSWER_MAX,
  type Answer,
  type QuestionInput,
  type QuestionnaireAudience,
  type SkipRule,
} from '../../../shared/campaigns.js';
import type { FieldError } from '../../http/errors.js';
import { fill, type Localized } from '../../http/locale.js';

const say = (zhCN: string, zhTW: string, en: string, params: Record<string, string | number> = {}): Localized => ({
  'zh-CN': fill(zhCN, params),
  'zh-TW': fill(zhTW, params),
  en: fill(en, params),
});

const error = (field: string, code: string, message: Localized): FieldError => ({ field, code, message });

// ── the definition ──────────────────────────────────────────────────────────

/**
 * A question as compared and stored: text and labels trimmed, and only the
 * fields its kind uses (an empty skip list is no skip list).
 */
export function canonicalQuestion(q: QuestionInput): QuestionInput {
  const out: QuestionInput = { kind: q.kind, text: q.text.trim(), required: q.required };
  if (q.kind === 'single' || q.kind === 'multiple') out.options = (q.options ?? []).map((o) => ({ value: o.value.trim(), label: o.label.trim() }));
  if (q.kind === 'scale') {
    out.scaleMin = q.scaleMin;
    out.scaleMax = q.scaleMax;
  }
  if (q.kind === 'single' && q.skip && q.skip.length > 0) out.skip = q.skip.map((r) => ({ whenValue: r.whenValue.trim(), toPosition: r.toPosition }));
  return out;
}

/**
 * What makes a list of questions inconsistent: options where none belong or
 * too few, repeated option values, a scale outside 0–10, skip rules on
 * anything but single choice, naming no option, or not jumping forward.
 * `toPosition` may be one past the last question: the end.
 */
export function questionErrors(questions: readonly QuestionInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const n = questions.length;
  questions.forEach((raw, i) => {
    const at = `questions.${i}`;
    const q = canonicalQuestion(raw);
    const position = i + 1;
    if (q.text === '') errors.push(error(`${at}.text`, 'minLength', say('题目不能为空', '題目不能為空', 'The question text is empty')));
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (!choice && raw.options !== undefined) errors.push(error(`${at}.options`, 'not_allowed', say('只有选择题有选项', '只有選擇題有選項', 'Only choice questions have options')));
    if (q.kind !== 'scale' && (raw.scaleMin !== undefined || raw.scaleMax !== undefined)) {
      errors.push(error(`${at}.${raw.scaleMin !== undefined ? 'scaleMin' : 'scaleMax'}`, 'not_allowed', say('只有量表题有分值范围', '只有量表題有分值範圍', 'Only scale questions have a range')));
    }
    if (q.kind !== 'single' && raw.skip !== undefined && raw.skip.length > 0) {
      errors.push(error(`${at}.skip`, 'not_allowed', say('只有单选题可以设置跳题', '只有單選題可以設定跳題', 'Only single-choice questions can skip')));
    }
    if (choice) {
      const options = q.options ?? [];
      if (options.length < QUESTION_OPTIONS_MIN || options.length > QUESTION_OPTIONS_MAX) {
        errors.push(
          error(`${at}.options`, options.length < QUESTION_OPTIONS_MIN ? 'minItems' : 'maxItems', say('选择题需要{min}至{max}个选项', '選擇題需要{min}至{max}個選項', 'A choice question needs {min} to {max} options', { min: QUESTION_OPTIONS_MIN, max: QUESTION_OPTIONS_MAX })),
        );
      }
      const seen = new Set<string>();
      options.forEach((o, j) => {
        if (o.value === '') errors.push(error(`${at}.options.${j}.value`, 'minLength', say('选项值不能为空', '選項值不能為空', 'An option value is empty')));
        else if (seen.has(o.value)) errors.push(error(`${at}.options.${j}.value`, 'duplicate', say('选项值不能重复', '選項值不能重複', 'Option values must differ')));
        seen.add(o.value);
        if (o.label === '') errors.push(error(`${at}.options.${j}.label`, 'minLength', say('选项文字不能为空', '選項文字不能為空', 'An option label is empty')));
      });
    }
    if (q.kind === 'scale') {
      const { scaleMin: min, scaleMax: max } = q;
      if (min === undefined || max === undefined) {
        errors.push(error(`${at}.${min === undefined ? 'scaleMin' : 'scaleMax'}`, 'required', say('量表题需要最低分和最高分', '量表題需要最低分和最高分', 'A scale question needs scaleMin and scaleMax')));
      } else if (!Number.isInteger(min) || !Number.isInteger(max) || min < SCALE_LOWEST || max > SCALE_HIGHEST || max <= min) {
        errors.push(
          error(`${at}.scaleMax`, 'range', say('分值须为{lo}至{hi}之间的整数，且最高分大于最低分', '分值須為{lo}至{hi}之間的整數，且最高分大於最低分', 'Scale values are whole numbers from {lo} to {hi}, the maximum above the minimum', { lo: SCALE_LOWEST, hi: SCALE_HIGHEST })),
        );
      }
    }
    if (q.kind === 'single' && q.skip) {
      const values = new Set((q.options ?? []).map((o) => o.value));
      const whens = new Set<string>();
      q.skip.forEach((rule, j) => {
        const field = `${at}.skip.${j}`;
        if (!values.has(rule.whenValue)) errors.push(error(`${field}.whenValue`, 'not_an_option', say('跳题条件须是本题的一个选项值', '跳題條件須是本題的一個選項值', 'whenValue must be one of the question’s option values')));
        else if (whens.has(rule.whenValue)) errors.push(error(`${field}.whenValue`, 'duplicate', say('同一选项只能设置一条跳题规则', '同一選項只能設定一條跳題規則', 'One skip rule per option value')));
        whens.add(rule.whenValue);
        if (!Number.isInteger(rule.toPosition) || rule.toPosition <= position || rule.toPosition > n + 1) {
          errors.push(
            error(`${field}.toPosition`, 'range', say('须跳到本题之后的题号（{from}至{to}；{to}表示结束）', '須跳到本題之後的題號（{from}至{to}；{to}表示結束）', 'Must jump forward: {from} to {to} ({to}: the end)', { from: position + 1, to: n + 1 })),
          );
        }
      });
    }
  });
  return errors;
}

/** @returns an error naming closesAt when it is not after opensAt. */
export function windowErrors(opensAt: Date, closesAt: Date): FieldError[] {
  return closesAt.getTime() > opensAt.getTime()
    ? []
    : [error('closesAt', 'before_opens', say('截止时间须晚于开始时间', '截止時間須晚於開始時間', 'The closing time must be after the opening time'))];
}

// ── edits after responses ───────────────────────────────────────────────────

export interface Definition {
  title: string;
  description: string;
  campaignId: string | null;
  organiserUnitId: string;
  audience: QuestionnaireAudience;
  opensAt: Date;
  closesAt: Date;
  questions: QuestionInput[];
}

/**
 * `questions` with the skip rules of the first `before` of them that go to the end
 * (one past the last of `before` questions: toPosition before + 1) going to the new
 * end, when questions were appended. Appending must not change where earlier answers
 * skipped to; read literally, the old number would now name the first appended
 * question. Only once responses exist: before, a definition is taken as sent.
 */
export function keepEndRules(before: number, questions: readonly QuestionInput[]): QuestionInput[] {
  if (questions.length <= before) return [...questions];
  return questions.map((q, i) => (i < before ? movedEnd(q, before + 1, questions.length + 1) : q));
}

/** The question with its skip rules to position `from` going to `to`. */
const movedEnd = (q: QuestionInput, from: number, to: number): QuestionInput =>
  !q.skip || from === to ? q : { ...q, skip: q.skip.map((r) => (r.toPosition === from ? { ...r, toPosition: to } : r)) };

const sameSkip = (a: SkipRule[] | undefined, b: SkipRule[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((r, i) => r.whenValue === b![i]!.whenValue && r.toPosition === b![i]!.toPosition);

const fixed = (field: string, what: Localized) => error(field, 'locked', what);

/**
 * The changes from `before` to `after` that are not additive. Once responses
 * exist, only these may change: title and description, a later closing time,
 * optional questions appended at the end, options appended to a choice
 * question. Anything else would change what earlier answers mean. A skip
 * rule to the end stays the same rule when questions are appended, whether
 * `after` names the old end or the new one (keepEndRules).
 */
export function nonAdditiveChanges(before: Definition, after: Definition): FieldError[] {
  const errors: FieldError[] = [];
  if (after.closesAt.getTime() < before.closesAt.getTime()) {
    errors.push(error('closesAt', 'earlier', say('已有答卷，截止时间只能推迟，不能提前', '已有答卷，截止時間只能延後，不能提前', 'With responses, the closing time can only move later')));
  }
  if (after.opensAt.getTime() !== before.opensAt.getTime()) errors.push(fixed('opensAt', say('已有答卷，不能修改开始时间', '已有答卷，不能修改開始時間', 'With responses, the opening time cannot change')));
  if (after.audience !== before.audience) errors.push(fixed('audience', say('已有答卷，不能修改答题对象', '已有答卷，不能修改答題對象', 'With responses, the audience cannot change')));
  if (after.organiserUnitId !== before.organiserUnitId) errors.push(fixed('organiserUnitId', say('已有答卷，不能修改主办单位', '已有答卷，不能修改主辦單位', 'With responses, the organiser cannot change')));
  if (after.campaignId !== before.campaignId) errors.push(fixed('campaignId', say('已有答卷，不能修改所属征集活动', '已有答卷，不能修改所屬徵集活動', 'With responses, the campaign cannot change')));

  // Both sides with their rules to the end at the end of the longer list.
  const end = Math.max(before.questions.length, after.questions.length) + 1;
  const old = before.questions.map((q) => movedEnd(canonicalQuestion(q), before.questions.length + 1, end));
  const now = keepEndRules(before.questions.length, after.questions.map(canonicalQuestion));
  if (now.length < old.length) {
    errors.push(error('questions', 'removed', say('已有答卷，不能删除题目（原有{n}题）', '已有答卷，不能刪除題目（原有{n}題）', 'With responses, questions cannot be removed (there were {n})', { n: old.length })));
  }
  old.forEach((o, i) => {
    const q = now[i];
    if (!q) return;
    const at = `questions.${i}`;
    if (q.kind !== o.kind) errors.push(fixed(`${at}.kind`, say('已有答卷，不能修改题型或调整题目顺序', '已有答卷，不能修改題型或調整題目順序', 'With responses, a question’s kind and place cannot change')));
    if (q.text !== o.text) errors.push(fixed(`${at}.text`, say('已有答卷，不能修改题目内容或调整题目顺序', '已有答卷，不能修改題目內容或調整題目順序', 'With responses, a question’s text and place cannot change')));
    if (q.required !== o.required) errors.push(fixed(`${at}.required`, say('已有答卷，不能修改是否必答', '已有答卷，不能修改是否必答', 'With responses, whether a question is required cannot change')));
    if (q.kind === o.kind) {
      const was = o.options ?? [];
      const is = q.options ?? [];
      const kept = was.every((opt, j) => is[j] !== undefined && is[j].value === opt.value && is[j].label === opt.label);
      if (!kept) {
        errors.push(fixed(`${at}.options`, say('已有答卷，原有选项不能删除、修改或调整顺序，只能在末尾追加', '已有答卷，原有選項不能刪除、修改或調整順序，只能在末尾追加', 'With responses, existing options cannot be removed, renamed or reordered; new ones go at the end')));
      }
      if (q.scaleMin !== o.scaleMin || q.scaleMax !== o.scaleMax) errors.push(fixed(`${at}.scaleMax`, say('已有答卷，不能修改分值范围', '已有答卷，不能修改分值範圍', 'With responses, the scale cannot change')));
      if (!sameSkip(q.skip, o.skip)) errors.push(fixed(`${at}.skip`, say('已有答卷，不能修改跳题规则', '已有答卷，不能修改跳題規則', 'With responses, skip rules cannot change')));
    }
  });
  now.slice(old.length).forEach((q, k) => {
    if (q.required) {
      errors.push(error(`questions.${old.length + k}.required`, 'appended_required', say('已有答卷，追加的题目只能是选填题', '已有答卷，追加的題目只能是選填題', 'With responses, appended questions must be optional')));
    }
  });
  return errors;
}

// ── answers ─────────────────────────────────────────────────────────────────

export interface AnswerableQuestion extends QuestionInput {
  id: string;
  position: number;
}

export interface CheckedAnswers {
  /** What to store: answered questions only, text trimmed. */
  answers: Record<string, Answer>;
  errors: FieldError[];
}

/** A blank text or an empty selection counts as no answer. */
function isBlank(value: unknown): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Checks one answer against its question. @returns the answer to store, or an error. */
function checkOne(q: AnswerableQuestion, value: unknown, field: string): { value: Answer } | { error: FieldError } {
  const notOption = () => ({ error: error(field, 'not_an_option', say('答案不在本题的选项之中', '答案不在本題的選項之中', 'The answer is not one of the question’s options')) });
  const values = new Set((q.options ?? []).map((o) => o.value));
  switch (q.kind) {
    case 'single':
      if (typeof value !== 'string') return { error: error(field, 'type', say('单选题请选择一个选项', '單選題請選擇一個選項', 'A single-choice answer is one option value')) };
      return values.has(value) ? { value } : notOption();
    case 'multiple': {
      if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
        return { error: error(field, 'type', say('多选题请选择一个或多个选项', '多選題請選擇一個或多個選項', 'A multiple-choice answer is a list of option values')) };
      }
      if (!value.every((v) => values.has(v))) return notOption();
      if (new Set(value).size !== value.length) return { error: error(field, 'duplicate', say('不能重复选择同一选项', '不能重複選擇同一選項', 'An option is chosen twice')) };
      return { value };
    }
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { error: error(field, 'type', say('量表题请填写整数分值', '量表題請填寫整數分值', 'A scale answer is a whole number')) };
      if (value < q.scaleMin! || value > q.scaleMax!) {
        return { error: error(field, 'out_of_range', say('分值应在{min}至{max}之间', '分值應在{min}至{max}之間', 'The value must be from {min} to {max}', { min: q.scaleMin!, max: q.scaleMax! })) };
      }
      return { value };
    case 'short':
    case 'long': {
      if (typeof value !== 'string') return { error: error(field, 'type', say('请填写文字', '請填寫文字', 'A text answer is a string')) };
      const max = q.kind === 'short' ? SHORT_ANSWER_MAX : LONG_ANSWER_MAX;
      const text = value.trim();
      if ([...text].length > max) return { error: error(field, 'maxLength', say('不能超过{max}个字', '不能超過{max}個字', 'At most {max} characters', { max })) };
      return { value: text };
    }
  }
}

/**
 * The positions a respondent passes through: from the first question on, a
 * single-choice answer matching one of the question's skip rules jumps to the
 * rule's position; every other question leads to the next.
 */
export function visitedPositions(questions: readonly AnswerableQuestion[], answers: Readonly<Record<string, unknown>>): Set<number> {
  const byPosition = new Map(questions.map((q) => [q.position, q]));
  const last = Math.max(0, ...questions.map((q) => q.position));
  const visited = new Set<number>();
  for (let p = 1; p <= last; ) {
    const q = byPosition.get(p);
    if (!q) {
      p++;
      continue;
    }
    visited.add(p);
    const answer = answers[q.id];
    const rule = q.kind === 'single' && typeof answer === 'string' ? q.skip?.find((r) => r.whenValue === answer) : undefined;
    // Rules always jump forward (questionErrors); the guard keeps a bad stored rule from looping.
    p = rule && rule.toPosition > p ? rule.toPosition : p + 1;
  }
  return visited;
}

/**
 * Checks a response: every key a question of this questionnaire, every answer
 * of the right shape (an option value, distinct option values, a whole number
 * in range, text within 200 / 2000 characters), every required question on the
 * respondent's path answered, and none of the questions skipped answered.
 * Errors come in question order, unknown question ids last; with none,
 * `answers` holds exactly the answers on the path.
 */
export function checkAnswers(questions: readonly AnswerableQuestion[], raw: Readonly<Record<string, unknown>>): CheckedAnswers {
  const sorted = [...questions].sort((a, b) => a.position - b.position);
  const byId = new Map(sorted.map((q) => [q.id, q]));
  const errors: FieldError[] = [];
  const answers: Record<string, Answer> = {};
  const broken = new Map<string, FieldError>();
  for (const [id, value] of Object.entries(raw)) {
    const q = byId.get(id);
    if (!q || isBlank(value)) continue;
    const checked = checkOne(q, value, `answers.${id}`);
    if ('error' in checked) broken.set(id, checked.error);
    else answers[id] = checked.value;
  }
  // The path follows what was answered validly; a broken answer is reported on its own.
  const visited = visitedPositions(sorted, answers);
  for (const q of sorted) {
    const field = `answers.${q.id}`;
    const given = q.id in answers || broken.has(q.id);
    if (visited.has(q.position)) {
      if (q.required && !given) errors.push(error(field, 'required', say('此题为必答题', '此題為必答題', 'This question must be answered')));
      const fault = broken.get(q.id);
      if (fault) errors.push(fault);
    } else if (given) {
      // Whatever its shape, the answer should not be there at all.
      errors.push(error(field, 'skipped', say('根据跳题规则此题应跳过，不能作答', '根據跳題規則此題應跳過，不能作答', 'The skip logic skips this question; leave it unanswered')));
    }
  }
  for (const id of Object.keys(raw)) {
    if (!byId.has(id)) errors.push(error(`answers.${id}`, 'unknown_question', say('本问卷没有这道题', '本問卷沒有這道題', 'This questionnaire has no such question')));
  }
  return { answers, errors };
}
