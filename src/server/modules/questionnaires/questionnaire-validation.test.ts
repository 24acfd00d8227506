import { describe, expect, it } from 'vitest';
import type { QuestionInput } from '../../../shared/campaigns.js';
import { checkAnswers, keepEndRules, nonAdditiveChanges, questionErrors, visitedPositions, windowErrors, type AnswerableQuestion, type Definition } from './questionnaire-validation.js';

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/** 餐饮浪费 questionnaire: Q1 eats in a canteen? no → skip to Q4. */
const QUESTIONS: QuestionInput[] = [
  { kind: 'single', text: '您是否在单位食堂就餐？', required: true, options: yesNo, skip: [{ whenValue: 'no', toPosition: 4 }] },
  { kind: 'multiple', text: '您在食堂见过哪些浪费现象？', required: true, options: [{ value: 'leftover', label: '剩饭剩菜' }, { value: 'oversize', label: '份量过大' }, { value: 'buffet', label: '自助餐多取' }] },
  { kind: 'scale', text: '您对食堂节约工作的满意度', required: true, scaleMin: 1, scaleMax: 5 },
  { kind: 'short', text: '您所在的城市', required: false },
  { kind: 'long', text: '您对制止餐饮浪费的建议', required: true },
];

const stored = (questions: QuestionInput[]): AnswerableQuestion[] => questions.map((q, i) => ({ ...q, id: String(101 + i), position: i + 1 }));
const Q = stored(QUESTIONS);

const fields = (errors: { field: string; code: string }[]) => errors.map((e) => `${e.field}:${e.code}`);

describe('questionErrors', () => {
  it('accepts a consistent definition, skip rules to a later question or to the end', () => {
    expect(questionErrors(QUESTIONS)).toEqual([]);
    expect(questionErrors([{ ...QUESTIONS[0]!, skip: [{ whenValue: 'no', toPosition: 6 }] }, ...QUESTIONS.slice(1)])).toEqual([]);
  });

  it('refuses options, scales and skips where the kind has none, and too few options', () => {
    const errors = questionErrors([
      { kind: 'short', text: '姓名', required: false, options: yesNo },
      { kind: 'multiple', text: '哪些', required: false, options: [yesNo[0]!], skip: [{ whenValue: 'yes', toPosition: 3 }] },
      { kind: 'long', text: '建议', required: false, scaleMin: 1 },
    ]);
    expect(fields(errors)).toEqual(['questions.0.options:not_allowed', 'questions.1.skip:not_allowed', 'questions.1.options:minItems', 'questions.2.scaleMin:not_allowed']);
  });

  it('refuses repeated option values, a scale without range or upside down, a blank text', () => {
    const errors = questionErrors([
      { kind: 'single', text: '  ', required: true, options: [{ value: 'a', label: '甲' }, { value: 'a ', label: '乙' }] },
      { kind: 'scale', text: '满意度', required: true, scaleMin: 5, scaleMax: 1 },
      { kind: 'scale', text: '推荐度', required: true, scaleMin: 0 },
    ]);
    expect(fields(errors)).toEqual(['questions.0.text:minLength', 'questions.0.options.1.value:duplicate', 'questions.1.scaleMax:range', 'questions.2.scaleMax:required']);
  });

  it('refuses skip rules naming no option, twice the same option, or not jumping forward', () => {
    const errors = questionErrors([
      QUESTIONS[3]!,
      {
        kind: 'single',
        text: '是否',
        required: true,
        options: yesNo,
        skip: [
          { whenValue: 'maybe', toPosition: 3 },
          { whenValue: 'yes', toPosition: 2 },
          { whenValue: 'yes', toPosition: 5 },
        ],
      },
      QUESTIONS[4]!,
    ]);
    expect(fields(errors)).toEqual(['questions.1.skip.0.whenValue:not_an_option', 'questions.1.skip.1.toPosition:range', 'questions.1.skip.2.whenValue:duplicate', 'questions.1.skip.2.toPosition:range']);
  });
});

