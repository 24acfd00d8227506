import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tooltip } from 'antd';
import { useId } from 'react';
import { OPTION_LABEL_MAX, QUESTION_KINDS, QUESTION_OPTIONS_MAX, QUESTION_TEXT_MAX, SCALE_HIGHEST, SCALE_LOWEST, type QuestionKind } from '../../../../shared/campaigns';
import { useT } from '../../../lib/i18n';
import { END, isChoice, newOption, newQuestion, type DraftQuestion } from '../lib/builder-state';

interface Props {
  question: DraftQuestion;
  index: number;
  all: readonly DraftQuestion[];
  /** Responses exist: only additive changes. */
  additive: boolean;
  /** Errors by the server's field names below this question (`text`, `options`, `skip`, …). */
  errors: Map<string, string>;
  onChange: (next: DraftQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** A lock and the reason, beside a control that cannot change any more. */
function Locked({ reason }: { reason: string }) {
  return (
    <span className="locked-note">
      <LockOutlined aria-hidden /> {reason}
    </span>
  );
}

/**
 * One question in the builder: kind, text, required, options, scale, skip rules. Once responses
 * exist, a saved question keeps all of that except that options may be appended; the locked
 * controls are disabled and say so.
 */
export function QuestionEditor({ question: q, index, all, additive, errors, onChange, onMove, onRemove }: Props) {
  const t = useT();
  const ids = { kind: useId(), text: useId(), required: useId(), min: useId(), max: useId() };
  const fixed = q.fixed;
  const position = index + 1;
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...q, ...patch });
  const err = (name: string) => errors.get(name);
  const status = (name: string) => (err(name) ? ('error' as const) : undefined);
  const later = all.slice(index + 1);

  const changeKind = (kind: QuestionKind) => {
    const fresh = newQuestion(kind);
    set({ kind, options: isChoice(kind) ? (isChoice(q.kind) ? q.options : fresh.options) : [], skip: kind === 'single' ? q.skip : [] });
  };

