import { Alert, Modal, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { UrgeGroupResult } from '../api/urge-group';
import { useT } from '../../../lib/i18n';

type Item = UrgeGroupResult['items'][number];

/** One line per message of an urged group: urged, or why not (the others stay urged). */
export function UrgeResults({ result, onClose }: { result: UrgeGroupResult | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('oversight.urge.resultTitle')} open={result !== null} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      {result && (
        <div data-testid="urge-results">
          <Alert
            type={result.failed === 0 ? 'success' : 'warning'}
            showIcon
            title={t('oversight.urge.summary', { urged: result.urged, failed: result.failed })}
            description={result.more ? t('oversight.urge.more') : undefined}
            style={{ marginBottom: 12 }}
          />
          <Table<Item>
            rowKey="messageId"
            size="small"
            pagination={result.items.length > 10 ? { pageSize: 10 } : false}
            dataSource={result.items}
            columns={[
              { title: t('oversight.col.number'), key: 'number', render: (_, i) => <Link to={`/console/messages/${i.messageId}`}>{i.number}</Link> },
              {
                title: t('oversight.col.result'),
                key: 'result',
                render: (_, i) => (i.ok ? <Tag color="green">{t('oversight.urge.ok')}</Tag> : <Tag color="red">{t('oversight.urge.failed', { reason: i.error?.title ?? '' })}</Tag>),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