describe('windowErrors', () => {
  it('names closesAt when the questionnaire would close before (or when) it opens', () => {
    const opens = new Date('2026-12-01T00:00:00+08:00');
    expect(windowErrors(opens, new Date('2026-12-31T00:00:00+08:00'))).toEqual([]);
    expect(fields(windowErrors(opens, new Date('2026-11-30T00:00:00+08:00')))).toEqual(['closesAt:before_opens']);
    expect(fields(windowErrors(opens, opens))).toEqual(['closesAt:before_opens']);
  });
});

describe('nonAdditiveChanges', () => {
  const before: Definition = {
    title: '公共机构餐饮浪费问卷',
    description: '请如实填写',
    campaignId: '7',
    organiserUnitId: '3',
    audience: 'citizens',
    opensAt: new Date('2026-12-01T00:00:00Z'),
    closesAt: new Date('2026-12-31T00:00:00Z'),
    questions: QUESTIONS,
  };

  it('allows new wording of title and description, a later close, optional questions and options appended', () => {
    const after: Definition = {
      ...before,
      title: '公共机构食堂餐饮浪费情况问卷',
      description: '问卷匿名统计，请如实填写',
      closesAt: new Date('2027-01-15T00:00:00Z'),
      questions: [
        QUESTIONS[0]!,
        { ...QUESTIONS[1]!, options: [...QUESTIONS[1]!.options!, { value: 'takeaway', label: '打包不及时' }] },
        ...QUESTIONS.slice(2),
        { kind: 'short', text: '您的职业', required: false },
      ],
    };
    expect(nonAdditiveChanges(before, after)).toEqual([]);
  });

  it('names each change that is not additive', () => {
    const after: Definition = {
      ...before,
      opensAt: new Date('2026-12-02T00:00:00Z'),
      closesAt: new Date('2026-12-30T00:00:00Z'),
      audience: 'anyone',
      questions: [
        { ...QUESTIONS[0]!, skip: [{ whenValue: 'no', toPosition: 5 }] },
        { ...QUESTIONS[1]!, options: [{ value: 'leftover', label: '剩饭剩菜' }, { value: 'big', label: '份量过大' }, { value: 'buffet', label: '自助餐多取' }] },
        { ...QUESTIONS[2]!, scaleMax: 10 },
        { ...QUESTIONS[3]!, required: true },
        { ...QUESTIONS[4]!, kind: 'short' },
        { kind: 'short', text: '您的职业', required: true },
      ],
    };
    expect(fields(nonAdditiveChanges(before, after))).toEqual([
      'closesAt:earlier',
      'opensAt:locked',
      'audience:locked',
      'questions.0.skip:locked',
      'questions.1.options:locked',
      'questions.2.scaleMax:locked',
      'questions.3.required:locked',
      'questions.4.kind:locked',
      'questions.5.required:appended_required',
    ]);
  });

  it('refuses removing, reordering, relabelling and rewording', () => {
    const removed = nonAdditiveChanges(before, { ...before, questions: QUESTIONS.slice(0, 4) });
    expect(fields(removed)).toEqual(['questions:removed']);
    const swapped = nonAdditiveChanges(before, { ...before, questions: [QUESTIONS[0]!, QUESTIONS[1]!, QUESTIONS[2]!, QUESTIONS[4]!, QUESTIONS[3]!] });
    expect(fields(swapped)).toEqual(['questions.3.kind:locked', 'questions.3.text:locked', 'questions.3.required:locked', 'questions.4.kind:locked', 'questions.4.text:locked', 'questions.4.required:locked']);
    const relabelled = nonAdditiveChanges(before, { ...before, questions: [{ ...QUESTIONS[0]!, options: [yesNo[0]!, { value: 'no', label: '不是' }] }, ...QUESTIONS.slice(1)] });
    expect(fields(relabelled)).toEqual(['questions.0.options:locked']);
    const reworded = nonAdditiveChanges(before, { ...before, questions: [{ ...QUESTIONS[0]!, text: '您在食堂吃饭吗？' }, ...QUESTIONS.slice(1)] });
    expect(fields(reworded)).toEqual(['questions.0.text:locked']);
  });
});

