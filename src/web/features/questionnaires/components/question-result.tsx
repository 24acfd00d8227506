import { useMemo } from 'react';
import type { QuestionResult } from '../../../../shared/campaigns';
import { DateTime } from '../../../components/date-time';
import { EChart, type EChartsOption } from '../../../components/echart';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';

function useFormat() {
  const { locale } = usePreferences();
  return useMemo(() => {
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return { count: (n: number) => count.format(n), share: (n: number, of: number) => (of > 0 ? percent.format(n / of) : '—'), decimal: (n: number | null) => (n === null ? '—' : decimal.format(n)) };
  }, [locale]);
}

/** The labels and counts a choice or scale question's chart and tables show, in order. */
export function categoriesOf(r: QuestionResult): Array<{ label: string; count: number }> {
  if (r.options) return r.options.map((o) => ({ label: o.label, count: o.count }));
  if (r.scale) return r.scale.counts.map((c) => ({ label: String(c.value), count: c.count }));
  return [];
}

/** One question's results: a bar chart with its table (choices, scale with the mean), or the newest text answers. */
export function QuestionResultView({ result: r, crossBy }: { result: QuestionResult; crossBy: boolean }) {
  const t = useT();
  const format = useFormat();
  const { elderly } = usePreferences();
  const categories = useMemo(() => categoriesOf(r), [r]);
  const fontSize = elderly ? 16 : 12;
  const horizontal = r.kind !== 'scale';

  const option = useMemo<EChartsOption>(() => {
    const labels = categories.map((c) => c.label);
    const values = categories.map((c) => c.count);
    const category = { type: 'category' as const, data: horizontal ? [...labels].reverse() : labels, axisLabel: { fontSize, width: 160, overflow: 'truncate' as const } };
    const value = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize } };
    return {
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: 'bar', name: t('questionnaires.results.count'), data: horizontal ? [...values].reverse() : values, itemStyle: { color: '#b3261e' }, barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top', fontSize } }],
    };
  }, [categories, horizontal, fontSize, t]);

  const heading = t('questionnaires.number', { n: r.position }) + ' ' + r.text;
  return (
    <section className="question-result" aria-labelledby={`result-${r.questionId}`} data-testid="question-result" data-kind={r.kind}>
      <h3 id={`result-${r.questionId}`} className="question-result-title">
        {heading}
        <span className="muted question-result-meta">
          {' '}
          {t(`questionnaires.kind.${r.kind}`)} · {t('questionnaires.results.answered', { count: format.count(r.answered) })}
          {r.scale && ` · ${t('questionnaires.results.mean', { mean: format.decimal(r.scale.mean) })}`}
        </span>
      </h3>
      {categories.length > 0 ? (
        <>
          <EChart
            option={option}
            label={t('questionnaires.results.chartLabel', { question: heading })}
            className="question-chart"
            style={{ height: `${Math.max(10, (horizontal ? categories.length * 2.2 : 14) + 2)}rem` }}
          />
          <div className="figure-table-scroll" tabIndex={0} role="region" aria-label={heading}>
            <table className="figure-table">
              <caption className="visually-hidden">{heading}</caption>
              <thead>
                <tr>
                  <th scope="col">{r.kind === 'scale' ? t('questionnaires.results.value') : t('questionnaires.results.option')}</th>
                  <th scope="col">{t('questionnaires.results.count')}</th>
                  <th scope="col">{t('questionnaires.results.share')}</th>
                </tr>
              </thead>
              <tbody>
                {categories.map((c, i) => (
                  <tr key={i}>
                    <th scope="row">{c.label}</th>
                    <td>{format.count(c.count)}</td>
                    <td>{format.share(c.count, r.answered)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.kind === 'multiple' && <p className="muted">{t('questionnaires.results.multipleNote')}</p>}
          {crossBy && r.byRegion && <CrossTab result={r} labels={categories.map((c) => c.label)} format={format} />}
        </>
      ) : (
        <TextAnswers result={r} />
      )}
    </section>
  );
}

/** 交叉分析: the same counts per province, one row each. */
function CrossTab({ result: r, labels, format }: { result: QuestionResult; labels: string[]; format: ReturnType<typeof useFormat> }) {
  const t = useT();
  const caption = t('questionnaires.results.crossCaption', { n: r.position });
  return (
    <details className="figure-details" open>
      <summary>{t('questionnaires.results.crossTab')}</summary>
      <div className="figure-table-scroll" tabIndex={0} role="region" aria-label={caption} data-testid="crosstab">
        <table className="figure-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('questionnaires.results.province')}</th>
              <th scope="col">{t('questionnaires.results.answeredCol')}</th>
              {labels.map((l, i) => (
                <th scope="col" key={i}>
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(r.byRegion ?? []).map((row) => (
              <tr key={row.region?.code ?? 'none'}>
                <th scope="row">{row.region?.name ?? t('questionnaires.results.noRegion')}</th>
                <td>{format.count(row.answered)}</td>
                {row.counts.map((c, i) => (
                  <td key={i}>
                    {format.count(c)} <span className="muted">({format.share(c, row.answered)})</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function TextAnswers({ result: r }: { result: QuestionResult }) {
  const t = useT();
  const texts = r.texts ?? [];
  if (texts.length === 0) return <p className="muted">{t('questionnaires.results.noTexts')}</p>;
  return (
    <>
      <p className="muted">{t('questionnaires.results.newestTexts', { count: texts.length })}</p>
      <ul className="text-answers">
        {texts.map((x, i) => (
          <li key={i}>
            <p className="pre-wrap">{x.text}</p>
            <span className="muted">
              <DateTime value={x.submittedAt} />
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
