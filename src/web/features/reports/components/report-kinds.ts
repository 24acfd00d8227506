import type { ReportKind } from '../../../../shared/reports';
import type { MessageKey } from '../../../lib/i18n';

export const REPORT_KIND_KEYS: Record<ReportKind, MessageKey> = {
  weekly: 'reports.kind.weekly',
  half_year: 'reports.kind.half_year',
};
