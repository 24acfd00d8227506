import { Card, Col, Row, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { changeBaseOf, figureDelta, REPORT_FIGURES, type ChangeBase, type ReportContent, type ReportDetail, type ReportFigureKey } from '../../../../shared/reports';
import type { StatFigures } from '../../../../shared/stats';
import { useT, type MessageKey } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { ReportTrendChart } from './report-trend-chart';
import './report.css';

const FIGURE_KEYS: Record<ReportFigureKey, MessageKey> = {
  received: 'reports.figure.received',
  replied: 'reports.figure.replied',
  replyRate: 'reports.figure.replyRate',
  finalReplied: 'reports.figure.finalReplied',
  closed: 'reports.figure.closed',
  closedRate: 'reports.figure.closedRate',
  onTimeRate: 'reports.figure.onTimeRate',
  avgReplyWorkdays: 'reports.figure.avgReplyWorkdays',
  rated: 'reports.figure.rated',
  satisfactionRate: 'reports.figure.satisfactionRate',
  good: 'reports.figure.good',
  bad: 'reports.figure.bad',
  followUps: 'reports.figure.followUps',
  reopened: 'reports.figure.reopened',
};

const LEVEL_KEYS: Record<string, MessageKey> = {
  national: 'reports.level.national',
  province: 'reports.level.province',
  city: 'reports.level.city',
  county: 'reports.level.county',
};

const PEER_KEYS: Record<string, MessageKey> = { province: 'reports.peers.province', city: 'reports.peers.city', county: 'reports.peers.county' };

/** Number formats of the UI language; rates are 0..1. */
function useFormats() {
  const { locale } = usePreferences();
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const signedDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    list: (items: string[]) => list.format(items),
    count: (n: number) => count.format(n),
    rate: (r: number | null) => (r === null ? '—' : percent.format(r)),
    days: (d: number | null) => (d === null ? '—' : decimal.format(d)),
    growth: (g: number | null) => (g === null ? '—' : signed.format(g)),
    points: (d: number) => signedDecimal.format(d * 100),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
  };
}

type Formats = ReturnType<typeof useFormats>;

function figureValue(formats: Formats, kind: 'count' | 'rate' | 'days', value: number | null): string {
  if (kind === 'rate') return formats.rate(value);
  if (kind === 'days') return formats.days(value);
  return value === null ? '—' : formats.count(value);
}

/** +12.5% for counts; +2.1 pp for rates; the difference for days; 新增 / — where a baseline is too small. */
function FigureChange({ kind, now, before, base }: { kind: 'count' | 'rate' | 'days'; now: number | null; before: number | null; base: ChangeBase }) {
  const t = useT();
  const formats = useFormats();
  const { value, reason } = figureDelta(kind, now, before, base);
  if (value === null) return kind === 'count' && reason === 'new' ? <>{t('reports.new')}</> : <>—</>;
  if (kind === 'count') return <>{formats.growth(value)}</>;
  if (kind === 'rate') return <>{t('reports.points', { value: formats.points(value) })}</>;
  return <>{formats.days(value)}</>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="report-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function SmallTable<T extends object>({ rows, columns, rowKey }: { rows: T[]; columns: TableColumnsType<T>; rowKey: string | ((row: T) => string) }) {
  return <Table<T> size="small" pagination={false} dataSource={rows} columns={columns} rowKey={rowKey} scroll={{ x: 'max-content' }} className="report-table" />;
}

const figure = (f: StatFigures, key: ReportFigureKey) => f[key] as number | null;

/**
 * A report as a readable page: the headline, figure cards and the tables the
 * PDF holds, from the same stored content; notable cases link to their public pages.
 */
