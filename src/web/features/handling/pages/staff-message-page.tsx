import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Empty, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { DetailSection } from '../../../components/detail-section';
import { EventTimeline, type EventEntry } from '../../../components/event-timeline';
import { FlagTags } from '../../../components/flag-tags';
import { MessageBody, MessageHead } from '../../../components/message-head';
import { RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useStaffMessage, type ExtensionOnMessage, type Handling, type HeldReply, type StaffMessage, type StaffTimelineEntry } from '../api/get-staff-message';
import { AssignmentTree } from '../components/assignment-tree';
import { HandlingDialog, type HandlingDialogState } from '../components/handling-dialogs';
import { ExtensionStatusTag, HandlingClassTag, LeaderAttentionTag, SupervisedTag } from '../components/handling-tags';
import '../components/handling.css';

/**
 * Kinds the public never sees, for servers that do not yet send `visibility`
 * with each entry (the server's own choice always wins when present).
 */
const STAFF_ONLY_KINDS = new Set([
  'flagged',
  'returned',
  'contacted',
  'contribution',
  'reply_submitted',
  'reply_approved',
  'reply_rejected',
  'extension_requested',
  'extension_decided',
  'urged',
  'supervised',
  'instruction',
  'leader_flagged',
  'leader_unflagged',
  'note',
  'overdue',
  'callback',
]);

function isInternal(e: EventEntry): boolean {
  const visibility = (e as StaffTimelineEntry).visibility;
  return visibility ? visibility === 'internal' : STAFF_ONLY_KINDS.has(e.kind);
}

/** /console/messages/:id — a message as staff handle it: the chain of units, deadlines, actions and the full timeline. */
export function StaffMessagePage() {
  const t = useT();
  const { id = '' } = useParams();
  const message = useStaffMessage(id);
  useDocumentTitle(message.data ? t('handling.pageTitle', { number: message.data.number }) : t('handling.title'));

  if (!message.isSuccess) return <RecordFallback query={message} />;
  return <Desk m={message.data} />;
}

function Desk({ m }: { m: StaffMessage }) {
  const t = useT();
  const [dialog, setDialog] = useState<HandlingDialogState | null>(null);
  const h = m.handling ?? null;
  const dialogMessage = { id: m.id, number: m.number, title: m.title, handlingClass: h?.handlingClass ?? null };

  return (
    <article className="staff-message" data-testid="staff-message">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'console', title: <Link to="/console">{t('console.title')}</Link> },
          { key: 'this', title: <span aria-current="page">{t('handling.crumb', { number: m.number })}</span> },
        ]}
      />
      <MessageHead
        message={m}
        board={m.board.name}
        region={m.region?.name ?? t('common.none')}
        tags={
          <>
            {h?.handlingClass && <HandlingClassTag value={h.handlingClass} />}
            {h?.supervisedAt && <SupervisedTag />}
            {h?.leaderAttention && <LeaderAttentionTag />}
          </>
        }
        meta={h && h.overdueCount > 0 ? [{ key: 'overdue', label: t('handling.overdueCount'), children: t('handling.times', { n: h.overdueCount }) }] : []}
      >
        {m.isPublic && m.status !== 'submitted' && m.status !== 'rejected' && m.status !== 'withdrawn' && (
          <Link to={`/messages/${m.id}`} className="public-link">
            {t('handling.publicPage')}
          </Link>
        )}
      </MessageHead>

      <MessageBody message={m}>
        {m.privateNote && <Alert type="info" className="screening-note" title={t('detail.privateNote')} description={<span className="pre-wrap">{m.privateNote}</span>} />}
        {m.flags && m.flags.length > 0 && (
          <div className="screening-flags">
            <span className="screening-label">{t('detail.flags')}</span>
            <FlagTags flags={m.flags} />
          </div>
        )}
      </MessageBody>

      {h ? (
        <>
          <MessageActions m={m} h={h} onAction={setDialog} />
          <DetailSection headingId="chain-heading" title={t('handling.chain')}>
            {h.assignments.length > 0 ? (
              <AssignmentTree assignments={h.assignments} onAction={setDialog} />
            ) : (
              <Card className="detail-card">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('handling.notAssigned')} />
              </Card>
            )}
          </DetailSection>
          {h.heldReplies.length > 0 && <HeldReplies replies={h.heldReplies} onAction={setDialog} />}
          {h.extensions.length > 0 && <Extensions h={h} onAction={setDialog} />}
        </>
      ) : (
        <Alert type="info" showIcon className="detail-notice" title={t('handling.outOfScope')} />
      )}

      <DetailSection headingId="timeline-heading" title={t('handling.timeline')}>
        <Card className="detail-card">
          <EventTimeline entries={m.timeline} isInternal={isInternal} />
        </Card>
      </DetailSection>

      {dialog && <HandlingDialog state={dialog} message={dialogMessage} onClose={() => setDialog(null)} />}
    </article>
  );
}

