/**
 * Keeps the rollups equal to the messages. Triggers mark every changed message
 * in stat_dirty (in the writer's transaction, so nothing is missed and writers
 * never wait on a shared counter); folding takes a batch of marked messages,
 * recomputes their facts, and adds (new − old) to every cell they touch — in
 * one transaction, so cells, facts and marks always agree.
 *
 * One folder at a time (an advisory lock), which also keeps cell updates free
 * of deadlocks. Statistics reads fold first (stats.service.ts), so a figure
 * read after a change includes it; a job folds in the background too.
 */
import { sql } from 'kysely';
import { MEASURES, type Measures } from '../../../shared/stats.js';
import type { Database, Executor } from '../../db/database.js';
import { cellKeysOf, termKeysOf, type CellKey, type TermKey } from './stats.cells.js';
import { factOf, loadFactSources, type StatFact } from './stats.facts.js';
import { syncCalendar } from '../calendar/calendar.service.js';

const FOLD_LOCK = 2_026_112_305;
export const FOLD_BATCH = 2000;
/**
 * The background fold's batch: small, so that a burst of submissions (30,000
 * marks a minute at 500/s) is counted in steps of a few milliseconds of the
 * event loop each rather than one long stall of the requests served beside it
 * (a 2,000-message batch held the loop for ~380 ms in the burst benchmark).
 */
export const BACKGROUND_FOLD_BATCH = 200;

interface StoredFact {
  message_id: string;
  day: string;
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  board_id: string;
  board_level: string;
  field_code: string;
  type: string;
  channel: string;
  handling_class: string;
  unit_id: string | null;
  terms: string[];
  [measure: string]: unknown;
}

function storedToFact(row: StoredFact): StatFact {
  const measures = Object.fromEntries(MEASURES.map((m) => [m, Number(row[m])])) as Measures;
  return {
    messageId: String(row.message_id),
    day: row.day,
    provinceCode: row.province_code,
    cityCode: row.city_code,
    countyCode: row.county_code,
    boardId: String(row.board_id),
    boardLevel: row.board_level as StatFact['boardLevel'],
    fieldCode: row.field_code,
    type: row.type,
    channel: row.channel,
    handlingClass: row.handling_class,
    unitId: row.unit_id === null ? null : String(row.unit_id),
    terms: row.terms,
    measures,
  };
}

function sameFact(a: StatFact, b: StatFact): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Folds marked messages into the rollups until none are left (or `maxBatches`
 * batches). Waits for another folder to finish when `wait`, else returns 0 at once.
 * @returns how many messages were folded.
 */
