import { LockOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useFieldName } from '../lib/api/get-fields';
import type { MessageBasics } from '../lib/api/message-basics';
import { useT } from '../lib/i18n';
import { DateTime } from './date-time';
import { PhotoGallery } from './photo-gallery';
import { StatusTag } from './status-tag';

interface MessageHeadProps {
  message: MessageBasics & { isPublic: boolean; author: { nickname: string } };
  /** The board as this page shows it: a link on the public page, its name in the console. */
  board: ReactNode;
  /** The region's row; left out when undefined (the public page, for a location kept private). */
  region?: ReactNode;
  /** Tags after the status, e.g. the handling class staff see. */
  tags?: ReactNode;
  /** Rows after the common ones. */
  meta?: DescriptionsProps['items'];
  /** Below the metadata, inside the header. */
  children?: ReactNode;
}

/** The top of a message page, public or staff: status and type tags, the title and the metadata. */
export function MessageHead({ message: m, board, region, tags, meta = [], children }: MessageHeadProps) {
  const t = useT();
  const fieldName = useFieldName();
  return (
    <header className="detail-head">
      <Space size={[8, 8]} wrap className="detail-tags">
        <StatusTag status={m.status} />
        {tags}
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
          { key: 'board', label: t('detail.board'), children: board },
          { key: 'field', label: t('detail.field'), children: fieldName(m.fieldCode) },
          ...(region === undefined ? [] : [{ key: 'region', label: t('detail.region'), children: region }]),
          { key: 'author', label: t('detail.author'), children: m.author.nickname },
          { key: 'at', label: t('detail.createdAt'), children: <DateTime value={m.createdAt} /> },
          ...meta,
        ]}
      />
      {children}
    </header>
  );
}

/** The message's text and photos in a card; `children` adds what only some readers see. */
export function MessageBody({ message: m, children }: { message: { body: string; photos: { id: string; url: string; thumbUrl: string }[] }; children?: ReactNode }) {
  return (
    <Card className="detail-card">
      <div className="message-body">{m.body}</div>
      {m.photos.length > 0 && (
        <div className="detail-photos">
          <PhotoGallery photos={m.photos} />
        </div>
      )}
      {children}
    </Card>
  );
}
