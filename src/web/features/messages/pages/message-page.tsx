import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ButtonLink } from '../../../components/button-link';
import { DetailSection } from '../../../components/detail-section';
import { MessageBody, MessageHead } from '../../../components/message-head';
import { RecordFallback } from '../../../components/query-error';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMessage, type MessageDetail } from '../api/get-message';
import { useWithdrawMessage } from '../api/withdraw-message';
import { FlagTags } from '../../../components/flag-tags';
import { FollowUpForm } from '../components/follow-up-form';
import { HandlingChain } from '../components/handling-chain';
import { MessageTimeline } from '../components/message-timeline';
import { RatingForm, RatingView } from '../components/rating';
import { ReplyBox } from '../components/reply-box';

/** /messages/:id — one message with its whole history and what the viewer may do with it. */
export function MessagePage() {
  const t = useT();
  const { id = '' } = useParams();
  const message = useMessage(id);
  useDocumentTitle(message.data?.title ?? t('detail.title'));

  if (!message.isSuccess) return <RecordFallback query={message} />;
  return <Detail m={message.data} />;
}

function Detail({ m }: { m: MessageDetail }) {
  const t = useT();
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
      <MessageHead message={m} board={<Link to={`/board/${m.board.id}`}>{m.board.name}</Link>} region={m.region?.name} />

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

      <MessageBody message={m}>
        {(!m.photosPublic || !m.locationPublic) && (
          <p className="muted detail-private-bits">
            <EyeInvisibleOutlined aria-hidden /> {[!m.photosPublic && t('detail.photosPrivate'), !m.locationPublic && t('detail.locationPrivate')].filter(Boolean).join(t('common.listSeparator'))}
          </p>
        )}
      </MessageBody>

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

      <DetailSection
        headingId="timeline-heading"
        title={
          <>
            {t('detail.timeline')} <span className="muted section-count">{t('messages.replyCount', { count: replies })}</span>
          </>
        }
      >
        <Card className="detail-card">
          <MessageTimeline entries={m.timeline} />
        </Card>
      </DetailSection>

      {(m.rating || m.abilities.rate) && <RatingSection m={m} />}

      {m.abilities.followUp && (
        <DetailSection headingId="follow-up-heading" title={t('followUp.title')}>
          <Card className="detail-card">
            <FollowUpForm messageId={m.id} />
          </Card>
        </DetailSection>
      )}

      {m.abilities.reply && (
        <DetailSection headingId="reply-heading" title={t('reply.title')}>
          <Card className="detail-card">
            <ReplyBox messageId={m.id} />
          </Card>
        </DetailSection>
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
    <DetailSection headingId="rating-heading" title={t('rating.title')}>
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
    </DetailSection>
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
    <DetailSection headingId="withdraw-heading" title={t('withdraw.title')}>
      <Card className="detail-card">
        <p className="muted">{t('withdraw.help')}</p>
        <Button danger onClick={confirm} loading={withdraw.isPending} data-testid="withdraw">
          {t('withdraw.button')}
        </Button>
      </Card>
    </DetailSection>
  );
}
