import { App, Button, Form, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { REPORT_KINDS, type ReportKind } from '../../../../shared/reports';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useGenerateReport, type GenerateReportInput } from '../api/generate-report';
import { beijingToday, recentPeriods, type PeriodChoice } from './periods';
import { ReportRegionPicker } from './report-region-picker';
import { REPORT_KIND_KEYS } from './report-kinds';

const FIELDS = ['kind', 'region', 'period'] as const;
const PAST_WEEKS = 156;
const PAST_HALVES = 20;

export function usePeriodLabel() {
  const t = useT();
  return (kind: ReportKind, p: PeriodChoice) => {
    const label =
      kind === 'weekly'
        ? t('reports.period.week', { year: p.year, week: p.number, from: p.from, to: p.to })
        : t(p.number === 1 ? 'reports.period.h1' : 'reports.period.h2', { year: p.year });
    return p.current ? t('reports.period.current', { label }) : label;
  };
}

/** 生成报告: kind, region (default: the account's own) and period (default: the last whole one). */
export function GenerateReportForm({ defaultRegion, onDone }: { defaultRegion: string | undefined; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<GenerateReportInput>();
  const generate = useGenerateReport();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? 'weekly';
  const periodLabel = usePeriodLabel();
  // Any finished period of the last three years (weeks) or ten (halves): past reports are made on demand.
  const periods = useMemo(() => recentPeriods(kind, beijingToday(), kind === 'weekly' ? PAST_WEEKS : PAST_HALVES), [kind]);

  const onFinish = (values: GenerateReportInput) => {
    setGeneralError(null);
    generate.mutate(values, {
      onSuccess: (report) => {
        void message.success(t('reports.generated', { title: report.title }));
        onDone();
        navigate(`/console/reports/${report.id}`);
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
      },
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={generate.isPending}
      initialValues={{ kind: 'weekly', region: defaultRegion, period: recentPeriods('weekly', beijingToday(), 1)[1]!.value }}
      onValuesChange={(changed: Partial<GenerateReportInput>) => {
        if (changed.kind) form.setFieldValue('period', recentPeriods(changed.kind, beijingToday(), 1)[1]!.value);
      }}
    >
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item name="kind" label={t('reports.form.kind')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={REPORT_KINDS.map((k) => ({ value: k, label: t(REPORT_KIND_KEYS[k]) }))} />
      </Form.Item>
      <Form.Item name="region" label={t('reports.form.region')} rules={[{ required: true, message: t('reports.form.regionRequired') }]}>
        <ReportRegionPicker />
      </Form.Item>
      <Form.Item name="period" label={t('reports.form.period')} extra={t('reports.form.periodHelp')} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={periods.map((p) => ({ value: p.value, label: periodLabel(kind, p) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={generate.isPending}>
        {t('reports.generate')}
      </Button>
    </Form>
  );
}