export function ReportView({ report }: { report: ReportDetail }) {
  const t = useT();
  const formats = useFormats();
  const c: ReportContent = report.content;
  const half = c.kind === 'half_year';
  const compareLabel = t(half ? 'reports.col.previousYear' : 'reports.col.previousWeek');

  const cards: Array<{ key: ReportFigureKey; kind: 'count' | 'rate' | 'days' }> = [
    { key: 'received', kind: 'count' },
    { key: 'replied', kind: 'count' },
    { key: 'replyRate', kind: 'rate' },
    { key: 'closedRate', kind: 'rate' },
    { key: 'satisfactionRate', kind: 'rate' },
    { key: 'avgReplyWorkdays', kind: 'days' },
  ];

  const base = changeBaseOf(c);
  const insufficient = c.rankings?.insufficient ?? [];
  const minReceived = c.thresholds?.minReceived ?? 30;
  const figureRows = REPORT_FIGURES.map((f) => ({ ...f, now: figure(c.figures, f.key), before: figure(c.previous, f.key) }));
  const levelRows = c.levels.filter((l) => l.received > 0 || l.replied > 0);

  return (
    <article className="report-sheet" aria-labelledby="report-title">
      <header className="report-head">
        {c.kind === 'weekly' && (
          <Tag color="red" className="report-internal">
            {t('reports.internal')}
          </Tag>
        )}
        {/* A period still running when the report was made: its figures were counted up to asOf. */}
        {!c.period.complete && (
          <Tag color="orange" data-testid="report-partial">
            {t('reports.status.partial')}
          </Tag>
        )}
        <h1 id="report-title" className="report-title">
          {c.title}
        </h1>
        <p className="report-meta">
          {t('reports.meta.period', { period: c.period.label, region: c.region.name })}
          {!c.period.complete && <> · {t('reports.meta.asOf', { day: c.period.asOf })}</>}
        </p>
        <p className="report-meta">
          {t('reports.meta.comparison', { period: c.comparison.label })} · {t('reports.meta.generated', { at: formats.dateTime(c.generatedAt) })}
          {report.version > 1 && <> · {t('reports.meta.version', { version: report.version })}</>}
        </p>
      </header>

      <Section title={t('reports.section.overview')}>
        <p className="report-headline">{c.headline}</p>
        {c.paragraphs.map((p) => (
          <p key={p} className="report-paragraph">
            {p}
          </p>
        ))}
      </Section>

      <Section title={t('reports.section.figures')}>
        <Row gutter={[12, 12]} className="report-cards">
          {cards.map(({ key, kind }) => (
            <Col key={key} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title={t(FIGURE_KEYS[key])} value={figureValue(formats, kind, figure(c.figures, key))} />
                <div className="report-card-change">
                  {compareLabel}: <FigureChange kind={kind} now={figure(c.figures, key)} before={figure(c.previous, key)} base={base} />
                </div>
              </Card>
            </Col>
          ))}
        </Row>
        <SmallTable
          rowKey="key"
          rows={figureRows}
          columns={[
            { title: t('reports.col.figure'), key: 'label', render: (_, r) => t(FIGURE_KEYS[r.key]) },
            { title: t(half ? 'reports.col.thisHalf' : 'reports.col.thisWeek'), key: 'now', align: 'right', render: (_, r) => figureValue(formats, r.kind, r.now) },
            { title: compareLabel, key: 'before', align: 'right', render: (_, r) => figureValue(formats, r.kind, r.before) },
            { title: t('reports.col.change'), key: 'change', align: 'right', render: (_, r) => <FigureChange kind={r.kind} now={r.now} before={r.before} base={base} /> },
          ]}
        />
        <p className="report-note">{t('reports.growthNote', { n: base.min })}</p>
      </Section>

      {levelRows.length > 0 && (
        <Section title={t('reports.section.levels')}>
          <SmallTable
            rowKey="level"
            rows={levelRows}
            columns={[
              { title: t('reports.col.level'), dataIndex: 'level', render: (level: string) => t(LEVEL_KEYS[level] ?? 'reports.level.county') },
              { title: t('reports.col.received'), dataIndex: 'received', align: 'right', render: formats.count },
              { title: t('reports.col.share'), dataIndex: 'share', align: 'right', render: formats.rate },
              { title: t('reports.col.replied'), dataIndex: 'replied', align: 'right', render: formats.count },
              { title: t('reports.col.replyRate'), dataIndex: 'replyRate', align: 'right', render: formats.rate },
            ]}
          />
        </Section>
      )}

      {c.rankings && (c.rankings.items.length > 0 || insufficient.length > 0) && (
        <Section title={t('reports.section.rankings', { peers: t(PEER_KEYS[c.rankings.peers] ?? 'reports.peers.county') })}>
          {c.rankings.items.length > 0 && <SmallTable
            rowKey={(r) => r.region.code}
            rows={c.rankings.items}
            columns={[
              { title: t('reports.col.rank'), dataIndex: 'rank', align: 'center' },
              { title: t('reports.col.region'), key: 'region', render: (_, r) => r.region.name },
              { title: t('reports.col.heat'), dataIndex: 'heat', align: 'right', render: (h: number) => formats.days(h) },
              { title: t('reports.col.received'), dataIndex: 'received', align: 'right', render: formats.count },
              { title: t('reports.col.replied'), dataIndex: 'replied', align: 'right', render: formats.count },
              { title: t('reports.col.replyRate'), dataIndex: 'replyRate', align: 'right', render: formats.rate },
              { title: t('reports.col.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: formats.rate },
            ]}
          />}
          <p className="report-note">{t('reports.heatNote')}</p>
          {insufficient.length > 0 && (
            <div className="report-subtable" data-testid="report-insufficient">
              <h3>{t('reports.insufficient', { n: minReceived })}</h3>
              <SmallTable
                rowKey={(r) => r.region.code}
                rows={insufficient}
                columns={[
                  { title: t('reports.col.region'), key: 'region', render: (_, r) => r.region.name },
                  { title: t('reports.col.received'), dataIndex: 'received', align: 'right', render: formats.count },
                  { title: t('reports.col.replied'), dataIndex: 'replied', align: 'right', render: formats.count },
                  { title: t('reports.col.replyRate'), dataIndex: 'replyRate', align: 'right', render: formats.rate },
                ]}
              />
            </div>
          )}
          {c.zeroReply.length > 0 && <p className="report-zero">{t('reports.zeroReply', { regions: formats.list(c.zeroReply.map((r) => r.name)) })}</p>}
        </Section>
      )}

      {(c.fields.length > 0 || c.terms.length > 0) && (
        <Section title={t(half ? 'reports.section.topics' : 'reports.section.problems')}>
          <Row gutter={[24, 16]}>
            <Col xs={24} lg={12}>
              <h3>{t('reports.section.fields')}</h3>
              <SmallTable
                rowKey="code"
                rows={c.fields}
                columns={[
                  { title: t('reports.col.field'), dataIndex: 'name' },
                  { title: t('reports.col.received'), dataIndex: 'count', align: 'right', render: formats.count },
                  { title: t('reports.col.share'), dataIndex: 'share', align: 'right', render: formats.rate },
                  {
                    title: t(half ? 'reports.col.yoy' : 'reports.col.mom'),
                    key: 'growth',
                    align: 'right',
                    render: (_, f) => (f.growth === null ? (f.growthReason === 'new' ? t('reports.new') : '—') : formats.growth(f.growth)),
                  },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <h3>{t('reports.section.terms')}</h3>
              <SmallTable
                rowKey="term"
                rows={c.terms}
                columns={[
                  { title: t('reports.col.term'), dataIndex: 'term' },
                  { title: t('reports.col.messages'), dataIndex: 'count', align: 'right', render: formats.count },
                  { title: t('reports.col.share'), dataIndex: 'share', align: 'right', render: formats.rate },
                ]}
              />
            </Col>
          </Row>
        </Section>
      )}

      {c.boards && (c.boards.top.length > 0 || c.boards.bottom.length > 0) && (
        <Section title={t('reports.section.boards')}>
          {(
            [
              ['reports.boards.top', c.boards.top],
              ['reports.boards.bottom', c.boards.bottom],
            ] as const
          )
            .filter(([, rows]) => rows.length > 0)
            .map(([label, rows]) => (
              <div key={label} className="report-subtable">
                <h3>{t(label)}</h3>
                <SmallTable
                  rowKey="name"
                  rows={rows}
                  columns={[
                    { title: t('reports.col.board'), dataIndex: 'name' },
                    { title: t('reports.col.received'), dataIndex: 'received', align: 'right', render: formats.count },
                    { title: t('reports.col.replied'), dataIndex: 'replied', align: 'right', render: formats.count },
                    { title: t('reports.col.replyRate'), dataIndex: 'replyRate', align: 'right', render: formats.rate },
                    { title: t('reports.col.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: formats.rate },
                  ]}
                />
              </div>
            ))}
        </Section>
      )}

      {c.trend.length > 0 && (
        <Section title={t(half ? 'reports.section.monthly' : 'reports.section.daily')}>
          <ReportTrendChart trend={c.trend} />
          <SmallTable
            rowKey="period"
            rows={c.trend}
            columns={[
              { title: t(half ? 'reports.col.month' : 'reports.col.day'), key: 'period', render: (_, p) => (p.partial ? t('reports.partial', { label: p.period }) : p.period) },
              { title: t('reports.col.received'), dataIndex: 'received', align: 'right', render: formats.count },
              { title: t('reports.col.replied'), dataIndex: 'replied', align: 'right', render: formats.count },
              { title: t('reports.col.replyRate'), dataIndex: 'replyRate', align: 'right', render: formats.rate },
              { title: t('reports.col.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: formats.rate },
            ]}
          />
          {c.trend.some((p) => p.partial) && <p className="report-note">{t('reports.partialNote')}</p>}
        </Section>
      )}

      {c.notableCases && (
        <Section title={t('reports.section.cases')}>
          {c.notableCases.length === 0 ? (
            <p>{t('reports.noCases')}</p>
          ) : (
            <SmallTable
              rowKey="id"
              rows={c.notableCases}
              columns={[
                { title: t('reports.col.number'), dataIndex: 'number' },
                { title: t('reports.col.messageTitle'), key: 'title', render: (_, r) => <Link to={`/messages/${r.id}`}>{r.title}</Link> },
                { title: t('reports.col.unit'), dataIndex: 'unit', render: (unit: string | null) => unit ?? '—' },
                { title: t('reports.col.closedAt'), key: 'closedAt', render: (_, r) => formats.dateTime(r.closedAt) },
              ]}
            />
          )}
        </Section>
      )}

      {c.overdueUnits && (
        <Section title={t('reports.section.overdue')}>
          {c.overdueUnits.length === 0 ? (
            <p>{t('reports.noOverdue')}</p>
          ) : (
            <SmallTable
              rowKey={(r) => String(r.unit.id)}
              rows={c.overdueUnits}
              columns={[
                { title: t('reports.col.unit'), key: 'unit', render: (_, r) => r.unit.name },
                { title: t('reports.col.open'), dataIndex: 'open', align: 'right', render: formats.count },
                { title: t('reports.col.overdue'), dataIndex: 'overdue', align: 'right', render: formats.count },
              ]}
            />
          )}
        </Section>
      )}
    </article>
  );
}
