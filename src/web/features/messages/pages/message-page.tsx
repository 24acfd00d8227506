import { EyeInvisibleOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ButtonLink } from '../../../components/button-link';
import { QueryError } from '../../../components/query-error';
import { NotFoundResult } from '../../../components/results';
import { useFieldName } from '../../../lib/api/get-fields';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMessage, type MessageDetail } from '../api/get-message';
import { useWithdrawMessage } from '../api/withdraw-message';
import { DateTime } from '../../../components/date-time';
import { FlagTags } from '../../../components/flag-tags';
import { FollowUpForm } from '../components/follow-up-form';
import { HandlingChain } from '../components/handling-chain';
import { MessageTimeline } from '../components/message-timeline';
import { PhotoGallery } from '../../../components/photo-gallery';
import { RatingForm, RatingView } from '../components/rating';
import { ReplyBox } from '../components/reply-box';
import { StatusTag } from '../../../components/status-tag';

/** /messages/:id — one message with its whole history and what the viewer may do with it. */
export function MessagePage() {
  const t = useT();
  const { id = '' } = useParams();
  const message = useMessage(id);
  useDocumentTitle(message.data?.title ?? t('detail.title'));

  if (message.isPending) return <Skeleton active />;
  if (message.isError) {
    if (isApiError(message.error) && (message.error.status === 404 || message.error.status === 400)) return <NotFoundResult />;
    return <QueryError error={message.error} onRetry={() => void message.refetch()} />;
  }
  return <Detail m={message.data} />;
}

function Detail({ m }: { m: MessageDetail }) {
  const t = useT();
  const fieldName = useFieldName();
  const staffView = m.privateNote !== undefined || m.flags !== undefined;
  const replies = m.timeline.filter((e) => e.kind === 'reply').length;

  return (
    <article className="message-detail" data-testid="message-detail">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'messages', title: <Link to="/messages">{t('nav.messages')}</Link> },
          { key: 'board', title: <Link to={`/board/${m.board.id}`}>{m.board.name}</Link> },
          { key: 'this', title: <span aria-current="page">{t('detail.crumb')}</span> },
        ]}
      />
      <header className="detail-head">
        <Space size={[8, 8]} wrap className="detail-tags">
          <StatusTag status={m.status} />
          <Tag>{t(`messageType.${m.type}`)}</Tag>
          {!m.isPublic && (
            <Tag icon={<LockOutlined aria-hidden />} className="status-tag status-tag-ended">
              {t('detail.private')}
            </Tag>
          )}
        </Space>
        <h1 className="page-title detail-title">{m.title}</h1>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          className="detail-meta"
          items={[
            { key: 'number', label: t('detail.number'), children: <span data-testid="message-number">{m.number}</span> },
            { key: 'board', label: t('detail.board'), children: <Link to={`/board/${m.board.id}`}>{m.board.name}</Link> },
            { key: 'field', label: t('detail.field'), children: fieldName(m.fieldCode) },
            ...(m.region ? [{ key: 'region', label: t('detail.region'), children: m.region.name }] : []),
            { key: 'author', label: t('detail.author'), children: m.author.nickname },
            { key: 'at', label: t('detail.createdAt'), children: <DateTime value={m.createdAt} /> },
          ]}
        />
      </header>

      {m.status === 'submitted' && <Alert type="info" showIcon className="detail-notice" title={t('detail.waiting')} />}
      {m.status === 'rejected' && (
        <Alert
          type="warning"
          showIcon
          className="detail-notice"
          title={t('detail.rejected')}
          description={m.rejectReason ? t('detail.rejectReason', { reason: t(`rejectReason.${m.rejectReason}`) }) : undefined}
        />
      )}
      {m.status === 'withdrawn' && <Alert type="info" showIcon className="detail-notice" title={t('detail.withdrawn')} />}

      <Card className="detail-card">
        <div className="message-body">{m.body}</div>
        {m.photos.length > 0 && (
          <div className="detail-photos">
            <PhotoGallery photos={m.photos} />
          </div>
        )}
        {(!m.photosPublic || !m.locationPublic) && (
          <p className="muted detail-private-bits">
            <EyeInvisibleOutlined aria-hidden /> {[!m.photosPublic && t('detail.photosPrivate'), !m.locationPublic && t('detail.locationPrivate')].filter(Boolean).join(t('common.listSeparator'))}
          </p>
        )}
      </Card>

      {staffView && (
        <Card className="detail-card staff-card" title={<h2 className="card-title">{t('detail.staffOnly')}</h2>} data-testid="staff-panel">
          <Descriptions
            column={1}
            size="small"
            layout="vertical"
            items={[
              {
                key: 'note',
                label: t('detail.privateNote'),
                children: m.privateNote ? <span className="pre-wrap">{m.privateNote}</span> : t('common.none'),
              },
              { key: 'flags', label: t('detail.flags'), children: m.flags && m.flags.length > 0 ? <FlagTags flags={m.flags} /> : t('common.none') },
            ]}
          />
          <Space wrap className="staff-actions">
            {m.abilities.screen && (
              <ButtonLink to="/console/screening" type="primary">
                {t('detail.toScreening')}
              </ButtonLink>
            )}
            <ButtonLink to={`/console/messages/${m.id}`} data-testid="to-handling">
              {t('detail.toHandling')}
            </ButtonLink>
          </Space>
        </Card>
      )}

      <HandlingChain entries={m.timeline} />

      <section aria-labelledby="timeline-heading" className="detail-section">
        <h2 id="timeline-heading" className="section-title">
          {t('detail.timeline')} <span className="muted section-count">{t('messages.replyCount', { count: replies })}</span>
        </h2>
        <Card className="detail-card">
          <MessageTimeline entries={m.timeline} />
        </Card>
      </section>

      {(m.rating || m.abilities.rate) && <RatingSection m={m} />}

      {m.abilities.followUp && (
        <section aria-labelledby="follow-up-heading" className="detail-section">
          <h2 id="follow-up-heading" className="section-title">
            {t('followUp.title')}
          </h2>
          <Card className="detail-card">
            <FollowUpForm messageId={m.id} />
          </Card>
        </section>
      )}

      {m.abilities.reply && (
        <section aria-labelledby="reply-heading" className="detail-section">
          <h2 id="reply-heading" className="section-title">
            {t('reply.title')}
          </h2>
          <Card className="detail-card">
            <ReplyBox messageId={m.id} />
          </Card>
        </section>
      )}

      {m.abilities.withdraw && <WithdrawSection m={m} />}
    </article>
  );
}

