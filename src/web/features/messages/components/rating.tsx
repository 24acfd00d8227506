import { App, Button, Descriptions, Form, Input, Rate, Tag } from 'antd';
import { useState } from 'react';
import { COMMENT_MAX, gradeOf, type RatingGrade } from '../../../../shared/messages';
import { ErrorAlert } from '../../../components/error-alert';
import { useT, type MessageKey } from '../../../lib/i18n';
import type { Rating } from '../api/get-message';
import { useRateMessage, type RatingInput } from '../api/rate-message';
import { DateTime } from '../../../components/date-time';

const SCORES = ['resolution', 'attitude', 'speed'] as const;
const STAR_HINTS: MessageKey[] = ['rating.star1', 'rating.star2', 'rating.star3', 'rating.star4', 'rating.star5'];

function GradeTag({ grade }: { grade: RatingGrade }) {
  const t = useT();
  const good = grade === 'very_satisfied' || grade === 'satisfied' || grade === 'basically_satisfied';
  return (
    <Tag className={`status-tag ${good ? 'status-tag-done' : 'status-tag-bad'}`} data-testid="rating-grade">
      {t(`grade.${grade}`)}
    </Tag>
  );
}

/** The author's rating as everyone sees it. */
export function RatingView({ rating }: { rating: Rating }) {
  const t = useT();
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'grade', label: t('rating.overall'), children: <GradeTag grade={rating.grade} /> },
        ...SCORES.map((key) => ({
          key,
          label: t(`rating.${key}`),
          children: (
            <span className="rating-readonly">
              <Rate disabled value={rating[key]} aria-hidden />
              <span>{t('rating.points', { n: rating[key] })}</span>
            </span>
          ),
        })),
        ...(rating.comment ? [{ key: 'comment', label: t('rating.comment'), children: <span className="pre-wrap">{rating.comment}</span> }] : []),
        {
          key: 'at',
          label: t('rating.at'),
          children: (
            <span>
              <DateTime value={rating.ratedAt} />
              {rating.changedAt && (
                <span className="muted">
                  {' '}
                  {t('rating.changedAt')} <DateTime value={rating.changedAt} />
                </span>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

interface FormValues {
  resolution?: number;
  attitude?: number;
  speed?: number;
  comment?: string;
}

/** Rate the final reply (or change the rating once): three 1–5 scores, the overall grade shown as it is computed. */
export function RatingForm({ messageId, initial, onDone }: { messageId: number; initial?: Rating | null; onDone?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const rate = useRateMessage();
  const [error, setError] = useState<unknown>(null);
  const resolution = Form.useWatch('resolution', form);
  const attitude = Form.useWatch('attitude', form);
  const speed = Form.useWatch('speed', form);
  const live = resolution && attitude && speed ? gradeOf({ resolution, attitude, speed }) : null;

  const onFinish = (values: FormValues) => {
    setError(null);
    const input: RatingInput = {
      resolution: values.resolution ?? 0,
      attitude: values.attitude ?? 0,
      speed: values.speed ?? 0,
      comment: values.comment?.trim() || undefined,
    };
    rate.mutate(
      { id: messageId, input },
      {
        onSuccess: () => {
          void message.success(t('rating.saved'));
          onDone?.();
        },
        onError: setError,
      },
    );
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={rate.isPending}
      initialValues={initial ? { resolution: initial.resolution, attitude: initial.attitude, speed: initial.speed, comment: initial.comment ?? '' } : {}}
      className="rating-form"
    >
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      {SCORES.map((key) => (
        <Form.Item key={key} label={t(`rating.${key}`)} required>
          <div className="rating-input">
            <Form.Item name={key} noStyle rules={[{ required: true, message: t('rating.required') }]}>
              <Rate tooltips={STAR_HINTS.map((k) => t(k))} aria-label={t(`rating.${key}`)} data-testid={`rate-${key}`} />
            </Form.Item>
            <Form.Item shouldUpdate noStyle>
              {() => {
                const n = form.getFieldValue(key) as number | undefined;
                return <span className="rating-hint">{n ? `${t('rating.points', { n })} · ${t(STAR_HINTS[n - 1]!)}` : ''}</span>;
              }}
            </Form.Item>
          </div>
        </Form.Item>
      ))}
      <div className="rating-live" aria-live="polite">
        <span>{t('rating.overall')}</span> {live ? <GradeTag grade={live} /> : <span className="muted">{t('rating.overallPending')}</span>}
      </div>
      <Form.Item name="comment" label={t('rating.commentOptional')}>
        <Input.TextArea maxLength={COMMENT_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="rating-submit">
        {initial ? t('rating.change') : t('rating.submit')}
      </Button>
    </Form>
  );
}
