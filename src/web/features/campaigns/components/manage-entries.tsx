import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Radio, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ENTRY_KINDS, ENTRY_SORTS, type CampaignDetail, type CampaignEntry, type EntryKind, type EntrySort } from '../../../../shared/campaigns';
import { DateTime } from '../../../components/date-time';
import { PagedTable } from '../../../components/paged-table';
import { RegionCascader } from '../../../components/region-cascader';
import { StatusTag } from '../../../components/status-tag';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useUnadoptEntry } from '../api/adopt-entry';
import { useEntries } from '../api/get-entries';
import { AdoptDialog } from './adopt-dialog';
import { EntryKindTag } from './campaign-tags';

type AdoptedFilter = 'all' | 'yes' | 'no';

/** Only entries screening has accepted can be adopted (the server says so too: entry_not_adoptable). */
const NOT_ADOPTABLE = new Set(['submitted', 'rejected', 'withdrawn']);

/** The organiser's view of every entry (masked): filters by topic, region, kind and adoption; sorted; 采纳; export. */
export function ManageEntries({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [sort, setSort] = useState<EntrySort>('newest');
  const [topic, setTopic] = useState<string | undefined>(undefined);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<EntryKind | undefined>(undefined);
  const [adopted, setAdopted] = useState<AdoptedFilter>('all');
  const [adopting, setAdopting] = useState<CampaignEntry | null>(null);
  const unadopt = useUnadoptEntry();
  const ids = { sort: useId(), topic: useId(), region: useId(), kind: useId(), adopted: useId() };
  const list = useEntries(campaign.id, { sort, topic, region, kind, adopted: adopted === 'all' ? undefined : adopted === 'yes' }, { limit: 50 });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canAdopt = campaign.status !== 'draft';

  const actions = (e: CampaignEntry) =>
    canAdopt &&
    (e.status && NOT_ADOPTABLE.has(e.status) && !e.adopted ? (
      <p className="muted manage-adoption-note">{t('campaigns.adopt.afterScreening')}</p>
    ) : (
      <Space wrap size={4} className="manage-actions">
        <Button size="small" type={e.adopted ? 'default' : 'primary'} onClick={() => setAdopting(e)} data-testid="adopt-button">
          {e.adopted ? t('campaigns.adopt.edit') : t('campaigns.adopt.do')}
        </Button>
        {e.adopted && (
          <Popconfirm
            title={t('campaigns.adopt.undoConfirm')}
            okText={t('campaigns.adopt.undo')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              unadopt.mutateAsync({ campaignId: e.campaignId, entryId: e.id }).then(
                () => void message.success(t('campaigns.adopt.undone')),
                (error: unknown) => void message.error(isApiError(error) ? error.title || t('error.generic') : t('error.generic')),
              )
            }
          >
            <Button size="small" danger>
              {t('campaigns.adopt.undo')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ));

  const columns: TableColumnsType<CampaignEntry> = [
    {
      title: t('campaigns.col.entry'),
      key: 'entry',
      render: (_, e) => (
        <div className="manage-entry">
          <Space size={4} wrap>
            <EntryKindTag kind={e.kind} />
            {e.topic && <Tag>{e.topic}</Tag>}
            {/* Entries are messages: screened and handled like any other; the organiser follows that here. */}
            {e.status && <StatusTag status={e.status} />}
          </Space>
          <Link to={`/console/messages/${e.id}`} className="manage-entry-title">
            {e.title}
          </Link>
          <p className="manage-entry-body">{e.body}</p>
          <span className="muted manage-entry-meta">
            {e.number} · {e.authorNickname} · {e.regionName} · <DateTime value={e.createdAt} />
          </span>
        </div>
      ),
    },
    { title: t('campaigns.col.supports'), dataIndex: 'supportCount', align: 'right', width: '5rem' },
    {
      title: t('campaigns.col.adoption'),
      key: 'adoption',
      render: (_, e) => (
        <div className="manage-adoption" data-testid="manage-adoption">
          {e.adopted ? (
            <>
              <Space size={4} wrap>
                <Tag className="status-tag status-tag-done">{t('campaigns.adopted.tag')}</Tag>
                {e.adopted.prize && <Tag className="status-tag status-tag-bad">{e.adopted.prize}</Tag>}
              </Space>
              <p className="manage-adoption-note">{e.adopted.note}</p>
            </>
          ) : (
            <p className="muted manage-adoption-note">{t('campaigns.adopted.not')}</p>
          )}
          {actions(e)}
        </div>
      ),
    },
  ];

  return (
    <>
      <div role="search" className="manage-entry-filters">
        <div className="manage-filter">
          <span id={ids.sort}>{t('campaigns.entries.sort')}</span>
          <Radio.Group aria-labelledby={ids.sort} optionType="button" buttonStyle="solid" value={sort} onChange={(e) => setSort(e.target.value as EntrySort)} options={ENTRY_SORTS.map((s) => ({ value: s, label: t(`campaigns.sort.${s}`) }))} />
        </div>
        {campaign.topics.length > 0 && (
          <div className="manage-filter">
            <label htmlFor={ids.topic}>{t('campaigns.entries.topic')}</label>
            <Select<string> id={ids.topic} allowClear value={topic} onChange={setTopic} placeholder={t('campaigns.entries.allTopics')} options={campaign.topics.map((x) => ({ value: x, label: x }))} style={{ minWidth: '10rem' }} />
          </div>
        )}
        <div className="manage-filter">
          <label htmlFor={ids.region}>{t('campaigns.entries.region')}</label>
          <span className="manage-filter-region">
            <RegionCascader id={ids.region} value={region} onChange={setRegion} />
          </span>
        </div>
        <div className="manage-filter">
          <label htmlFor={ids.kind}>{t('campaigns.entries.kind')}</label>
          <Select<EntryKind>
            id={ids.kind}
            allowClear
            value={kind}
            onChange={setKind}
            placeholder={t('campaigns.entries.allKinds')}
            options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`campaigns.kind.${k}`) }))}
            style={{ minWidth: '8rem' }}
          />
        </div>
        <div className="manage-filter">
          <span id={ids.adopted}>{t('campaigns.entries.adoptedFilter')}</span>
          <Radio.Group
            aria-labelledby={ids.adopted}
            optionType="button" buttonStyle="solid"
            value={adopted}
            onChange={(e) => setAdopted(e.target.value as AdoptedFilter)}
            options={[
              { value: 'all', label: t('campaigns.entries.all') },
              { value: 'yes', label: t('campaigns.adopted.tag') },
              { value: 'no', label: t('campaigns.adopted.not') },
            ]}
          />
        </div>
        {(topic || region || kind || adopted !== 'all') && (
          <Button
            onClick={() => {
              setTopic(undefined);
              setRegion(undefined);
              setKind(undefined);
              setAdopted('all');
            }}
          >
            {t('campaigns.entries.clear')}
          </Button>
        )}
        <Button icon={<FileExcelOutlined aria-hidden />} href={`/api/v1/campaigns/${campaign.id}/entries.xlsx`} download className="manage-export" data-testid="entries-export">
          {t('campaigns.entries.export')}
        </Button>
      </div>
      <p className="muted manage-entries-note">{t('campaigns.entries.manageNote')}</p>
      <PagedTable<CampaignEntry> list={list} columns={columns} dataSource={rows} locale={{ emptyText: t('campaigns.entries.noneManage') }} data-testid="manage-entries" />
      {adopting && <AdoptDialog entry={adopting} hasPrizes={campaign.hasPrizes} onClose={() => setAdopting(null)} />}
    </>
  );
}
