import { Select, Tabs } from 'antd';
import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTabParam } from '../../../lib/use-tab-param';
import { LEADER_VIEWS } from '../api/get-handling-list';
import { useRegionBoards } from '../api/get-region-boards';
import { HandlingTable } from '../components/handling-table';
import '../components/handling.css';

/** /console/leader — the leader's lists: 高位办, 领导关注 (put before the leader by the coordinator), the board's messages. */
export function LeaderPage() {
  const t = useT();
  useDocumentTitle(t('leader.title'));
  const [tab, setTab] = useTabParam(LEADER_VIEWS);
  const [params, setParams] = useSearchParams();
  const boardParam = Number(params.get('board'));
  const board = Number.isInteger(boardParam) && boardParam > 0 ? boardParam : undefined;
  const me = useMe();
  const boards = useRegionBoards(me.data?.unit?.regionCode);
  const boardSelectId = useId();

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('leader.title')}</h1>
      </div>
      <p className="page-intro">{t(`leader.intro.${tab}`)}</p>
      <Tabs
        className="work-tabs"
        activeKey={tab}
        onChange={setTab}
        items={LEADER_VIEWS.map((key) => ({ key, label: t(`leader.tab.${key}`) }))}
      />
      {tab === 'board' && (
        <div className="console-toolbar">
          <label htmlFor={boardSelectId} className="field-label">
            {t('leader.board')}
          </label>
          <Select<number>
            id={boardSelectId}
            allowClear
            value={board}
            placeholder={t('leader.allBoards')}
            loading={boards.isPending}
            options={(boards.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            onChange={(value) => setParams(value === undefined ? { tab } : { tab, board: String(value) }, { replace: true })}
            style={{ width: '100%' }}
          />
        </div>
      )}
      <HandlingTable key={`${tab}-${board ?? ''}`} view={tab} board={tab === 'board' ? board : undefined} testId="leader-table" />
    </>
  );
}