export async function foldPending(db: Database, options: { wait?: boolean; maxBatches?: number; batch?: number } = {}): Promise<number> {
  let folded = 0;
  for (let i = 0; i < (options.maxBatches ?? Infinity); i++) {
    const n = await db.transaction().execute(async (tx) => {
      const lock = options.wait
        ? await sql`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`.execute(tx).then(() => true)
        : (await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`.execute(tx)).rows[0]!.ok;
      if (!lock) return -1;
      return foldBatch(tx, options.batch ?? FOLD_BATCH);
    });
    if (n <= 0) break;
    folded += n;
    // Counting a batch is JavaScript work on this process's event loop; let waiting requests in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return folded;
}

/** Whether any change waits to be counted: a statistics read checks this before it folds. */
export async function hasPending(db: Executor): Promise<boolean> {
  const result = await sql<{ pending: boolean }>`SELECT EXISTS (SELECT 1 FROM stat_dirty) AS pending`.execute(db);
  return result.rows[0]!.pending;
}

async function foldBatch(tx: Executor, limit: number): Promise<number> {
  // A mark a writer still holds (it is re-marking in an open transaction) is skipped: that
  // writer's change is not visible yet, and its mark stays for the next fold.
  const marked = await sql<{ message_id: string }>`
    DELETE FROM stat_dirty WHERE message_id IN (
      SELECT message_id FROM stat_dirty ORDER BY message_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING message_id`.execute(tx);
  const ids = marked.rows.map((r) => String(r.message_id));
  if (ids.length === 0) return 0;

  // Working-day figures count on the calendar as the database has it now (admins change it).
  await syncCalendar(tx);
  const [sources, stored] = await Promise.all([
    loadFactSources(tx, ids),
    sql<StoredFact>`SELECT *, day::text AS day FROM stat_facts WHERE message_id = ANY(${ids}::bigint[])`.execute(tx).then((r) => r.rows),
  ]);
  const oldFacts = new Map(stored.map((row) => [String(row.message_id), storedToFact(row)]));
  const newFacts = new Map(sources.map((s) => { const f = factOf(s); return [f.messageId, f] as const; }));

  const cells = new Map<string, { key: CellKey; measures: Measures }>();
  const terms = new Map<string, { key: TermKey; n: number }>();
  const changed: StatFact[] = [];
  const removed: string[] = [];
  const apply = (fact: StatFact, sign: 1 | -1) => {
    for (const key of cellKeysOf(fact)) {
      const id = `${key.grain}|${key.period}|${key.regionCode}|${key.dim}|${key.value}`;
      let cell = cells.get(id);
      if (!cell) {
        cell = { key, measures: Object.fromEntries(MEASURES.map((m) => [m, 0])) as Measures };
        cells.set(id, cell);
      }
      for (const m of MEASURES) cell.measures[m] += sign * fact.measures[m];
    }
    for (const key of termKeysOf(fact)) {
      const id = `${key.grain}|${key.period}|${key.regionCode}|${key.term}`;
      const entry = terms.get(id) ?? { key, n: 0 };
      entry.n += sign;
      terms.set(id, entry);
    }
  };
  for (const id of ids) {
    const before = oldFacts.get(id);
    const after = newFacts.get(id);
    if (before && after && sameFact(before, after)) continue;
    if (before) apply(before, -1);
    if (after) {
      apply(after, 1);
      changed.push(after);
    } else if (before) removed.push(id);
  }
  await writeFacts(tx, changed, removed);
  await writeCells(tx, [...cells.values()].filter((c) => MEASURES.some((m) => c.measures[m] !== 0)));
  await writeTerms(tx, [...terms.values()].filter((t) => t.n !== 0));
  return ids.length;
}

const FACT_COLUMNS = ['message_id', 'day', 'province_code', 'city_code', 'county_code', 'board_id', 'board_level', 'field_code', 'type', 'channel', 'handling_class', 'unit_id', 'terms', ...MEASURES];

async function writeFacts(tx: Executor, facts: StatFact[], removed: string[]): Promise<void> {
  if (removed.length > 0) await sql`DELETE FROM stat_facts WHERE message_id = ANY(${removed}::bigint[])`.execute(tx);
  if (facts.length === 0) return;
  const rows = facts.map((f) => ({
    message_id: f.messageId, day: f.day, province_code: f.provinceCode, city_code: f.cityCode, county_code: f.countyCode,
    board_id: f.boardId, board_level: f.boardLevel, field_code: f.fieldCode, type: f.type, channel: f.channel,
    handling_class: f.handlingClass, unit_id: f.unitId, terms: f.terms, ...f.measures,
  }));
  const columns = sql.raw(FACT_COLUMNS.join(', '));
  const updates = sql.raw(FACT_COLUMNS.filter((c) => c !== 'message_id').map((c) => `${c} = EXCLUDED.${c}`).join(', '));
  const recordType = sql.raw(
    ['message_id bigint', 'day date', 'province_code text', 'city_code text', 'county_code text', 'board_id bigint', 'board_level text', 'field_code text', 'type text', 'channel text', 'handling_class text', 'unit_id bigint', 'terms text[]', ...MEASURES.map((m) => `${m} integer`)].join(', '),
  );
  await sql`
    INSERT INTO stat_facts (${columns})
    SELECT ${columns} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${recordType})
    ON CONFLICT (message_id) DO UPDATE SET ${updates}`.execute(tx);
}

async function writeCells(tx: Executor, cells: Array<{ key: CellKey; measures: Measures }>): Promise<void> {
  if (cells.length === 0) return;
  const rows = cells.map(({ key, measures }) => ({
    grain: key.grain, period: key.period, region_code: key.regionCode, region_level: key.regionLevel, parent_code: key.parentCode, dim: key.dim, value: key.value, ...measures,
  }));
  const keyColumns = ['grain', 'period', 'region_code', 'region_level', 'parent_code', 'dim', 'value'];
  const columns = sql.raw([...keyColumns, ...MEASURES].join(', '));
  const recordType = sql.raw(['grain text', 'period date', 'region_code text', 'region_level text', 'parent_code text', 'dim text', 'value text', ...MEASURES.map((m) => `${m} bigint`)].join(', '));
  const updates = sql.raw(MEASURES.map((m) => `${m} = stat_cells.${m} + EXCLUDED.${m}`).join(', '));
  // In key order: (the single folder holds the advisory lock, but order keeps it cheap to reason about.)
  await sql`
    INSERT INTO stat_cells (${columns})
    SELECT ${columns} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${recordType})
    ORDER BY grain, region_code, dim, value, period
    ON CONFLICT (grain, region_code, dim, value, period) DO UPDATE SET ${updates}`.execute(tx);
}

async function writeTerms(tx: Executor, terms: Array<{ key: TermKey; n: number }>): Promise<void> {
  if (terms.length === 0) return;
  const rows = terms.map(({ key, n }) => ({ grain: key.grain, period: key.period, region_code: key.regionCode, term: key.term, n }));
  await sql`
    INSERT INTO stat_terms (grain, period, region_code, term, n)
    SELECT grain, period, region_code, term, n FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(grain text, period date, region_code text, term text, n bigint)
    ORDER BY grain, region_code, period, term
    ON CONFLICT (grain, region_code, period, term) DO UPDATE SET n = stat_terms.n + EXCLUDED.n`.execute(tx);
}

/** Counts everything again from the messages (after a bulk load, or to repair): marks all, then folds. */
export async function rebuildStats(db: Database, log: (msg: string) => void = () => {}): Promise<number> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${FOLD_LOCK})`.execute(tx);
    await sql`TRUNCATE stat_facts, stat_cells, stat_terms`.execute(tx);
    await sql`INSERT INTO stat_dirty (message_id) SELECT id FROM messages ON CONFLICT DO NOTHING`.execute(tx);
  });
  let total = 0;
  const started = Date.now();
  for (;;) {
    const n = await foldPending(db, { wait: true, maxBatches: 10, batch: 5000 });
    if (n === 0) break;
    total += n;
    log(`stats: ${total.toLocaleString('en')} messages counted (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  return total;
}
