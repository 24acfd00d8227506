import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../shared/campaigns';
import { answersToSend, jumpTargets, visiblePositions } from './skip-logic';

const questions: Question[] = [
  { id: 11, position: 1, kind: 'single', text: '您是否在机关食堂就餐？', required: true, options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }], skip: [{ whenValue: 'no', toPosition: 4 }] },
  { id: 12, position: 2, kind: 'multiple', text: '浪费主要出现在哪些环节？', required: true, options: [{ value: 'a', label: '打饭' }, { value: 'b', label: '剩菜' }] },
  { id: 13, position: 3, kind: 'scale', text: '食堂的节约措施打几分？', required: false, scaleMin: 1, scaleMax: 5 },
  { id: 14, position: 4, kind: 'long', text: '您的建议', required: false },
];

describe('questionnaire skip logic in the form', () => {
  it('shows every question until an answer matches a skip rule', () => {
    expect([...visiblePositions(questions, {})]).toEqual([1, 2, 3, 4]);
    expect([...visiblePositions(questions, { '11': 'yes' })]).toEqual([1, 2, 3, 4]);
  });

  it('hides the questions a matching answer jumps over', () => {
    expect([...visiblePositions(questions, { '11': 'no' })]).toEqual([1, 4]);
  });

  it('leaves out answers to skipped questions and blanks, and trims text', () => {
    expect(answersToSend(questions, { '11': 'no', '12': ['a'], '13': 4, '14': '  少打多次  ' })).toEqual({ '11': 'no', '14': '少打多次' });
    expect(answersToSend(questions, { '11': 'yes', '12': [], '13': 3, '14': ' ' })).toEqual({ '11': 'yes', '13': 3 });
  });

  it('offers jumps to later questions and to the end, never to the next one', () => {
    expect(jumpTargets(1, 4)).toEqual([3, 4, 5]);
    expect(jumpTargets(4, 4)).toEqual([]);
  });
});