/** The message-level buttons the server allows, and the letters issued so far. */
function MessageActions({ m, h, onAction }: { m: StaffMessage; h: Handling; onAction: (state: HandlingDialogState) => void }) {
  const t = useT();
  const ab = h.abilities;
  const buttons = [
    ab.assign && (
      <Button key="assign" type="primary" onClick={() => onAction({ kind: 'assign' })} data-testid="action-assign">
        {t('handling.action.assign')}
      </Button>
    ),
    ab.urge && (
      <Button key="urge" onClick={() => onAction({ kind: 'urge' })} data-testid="action-urge">
        {t('handling.action.urge')}
      </Button>
    ),
    ab.supervise && (
      <Button key="supervise" onClick={() => onAction({ kind: 'supervise' })} data-testid="action-supervise">
        {t('handling.action.supervise')}
      </Button>
    ),
    ab.leaderAttention && (
      <Button key="leader" onClick={() => onAction({ kind: 'leaderAttention', attention: !h.leaderAttention })} data-testid="action-leader-attention">
        {h.leaderAttention ? t('handling.leaderAttention.off') : t('handling.leaderAttention.on')}
      </Button>
    ),
    ab.instruct && (
      <Button key="instruct" type="primary" onClick={() => onAction({ kind: 'instruct' })} data-testid="action-instruct">
        {t('handling.action.instruct')}
      </Button>
    ),
    ab.reopen && (
      <Button key="reopen" type="primary" onClick={() => onAction({ kind: 'reopen' })} data-testid="action-reopen">
        {t('handling.action.reopen', { n: h.reopensLeft })}
      </Button>
    ),
    ab.closeExplained && (
      <Button key="close" onClick={() => onAction({ kind: 'close' })} data-testid="action-close">
        {t('handling.action.close')}
      </Button>
    ),
    ab.callback && (
      <Button key="callback" onClick={() => onAction({ kind: 'callback' })} data-testid="action-callback">
        {t('handling.action.callback')}
      </Button>
    ),
    ab.note && (
      <Button key="note" onClick={() => onAction({ kind: 'note' })} data-testid="action-note">
        {t('handling.action.note')}
      </Button>
    ),
  ].filter(Boolean);
  const letters = h.letters.map((kind) => (
    <ButtonLink key={kind} to={`/console/messages/${m.id}/letters/${kind}`} icon={<FileTextOutlined aria-hidden />} data-testid={`letter-${kind}`}>
      {t(`letters.kind.${kind}`)}
    </ButtonLink>
  ));
  if (buttons.length === 0 && letters.length === 0 && !m.abilities.screen) return null;
  return (
    <DetailSection headingId="actions-heading" title={t('handling.actions')}>
      <Card className="detail-card">
        {m.abilities.screen && (
          <p>
            <ButtonLink to="/console/screening" type="primary">
              {t('detail.toScreening')}
            </ButtonLink>
          </p>
        )}
        {buttons.length > 0 && (
          <Space wrap className="message-actions" data-testid="message-actions">
            {buttons}
          </Space>
        )}
        {letters.length > 0 && (
          <div className="letters-links">
            <span className="muted">{t('handling.letters')}</span>
            <Space wrap>{letters}</Space>
          </div>
        )}
      </Card>
    </DetailSection>
  );
}

function HeldReplies({ replies, onAction }: { replies: HeldReply[]; onAction: (state: HandlingDialogState) => void }) {
  const t = useT();
  return (
    <DetailSection headingId="held-heading" title={t('handling.heldReplies')}>
      <ul className="plain-list">
        {replies.map((r) => (
          <li key={r.id}>
            <Card className="detail-card held-reply" data-testid="held-reply">
              <div className="timeline-head">
                <strong>{r.unit.name}</strong>
                <Tag className={r.final ? 'reply-kind reply-final' : 'reply-kind'}>{r.final ? t('timeline.final') : t('timeline.interim')}</Tag>
                <Tag className={`status-tag ${r.status === 'pending_review' ? 'status-tag-pending' : 'status-tag-bad'}`}>
                  {r.status === 'pending_review' ? t('replyStatus.pending_review') : t('replyStatus.rejected')}
                </Tag>
                {r.reviewBy && <span className="muted">{t(`reviewBy.${r.reviewBy}`)}</span>}
                <span className="timeline-at muted">
                  <DateTime value={r.submittedAt} />
                </span>
              </div>
              <p className="timeline-body">{r.body}</p>
              {r.reviewNote && (
                <p className="assignment-text">
                  <span className="assignment-text-label">{t('handling.reviewNote')}</span>
                  <span className="pre-wrap">{r.reviewNote}</span>
                </p>
              )}
              {r.canReview && (
                <Button type="primary" onClick={() => onAction({ kind: 'review', reply: r })} data-testid="action-review">
                  {t('handling.action.review')}
                </Button>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}

function Extensions({ h, onAction }: { h: Handling; onAction: (state: HandlingDialogState) => void }) {
  const t = useT();
  const unitOf = (e: ExtensionOnMessage) => h.assignments.find((a) => a.id === e.assignmentId)?.unit.name ?? '';
  return (
    <DetailSection headingId="extensions-heading" title={t('handling.extensions')}>
      <ul className="plain-list">
        {h.extensions.map((e) => (
          <li key={e.id}>
            <Card className="detail-card" data-testid="extension">
              <div className="timeline-head">
                <strong>{t('handling.extensionSummary', { unit: unitOf(e), days: e.days })}</strong>
                <ExtensionStatusTag status={e.status} />
                <span className="timeline-at muted">
                  <DateTime value={e.requestedAt} />
                </span>
              </div>
              <p className="timeline-body">{e.reason}</p>
              {e.decisionNote && (
                <p className="assignment-text">
                  <span className="assignment-text-label">{t('handling.decisionNote')}</span>
                  <span className="pre-wrap">{e.decisionNote}</span>
                </p>
              )}
              {e.canDecide && (
                <Button type="primary" onClick={() => onAction({ kind: 'decideExtension', extension: e, unitName: unitOf(e) })} data-testid="action-decide-extension">
                  {t('handling.action.decideExtension')}
                </Button>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </DetailSection>
  );
}
