import { App, Button, Card, Collapse, Empty, Input, Skeleton, Space, Tag } from 'antd';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { REASON_MAX } from '../../../../shared/handling';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useReviews, type ReplyRecord } from '../api/get-reviews';
import { useStaffMessage, type StaffTimelineEntry } from '../api/get-staff-message';
import { EventTimeline } from '../../../components/event-timeline';
import { useReviewReply } from '../api/review-reply';
import '../components/handling.css';

/** /console/reviews — replies held for the caller's approval before they are published. */
export function ReviewsPage() {
  const t = useT();
  useDocumentTitle(t('reviews.title'));
  const list = useReviews();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('reviews.title')}</h1>
      </div>
      <p className="page-intro">{t('reviews.intro')}</p>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.empty')} />
      ) : (
        <>
          <ul className="screening-list" data-testid="review-list">
            {items.map((r) => (
              <ReviewCard key={r.id} r={r} />
            ))}
          </ul>
          <LoadMore list={list} />
        </>
      )}
    </>
  );
}

function ReviewCard({ r }: { r: ReplyRecord }) {
  const t = useT();
  const { message } = App.useApp();
  const review = useReviewReply();
  const [note, setNote] = useState('');
  const [decision, setDecision] = useState<boolean | null>(null);
  const headingId = useId();
  const noteId = useId();

  const decide = (approve: boolean) => {
    setDecision(approve);
    // mutateAsync: the card leaves the list (and unmounts) once the review is done.
    review.mutateAsync({ replyId: r.id, approve, note: note.trim() || undefined }).then(
      () => void message.success(approve ? t('reviews.approved', { number: r.messageNumber }) : t('reviews.sentBack', { number: r.messageNumber })),
      () => undefined, // shown in the card from review.error
    );
  };

  return (
    <li>
      <Card
        className="screening-card"
        data-testid="review-item"
        aria-labelledby={headingId}
        title={
          <h2 id={headingId} className="card-title screening-title">
            <Link to={`/console/messages/${r.messageId}`}>{r.messageTitle}</Link>
          </h2>
        }
      >
        <ReviewContext messageId={r.messageId} replyId={r.id} />
        <h3 className="field-label">{t('reviews.underReview')}</h3>
        <div className="timeline-head">
          <span className="muted">{t('messages.numberShort', { number: r.messageNumber })}</span>
          <strong>{r.unit.name}</strong>
          <Tag className={r.final ? 'reply-kind reply-final' : 'reply-kind'}>{r.final ? t('timeline.final') : t('timeline.interim')}</Tag>
          <span className="timeline-at muted">
            <DateTime value={r.submittedAt} />
          </span>
        </div>
        <p className="message-body review-body">{r.body}</p>
        <label htmlFor={noteId} className="field-label">
          {t('handling.form.noteOptional')}
        </label>
        <Input.TextArea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} maxLength={REASON_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} disabled={review.isPending} />
        {review.isError && (
          <div className="form-alert review-error">
            <ErrorAlert error={review.error} />
          </div>
        )}
        <Space wrap className="screening-actions review-actions">
          <Button type="primary" onClick={() => decide(true)} loading={review.isPending && decision === true} disabled={review.isPending} data-testid="review-approve">
            {t('reviews.approve')}
          </Button>
          <Button danger onClick={() => decide(false)} loading={review.isPending && decision === false} disabled={review.isPending} data-testid="review-send-back">
            {t('reviews.sendBack')}
          </Button>
        </Space>
      </Card>
    </li>
  );
}

/**
 * What a reviewer needs beside the reply: the citizen's message and what happened so far (earlier
 * replies, contributions, notes), the chain folded until asked for.
 */
function ReviewContext({ messageId }: { messageId: number; replyId: number }) {
  const t = useT();
  const detail = useStaffMessage(String(messageId));
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const m = detail.data;
  const entries = m.timeline.filter((e) => e.kind !== 'submitted');
  return (
    <div className="review-context" data-testid="review-context">
      <h3 className="field-label">{t('reviews.question')}</h3>
      <blockquote className="review-question">
        <p className="message-body">{m.body}</p>
      </blockquote>
      {entries.length > 0 && (
        <Collapse
          size="small"
          className="review-chain"
          items={[{ key: 'chain', label: t('reviews.chain', { n: entries.length }), children: <EventTimeline entries={entries} isInternal={(e) => (e as StaffTimelineEntry).visibility === 'internal'} /> }]}
        />
      )}
    </div>
  );
}