describe('skip rules to the end when questions are appended after responses', () => {
  // Q1 "no" → the end (6 of 5 questions).
  const toEnd = (toPosition: number): QuestionInput => ({ ...QUESTIONS[0]!, skip: [{ whenValue: 'no', toPosition }] });
  const before: Definition = {
    title: '问卷',
    description: '',
    campaignId: null,
    organiserUnitId: '3',
    audience: 'anyone',
    opensAt: new Date('2026-12-01T00:00:00Z'),
    closesAt: new Date('2026-12-31T00:00:00Z'),
    questions: [toEnd(6), ...QUESTIONS.slice(1)],
  };
  const job: QuestionInput = { kind: 'short', text: '您的职业', required: false };
  const withQuestions = (questions: QuestionInput[]): Definition => ({ ...before, questions });

  it('moves a rule to the old end (old count + 1) to the new end, and nothing else', () => {
    const moved = keepEndRules(5, [{ ...toEnd(6), skip: [{ whenValue: 'no', toPosition: 6 }, { whenValue: 'yes', toPosition: 3 }] }, ...QUESTIONS.slice(1), job, job]);
    expect(moved[0]!.skip).toEqual([
      { whenValue: 'no', toPosition: 8 },
      { whenValue: 'yes', toPosition: 3 },
    ]);
    expect(keepEndRules(5, before.questions)).toEqual(before.questions);
    // The end is still 6 when nothing was appended: the rule stays.
    expect(keepEndRules(5, [toEnd(6), ...QUESTIONS.slice(1)])[0]!.skip).toEqual([{ whenValue: 'no', toPosition: 6 }]);
  });

  it('takes the old end and the new end as the same rule', () => {
    expect(nonAdditiveChanges(before, withQuestions([toEnd(6), ...QUESTIONS.slice(1), job]))).toEqual([]);
    expect(nonAdditiveChanges(before, withQuestions([toEnd(7), ...QUESTIONS.slice(1), job]))).toEqual([]);
    expect(nonAdditiveChanges(before, withQuestions([toEnd(8), ...QUESTIONS.slice(1), job, job]))).toEqual([]);
  });

  it('refuses pointing the rule at an appended question, or a rule to a question at the end', () => {
    expect(fields(nonAdditiveChanges(before, withQuestions([toEnd(7), ...QUESTIONS.slice(1), job, job])))).toEqual(['questions.0.skip:locked']);
    // A rule to Q5 (not the end) stays at Q5.
    const toFive = withQuestions([toEnd(5), ...QUESTIONS.slice(1)]);
    expect(fields(nonAdditiveChanges(toFive, withQuestions([toEnd(7), ...QUESTIONS.slice(1), job])))).toEqual(['questions.0.skip:locked']);
    expect(nonAdditiveChanges(toFive, withQuestions([toEnd(5), ...QUESTIONS.slice(1), job]))).toEqual([]);
  });
});

describe('visitedPositions', () => {
  it('jumps from a single-choice answer matching a rule, and walks on otherwise', () => {
    expect([...visitedPositions(Q, { '101': 'no' })]).toEqual([1, 4, 5]);
    expect([...visitedPositions(Q, { '101': 'yes' })]).toEqual([1, 2, 3, 4, 5]);
    expect([...visitedPositions(Q, {})]).toEqual([1, 2, 3, 4, 5]);
  });

  it('ignores the rules of a question it skipped', () => {
    const chain = stored([
      { kind: 'single', text: 'A', required: true, options: yesNo, skip: [{ whenValue: 'no', toPosition: 3 }] },
      { kind: 'single', text: 'B', required: true, options: yesNo, skip: [{ whenValue: 'no', toPosition: 5 }] },
      { kind: 'short', text: 'C', required: true },
      { kind: 'short', text: 'D', required: true },
    ]);
    expect([...visitedPositions(chain, { '101': 'no', '102': 'no' })]).toEqual([1, 3, 4]);
    expect([...visitedPositions(chain, { '101': 'yes', '102': 'no' })]).toEqual([1, 2]);
  });
});