function RatingSection({ m }: { m: MessageDetail }) {
  const t = useT();
  const [changing, setChanging] = useState(false);
  const rating = m.rating;
  const showForm = m.abilities.rate && (!rating || changing);
  return (
    <section aria-labelledby="rating-heading" className="detail-section">
      <h2 id="rating-heading" className="section-title">
        {t('rating.title')}
      </h2>
      <Card className="detail-card" data-testid="rating-card">
        {showForm ? (
          <>
            {!rating && <p className="muted rating-intro">{t('rating.intro')}</p>}
            {rating && <p className="muted rating-intro">{t('rating.changeOnce')}</p>}
            <RatingForm messageId={m.id} initial={rating} onDone={() => setChanging(false)} />
            {changing && (
              <Button type="link" onClick={() => setChanging(false)}>
                {t('common.cancel')}
              </Button>
            )}
          </>
        ) : rating ? (
          <>
            <RatingView rating={rating} />
            {m.abilities.rate && rating.canChange && (
              <Button onClick={() => setChanging(true)} data-testid="rating-change">
                {t('rating.change')}
              </Button>
            )}
          </>
        ) : null}
      </Card>
    </section>
  );
}

function WithdrawSection({ m }: { m: MessageDetail }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const withdraw = useWithdrawMessage();
  const confirm = () => {
    void modal.confirm({
      title: t('withdraw.confirmTitle'),
      content: t('withdraw.confirmBody'),
      okText: t('withdraw.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        withdraw.mutateAsync(m.id).then(
          () => void message.success(t('withdraw.done')),
          (error: unknown) => {
            void message.error(isApiError(error) ? error.detail || error.title || t('error.generic') : t('error.generic'));
          },
        ),
    });
  };
  return (
    <section aria-labelledby="withdraw-heading" className="detail-section">
      <h2 id="withdraw-heading" className="section-title">
        {t('withdraw.title')}
      </h2>
      <Card className="detail-card">
        <p className="muted">{t('withdraw.help')}</p>
        <Button danger onClick={confirm} loading={withdraw.isPending} data-testid="withdraw">
          {t('withdraw.button')}
        </Button>
      </Card>
    </section>
  );
}
