import type { StatRanking, StatSummary } from '../../../../shared/stats';
import { useT, type Translate } from '../../../lib/i18n';
import { useStatFormat, type StatFormat } from '../lib/format';
import { beijingToday, presetOf, type Period } from '../lib/periods';
import { NATIONAL } from '../lib/use-stats-params';

/** 2026年上半年 / 2026年以来 / 2026-03-01至2026-03-31 */
function periodPhrase(t: Translate, period: Period): string {
  const year = period.from.slice(0, 4);
  const preset = presetOf(period, beijingToday());
  if (preset === 'year') return t('openData.phrase.year', { year });
  if (preset === 'h1' || preset === 'h2') return t(`stats.period.${preset}`, { year });
  if (period.from.endsWith('-01-01') && period.to === `${year}-12-31`) return t('stats.period.year', { year });
  return t('openData.phrase.range', { from: period.from, to: period.to });
}

function growthPhrase(t: Translate, format: StatFormat, growth: number | null): string {
  if (growth === null) return '';
  if (growth === 0) return t('openData.growth.flat');
  return t(growth > 0 ? 'openData.growth.up' : 'openData.growth.down', { pct: format.rate(Math.abs(growth)) });
}

/**
 * The figures as the platform's half-year reports put them: "网民留言33.1万件，同比增长53%；
 * 回复27.1万件……满意度90%", then the regions at the top of 总热度.
 */
export function Headline({ summary, top }: { summary: StatSummary; top?: StatRanking }) {
  const t = useT();
  const format = useStatFormat();
  const f = summary.figures;
  const national = summary.region.code === NATIONAL;
  const vars = { region: summary.region.name };
  const sentences = [
    t('openData.headline.received', {
      period: periodPhrase(t, summary),
      who: t(national ? 'openData.who.national' : 'openData.who.region', vars),
      n: format.compact(f.received),
      growth: growthPhrase(t, format, summary.growth.receivedYoY),
    }),
    t('openData.headline.replied', {
      who: t(national ? 'openData.who2.national' : 'openData.who2.region', vars),
      n: format.compact(f.replied),
      growth: growthPhrase(t, format, summary.growth.repliedYoY),
      rate: format.rate(f.replyRate),
    }),
  ];
  if (f.satisfactionRate !== null) sentences.push(t('openData.headline.satisfaction', { rate: format.rate(f.satisfactionRate) }));
  const leaders = (top?.items ?? []).filter((i) => i.figures.received > 0).slice(0, 10);
  if (leaders.length > 0) {
    sentences.push(
      t('openData.headline.top', {
        names: leaders.map((i) => i.region.name).join(t('common.listSeparator')),
        scope: national ? t('openData.scope.national') : summary.region.name,
        n: leaders.length,
      }),
    );
  }
  return (
    <p className="open-data-headline" data-testid="open-data-headline">
      {sentences.join(t('openData.sentenceSeparator'))}
      {t('openData.sentenceEnd')}
    </p>
  );
}