  return (
    <Card
      className="question-editor"
      data-testid="question-editor"
      title={
        <h3 className="card-title">
          {t('questionnaires.number', { n: position })} {q.text && <span className="muted question-editor-preview">{q.text}</span>}
        </h3>
      }
      extra={
        <Space size={4}>
          <Tooltip title={t('questionnaires.builder.moveUp')}>
            <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t('questionnaires.builder.moveUpN', { n: position })} disabled={additive || index === 0} onClick={() => onMove(-1)} />
          </Tooltip>
          <Tooltip title={t('questionnaires.builder.moveDown')}>
            <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={t('questionnaires.builder.moveDownN', { n: position })} disabled={additive || index === all.length - 1} onClick={() => onMove(1)} />
          </Tooltip>
          <Tooltip title={t('questionnaires.builder.remove')}>
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('questionnaires.builder.removeN', { n: position })} disabled={fixed} onClick={onRemove} />
          </Tooltip>
        </Space>
      }
    >
      {fixed && (
        <p className="question-locked" data-testid="question-locked">
          <Locked reason={t(isChoice(q.kind) ? 'questionnaires.builder.lockedQuestionChoice' : 'questionnaires.builder.lockedQuestion')} />
        </p>
      )}
      <div className="question-editor-row">
        <Form.Item label={t('questionnaires.builder.kind')} htmlFor={ids.kind} validateStatus={status('kind')} help={err('kind')} className="question-editor-kind">
          <Select<QuestionKind> id={ids.kind} value={q.kind} onChange={changeKind} disabled={fixed} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questionnaires.kind.${k}`) }))} data-testid="question-kind" />
        </Form.Item>
        <Form.Item
          label={t('questionnaires.builder.required')}
          htmlFor={ids.required}
          validateStatus={status('required')}
          help={err('required') ?? (additive && !fixed ? <Locked reason={t('questionnaires.builder.lockedAppended')} /> : undefined)}
        >
          <Switch id={ids.required} checked={q.required} onChange={(required) => set({ required })} disabled={additive} data-testid="question-required" />
        </Form.Item>
      </div>
      <Form.Item label={t('questionnaires.builder.text')} htmlFor={ids.text} validateStatus={status('text')} help={err('text')} required>
        <Input.TextArea id={ids.text} value={q.text} onChange={(e) => set({ text: e.target.value })} disabled={fixed} maxLength={QUESTION_TEXT_MAX} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="question-text" />
      </Form.Item>

      {isChoice(q.kind) && (
        <fieldset className="question-editor-options">
          <legend>{t('questionnaires.builder.options')}</legend>
          <ol>
            {q.options.map((o, j) => (
              <li key={o.value}>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    value={o.label}
                    onChange={(e) => set({ options: q.options.map((x, k) => (k === j ? { ...x, label: e.target.value } : x)) })}
                    disabled={o.fixed}
                    maxLength={OPTION_LABEL_MAX}
                    aria-label={t('questionnaires.builder.optionN', { n: j + 1 })}
                    placeholder={t('questionnaires.builder.optionPlaceholder', { n: j + 1 })}
                    status={err('options') && o.label.trim() === '' ? 'error' : undefined}
                    data-testid="option-label"
                  />
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('questionnaires.builder.optionRemove', { n: j + 1 })}
                    disabled={o.fixed}
                    onClick={() => set({ options: q.options.filter((_, k) => k !== j), skip: q.skip.filter((r) => r.whenValue !== o.value) })}
                  />
                </Space.Compact>
              </li>
            ))}
          </ol>
          {err('options') && (
            <div className="ant-form-item-explain-error" role="alert">
              {err('options')}
            </div>
          )}
          <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={q.options.length >= QUESTION_OPTIONS_MAX} onClick={() => set({ options: [...q.options, newOption(q.options)] })} data-testid="option-add">
            {t('questionnaires.builder.optionAdd')}
          </Button>
        </fieldset>
      )}

      {q.kind === 'scale' && (
        <div className="question-editor-row">
          <Form.Item label={t('questionnaires.builder.scaleMin')} htmlFor={ids.min} validateStatus={status('scaleMin')} help={err('scaleMin')}>
            <InputNumber id={ids.min} min={SCALE_LOWEST} max={SCALE_HIGHEST} value={q.scaleMin} onChange={(v) => set({ scaleMin: v ?? SCALE_LOWEST })} disabled={fixed} />
          </Form.Item>
          <Form.Item label={t('questionnaires.builder.scaleMax')} htmlFor={ids.max} validateStatus={status('scaleMax')} help={err('scaleMax')}>
            <InputNumber id={ids.max} min={SCALE_LOWEST} max={SCALE_HIGHEST} value={q.scaleMax} onChange={(v) => set({ scaleMax: v ?? SCALE_HIGHEST })} disabled={fixed} />
          </Form.Item>
        </div>
      )}

      {q.kind === 'single' && (
        <fieldset className="question-editor-skip">
          <legend>{t('questionnaires.builder.skip')}</legend>
          {q.skip.length === 0 && <p className="muted">{t('questionnaires.builder.skipNone')}</p>}
          <ul>
            {q.skip.map((r, j) => (
              <li key={j} className="skip-rule" data-testid="skip-rule">
                <span>{t('questionnaires.builder.skipWhen')}</span>
                <Select<string>
                  value={r.whenValue || undefined}
                  onChange={(whenValue) => set({ skip: q.skip.map((x, k) => (k === j ? { ...x, whenValue } : x)) })}
                  disabled={fixed}
                  aria-label={t('questionnaires.builder.skipWhenLabel', { n: j + 1 })}
                  placeholder={t('questionnaires.builder.skipOption')}
                  options={q.options.map((o, k) => ({ value: o.value, label: o.label || t('questionnaires.builder.optionN', { n: k + 1 }) }))}
                  style={{ minWidth: '8rem' }}
                  data-testid="skip-when"
                />
                <span>{t('questionnaires.builder.skipTo')}</span>
                <Select<string>
                  value={r.to || undefined}
                  onChange={(to) => set({ skip: q.skip.map((x, k) => (k === j ? { ...x, to } : x)) })}
                  disabled={fixed}
                  aria-label={t('questionnaires.builder.skipToLabel', { n: j + 1 })}
                  placeholder={t('questionnaires.builder.skipTarget')}
                  options={[
                    // The next question needs no rule: offer the ones after it, and the end.
                    ...later.slice(1).map((x) => ({ value: x.key, label: t('questionnaires.builder.skipToN', { n: all.indexOf(x) + 1 }) })),
                    { value: END, label: t('questionnaires.builder.skipToEnd') },
                  ]}
                  style={{ minWidth: '8rem' }}
                  data-testid="skip-to"
                />
                <Button icon={<DeleteOutlined aria-hidden />} aria-label={t('questionnaires.builder.skipRemove', { n: j + 1 })} disabled={fixed} onClick={() => set({ skip: q.skip.filter((_, k) => k !== j) })} />
              </li>
            ))}
          </ul>
          {err('skip') && (
            <div className="ant-form-item-explain-error" role="alert">
              {err('skip')}
            </div>
          )}
          {!fixed && (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set({ skip: [...q.skip, { whenValue: '', to: '' }] })} data-testid="skip-add">
              {t('questionnaires.builder.skipAdd')}
            </Button>
          )}
        </fieldset>
      )}
    </Card>
  );
}
