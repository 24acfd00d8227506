import { Checkbox, Form, Input, Radio } from 'antd';
import type { ReactNode } from 'react';
import { LONG_ANSWER_MAX, SHORT_ANSWER_MAX, type Question } from '../../../../shared/campaigns';
import { useT } from '../../../lib/i18n';

/** The form field of a question: `q<id>` (flat, so the server's `answers.<id>` maps to it one to one). */
export const fieldOf = (questionId: number | string) => `q${questionId}`;

/** The numbers of a rating scale, lowest first. */
export function scaleValues(q: Pick<Question, 'scaleMin' | 'scaleMax'>): number[] {
  const out: number[] = [];
  for (let v = q.scaleMin ?? 1; v <= (q.scaleMax ?? 5); v++) out.push(v);
  return out;
}

/**
 * One question to answer: single choice (radios), multiple choice (checkboxes), a rating scale
 * (numbered buttons), short or long text. The label carries the number and the text; a required
 * question says so in words (the form's required mark), not only with a star.
 */
export function QuestionField({ question: q }: { question: Question }) {
  const t = useT();
  const labelId = `${fieldOf(q.id)}-label`;
  const label = (
    <span className="question-label" id={labelId}>
      <span className="question-number">{t('questionnaires.number', { n: q.position })}</span>
      <span className="question-text">{q.text}</span>
      {q.kind === 'multiple' && <span className="question-hint">{t('questionnaires.hint.multiple')}</span>}
      {q.kind === 'scale' && <span className="question-hint">{t('questionnaires.hint.scale', { min: q.scaleMin ?? 1, max: q.scaleMax ?? 5 })}</span>}
    </span>
  );
  const choice = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'scale';
  const rules = [{ required: q.required, message: t(choice ? 'questionnaires.requiredChoice' : 'questionnaires.requiredText') }];
  // A group of radios or checkboxes is no labelable element: name it by the label's text.
  const group = { 'aria-labelledby': labelId, 'aria-required': q.required } as const;
  const options = (q.options ?? []).map((o) => ({ value: o.value, label: o.label }));

  let control: ReactNode;
  switch (q.kind) {
    case 'single':
      control = <Radio.Group {...group} className="question-options" options={options} />;
      break;
    case 'multiple':
      control = <Checkbox.Group {...group} className="question-options" options={options} />;
      break;
    case 'scale':
      control = <Radio.Group {...group} optionType="button" buttonStyle="solid" className="question-scale" options={scaleValues(q).map((v) => ({ value: v, label: String(v) }))} />;
      break;
    case 'short':
      control = <Input maxLength={SHORT_ANSWER_MAX} showCount />;
      break;
    case 'long':
      control = <Input.TextArea maxLength={LONG_ANSWER_MAX} showCount autoSize={{ minRows: 4, maxRows: 12 }} />;
      break;
  }
  return (
    <div className="question" data-testid="question" data-position={q.position} data-kind={q.kind}>
      <Form.Item name={fieldOf(q.id)} label={label} rules={rules} className="question-item">
        {control}
      </Form.Item>
    </div>
  );
}
