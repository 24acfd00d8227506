import { CalendarOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSetCalendarDay } from '../api/change-calendar';
import { useCalendarYear, type CalendarDayView } from '../api/get-calendar';
import { DayEditor, type DayDraft } from '../components/day-editor';
import { EnterYearForm } from '../components/enter-year-form';

function thisYear(): number {
  // The calendar is China's: the year in Beijing time.
  return Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
}

/** /console/calendar — the official working-day calendar by year: holidays, make-up days, who entered them. */
export function CalendarPage() {
  const t = useT();
  const { locale } = usePreferences();
  const { message } = App.useApp();
  useDocumentTitle(t('calendar.title'));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const data = useCalendarYear(year);
  const setDay = useSetCalendarDay();
  const [editing, setEditing] = useState<DayDraft | null>(null);
  const [entering, setEntering] = useState(false);

  const chooseYear = (y: number) => setParams((p) => {
    p.set('year', String(y));
    return p;
  }, { replace: true });

  const known = new Set((data.data?.years ?? []).map((y) => y.year));
  for (let y = thisYear() - 1; y <= thisYear() + 2; y++) known.add(y);
  known.add(year);
  const yearOptions = [...known].sort((a, b) => b - a).map((y) => ({ value: y, label: t('calendar.yearOption', { year: y }) }));
  const summary = data.data?.years.find((y) => y.year === year);

  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const restore = (d: CalendarDayView) =>
    setDay.mutate({ day: d.day, kind: 'normal', name: null }, { onSuccess: (r) => void message.success(t('calendar.saved', { n: r.recomputed?.length ?? 0 })) });

  const columns: TableColumnsType<CalendarDayView> = [
    { title: t('calendar.col.day'), dataIndex: 'day', render: (day: string) => <time dateTime={day}>{day}</time> },
    { title: t('calendar.col.weekday'), key: 'weekday', render: (_, d) => weekday.format(new Date(`${d.day}T00:00:00Z`)) },
    { title: t('calendar.col.kind'), dataIndex: 'kind', render: (kind: CalendarDayView['kind']) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${kind}`)}</Tag> },
    { title: t('calendar.col.name'), dataIndex: 'name' },
    {
      title: t('calendar.col.source'),
      key: 'source',
      render: (_, d) => (d.source === 'admin' ? `${t('calendar.sourceAdmin')}${d.updatedBy ? ` · ${d.updatedBy}` : ''} · ${when.format(new Date(d.updatedAt))}` : t('calendar.sourcePackage', { source: d.source })),
    },
    {
      title: t('calendar.col.actions'),
      key: 'actions',
      render: (_, d) => (
        <Space size="small" wrap>
          <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={t('calendar.editDayOf', { day: d.day })} onClick={() => setEditing({ day: d.day, kind: d.kind, name: d.name })}>
            {t('calendar.edit')}
          </Button>
          <Button size="small" icon={<UndoOutlined aria-hidden />} aria-label={t('calendar.restoreDayOf', { day: d.day })} loading={setDay.isPending && setDay.variables?.day === d.day} onClick={() => restore(d)}>
            {t('calendar.restore')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <section className="calendar-page">
      <h1 className="page-title">
        <CalendarOutlined aria-hidden /> {t('calendar.title')}
      </h1>
      <p className="muted">{t('calendar.intro')}</p>
      <Space wrap className="calendar-toolbar">
        <label htmlFor="calendar-year">{t('calendar.year')}</label>
        <Select id="calendar-year" value={year} options={yearOptions} onChange={chooseYear} style={{ minWidth: 120 }} />
        <Button type="primary" onClick={() => setEntering(true)}>
          {t('calendar.enterYear')}
        </Button>
        <Button onClick={() => setEditing({ day: `${year}-01-01`, kind: 'holiday', name: '' })}>{t('calendar.editDay')}</Button>
      </Space>
      {data.isPending && <Loading />}
      <ErrorAlert error={data.error ?? setDay.error} />
      {data.data && (
        <>
          {data.data.entered ? (
            <Alert
              type="success"
              showIcon
              data-testid="calendar-year-state"
              title={t('calendar.entered', { year })}
              description={
                <>
                  {data.data.entered.source === 'admin' ? t('calendar.sourceAdmin') : t('calendar.sourcePackage', { source: data.data.entered.source })}
                  {data.data.entered.by && ` · ${data.data.entered.by}`} · {when.format(new Date(data.data.entered.at))}
                  {data.data.entered.notice && ` · ${data.data.entered.notice}`}
                  {summary && <div>{t('calendar.counts', { holidays: summary.holidays, workdays: summary.workdays })}</div>}
                </>
              }
            />
          ) : (
            <Alert type="warning" showIcon data-testid="calendar-year-state" title={t('calendar.notEntered', { year })} />
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('calendar.tableLabel', { year })}>
            <Table rowKey="day" size="middle" columns={columns} dataSource={data.data.days} pagination={false} locale={{ emptyText: t('calendar.empty') }} scroll={{ x: 'max-content' }} />
          </div>
        </>
      )}
      <Drawer title={t('calendar.enterYearOf', { year })} open={entering} onClose={() => setEntering(false)} size="min(720px, 100vw)" destroyOnHidden>
        <EnterYearForm year={year} onDone={() => setEntering(false)} />
      </Drawer>
      <Drawer title={t('calendar.editDay')} open={editing !== null} onClose={() => setEditing(null)} size="min(480px, 100vw)" destroyOnHidden>
        {editing && (
          <DayEditor
            draft={editing}
            onDone={(day) => {
              setEditing(null);
              if (Number(day.slice(0, 4)) !== year) chooseYear(Number(day.slice(0, 4)));
            }}
          />
        )}
      </Drawer>
    </section>
  );
}
