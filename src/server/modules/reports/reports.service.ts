/**
 * Data reports: generation (on demand and on schedule), reading, the XLSX and
 * PDF files, and e-mail subscriptions. The content comes from the statistics
 * service once, at generation, and is stored as it is (docs/api.md "Reports").
 */
import {
  addDays,
  comparisonPeriod,
  lastCompletePeriod,
  parseReportPeriod,
  periodLabel,
  REPORT_REGION_LEVELS,
  type NotableCase,
  type ReportContent,
  type ReportDetail,
  type ReportKind,
  type ReportPeriodRange,
  type ReportSubscription,
  type ReportSummary,
} from '../../../shared/reports.js';
import { ROLE_ACTIONS, STAFF_ROLES } from '../../../shared/permissions.js';
import { DEFAULT_STAT_THRESHOLDS, type StatThresholds } from '../../../shared/stats.js';
import type { Database, Executor } from '../../db/database.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { shanghaiDay } from '../calendar/working-days.js';
import { presentSummary } from '../messages/messages.present.js';
import { insertOutbox } from '../notifications/notifications.repository.js';
import { findRegion } from '../regions/regions.repository.js';
import { overdueUnits, statsBoards, statsHotTopics, statsRankings, statsSummary, statsTimeseries } from '../stats/stats.service.js';
import { renderReportPdf } from './report-pdf.js';
import { renderReportXlsx } from './report-xlsx.js';
import { composeReport, REPORT_LIMITS } from './reports.compose.js';
import { canReadReport, regionInScope } from './reports.policy.js';
import * as repo from './reports.repository.js';

/** How many cases a weekly digest names, and how many overdue units it lists. */
const NOTABLE_CASES = 5;
const OVERDUE_UNITS = 10;

/** Roles whose holders may manage (and so receive) reports. */
const MANAGING_ROLES = STAFF_ROLES.filter((role) => ROLE_ACTIONS[role].includes('report.manage'));

const KIND_NAMES: Record<ReportKind, string> = { weekly: '民声周报', half_year: '半年数据报告' };

interface ReportRegion {
  code: string;
  name: string;
  level: string;
  path: string;
}

/** @throws DomainError region_not_found; validation_failed for a township (the API's 6-digit codes never name one). */
async function reportRegion(db: Executor, code: string): Promise<ReportRegion> {
  const region = await findRegion(db, code);
  if (!region) throw new DomainError('region_not_found', { field: 'region' });
  if (!(REPORT_REGION_LEVELS as readonly string[]).includes(region.level)) throw new DomainError('validation_failed', { field: 'region' });
  return { code: region.code, name: region.name, level: region.level, path: region.path };
}

// ── content ─────────────────────────────────────────────────────────────────

/** Public messages closed to the author's satisfaction in the window, masked as the public board shows them. */
async function notableCases(db: Database, region: ReportRegion, from: string, to: string): Promise<NotableCase[]> {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(`${addDays(to, 1)}T00:00:00+08:00`);
  const rows = await repo.satisfiedClosedMessages(db, region, start, end, NOTABLE_CASES);
  return rows.map((row) => {
    const shown = presentSummary(row, 'public');
    return {
      id: shown.id,
      number: shown.number,
      title: shown.title,
      unit: row.reply_unit_name,
      board: shown.board.name,
      closedAt: new Date(row.closed_at!).toISOString(),
      grade: row.grade as NotableCase['grade'],
    };
  });
}

/**
 * Assembles a report from the statistics as they are now. A period still
 * running is counted up to today (`asOf`); weekly digests use the internal
 * view (they are internal), half-year reports the public one (they are public).
 */
