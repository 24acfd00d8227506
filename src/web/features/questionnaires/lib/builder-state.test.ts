import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../shared/campaigns';
import { draftErrors, END, fromQuestions, newOption, newQuestion, toInput } from './builder-state';

const saved: Question[] = [
  { id: 7, position: 1, kind: 'single', text: '是否在食堂就餐', required: true, options: [{ value: 'y', label: '是' }, { value: 'n', label: '否' }], skip: [{ whenValue: 'n', toPosition: 3 }] },
  { id: 8, position: 2, kind: 'scale', text: '满意度', required: false, scaleMin: 1, scaleMax: 5 },
  { id: 9, position: 3, kind: 'long', text: '建议', required: false },
];

describe('questionnaire builder state', () => {
  it('keeps a skip rule on its target question when questions move', () => {
    const drafts = fromQuestions(saved, false);
    expect(drafts[0]!.skip).toEqual([{ whenValue: 'n', to: 'q9' }]);
    // Put a new question between the first and the target: the rule now jumps to position 4.
    const moved = [drafts[0]!, drafts[1]!, { ...newQuestion('short'), text: '工作单位' }, drafts[2]!];
    expect(toInput(moved)[0]!.skip).toEqual([{ whenValue: 'n', toPosition: 4 }]);
  });

  it('sends a jump to the end as one past the last question', () => {
    const drafts = fromQuestions(saved, false);
    drafts[0]!.skip = [{ whenValue: 'n', to: END }];
    expect(toInput(drafts)[0]!.skip).toEqual([{ whenValue: 'n', toPosition: 4 }]);
  });

  it('sends only the fields a kind uses', () => {
    const input = toInput(fromQuestions(saved, true));
    expect(input[1]).toEqual({ kind: 'scale', text: '满意度', required: false, scaleMin: 1, scaleMax: 5 });
    expect(input[2]).toEqual({ kind: 'long', text: '建议', required: false });
  });

  it('gives new options values no saved option holds', () => {
    expect(newOption([{ value: 'o1' }, { value: 'o3' }]).value).toBe('o4');
    expect(newOption([{ value: 'o2' }]).value).toBe('o3');
  });

  it('finds blank texts, missing option labels and rules that jump backwards', () => {
    const drafts = fromQuestions(saved, false);
    drafts[0]!.skip = [{ whenValue: 'n', to: 'q7' }];
    drafts[1]!.text = ' ';
    const errors = draftErrors([...drafts, newQuestion('multiple')]);
    expect(errors.get('questions.0.skip')).toBe('skipTarget');
    expect(errors.get('questions.1.text')).toBe('text');
    expect(errors.get('questions.3.options')).toBe('optionLabel');
  });
});
