/**
 * The platform's campaign figures (GET /stats/campaigns; docs/metrics.md "Campaigns"):
 * published campaigns running in a window of Beijing days, their entries submitted in
 * the window, adoptions, supports and questionnaire responses, in all, by day, by
 * province and per campaign. Read-only SQL; every count walks one index range per
 * campaign or questionnaire (migration 2026-11-24T0900_campaign_figures), never the
 * messages.
 */
import { sql, type RawBuilder } from 'kysely';
import { CAMPAIGN_FIGURES_LIMIT, type CampaignFigureRow, type CampaignFigures, type CampaignStatus } from '../../../shared/campaigns.js';
import type { Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { NATIONAL_REGION } from '../regions/region-names.js';
import { windowOf } from '../stats/stats.windows.js';
import { clock } from './campaigns.service.js';
import { phaseOf } from './campaigns.present.js';

export interface CampaignFiguresQuery {
  from?: string;
  to?: string;
  region?: string;
}

interface Region {
  code: string;
  name: string;
  level: string;
  path: string;
}

interface Bounds {
  /** The first instant of the window's first Beijing day, and the first after its last. */
  start: RawBuilder<Date>;
  end: RawBuilder<Date>;
  /** The region subtree to count in; null: everywhere. */
  region: Region | null;
}

// ── SQL ─────────────────────────────────────────────────────────────────────

async function findRegion(db: Executor, code: string): Promise<Region | undefined> {
  const rows = await sql<Region>`SELECT code, name, level, path::text AS path FROM regions WHERE code = ${code}`.execute(db);
  return rows.rows[0];
}

/** The codes of the region and everything below it, as a condition on a region code column. */
function inSubtree(column: RawBuilder<unknown>, region: Region | null): RawBuilder<boolean> {
  return region ? sql<boolean>`${column} IN (SELECT code FROM regions WHERE path <@ ${region.path}::ltree)` : sql<boolean>`true`;
}

/**
 * Published campaigns running in the window: started before its end, ending after its start.
 * With a region, those concerning it: their area (their regions, else their board's region,
 * else — a ministry's board — the whole country) holds the region or lies inside it.
 */
function runningSql(b: Bounds): RawBuilder<unknown> {
  const concerns = b.region
    ? sql`AND (
        (cardinality(c.region_codes) = 0 AND bd.region_code IS NULL)
        OR EXISTS (
          SELECT 1 FROM regions a
          WHERE a.code = ANY(CASE WHEN cardinality(c.region_codes) > 0 THEN c.region_codes ELSE ARRAY[bd.region_code] END)
            AND (a.path <@ ${b.region.path}::ltree OR a.path @> ${b.region.path}::ltree)))`
    : sql``;
  return sql`
    SELECT c.id FROM campaigns c JOIN boards bd ON bd.id = c.board_id
    WHERE c.status <> 'draft' AND c.starts_at < ${b.end} AND c.ends_at > ${b.start} ${concerns}`;
}

interface RunningRow {
  id: string;
  title: string;
  organiser_unit_id: string;
  organiser_name: string;
  status: CampaignStatus;
  starts_at: Date;
  ends_at: Date;
}

async function runningCampaigns(db: Executor, b: Bounds): Promise<RunningRow[]> {
  const rows = await sql<RunningRow>`
    SELECT c.id, c.title, c.organiser_unit_id, u.name AS organiser_name, c.status, c.starts_at, c.ends_at
    FROM campaigns c JOIN units u ON u.id = c.organiser_unit_id
    WHERE c.id IN (${runningSql(b)})`.execute(db);
  return rows.rows;
}

interface EntryRow {
  dim: 'all' | 'day' | 'province' | 'campaign';
  day: string | null;
  province_code: string | null;
  province_name: string | null;
  campaign_id: string | null;
  entries: number;
  adopted: number;
  supports: number;
}

/** Entries submitted in the window to the running campaigns (in the region): in all, by day, province and campaign, in one pass. */
async function entryFigures(db: Executor, b: Bounds): Promise<EntryRow[]> {
  const rows = await sql<EntryRow>`
    SELECT g.*, p.name AS province_name
    FROM (
      SELECT CASE WHEN grouping(d) = 0 THEN 'day' WHEN grouping(province_code) = 0 THEN 'province'
                  WHEN grouping(campaign_id) = 0 THEN 'campaign' ELSE 'all' END AS dim,
             to_char(d, 'YYYY-MM-DD') AS day, province_code, campaign_id::text AS campaign_id,
             count(*)::int AS entries, count(adopted_at)::int AS adopted, coalesce(sum(support_count), 0)::int AS supports
      FROM (
        SELECT e.campaign_id, (e.created_at AT TIME ZONE 'Asia/Shanghai')::date AS d,
               left(e.region_code, 2) || '0000' AS province_code, e.adopted_at, e.support_count
        FROM (${runningSql(b)}) c
        JOIN campaign_entries e ON e.campaign_id = c.id AND e.created_at >= ${b.start} AND e.created_at < ${b.end}
        WHERE ${inSubtree(sql`e.region_code`, b.region)}
      ) e
      GROUP BY GROUPING SETS ((d), (province_code), (campaign_id), ())
    ) g LEFT JOIN regions p ON p.code = g.province_code`.execute(db);
  return rows.rows;
}

/**
 * Responses submitted in the window (from the region) to published questionnaires — not
 * those of a draft campaign — in all and per campaign.
 */
async function responseFigures(db: Executor, b: Bounds): Promise<{ total: number; byCampaign: Map<string, number> }> {
  const rows = await sql<{ campaign_id: string | null; whole: boolean; n: number }>`
    SELECT q.campaign_id::text AS campaign_id, grouping(q.campaign_id) = 1 AS whole, count(*)::int AS n
    FROM questionnaires q
    LEFT JOIN campaigns c ON c.id = q.campaign_id
    JOIN questionnaire_responses r ON r.questionnaire_id = q.id AND r.submitted_at >= ${b.start} AND r.submitted_at < ${b.end}
    WHERE q.status = 'published' AND (q.campaign_id IS NULL OR c.status <> 'draft')
      AND ${inSubtree(sql`r.region_code`, b.region)}
    GROUP BY GROUPING SETS ((q.campaign_id), ())`.execute(db);
  const byCampaign = new Map<string, number>();
  let total = 0;
  for (const r of rows.rows) {
    if (r.whole) total = r.n;
    else if (r.campaign_id !== null) byCampaign.set(r.campaign_id, r.n);
  }
  return { total, byCampaign };
}

// ── service ─────────────────────────────────────────────────────────────────

const rate = (adopted: number, entries: number) => (entries > 0 ? adopted / entries : null);

/**
 * Public figures of the campaigns in a window (default: this Beijing year so far), for the
 * whole country or a region subtree. Anyone may read them: they are counts, and no entry's
 * text or author shows.
 * @throws DomainError validation_failed naming `from` or `to` (as the statistics routes), region_not_found (422, `region`).
 */
export async function getCampaignFigures(db: Executor, query: CampaignFiguresQuery): Promise<CampaignFigures> {
  const window = windowOf(query.from, query.to, clock.now());
  const region = await findRegion(db, query.region ?? NATIONAL_REGION);
  if (!region) throw new DomainError('region_not_found', { field: 'region' });
  const b: Bounds = {
    start: sql<Date>`(${window.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    end: sql<Date>`((${window.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    region: region.level === 'national' ? null : region,
  };
  const [running, entries, responses] = await Promise.all([runningCampaigns(db, b), entryFigures(db, b), responseFigures(db, b)]);

  const all = entries.find((r) => r.dim === 'all');
  const perCampaign = new Map(entries.filter((r) => r.dim === 'campaign').map((r) => [r.campaign_id!, r]));
  const now = clock.now();
  const campaigns: CampaignFigureRow[] = running
    .map((c) => {
      const e = perCampaign.get(c.id);
      return {
        id: Number(c.id),
        title: c.title,
        organiser: { id: Number(c.organiser_unit_id), name: c.organiser_name },
        status: c.status,
        phase: phaseOf(c, now),
        startsAt: new Date(c.starts_at).toISOString(),
        endsAt: new Date(c.ends_at).toISOString(),
        entries: e?.entries ?? 0,
        adopted: e?.adopted ?? 0,
        adoptionRate: rate(e?.adopted ?? 0, e?.entries ?? 0),
        supports: e?.supports ?? 0,
        responses: responses.byCampaign.get(c.id) ?? 0,
      };
    })
    .sort((a, z) => z.entries - a.entries || z.id - a.id)
    .slice(0, CAMPAIGN_FIGURES_LIMIT);

  const entryCount = all?.entries ?? 0;
  const adopted = all?.adopted ?? 0;
  return {
    region: { code: region.code, name: region.name, level: region.level },
    from: window.from,
    to: window.to,
    totals: { campaigns: running.length, entries: entryCount, adopted, adoptionRate: rate(adopted, entryCount), supports: all?.supports ?? 0, responses: responses.total },
    byDay: entries
      .filter((r) => r.dim === 'day')
      .map((r) => ({ day: r.day!, entries: r.entries, adopted: r.adopted }))
      .sort((a, z) => a.day.localeCompare(z.day)),
    byProvince: entries
      .filter((r) => r.dim === 'province')
      .map((r) => ({ code: r.province_code!, name: r.province_name ?? r.province_code!, entries: r.entries, adopted: r.adopted }))
      .sort((a, z) => z.entries - a.entries || a.code.localeCompare(z.code)),
    campaigns,
  };
}