export async function buildReportContent(
  db: Database,
  kind: ReportKind,
  region: ReportRegion,
  period: ReportPeriodRange,
  now: Date,
  thresholds: StatThresholds = DEFAULT_STAT_THRESHOLDS,
): Promise<ReportContent> {
  const today = shanghaiDay(now);
  const asOf = period.to < today ? period.to : today;
  const view = kind === 'weekly' ? 'internal' : 'public';
  const window = { region: region.code, from: period.from, to: asOf, view, thresholds } as const;
  const compared = comparisonPeriod(kind, { from: period.from, to: asOf });
  const withRankings = kind === 'half_year' && region.level !== 'county';
  const [summary, hot, trend, rankings, boards] = await Promise.all([
    statsSummary(db, window),
    statsHotTopics(db, { ...window, limit: REPORT_LIMITS.terms }),
    statsTimeseries(db, { ...window, interval: kind === 'weekly' ? 'day' : 'month' }, now),
    withRankings ? statsRankings(db, { ...window, metric: 'heat', order: 'desc', limit: REPORT_LIMITS.rankings }) : Promise.resolve(null),
    kind === 'half_year' ? statsBoards(db, window) : Promise.resolve(null),
  ]);
  // The service's own comparison windows are the same half a year before, and the window of
  // equal length just before: last week only when the week is whole.
  const previous =
    kind === 'half_year' ? summary.previousYear : asOf === period.to ? summary.previousPeriod : (await statsSummary(db, { ...window, from: compared.from, to: compared.to })).figures;
  const [cases, overdue] =
    kind === 'weekly' ? await Promise.all([notableCases(db, region, period.from, asOf), overdueUnits(db, { region: region.code, limit: OVERDUE_UNITS }, now)]) : [null, null];
  return composeReport({
    kind,
    period: { ...period, label: periodLabel(kind, period), asOf },
    // A week still running is compared with the same days of the week before.
    comparison: { ...compared, label: periodLabel(kind, compared) },
    summary,
    previous,
    hot,
    trend,
    rankings,
    boards,
    notableCases: cases,
    overdue,
    generatedAt: now.toISOString(),
    thresholds,
  });
}

/** The e-mail a subscriber gets when a report is stored. */
function reportEmail(content: ReportContent, id: string, version: number): { subject: string; body: string } {
  const lines = [
    content.title,
    '',
    content.headline,
    ...content.paragraphs.slice(0, 2).flatMap((p) => ['', p]),
    '',
    `查看完整报告（可下载 XLSX、PDF）：/console/reports/${id}`,
    '',
    `您订阅了${content.region.name}的${KIND_NAMES[content.kind]}。如需退订，请登录民声平台，在“数据报告”页面操作。`,
  ];
  return { subject: `【民声】${version > 1 ? '（更新）' : ''}${content.title}`, body: lines.join('\n') };
}

/**
 * Stores the content under its key and, in the same transaction, queues an
 * e-mail to every subscriber who may still read it. Returns null when the
 * schedule found a complete report already there (nothing written, nobody e-mailed).
 */
async function saveReport(db: Database, content: ReportContent, generatedBy: string | null, replace: 'always' | 'if_incomplete', notify = true) {
  return db.transaction().execute(async (tx) => {
    const stored = await repo.storeReport(
      tx,
      {
        kind: content.kind,
        regionCode: content.region.code,
        from: content.period.from,
        to: content.period.to,
        complete: content.period.complete,
        title: content.title,
        generatedBy,
        content,
      },
      replace,
    );
    if (!stored) return null;
    if (!notify) return { ...stored, emails: 0 };
    const subscribers = await repo.subscriberEmails(tx, content.kind, content.region.code, MANAGING_ROLES);
    const email = reportEmail(content, stored.id, stored.version);
    await insertOutbox(
      tx,
      subscribers.map((s) => ({ channel: 'email' as const, recipient: s.email, subject: email.subject, body: email.body, notificationId: null })),
    );
    return { ...stored, emails: subscribers.length };
  });
}

/**
 * Generates a report on demand (replacing an earlier one of the same period:
 * same id, version + 1). Without `period`, the last whole week or half.
 * @throws DomainError unauthenticated, forbidden, region_not_found,
 *   region_out_of_scope, validation_failed (period does not fit the kind), report_period_future.
 */
export async function generateReport(
  db: Database,
  actor: Actor | null,
  input: { kind: ReportKind; region: string; period?: string },
  now = new Date(),
  thresholds: StatThresholds = DEFAULT_STAT_THRESHOLDS,
): Promise<ReportDetail> {
  authorize(actor, 'report.manage');
  const region = await reportRegion(db, input.region);
  if (!regionInScope(actor, region.path)) throw new DomainError('region_out_of_scope', { field: 'region' });
  const today = shanghaiDay(now);
  const period = input.period === undefined ? lastCompletePeriod(input.kind, today) : parseReportPeriod(input.kind, input.period);
  if (!period) {
    throw invalidField('period', 'format', {
      'zh-CN': '周报请填写该周任一天（YYYY-MM-DD），半年报告请填写 YYYY-H1 或 YYYY-H2',
      'zh-TW': '週報請填寫該週任一天（YYYY-MM-DD），半年報告請填寫 YYYY-H1 或 YYYY-H2',
      en: 'A weekly digest takes a day of the week (YYYY-MM-DD); a half-year report YYYY-H1 or YYYY-H2',
    });
  }
  if (period.from > today) throw new DomainError('report_period_future', { field: 'period' });
  const content = await buildReportContent(db, input.kind, region, period, now, thresholds);
  const stored = await saveReport(db, content, actor.accountId, 'always');
  return getReport(db, actor, stored!.id);
}