describe('checkAnswers', () => {
  const full = { '101': 'yes', '102': ['leftover', 'buffet'], '103': 4, '104': ' 南昌 ', '105': '建议推行小份菜和半份菜。' };

  it('accepts a complete response and stores the text trimmed', () => {
    const checked = checkAnswers(Q, full);
    expect(checked.errors).toEqual([]);
    expect(checked.answers).toEqual({ ...full, '104': '南昌' });
  });

  it('requires every required question on the path', () => {
    const { '102': _multiple, '105': _long, ...rest } = full;
    expect(fields(checkAnswers(Q, rest).errors)).toEqual(['answers.102:required', 'answers.105:required']);
    // Blank text and an empty selection are no answers.
    expect(fields(checkAnswers(Q, { ...full, '102': [], '105': '   ' }).errors)).toEqual(['answers.102:required', 'answers.105:required']);
  });

  it('refuses an answer not among the options, naming answers.<questionId>', () => {
    const checked = checkAnswers(Q, { ...full, '101': 'sometimes' });
    expect(fields(checked.errors)).toEqual(['answers.101:not_an_option']);
    expect(checked.errors[0]!.message['zh-CN']).toBe('答案不在本题的选项之中');
    expect(fields(checkAnswers(Q, { ...full, '102': ['leftover', 'waste'] }).errors)).toEqual(['answers.102:not_an_option']);
  });

  it('refuses the wrong shape, a repeated option, a scale out of range, too long a text', () => {
    expect(fields(checkAnswers(Q, { ...full, '101': ['yes'], '102': 'leftover', '103': '4', '105': 12 }).errors)).toEqual([
      'answers.101:type',
      'answers.102:type',
      'answers.103:type',
      'answers.105:type',
    ]);
    expect(fields(checkAnswers(Q, { ...full, '102': ['leftover', 'leftover'], '103': 6 }).errors)).toEqual(['answers.102:duplicate', 'answers.103:out_of_range']);
    expect(fields(checkAnswers(Q, { ...full, '103': 3.5 }).errors)).toEqual(['answers.103:type']);
    expect(fields(checkAnswers(Q, { ...full, '104': '南'.repeat(201), '105': '议'.repeat(2001) }).errors)).toEqual(['answers.104:maxLength', 'answers.105:maxLength']);
    expect(checkAnswers(Q, { ...full, '104': '南'.repeat(200), '105': '议'.repeat(2000) }).errors).toEqual([]);
  });

  it('refuses an unknown question id', () => {
    expect(fields(checkAnswers(Q, { ...full, '999': 'yes' }).errors)).toEqual(['answers.999:unknown_question']);
  });

  it('lets a skip leave required questions unanswered, and refuses answers to skipped ones', () => {
    expect(checkAnswers(Q, { '101': 'no', '105': '希望推广光盘行动。' })).toEqual({ answers: { '101': 'no', '105': '希望推广光盘行动。' }, errors: [] });
    expect(fields(checkAnswers(Q, { '101': 'no', '102': ['leftover'], '103': 9, '105': '希望推广光盘行动。' }).errors)).toEqual(['answers.102:skipped', 'answers.103:skipped']);
  });

  it('follows a skip to the end', () => {
    const toEnd = stored([{ ...QUESTIONS[0]!, skip: [{ whenValue: 'no', toPosition: 6 }] }, ...QUESTIONS.slice(1)]);
    expect(checkAnswers(toEnd, { '101': 'no' }).errors).toEqual([]);
    expect(fields(checkAnswers(toEnd, { '101': 'no', '104': '南昌' }).errors)).toEqual(['answers.104:skipped']);
  });
});
