import { CommentOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import { Link } from 'react-router-dom';
import { useFieldName } from '../../../lib/api/get-fields';
import { useT } from '../../../lib/i18n';
import type { MessageSummary } from '../api/get-messages';
import { DateTime } from '../../../components/date-time';
import { Highlighted } from './highlighted';
import { PublicStatusTag, StatusTag } from '../../../components/status-tag';

interface Props {
  message: MessageSummary;
  /** h2 on a page of its own, h3 below a section heading. */
  headingLevel?: 2 | 3;
  /** Own messages show the full status (待审核, 不予受理 …); public lists the board's tab. */
  fullStatus?: boolean;
  /** Hide the board on a board's own page. */
  showBoard?: boolean;
}

export function MessageItem({ message: m, headingLevel = 3, fullStatus = false, showBoard = true }: Props) {
  const t = useT();
  const fieldName = useFieldName();
  const status = fullStatus || !m.publicStatus ? <StatusTag status={m.status} /> : <PublicStatusTag status={m.publicStatus} />;
  return (
    <li className="message-item" data-testid="message-item">
      <div className="message-item-head">
        {status}
        {createElement(
          `h${headingLevel}`,
          { className: 'message-item-title' },
          <Link to={`/messages/${m.id}`}>
            <Highlighted text={m.title} ranges={m.highlight?.title} />
          </Link>,
        )}
      </div>
      {m.excerpt && (
        <p className="message-item-excerpt">
          <Highlighted text={m.excerpt} ranges={m.highlight?.excerpt} />
        </p>
      )}
      <ul className="message-meta" aria-label={t('messages.meta')}>
        <li>{t(`messageType.${m.type}`)}</li>
        <li>{fieldName(m.fieldCode)}</li>
        {showBoard && (
          <li>
            <Link to={`/board/${m.board.id}`}>{m.board.name}</Link>
          </li>
        )}
        {m.region && <li>{m.region.name}</li>}
        <li>
          <DateTime value={m.createdAt} />
        </li>
        <li>
          <CommentOutlined aria-hidden /> {t('messages.replyCount', { count: m.replyCount })}
        </li>
        {fullStatus && <li className="message-number">{t('messages.numberShort', { number: m.number })}</li>}
      </ul>
    </li>
  );
}