export interface ScheduledRun {
  stored: number;
  skipped: number;
  emails: number;
}

/**
 * The scheduled run: the last whole week (or half) for the country and every
 * province. A region whose complete report exists is skipped, and storing is
 * conditional on the unique key, so a second run, or two processes running
 * at once, leave one report per region and send each e-mail once.
 * @throws AggregateError naming the regions that failed (the others are stored).
 */
export async function generateScheduledReports(
  db: Database,
  kind: ReportKind,
  now = new Date(),
  log: (msg: string) => void = () => {},
  thresholds: StatThresholds = DEFAULT_STAT_THRESHOLDS,
): Promise<ScheduledRun> {
  return generateForPeriods(db, kind, [lastCompletePeriod(kind, shanghaiDay(now))], now, log, thresholds);
}

/** The scheduled reports of each period for the country and every province; see generateScheduledReports. */
async function generateForPeriods(
  db: Database,
  kind: ReportKind,
  periods: ReportPeriodRange[],
  now: Date,
  log: (msg: string) => void,
  thresholds: StatThresholds,
): Promise<ScheduledRun> {
  const codes = [...(await repo.regionsOfLevel(db, 'national')), ...(await repo.regionsOfLevel(db, 'province'))];
  const run: ScheduledRun = { stored: 0, skipped: 0, emails: 0 };
  const failures: Error[] = [];
  for (const [index, period] of periods.entries()) {
    // Subscribers hear of the latest period only: a catch-up of past weeks is no news to send.
    const notify = index === periods.length - 1;
    for (const code of codes) {
      try {
        if (await repo.completeReportExists(db, kind, code, period.from)) {
          run.skipped++;
          continue;
        }
        const content = await buildReportContent(db, kind, await reportRegion(db, code), period, now, thresholds);
        const stored = await saveReport(db, content, null, 'if_incomplete', notify);
        if (stored) {
          run.stored++;
          run.emails += stored.emails;
        } else run.skipped++;
      } catch (error) {
        log(`reports: ${kind} ${code} ${period.from}: ${error instanceof Error ? error.message : String(error)}`);
        failures.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} ${kind} reports failed`);
  return run;
}

/** How far back the catch-up makes weekly digests (half-year reports: back to the first message). */
export const CATCH_UP_WEEKS = 8;

/**
 * The finished periods the schedule would have reported on since the first message: every half-year,
 * and the last CATCH_UP_WEEKS weeks (weekly digests are read for the recent weeks; older ones are made
 * on demand). Oldest first, never a period still running.
 */
export function catchUpPeriods(kind: ReportKind, firstDay: string | null, today: string): ReportPeriodRange[] {
  if (firstDay === null) return [];
  const periods: ReportPeriodRange[] = [];
  let period = lastCompletePeriod(kind, today);
  while (period.to >= firstDay && (kind === 'half_year' || periods.length < CATCH_UP_WEEKS)) {
    periods.unshift(period);
    period = lastCompletePeriod(kind, period.from);
  }
  return periods;
}

/**
 * Catch-up: the scheduled reports of every finished period that has none yet (a new installation
 * with history — the demo's two years — or a server that was down on a Monday), as the schedule
 * stores them (a complete report is never replaced, subscribers are e-mailed once).
 * @throws AggregateError naming the regions that failed (the others are stored).
 */
export async function generateMissingReports(
  db: Database,
  now = new Date(),
  log: (msg: string) => void = () => {},
  thresholds: StatThresholds = DEFAULT_STAT_THRESHOLDS,
): Promise<ScheduledRun> {
  const first = await repo.firstMessageDay(db);
  const today = shanghaiDay(now);
  const total: ScheduledRun = { stored: 0, skipped: 0, emails: 0 };
  for (const kind of ['half_year', 'weekly'] as const) {
    const run = await generateForPeriods(db, kind, catchUpPeriods(kind, first, today), now, log, thresholds);
    total.stored += run.stored;
    total.skipped += run.skipped;
    total.emails += run.emails;
  }
  return total;
}

// ── reading ─────────────────────────────────────────────────────────────────

function presentReport(row: repo.ReportRow): ReportSummary {
  return {
    id: Number(row.id),
    kind: row.kind,
    title: row.title,
    region: { code: row.region_code, name: row.region_name, level: row.region_level },
    period: { from: row.period_from, to: row.period_to, label: periodLabel(row.kind, { from: row.period_from, to: row.period_to }) },
    complete: row.complete,
    version: row.version,
    generatedAt: new Date(row.generated_at).toISOString(),
    generatedBy: row.generated_by === null ? null : { id: Number(row.generated_by), displayName: row.generated_by_name ?? '' },
  };
}

/**
 * The list the actor may read, newest period first.
 * Cursor: `period_from.id` of the last item.
 */
export async function listReports(db: Database, actor: Actor | null, q: { kind?: ReportKind; region?: string; cursor?: string; limit: number }) {
  const after = q.cursor ? { from: q.cursor.slice(0, 10), id: q.cursor.slice(11) } : null;
  const rows = await repo.listReports(db, actor, { kind: q.kind ?? null, regionCode: q.region ?? null, after, limit: q.limit });
  const items = rows.slice(0, q.limit).map(presentReport);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? `${last.period.from}.${last.id}` : null };
}

/** @throws DomainError not_found (no such report, or one the actor may not read). */
export async function getReport(db: Database, actor: Actor | null, id: string): Promise<ReportDetail> {
  const row = await repo.findReport(db, id);
  if (!row || !canReadReport(actor, row.kind, row.region_path)) throw new DomainError('not_found');
  return { ...presentReport(row), content: row.content as ReportContent };
}

/** The report as a file. @throws DomainError not_found; PdfFontMissingError (PDF) when the font package is missing. */
export async function reportFile(db: Database, actor: Actor | null, id: string, format: 'xlsx' | 'pdf'): Promise<{ bytes: Buffer; filename: string }> {
  const report = await getReport(db, actor, id);
  const bytes = format === 'pdf' ? await renderReportPdf(report.content) : await renderReportXlsx(report.content);
  return { bytes, filename: `${report.title}.${format}` };
}

// ── subscriptions ───────────────────────────────────────────────────────────

/** @throws DomainError unauthenticated, forbidden. */
export async function listSubscriptions(db: Database, actor: Actor | null): Promise<{ items: ReportSubscription[] }> {
  authorize(actor, 'report.manage');
  const rows = await repo.listSubscriptions(db, actor.accountId);
  return { items: rows.map((r) => ({ kind: r.kind, region: { code: r.region_code, name: r.region_name, level: r.region_level }, createdAt: new Date(r.created_at).toISOString() })) };
}

/**
 * Subscribes the actor to a kind of report of a region in its scope; asking
 * again changes nothing (`created: false`).
 * @throws DomainError unauthenticated, forbidden, region_not_found, region_out_of_scope, email_required.
 */
export async function subscribe(db: Database, actor: Actor | null, input: { kind: ReportKind; region: string }): Promise<{ subscription: ReportSubscription; created: boolean }> {
  authorize(actor, 'report.manage');
  const region = await reportRegion(db, input.region);
  if (!regionInScope(actor, region.path)) throw new DomainError('region_out_of_scope', { field: 'region' });
  if (!(await repo.accountEmail(db, actor.accountId))) throw new DomainError('email_required');
  const created = await repo.insertSubscription(db, actor.accountId, input.kind, region.code);
  const own = (await listSubscriptions(db, actor)).items.find((s) => s.kind === input.kind && s.region.code === region.code)!;
  return { subscription: own, created };
}

/** Ends the actor's subscription; ending one that does not exist is not an error. @throws DomainError unauthenticated, forbidden. */
export async function unsubscribe(db: Database, actor: Actor | null, input: { kind: ReportKind; region: string }): Promise<void> {
  authorize(actor, 'report.manage');
  await repo.deleteSubscription(db, actor.accountId, input.kind, input.region);
}
