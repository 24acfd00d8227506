import type { ReactNode } from 'react';
import type { GrowthReason, StatSummary } from '../../../../shared/stats';
import { useT } from '../../../lib/i18n';
import { useStatFormat } from '../lib/format';
import { GrowthValue } from './growth-value';

export type FigureCardKey =
  | 'received'
  | 'replied'
  | 'replyRate'
  | 'onTimeRate'
  | 'avgReplyWorkdays'
  | 'closedRate'
  | 'satisfactionRate'
  | 'ratingRate'
  | 'goodBad';

export const ALL_FIGURE_CARDS: readonly FigureCardKey[] = [
  'received',
  'replied',
  'replyRate',
  'onTimeRate',
  'avgReplyWorkdays',
  'closedRate',
  'satisfactionRate',
  'ratingRate',
  'goodBad',
];

/** 同比 / 环比 with its sign written out (+53.00%), not shown by colour alone (WCAG 1.4.1). */
function Growth({ label, value, reason, minBase }: { label: string; value: number | null; reason: GrowthReason | null; minBase: number }) {
  return (
    <span className="stat-growth">
      {label} <GrowthValue value={value} reason={reason} minBase={minBase} />
    </span>
  );
}

type Card = StatCard & { key: FigureCardKey };

/** The headline figures of a window as a grid of cards (a description list to screen readers). */
export function FigureCards({ summary, cards = ALL_FIGURE_CARDS }: { summary: StatSummary; cards?: readonly FigureCardKey[] }) {
  const t = useT();
  const format = useStatFormat();
  const f = summary.figures;
  const g = summary.growth;
  const why = summary.growthReasons;
  const base = summary.growthMinBase;
  const all: Card[] = [
    {
      key: 'received',
      label: t('stats.fig.received'),
      value: format.count(f.received),
      sub: (
        <>
          <Growth label={t('stats.growth.yoy')} value={g.receivedYoY} reason={why.receivedYoY} minBase={base} />
          <Growth label={t('stats.growth.mom')} value={g.receivedMoM} reason={why.receivedMoM} minBase={base} />
        </>
      ),
    },
    {
      key: 'replied',
      label: t('stats.fig.replied'),
      value: format.count(f.replied),
      sub: (
        <>
          <Growth label={t('stats.growth.yoy')} value={g.repliedYoY} reason={why.repliedYoY} minBase={base} />
          <Growth label={t('stats.growth.mom')} value={g.repliedMoM} reason={why.repliedMoM} minBase={base} />
        </>
      ),
    },
    { key: 'replyRate', label: t('stats.fig.replyRate'), value: format.rate(f.replyRate) },
    {
      key: 'onTimeRate',
      label: t('stats.fig.onTimeRate'),
      value: format.rate(f.onTimeRate),
      sub: t('stats.fig.onTimeSub', { onTime: format.count(f.onTime), late: format.count(f.late) }),
    },
    {
      key: 'avgReplyWorkdays',
      label: t('stats.fig.avgReplyWorkdays'),
      value: f.avgReplyWorkdays === null ? format.decimal(null) : t('stats.fig.workdays', { n: format.decimal(f.avgReplyWorkdays, 1) }),
    },
    {
      key: 'closedRate',
      label: t('stats.fig.closedRate'),
      value: format.rate(f.closedRate),
      sub: t('stats.fig.closedSub', { n: format.count(f.closed) }),
    },
    { key: 'satisfactionRate', label: t('stats.fig.satisfactionRate'), value: format.rate(f.satisfactionRate) },
    {
      key: 'ratingRate',
      label: t('stats.fig.ratingRate'),
      value: format.rate(f.ratingRate),
      sub: t('stats.fig.ratedSub', { n: format.count(f.rated) }),
    },
    {
      key: 'goodBad',
      label: t('stats.fig.goodBad'),
      value: `${format.count(f.good)} / ${format.count(f.bad)}`,
      sub: t('stats.fig.basicSub', { n: format.count(f.basic) }),
    },
  ];
  return <StatCardList cards={all.filter((c) => cards.includes(c.key))} />;
}

/** A figure as a card: its label, its value and an optional line beneath. */
export interface StatCard {
  key: string;
  label: string;
  value: string;
  sub?: ReactNode;
}

/** Cards of figures in a grid (a description list to screen readers); other panels' figures look like the headline ones. */
export function StatCardList({ cards, testId = 'stat-cards' }: { cards: readonly StatCard[]; testId?: string }) {
  return (
    <dl className="stat-cards" data-testid={testId}>
      {cards.map((card) => (
        <div key={card.key} className="stat-card" data-figure={card.key}>
          <dt className="stat-label">{card.label}</dt>
          <dd className="stat-value">{card.value}</dd>
          {card.sub && <dd className="stat-sub">{card.sub}</dd>}
        </div>
      ))}
    </dl>
  );
}
