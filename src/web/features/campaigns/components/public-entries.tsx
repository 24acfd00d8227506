import { Alert, Radio, Select, Skeleton } from 'antd';
import { useId, useState } from 'react';
import type { CampaignDetail, EntrySort } from '../../../../shared/campaigns';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useEntries } from '../api/get-entries';
import { EntryItem } from './entry-item';
import { SupportButton } from './support-button';

const SORTS = ['newest', 'support'] as const satisfies readonly EntrySort[];

/** The public entries of a campaign (accepted and public ones), newest or most supported first, by topic. */
export function PublicEntries({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const [sort, setSort] = useState<EntrySort>('newest');
  const [topic, setTopic] = useState<string | undefined>(undefined);
  const sortId = useId();
  const topicId = useId();
  const list = useEntries(campaign.id, { sort, topic });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // Supports belong to a campaign that is still public; after the results they stay as they were.
  const canSupport = campaign.status !== 'draft';

  return (
    <>
      <div className="entry-filters" role="group" aria-label={t('campaigns.entries.filters')}>
        <span id={sortId} className="visually-hidden">
          {t('campaigns.entries.sort')}
        </span>
        <Radio.Group
          aria-labelledby={sortId}
          optionType="button" buttonStyle="solid"
          value={sort}
          onChange={(e) => setSort(e.target.value as EntrySort)}
          options={SORTS.map((s) => ({ value: s, label: t(`campaigns.sort.${s}`) }))}
          data-testid="entry-sort"
        />
        {campaign.topics.length > 0 && (
          <>
            <label htmlFor={topicId} className="visually-hidden">
              {t('campaigns.entries.topic')}
            </label>
            <Select<string>
              id={topicId}
              allowClear
              value={topic}
              onChange={setTopic}
              placeholder={t('campaigns.entries.allTopics')}
              options={campaign.topics.map((x) => ({ value: x, label: x }))}
              className="entry-topic-filter"
            />
          </>
        )}
      </div>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Alert type="info" showIcon title={t('campaigns.entries.none')} description={t('campaigns.entries.noneHelp')} />
      ) : (
        <>
          <ul className="entry-list" data-testid="public-entries">
            {items.map((e) => (
              <EntryItem key={e.id} entry={e} actions={<SupportButton entry={e} canSupport={canSupport} />} />
            ))}
          </ul>
          <LoadMore list={list} endNote />
        </>
      )}
    </>
  );
}
