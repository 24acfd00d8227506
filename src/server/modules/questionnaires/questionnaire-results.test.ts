import { describe, expect, it } from 'vitest';
import { composeResults, fromStored, mergeCells, toStored } from './questionnaire-results.js';
import type { QuestionRow } from './questionnaires.repository.js';

const questions: QuestionRow[] = [
  { id: '11', position: 1, kind: 'single', text: '是否就餐', required: true, options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }] },
  { id: '12', position: 2, kind: 'multiple', text: '浪费现象', required: false, options: [{ value: 'a', label: '剩饭' }, { value: 'b', label: '多取' }] },
  { id: '13', position: 3, kind: 'scale', text: '满意度', required: true, scaleMin: 1, scaleMax: 3 },
  { id: '14', position: 4, kind: 'long', text: '建议', required: false },
];

describe('composeResults', () => {
  it('aligns counts with the options and scale values, sums provinces, masks texts, and cross-tabulates', () => {
    const results = composeResults({
      questionnaire: { id: '5', title: '问卷' },
      questions,
      // As merging a tally with the responses since would give them: the 360000 cells split in two.
      cells: mergeCells(
        [
          { question_id: null, value: null, province_code: null, n: 1 },
          { question_id: null, value: null, province_code: '410000', n: 1 },
          { question_id: null, value: null, province_code: '360000', n: 1 },
          { question_id: '11', value: null, province_code: '360000', n: 1 },
          { question_id: '11', value: 'yes', province_code: '360000', n: 1 },
          { question_id: '13', value: null, province_code: '360000', n: 1 },
          { question_id: '13', value: '3', province_code: '360000', n: 1 },
          { question_id: '12', value: null, province_code: '360000', n: 1 },
          { question_id: '12', value: 'a', province_code: '360000', n: 1 },
          { question_id: '12', value: 'b', province_code: '360000', n: 1 },
        ],
        [
          { question_id: null, value: null, province_code: '360000', n: 1 },
          { question_id: '11', value: null, province_code: '360000', n: 1 },
          { question_id: '11', value: null, province_code: '410000', n: 1 },
          { question_id: '11', value: null, province_code: null, n: 1 },
          { question_id: '13', value: null, province_code: '360000', n: 1 },
          { question_id: '13', value: null, province_code: null, n: 1 },
          { question_id: '14', value: null, province_code: '410000', n: 1 },
          { question_id: '11', value: 'yes', province_code: '360000', n: 1 },
          { question_id: '11', value: 'no', province_code: '410000', n: 1 },
          { question_id: '11', value: 'yes', province_code: null, n: 1 },
          { question_id: '13', value: '3', province_code: '360000', n: 1 },
          { question_id: '13', value: '1', province_code: null, n: 1 },
        ],
      ),
      texts: [{ question_id: '14', text: '请联系我 13812345678', submitted_at: new Date('2026-12-01T02:00:00Z') }],
      provinceNames: new Map([
        ['360000', '江西省'],
        ['410000', '河南省'],
      ]),
      crossBy: 'region',
      generatedAt: new Date('2026-12-01T03:00:00Z'),
    });
    expect(results.totalResponses).toBe(4);
    expect(results.regions).toEqual([
      { region: { code: '360000', name: '江西省' }, responses: 2 },
      { region: { code: '410000', name: '河南省' }, responses: 1 },
      { region: null, responses: 1 },
    ]);
    const [single, multiple, scale, long] = results.questions;
    expect(single!.answered).toBe(4);
    expect(single!.options).toEqual([
      { value: 'yes', label: '是', count: 3 },
      { value: 'no', label: '否', count: 1 },
    ]);
    expect(single!.byRegion!.map((r) => [r.region?.code ?? null, r.answered, r.counts])).toEqual([
      ['360000', 2, [2, 0]],
      ['410000', 1, [0, 1]],
      [null, 1, [1, 0]],
    ]);
    expect(multiple!.options!.map((o) => o.count)).toEqual([1, 1]);
    expect(scale!.scale).toEqual({ min: 1, max: 3, mean: 2.33, counts: [{ value: 1, count: 1 }, { value: 2, count: 0 }, { value: 3, count: 2 }] });
    expect(scale!.byRegion!.map((r) => r.counts)).toEqual([[0, 0, 2], [0, 0, 0], [1, 0, 0]]);
    expect(long!.answered).toBe(1);
    expect(long!.texts).toEqual([{ text: '请联系我 138****5678', submittedAt: '2026-12-01T02:00:00.000Z' }]);
    expect(long!.byRegion).toBeUndefined();
  });

  it('stores cells as arrays and reads them back', () => {
    const cells = [{ question_id: '11', value: 'yes', province_code: null, n: 3 }];
    expect(toStored(cells)).toEqual([['11', 'yes', null, 3]]);
    expect(fromStored(toStored(cells))).toEqual(cells);
  });
});
