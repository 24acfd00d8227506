/**
 * The named invariants of the data (docs/integrity.md): every number the
 * platform keeps beside its source (reply counts, tab tallies, statistics
 * rollups, campaign counters) equals a recount, and the histories behind the
 * statuses follow the state machines. Each check is one set-based statement
 * (no per-row work in Node), read-only, that yields the breaching keys; the
 * service runs them all in one snapshot.
 */
import chineseDays from 'chinese-days';
import { sql, type RawBuilder } from 'kysely';
import { ANONYMOUS_NAME } from '../../../shared/accounts.js';
import { MEASURES } from '../../../shared/stats.js';
import { MESSAGE_STATUSES, publicStatusOf, TRANSITIONS, type MessageAction, type MessageStatus } from '../../../shared/messages.js';
import { OPEN_ASSIGNMENT_STATUSES } from '../../../shared/handling.js';
import { CELLS, type RegionLevel } from '../stats/stats.cells.js';
import { NATIONAL_REGION } from '../regions/region-names.js';

export interface IntegrityCheck {
  /** Stable, kebab-case: what `db:check --only` takes and the output prints. */
  name: string;
  /** One line: the invariant as a sentence. */
  description: string;
  /** What the example ids are ids of. */
  examples: string;
  /**
   * A statement selecting the breaches as `bad(key text, ord bigint)`: one row per breach,
   * `key` what to print, `ord` an order for the examples (ids ascending).
   */
  bad(context: CheckContext): RawBuilder<unknown>;
  /** Planner settings for this check's statement only (SET LOCAL, reset afterwards). */
  settings?: Record<string, string>;
}

