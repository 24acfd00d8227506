import { GiftOutlined, TrophyOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CampaignEntry } from '../../../../shared/campaigns';
import { DateTime } from '../../../components/date-time';
import { useT } from '../../../lib/i18n';
import { EntryKindTag } from './campaign-tags';

interface Props {
  entry: CampaignEntry;
  /** Where the title leads: the public message page, or the console's. */
  href?: string;
  /** The support button, or the organiser's actions. */
  actions?: ReactNode;
  /** h3 under a section heading, h2 on a page of its own. */
  headingLevel?: 2 | 3 | 4;
  /** Shown above the title, e.g. the campaign on the adopted page. */
  context?: ReactNode;
}

/** What was adopted and where, and the prize: the public note of an adoption. */
export function AdoptionNote({ adopted }: { adopted: NonNullable<CampaignEntry['adopted']> }) {
  const t = useT();
  return (
    <div className="entry-adoption" data-testid="adoption-note">
      <p className="entry-adoption-head">
        <TrophyOutlined aria-hidden /> <strong>{t('campaigns.adoption.title')}</strong>
        <span className="muted">
          {' '}
          · <DateTime value={adopted.at} withTime={false} />
        </span>
      </p>
      <p className="entry-adoption-note pre-wrap">{adopted.note}</p>
      {adopted.prize && (
        <p className="entry-adoption-prize" data-testid="adoption-prize">
          <GiftOutlined aria-hidden /> {t('campaigns.adoption.prize', { prize: adopted.prize })}
        </p>
      )}
    </div>
  );
}

/** One entry (masked): kind, topic, title, text, who and where, support; the adoption note once adopted. */
export function EntryItem({ entry: e, href, actions, headingLevel = 3, context }: Props) {
  const t = useT();
  const Heading = `h${headingLevel}` as const;
  return (
    <li className={e.adopted ? 'entry-item entry-item-adopted' : 'entry-item'} data-testid="entry-item" data-entry={e.id}>
      {context}
      <div className="entry-item-tags">
        <EntryKindTag kind={e.kind} />
        {e.topic && <Tag>{e.topic}</Tag>}
        {e.adopted && <Tag className="status-tag status-tag-done">{t('campaigns.adopted.tag')}</Tag>}
      </div>
      <Heading className="entry-item-title">
        <Link to={href ?? `/messages/${e.id}`}>{e.title}</Link>
      </Heading>
      <p className="entry-item-body">{e.body}</p>
      {e.adopted && <AdoptionNote adopted={e.adopted} />}
      <div className="entry-item-foot">
        <ul className="message-meta" aria-label={t('messages.meta')}>
          <li>{e.authorNickname}</li>
          <li>{e.regionName}</li>
          <li>
            <DateTime value={e.createdAt} />
          </li>
        </ul>
        {actions}
      </div>
    </li>
  );
}
