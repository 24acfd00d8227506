import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { QueryError } from '../../../components/query-error';
import { useMe } from '../../../lib/api/get-me';
import { useT, type MessageKey } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useWorkbench, type Workbench } from '../api/get-workbench';
import './workbench.css';

interface Tile {
  key: string;
  label: MessageKey;
  count: number;
  to: string;
  /** Work that is late or about to be: drawn in the warning colour when not zero. */
  urgent?: boolean;
}

/** The tiles of each section, in the order a day's work goes: what is late first. */
function sections(wb: Workbench): Array<{ title: MessageKey; tiles: Tile[] }> {
  const out: Array<{ title: MessageKey; tiles: Tile[] }> = [];
  if (wb.inbox) {
    out.push({
      title: 'workbench.section.inbox',
      tiles: [
        { key: 'inbox-overdue', label: 'workbench.inbox.overdue', count: wb.inbox.overdue, to: '/console/inbox?tab=overdue', urgent: true },
        { key: 'inbox-due-soon', label: 'workbench.inbox.dueSoon', count: wb.inbox.dueSoon, to: '/console/inbox?tab=due_soon', urgent: true },
        { key: 'inbox-to-sign', label: 'workbench.inbox.toSign', count: wb.inbox.toSign, to: '/console/inbox' },
        { key: 'inbox-in-progress', label: 'workbench.inbox.inProgress', count: wb.inbox.inProgress, to: '/console/inbox?tab=in_progress' },
        { key: 'inbox-returned', label: 'workbench.inbox.returned', count: wb.inbox.returned, to: '/console/inbox?tab=returned' },
      ],
    });
  }
  if (wb.screening || wb.supervision) {
    const tiles: Tile[] = [];
    if (wb.screening) tiles.push({ key: 'to-screen', label: 'workbench.screening.toScreen', count: wb.screening.toScreen, to: '/console/screening' });
    if (wb.supervision) {
      tiles.push(
        { key: 'to-assign', label: 'workbench.supervision.toAssign', count: wb.supervision.toAssign, to: '/console/supervision' },
        { key: 'sup-overdue', label: 'workbench.supervision.overdue', count: wb.supervision.overdue, to: '/console/supervision?tab=overdue', urgent: true },
        { key: 'dissatisfied', label: 'workbench.supervision.dissatisfied', count: wb.supervision.dissatisfied, to: '/console/supervision?tab=dissatisfied', urgent: true },
        { key: 'extensions', label: 'workbench.supervision.extensions', count: wb.supervision.extensions, to: '/console/supervision?tab=extensions' },
        { key: 'supervised', label: 'workbench.supervision.supervised', count: wb.supervision.supervised, to: '/console/supervision?tab=supervised' },
      );
    }
    out.push({ title: 'workbench.section.coordination', tiles });
  }
  if (wb.reviews) out.push({ title: 'workbench.section.reviews', tiles: [{ key: 'reviews', label: 'workbench.reviews.awaiting', count: wb.reviews.awaitingReview, to: '/console/reviews' }] });
  return out;
}

/** /console — the staff member's day: counts that are links to the lists holding the rows. */
export function WorkbenchPage() {
  const t = useT();
  useDocumentTitle(t('workbench.title'));
  const me = useMe();
  const wb = useWorkbench();
  const countText = (n: number) => (wb.data && n >= wb.data.cap ? `${wb.data.cap}+` : String(n));

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('workbench.title')}</h1>
      </div>
      <p className="page-intro">{t('workbench.greeting', { name: me.data?.displayName ?? '', unit: me.data?.unit?.name ?? '' })}</p>
      {wb.isPending && <Skeleton active />}
      {wb.isError && <QueryError error={wb.error} onRetry={() => void wb.refetch()} />}
      {wb.data && (
        <div data-testid="workbench">
          {sections(wb.data).map((section) => (
            <section key={section.title} className="workbench-section" aria-labelledby={`${section.title}-h`}>
              <h2 id={`${section.title}-h`} className="workbench-section-title">
                {t(section.title)}
              </h2>
              <Row gutter={[12, 12]}>
                {section.tiles.map((tile) => (
                  <Col key={tile.key} xs={12} sm={8} lg={6} xl={4}>
                    <Link to={tile.to} className={`workbench-tile${tile.urgent && tile.count > 0 ? ' workbench-tile-urgent' : ''}`} data-testid={`workbench-${tile.key}`}>
                      <span className="workbench-count">{countText(tile.count)}</span>
                      <span className="workbench-label">{t(tile.label)}</span>
                    </Link>
                  </Col>
                ))}
              </Row>
            </section>
          ))}
          {wb.data.month && (
            <section className="workbench-section" aria-labelledby="workbench-month-h">
              <h2 id="workbench-month-h" className="workbench-section-title">
                {t('workbench.section.month')}
              </h2>
              <Card size="small">
                <Row gutter={[16, 16]}>
                  <Col xs={12} md={6}>
                    <Statistic title={t('workbench.month.received')} value={wb.data.month.received} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('workbench.month.replied')} value={wb.data.month.replied} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic title={t('workbench.month.repliedOnTime')} value={wb.data.month.repliedOnTime} />
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic
                      title={t('workbench.month.onTimeRate')}
                      value={wb.data.month.onTimeRate === null ? '—' : (wb.data.month.onTimeRate * 100).toFixed(2)}
                      suffix={wb.data.month.onTimeRate === null ? undefined : '%'}
                    />
                  </Col>
                </Row>
                <p className="muted workbench-note">{t('workbench.month.note')}</p>
              </Card>
            </section>
          )}
          {sections(wb.data).length === 0 && !wb.data.month && <p className="muted">{t('workbench.nothing')}</p>}
        </div>
      )}
    </>
  );
}