export interface CheckContext {
  /** The Beijing days the messages span (first received to the latest reply or today), for the working-day count. */
  span: { first: string; last: string } | null;
  /**
   * Where the official calendar's holidays and make-up days come from (docs/metrics.md: 平均回复用时):
   * the database's calendar_days, or, on a database from before that table, the chinese-days
   * package (the days of the span that differ from a Monday–Friday week).
   */
  calendar: { source: 'table' } | { source: 'package'; days: string[]; kinds: string[] };
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

// ── replies ─────────────────────────────────────────────────────────────────

const replyCount: IntegrityCheck = {
  name: 'reply-count',
  description: 'messages.reply_count equals the public replies (reply events) of the message',
  examples: 'message ids',
  bad: () => sql`
    SELECT m.id::text AS key, m.id AS ord
      FROM messages m
      LEFT JOIN (SELECT message_id, count(*)::int AS n FROM message_events WHERE kind = 'reply' AND visibility = 'public' GROUP BY message_id) r
        ON r.message_id = m.id
     WHERE m.reply_count <> coalesce(r.n, 0)`,
};

const replyTimes: IntegrityCheck = {
  name: 'reply-times',
  description: 'first_reply_at and last_reply_at are the times of the first and the last public reply (none without one)',
  examples: 'message ids',
  bad: () => sql`
    SELECT m.id::text AS key, m.id AS ord
      FROM messages m
      LEFT JOIN (SELECT message_id, min(created_at) AS first, max(created_at) AS last
                   FROM message_events WHERE kind = 'reply' AND visibility = 'public' GROUP BY message_id) r
        ON r.message_id = m.id
     WHERE m.first_reply_at IS DISTINCT FROM r.first OR m.last_reply_at IS DISTINCT FROM r.last`,
};

// ── the public board ────────────────────────────────────────────────────────

/** publicStatusOf as SQL over m.status. */
const publicStatusSql = sql.raw(
  `CASE m.status ${MESSAGE_STATUSES.map((s) => `WHEN '${s}' THEN ${publicStatusOf(s) === null ? 'NULL' : `'${publicStatusOf(s)}'`}`).join(' ')} END`,
);

const listedPublic: IntegrityCheck = {
  name: 'listed-public',
  description: 'a message is listed (on the public board, in its tab) exactly when it is public and accepted; a campaign entry carries its message\'s flag',
  examples: 'message ids',
  bad: () => sql`
    SELECT m.id::text AS key, m.id AS ord
      FROM messages m
      LEFT JOIN campaign_entries ce ON ce.message_id = m.id
     WHERE m.public_status IS DISTINCT FROM (CASE WHEN m.is_public THEN ${publicStatusSql} END)
        OR m.listed <> (m.public_status IS NOT NULL)
        OR ce.listed <> m.listed`,
};

const tallies: IntegrityCheck = {
  name: 'tab-tallies',
  description: 'the tab counts (message_tallies) equal a recount of the listed messages per scope and tab',
  examples: 'scope/tab: kept ≠ recount',
  // The scopes of tallyScopes (messages.repository.ts): everywhere, each level code, the own
  // region once when the location is public, the board.
  bad: () => sql`
    WITH recount AS (
      SELECT s.scope, m.public_status, count(*) AS n
        FROM messages m
        CROSS JOIN LATERAL (VALUES
          ('all'), ('r:' || m.province_code), ('r:' || m.city_code), ('r:' || m.county_code),
          (CASE WHEN m.location_public AND m.region_code IS DISTINCT FROM m.province_code AND m.region_code IS DISTINCT FROM m.city_code
                     AND m.region_code IS DISTINCT FROM m.county_code THEN 'r:' || m.region_code END),
          ('b:' || m.board_id)) AS s(scope)
       WHERE m.listed AND s.scope IS NOT NULL
       GROUP BY s.scope, m.public_status
    )
    SELECT coalesce(r.scope, t.scope) || '/' || coalesce(r.public_status, t.public_status) || ': ' || coalesce(t.n, 0) || ' ≠ ' || coalesce(r.n, 0) AS key, 0::bigint AS ord
      FROM recount r
      FULL JOIN message_tallies t ON t.scope = r.scope AND t.public_status = r.public_status
     WHERE coalesce(t.n, 0) <> coalesce(r.n, 0)`,
};

// ── the state machines ──────────────────────────────────────────────────────

/**
 * How an event moves a message, in the terms of TRANSITIONS (src/shared/messages.ts). A
 * signature or a return moves it only when it is the top lead unit's; a rating only when it
 * is 不满意 (a satisfied one closes the message by the `closed` event that follows it).
 */
const EVENT_ACTION_SQL = sql`
  CASE e.kind
    WHEN 'submitted' THEN 'submit'
    WHEN 'accepted' THEN 'accept'
    WHEN 'rejected' THEN 'reject'
    WHEN 'withdrawn' THEN 'withdraw'
    WHEN 'assigned' THEN 'assign'
    WHEN 'reopened' THEN 'reopen'
    WHEN 'signed' THEN CASE WHEN a.parent_id IS NULL AND a.role = 'lead' THEN 'sign' END
    WHEN 'returned' THEN CASE WHEN a.parent_id IS NULL AND a.role = 'lead' THEN 'return_to_coordinator' END
    WHEN 'reply' THEN CASE WHEN (e.data->>'final')::boolean THEN 'reply_final' ELSE 'reply_interim' END
    WHEN 'rated' THEN CASE WHEN e.data->>'grade' IN ('dissatisfied', 'very_dissatisfied') THEN 'rate_dissatisfied' END
    WHEN 'rating_changed' THEN CASE WHEN e.data->>'grade' IN ('dissatisfied', 'very_dissatisfied') THEN 'rate_dissatisfied' END
    WHEN 'closed' THEN CASE e.data->>'by' WHEN 'rating' THEN 'rate_satisfied' WHEN 'unrated' THEN 'auto_close' WHEN 'coordinator' THEN 'close_explained' ELSE 'close_unknown' END
  END`;
const STATUS_EVENT_KINDS = ['submitted', 'accepted', 'rejected', 'withdrawn', 'assigned', 'reopened', 'signed', 'returned', 'reply', 'rated', 'rating_changed', 'closed'];

/** A closed message's state carries how it closed (close_reason): a 不满意 rating reopens only a closing the rating caused. */
const CLOSE_REASON: Partial<Record<MessageAction, string>> = { rate_satisfied: 'rated', auto_close: 'unrated', close_explained: 'explained' };
const stateKeys = (s: MessageStatus): string[] => (s === 'closed' ? Object.values(CLOSE_REASON).map((r) => `closed/${r}`) : [s]);

/** Every (action, from, to) the histories may show: TRANSITIONS, with the closing kinds told apart. */
export function pathSteps(): Array<[string, string, string]> {
  const steps: Array<[string, string, string]> = [['submit', '', 'submitted']];
  for (const [action, t] of Object.entries(TRANSITIONS) as Array<[MessageAction, (typeof TRANSITIONS)[MessageAction]]>) {
    const to = CLOSE_REASON[action] ? `${t.to}/${CLOSE_REASON[action]}` : t.to;
    for (const from of t.from.flatMap(stateKeys)) {
      // 不满意 after a closing it did not cause: 未评价 can no longer be rated; an explained closing stays closed (dropped below).
      if (action === 'rate_dissatisfied' && (from === 'closed/unrated' || from === 'closed/explained')) continue;
      steps.push([action, from, to]);
    }
  }
  // A rating changed while 不满意 (to 很不满意) moves nothing (canTransition refuses, rateMessage does not transition).
  steps.push(['rate_dissatisfied', 'dissatisfied', 'dissatisfied']);
  return steps;
}

const statusPath: IntegrityCheck = {
  name: 'status-path',
  description: 'every message\'s events, from `submitted` on, walk a path of the state machine (TRANSITIONS) that ends in its status and close_reason',
  examples: 'message ids',
  bad: () => {
    const steps = pathSteps();
    const toOf = new Map(steps.map(([action, , to]) => [action, to]));
    const stepValues = sql.join(steps.map(([action, from, to]) => sql`(${action}, ${from}, ${to})`));
    const toValues = sql.join([...toOf].map(([action, to]) => sql`(${action}, ${to})`));
    return sql`
      WITH tokens AS (
        SELECT e.message_id, e.id, ${EVENT_ACTION_SQL} AS action
          FROM message_events e
          LEFT JOIN assignments a ON e.kind IN ('signed', 'returned') AND a.id = (e.data->>'assignmentId')::bigint
         WHERE e.kind IN (${list(STATUS_EVENT_KINDS)})
      ),
      marked AS (
        SELECT t.*, coalesce(bool_or(t.action = 'close_explained') OVER (PARTITION BY t.message_id ORDER BY t.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false) AS explained
          FROM tokens t WHERE t.action IS NOT NULL
      ),
      walk AS (
        SELECT k.message_id, k.action, coalesce(lag(x.to_state) OVER w, '') AS from_state, x.to_state, lead(k.id) OVER w IS NULL AS last
          FROM marked k
          LEFT JOIN (VALUES ${toValues}) AS x(action, to_state) ON x.action = k.action
         -- 不满意 after an explained closing: recorded, the message stays closed.
         WHERE NOT (k.action = 'rate_dissatisfied' AND k.explained)
        WINDOW w AS (PARTITION BY k.message_id ORDER BY k.id)
      ),
      paths AS (
        SELECT w.message_id,
               bool_and(s.action IS NOT NULL) AS allowed,
               max(w.to_state) FILTER (WHERE w.last) AS final
          FROM walk w
          LEFT JOIN (VALUES ${stepValues}) AS s(action, from_state, to_state) ON s.action = w.action AND s.from_state = w.from_state
         GROUP BY w.message_id
      )
      SELECT m.id::text AS key, m.id AS ord
        FROM messages m
        LEFT JOIN paths p ON p.message_id = m.id
       WHERE NOT coalesce(p.allowed, false)
          OR p.final IS DISTINCT FROM m.status || coalesce('/' || m.close_reason, '')`;
  },
};

const explainedClosings: IntegrityCheck = {
  name: 'closing-explained',
  description: 'every 说明办结 (a coordinator\'s closing) carries its explanation',
  examples: 'message ids',
  bad: () => sql`
    SELECT DISTINCT e.message_id::text AS key, e.message_id AS ord
      FROM message_events e
     WHERE e.kind = 'closed' AND e.data->>'by' = 'coordinator' AND coalesce(btrim(e.body), '') = ''`,
};

const OPEN = list(OPEN_ASSIGNMENT_STATUSES);

const assignmentChains: IntegrityCheck = {
  name: 'assignment-chains',
  description:
    'assignments form chains: a child is a later part of its lead parent\'s message and round, open only under a parent that passed it down; ' +
    'a passed-down part has one open lead child; open work only in the current round, one open top lead exactly while the message is 待签收 (pending) or 办理中 (signed or passed down); signed parts have a signing time',
  examples: 'message ids',
  bad: () => sql`
    WITH broken AS (
      SELECT a.message_id
        FROM assignments a
        JOIN messages m ON m.id = a.message_id
        LEFT JOIN assignments p ON p.id = a.parent_id
       WHERE (a.parent_id IS NOT NULL AND (p.message_id <> a.message_id OR p.round <> a.round OR p.role <> 'lead' OR p.id >= a.id))
          OR (a.parent_id IS NOT NULL AND a.status IN (${OPEN}) AND p.status <> 'passed_down')
          OR (a.status IN (${OPEN}) AND a.round <> m.round)
          OR a.round > m.round
          OR (a.status IN ('pending', 'signed', 'passed_down', 'done') AND (a.status = 'pending') <> (a.signed_at IS NULL))
      UNION ALL
      -- A part passed down waits for exactly one open lead below it.
      SELECT a.message_id
        FROM assignments a
        LEFT JOIN assignments c ON c.parent_id = a.id AND c.role = 'lead' AND c.status IN (${OPEN})
       WHERE a.status = 'passed_down'
       GROUP BY a.id, a.message_id
      HAVING count(c.id) <> 1
      UNION ALL
      -- The message's status and its open top lead agree.
      SELECT m.id
        FROM messages m
        LEFT JOIN (
          SELECT a.message_id, count(*) AS n, min(a.status) AS status
            FROM assignments a
           WHERE a.parent_id IS NULL AND a.role = 'lead' AND a.status IN (${OPEN})
           GROUP BY a.message_id
        ) top ON top.message_id = m.id
       WHERE CASE m.status
               WHEN 'assigned' THEN top.n IS DISTINCT FROM 1 OR top.status <> 'pending'
               WHEN 'handling' THEN top.n IS DISTINCT FROM 1 OR top.status NOT IN ('signed', 'passed_down')
               ELSE top.n IS NOT NULL
             END
    )
    SELECT DISTINCT message_id::text AS key, message_id AS ord FROM broken`,
};

// ── units ───────────────────────────────────────────────────────────────────

const unitTree: IntegrityCheck = {
  name: 'unit-tree',
  description:
    'a unit\'s path is its parent\'s path and its own id (its id alone at the top), so a move rewrote the whole subtree; ' +
    'a retired unit holds no open assignment, no open board and no active child unit',
  examples: 'unit ids',
  bad: () => sql`
    SELECT u.id::text AS key, u.id AS ord
      FROM units u
      LEFT JOIN units p ON p.id = u.parent_id
     WHERE u.path <> CASE WHEN u.parent_id IS NULL THEN u.id::text::ltree ELSE p.path || u.id::text END
        OR (u.retired_at IS NOT NULL AND (
              EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id AND a.status IN (${OPEN}))
           OR EXISTS (SELECT 1 FROM boards b WHERE b.unit_id = u.id AND b.retired_at IS NULL)
           OR EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id AND c.retired_at IS NULL)))`,
};

const unitMerges: IntegrityCheck = {
  name: 'unit-merges',
  description:
    'a merged unit (机构改革) is retired and holds nothing that moves in a merge (open assignments, staff accounts, boards, child units); ' +
    'it was merged into another unit (never itself), and following merges never comes back to it ' +
    '(the surviving unit may later be merged or retired in turn: its own work then moved on by the same rules)',
  examples: 'unit ids',
  bad: () => sql`
    WITH RECURSIVE chain (start, id, depth, seen) AS (
      SELECT u.id, u.merged_into_id, 1, ARRAY[u.id] FROM units u WHERE u.merged_into_id IS NOT NULL
      UNION ALL
      SELECT c.start, n.merged_into_id, c.depth + 1, c.seen || c.id
        FROM chain c JOIN units n ON n.id = c.id
       WHERE n.merged_into_id IS NOT NULL AND NOT (c.id = ANY(c.seen)) AND c.depth < 100)
    SELECT u.id::text AS key, u.id AS ord
      FROM units u
      LEFT JOIN units t ON t.id = u.merged_into_id
     WHERE u.merged_into_id IS NOT NULL
       AND (u.retired_at IS NULL OR t.id = u.id
            OR EXISTS (SELECT 1 FROM chain c WHERE c.start = u.id AND c.id = ANY(c.seen))
            OR EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id AND a.status IN (${OPEN}))
            OR EXISTS (SELECT 1 FROM accounts a WHERE a.unit_id = u.id AND a.kind = 'staff')
            OR EXISTS (SELECT 1 FROM boards b WHERE b.unit_id = u.id)
            OR EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id))`,
};

const unitNames: IntegrityCheck = {
  name: 'unit-names',
  description:
    'a unit\'s name history (unit_names) has no gap and no overlap: its first name holds from -infinity, each next one from the moment the one before ended, ' +
    'and the last one, open-ended, is the unit\'s name and short name today',
  examples: 'unit ids',
  bad: () => sql`
    SELECT u.id::text AS key, u.id AS ord
      FROM units u
     WHERE NOT EXISTS (SELECT 1 FROM unit_names n WHERE n.unit_id = u.id AND n.valid_to IS NULL AND n.name = u.name AND n.short_name IS NOT DISTINCT FROM u.short_name)
        OR NOT EXISTS (SELECT 1 FROM unit_names n WHERE n.unit_id = u.id AND n.valid_from = '-infinity')
        OR EXISTS (
             SELECT 1 FROM (
               SELECT valid_from, valid_to, lead(valid_from) OVER (ORDER BY valid_from) AS next_from
                 FROM unit_names n WHERE n.unit_id = u.id) h
              WHERE h.valid_to IS DISTINCT FROM h.next_from)`,
};

// ── accounts ────────────────────────────────────────────────────────────────

const closedAccounts: IntegrityCheck = {
  name: 'closed-accounts',
  description:
    `a closed (注销) account is de-identified: no mobile, e-mail or login, its names the anonymous label (${ANONYMOUS_NAME}), ` +
    'no session, no notification, and no private note left on its messages',
  examples: 'account ids',
  bad: () => sql`
    SELECT a.id::text AS key, a.id AS ord
      FROM accounts a
     WHERE a.status = 'closed'
       AND (a.mobile IS NOT NULL OR a.email IS NOT NULL OR a.login IS NOT NULL
            OR a.nickname <> ${ANONYMOUS_NAME} OR a.display_name <> ${ANONYMOUS_NAME}
            OR EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = a.id)
            OR EXISTS (SELECT 1 FROM notifications n WHERE n.account_id = a.id)
            OR EXISTS (SELECT 1 FROM messages m WHERE m.author_id = a.id AND m.private_note IS NOT NULL))`,
};

// ── campaigns ───────────────────────────────────────────────────────────────

const campaignCounters: IntegrityCheck = {
  name: 'campaign-counters',
  description: 'a campaign\'s entry counter (the sum of its shards) equals its entries, an entry\'s support_count its supports, and entries are exactly the messages filed under a campaign',
  examples: 'campaign c<id> / entry e<message id> / message m<id>',
  bad: () => sql`
    SELECT 'c' || coalesce(k.campaign_id, e.campaign_id) AS key, coalesce(k.campaign_id, e.campaign_id) AS ord
      FROM (SELECT campaign_id, sum(n) AS n FROM campaign_entry_counts GROUP BY campaign_id) k
      FULL JOIN (SELECT campaign_id, count(*) AS n FROM campaign_entries GROUP BY campaign_id) e ON e.campaign_id = k.campaign_id
     WHERE coalesce(k.n, 0) <> coalesce(e.n, 0)
    UNION ALL
    SELECT 'e' || ce.message_id, ce.message_id
      FROM campaign_entries ce
      LEFT JOIN (SELECT message_id, count(*) AS n FROM campaign_supports GROUP BY message_id) s ON s.message_id = ce.message_id
     WHERE ce.support_count <> coalesce(s.n, 0)
    UNION ALL
    SELECT 'm' || coalesce(m.id, ce.message_id), coalesce(m.id, ce.message_id)
      FROM (SELECT id, campaign_id FROM messages WHERE campaign_id IS NOT NULL) m
      FULL JOIN campaign_entries ce ON ce.message_id = m.id
     WHERE m.campaign_id IS DISTINCT FROM ce.campaign_id`,
};

// ── statistics ──────────────────────────────────────────────────────────────

const GRADE_MEASURE: Record<string, string> = {
  very_satisfied: 'g_very_satisfied',
  satisfied: 'g_satisfied',
  basically_satisfied: 'g_basic',
  dissatisfied: 'g_dissatisfied',
  very_dissatisfied: 'g_very_dissatisfied',
};

/**
 * Each message's fact recounted from the tables by the words of docs/metrics.md, written
 * here in SQL (the fold computes it in TypeScript, stats.facts.ts). Hot-topic terms come from
 * jieba and are not recounted here; stat-cells checks that the term rollups sum the facts' terms.
 */
function recountedFacts(context: CheckContext) {
  const grades = Object.entries(GRADE_MEASURE).map(([grade, measure]) => sql`(CASE WHEN r.grade = ${grade} THEN 1 ELSE 0 END) AS ${sql.ref(measure)}`);
  const special =
    context.calendar.source === 'table'
      ? sql`SELECT day, kind FROM calendar_days`
      : sql`SELECT day::date, kind FROM unnest(${context.calendar.days}::text[], ${context.calendar.kinds}::text[]) AS c(day, kind)`;
  const { first, last } = context.span ?? { first: '2000-01-01', last: '2000-01-01' };
  return sql`
    WITH special AS (${special}),
    workdays AS (
      -- Per Beijing day, the working days from the span's first day up to it: a holiday rests, a make-up day works, else Monday–Friday.
      SELECT g::date AS day,
             sum(CASE WHEN coalesce(s.kind = 'workday', extract(isodow FROM g) < 6) THEN 1 ELSE 0 END) OVER (ORDER BY g) AS n
        FROM generate_series(${first}::date, ${last}::date, interval '1 day') AS g
        LEFT JOIN special s ON s.day = g::date
    ),
    follow_ups AS (
      SELECT message_id, count(*)::int AS n FROM message_events WHERE kind = 'follow_up' GROUP BY message_id
    ),
    leads AS (
      -- The unit the coordinator gave the current round to (the top of the chain).
      SELECT DISTINCT ON (a.message_id) a.message_id, a.unit_id, a.reply_due
        FROM assignments a JOIN messages m ON m.id = a.message_id AND a.round = m.round
       WHERE a.role = 'lead' AND a.parent_id IS NULL AND a.status NOT IN ('returned', 'cancelled')
       ORDER BY a.message_id, a.id DESC
    )
    SELECT m.id AS message_id,
           (m.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
           m.province_code, m.city_code, m.county_code, m.board_id,
           CASE WHEN br.level IS NULL OR br.level = 'national' THEN 'national' WHEN br.level IN ('province', 'city') THEN br.level ELSE 'county' END AS board_level,
           m.field_code, m.type, m.channel, coalesce(m.handling_class, 'none') AS handling_class, l.unit_id,
           1 AS total,
           (m.status = 'rejected')::int AS rejected,
           (m.status = 'withdrawn')::int AS withdrawn,
           (m.status NOT IN ('rejected', 'withdrawn'))::int AS received,
           (m.first_reply_at IS NOT NULL)::int AS replied,
           CASE WHEN m.first_reply_at IS NULL THEN 0 ELSE greatest(0, wr.n - wc.n) END AS reply_workdays,
           (m.final_reply_at IS NOT NULL)::int AS final_replied,
           (m.final_reply_at IS NOT NULL AND l.reply_due IS NOT NULL AND m.final_reply_at <= l.reply_due)::int AS on_time,
           (m.final_reply_at IS NOT NULL AND l.reply_due IS NOT NULL AND m.final_reply_at > l.reply_due)::int AS late,
           (m.status = 'closed')::int AS closed,
           (r.grade IS NOT NULL)::int AS rated,
           ${sql.join(grades)},
           coalesce(fu.n, 0) AS follow_ups,
           (m.round > 0)::int AS reopened,
           (m.overdue_count > 0)::int AS overdue
      FROM messages m
      JOIN boards b ON b.id = m.board_id
      LEFT JOIN regions br ON br.code = b.region_code
      LEFT JOIN message_ratings r ON r.message_id = m.id
      LEFT JOIN follow_ups fu ON fu.message_id = m.id
      LEFT JOIN leads l ON l.message_id = m.id
      LEFT JOIN workdays wc ON wc.day = (m.created_at AT TIME ZONE 'Asia/Shanghai')::date
      LEFT JOIN workdays wr ON wr.day = (m.first_reply_at AT TIME ZONE 'Asia/Shanghai')::date`;
}

const FACT_KEYS = ['day', 'province_code', 'city_code', 'county_code', 'board_id', 'board_level', 'field_code', 'type', 'channel', 'handling_class', 'unit_id'];

const statFacts: IntegrityCheck = {
  name: 'stat-facts',
  description: 'every message not waiting to be folded (stat_dirty) has its statistics fact, equal to a recount from the tables (docs/metrics.md); no fact without a message',
  examples: 'message ids',
  bad: (context) => {
    const differs = [...FACT_KEYS, ...MEASURES].map((c) => sql`f.${sql.ref(c)} IS DISTINCT FROM x.${sql.ref(c)}`);
    return sql`
      WITH x AS (${recountedFacts(context)})
      SELECT coalesce(x.message_id, f.message_id)::text AS key, coalesce(x.message_id, f.message_id) AS ord
        FROM x
        FULL JOIN stat_facts f ON f.message_id = x.message_id
       WHERE NOT EXISTS (SELECT 1 FROM stat_dirty d WHERE d.message_id = coalesce(x.message_id, f.message_id))
         AND (x.message_id IS NULL OR f.message_id IS NULL OR ${sql.join(differs, sql` OR `)})`;
  },
};

/** The grouping columns of the expected cells (stats.cells.ts: CELLS and cellKeysOf). */
const GROUP_COLUMNS = ['day', 'month', 'province_code', 'city_code', 'county_code', 'board_level', 'field_code', 'type', 'channel', 'handling_class', 'board_day', 'board_id', 'unit_id'] as const;
type GroupColumn = (typeof GROUP_COLUMNS)[number];
const DIM_COLUMN: Record<string, GroupColumn | null> = { all: null, level: 'board_level', field: 'field_code', type: 'type', channel: 'channel', class: 'handling_class', board: 'board_id', unit: 'unit_id' };
const REGION_COLUMN: Record<RegionLevel, GroupColumn | null> = { national: null, province: 'province_code', city: 'city_code', county: 'county_code' };

/** One grouping set per (region level, cut, grain) that CELLS keeps, with how its rows become cell keys. */
function cellSets() {
  const sets: Array<{ columns: GroupColumn[]; grain: 'd' | 'm'; region: GroupColumn | null; dim: string; value: GroupColumn | null }> = [];
  for (const [level, dims] of Object.entries(CELLS) as Array<[RegionLevel, Record<string, 'dm' | 'm'>]>) {
    for (const [dim, grains] of Object.entries(dims)) {
      for (const grain of grains === 'dm' ? (['d', 'm'] as const) : (['m'] as const)) {
        // Day cells of boards only for the ministries' and provincial leaders' boards (board_day is null for others).
        const value = dim === 'board' && grain === 'd' ? 'board_day' : DIM_COLUMN[dim]!;
        const region = REGION_COLUMN[level];
        const columns = [grain === 'd' ? 'day' : 'month', ...(region ? [region] : []), ...(value ? [value] : [])] as GroupColumn[];
        sets.push({ columns, grain, region, dim, value });
      }
    }
  }
  return sets;
}

const statCells: IntegrityCheck = {
  name: 'stat-cells',
  description: 'every statistics rollup cell (day and month × region × cut) and hot-topic term count equals the sum of the facts it covers',
  examples: 'grain/period/region/cut=value',
  // Forty grouping sets over every fact: hashed, their tables would grow with the cells (gigabytes at
  // 2,000,000 messages); sorted, memory stays bounded and the time grows with the facts.
  settings: { enable_hashagg: 'off', enable_mergejoin: 'off', work_mem: '64MB' },
  bad: () => {
    const sets = cellSets();
    // GROUPING(all columns) tells the sets apart: bit i (from the left) set when column i is not grouped.
    const maskOf = (columns: readonly GroupColumn[]) => GROUP_COLUMNS.reduce((mask, c, i) => mask | (columns.includes(c) ? 0 : 1 << (GROUP_COLUMNS.length - 1 - i)), 0);
    const caseOf = (pick: (s: (typeof sets)[number]) => string) => sql.raw(`CASE mask ${sets.map((s) => `WHEN ${maskOf(s.columns)} THEN ${pick(s)}`).join(' ')} END`);
    const mask = sql.raw(`GROUPING(${GROUP_COLUMNS.join(', ')})`);
    const sums = MEASURES.map((m) => sql`sum(${sql.ref(m)}) AS ${sql.ref(m)}`);
    const differs = MEASURES.map((m) => sql`coalesce(c.${sql.ref(m)}, 0) <> coalesce(x.${sql.ref(m)}, 0)`);
    const groupingSets = sql.raw(sets.map((s) => `(${s.columns.join(', ')})`).join(', '));
    return sql`
      WITH g AS (
        SELECT ${mask} AS mask, ${sql.raw(GROUP_COLUMNS.join(', '))}, ${sql.join(sums)}
          FROM (SELECT f.*, date_trunc('month', f.day)::date AS month,
                       CASE WHEN f.board_level IN ('national', 'province') THEN f.board_id END AS board_day
                  FROM stat_facts f) f
         GROUP BY GROUPING SETS (${groupingSets})
      ),
      x AS (
        SELECT ${caseOf((s) => `'${s.grain}'`)} AS grain,
               coalesce(day, month) AS period,
               ${caseOf((s) => (s.region ? `${s.region}::text` : `'${NATIONAL_REGION}'`))} AS region_code,
               ${caseOf((s) => `'${s.dim}'`)} AS dim,
               ${caseOf((s) => (s.value ? `${s.value}::text` : `''`))} AS value,
               ${sql.join(MEASURES.map((m) => sql.ref(m)))}
          FROM g
      ),
      expected AS (SELECT * FROM x WHERE region_code IS NOT NULL AND value IS NOT NULL),
      terms AS (
        SELECT grain, period, region_code, term, count(*) AS n
          FROM (SELECT f.day, date_trunc('month', f.day)::date AS month, f.province_code, t.term
                  FROM stat_facts f CROSS JOIN LATERAL unnest(f.terms) AS t(term) WHERE f.received = 1) f
          CROSS JOIN LATERAL (VALUES ('d', f.day, ${NATIONAL_REGION}::text), ('m', f.month, ${NATIONAL_REGION}::text), ('m', f.month, f.province_code)) AS k(grain, period, region_code)
         WHERE k.region_code IS NOT NULL
         GROUP BY grain, period, region_code, term
      )
      SELECT concat_ws('/', coalesce(c.grain, x.grain), coalesce(c.period, x.period), coalesce(c.region_code, x.region_code), coalesce(c.dim, x.dim) || '=' || coalesce(c.value, x.value)) AS key, 0::bigint AS ord
        FROM stat_cells c
        FULL JOIN expected x ON x.grain = c.grain AND x.period = c.period AND x.region_code = c.region_code AND x.dim = c.dim AND x.value = c.value
       WHERE ${sql.join(differs, sql` OR `)}
      UNION ALL
      SELECT concat_ws('/', coalesce(s.grain, t.grain), coalesce(s.period, t.period), coalesce(s.region_code, t.region_code), 'term=' || coalesce(s.term, t.term)), 0
        FROM stat_terms s
        FULL JOIN terms t ON t.grain = s.grain AND t.period = s.period AND t.region_code = s.region_code AND t.term = s.term
       WHERE coalesce(s.n, 0) <> coalesce(t.n, 0)`;
  },
};

/** Every check, in the order they print. */
export const INTEGRITY_CHECKS: readonly IntegrityCheck[] = [
  replyCount,
  replyTimes,
  listedPublic,
  tallies,
  statusPath,
  explainedClosings,
  assignmentChains,
  unitTree,
  unitMerges,
  unitNames,
  closedAccounts,
  campaignCounters,
  statFacts,
  statCells,
];

/** The days from `from` to `to` on which chinese-days differs from a Monday–Friday week: holidays and make-up workdays. */
export function packageCalendar(from: string, to: string): { source: 'package'; days: string[]; kinds: string[] } {
  const days: string[] = [];
  const kinds: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay() % 6 !== 0;
    const works = chineseDays.isWorkday(day);
    if (works !== weekday) {
      days.push(day);
      kinds.push(works ? 'workday' : 'holiday');
    }
  }
  return { source: 'package', days, kinds };
}
