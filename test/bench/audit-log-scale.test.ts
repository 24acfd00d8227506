/**
 * `npm run bench:audit`: the audit log at a million rows (a benchmark, not in `npm test`; it takes a minute):
 * each filter of GET /audit-log answers a page with its capped total within 1 s, as the platform
 * admin and as a unit admin, on the indexes of migration 2026-12-07T0110_audit_filters.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { accountIdOf, loginFrom, uniqueIp, unitIdByKey } from '../support/factories.js';

const ROWS = 1_000_000;
let t: TestApp;
let admin: Session;
let unitAdmin: Session;
const timings: Record<string, number> = {};

describe('the audit log at a million rows', () => {
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginFrom(t.app, uniqueIp(), 'admin');
    unitAdmin = await loginFrom(t.app, uniqueIp(), 'unitadmin');
    // Actors: every staff account; a year of entries, ids growing with time as in life.
    await sql`
      INSERT INTO audit_log (at, actor_id, action, target_type, target_id, details)
      SELECT now() - interval '365 days' + (g * interval '365 days' / ${ROWS}),
             (SELECT array_agg(id) FROM accounts WHERE kind = 'staff')[1 + g % (SELECT count(*) FROM accounts WHERE kind = 'staff')],
             (ARRAY['account.update','account.disable','auth.login_failed','unit.create','campaign.update','policy.save','field.update'])[1 + g % 7],
             'account', (SELECT array_agg(id::text) FROM accounts)[1 + g % (SELECT count(*) FROM accounts)],
             '{"changes":{"status":{"from":"active","to":"disabled"}}}'
      FROM generate_series(1, ${ROWS}) g`.execute(t.db);
    await sql`ANALYZE audit_log`.execute(t.db);
  }, 600_000);
  afterAll(async () => {
    console.log('audit-log at 1M rows, ms per request:', JSON.stringify(timings));
    await t?.close();
  });

  async function timed(name: string, session: Session, query: string) {
    const started = performance.now();
    const res = await as(t.app, session, { method: 'GET', url: `/api/v1/audit-log?${query}` });
    timings[name] = Math.round(performance.now() - started);
    expect(res.statusCode, res.body).toBe(200);
    return timings[name]!;
  }

  it('answers every filter within a second', async () => {
    const actor = await accountIdOf(t.db, 'handler');
    const unit = await unitIdByKey(t.db, 'dh-pc');
    const cases: Array<[string, Session, string]> = [
      ['admin: everything', admin, 'limit=50'],
      ['admin: actorId', admin, `actorId=${actor}`],
      ['admin: actor name', admin, `actor=${encodeURIComponent('民政局')}`],
      ['admin: unitId', admin, `unitId=${unit}`],
      ['admin: one action', admin, 'action=account.disable'],
      ['admin: a kind', admin, 'action=auth.*'],
      ['admin: an object', admin, `targetType=account&targetId=${actor}`],
      ['admin: a day long ago', admin, 'dateFrom=2026-03-01&dateTo=2026-03-01'],
      ['admin: kind + a week', admin, 'action=unit.*&dateFrom=2026-06-01&dateTo=2026-06-07'],
      ['unit admin: everything', unitAdmin, 'limit=50'],
      ['unit admin: a kind', unitAdmin, 'action=account.*'],
      ['unit admin: a day long ago', unitAdmin, 'dateFrom=2026-03-01&dateTo=2026-03-01'],
    ];
    for (const [name, session, query] of cases) await timed(name, session, query);
    for (const [name, ms] of Object.entries(timings)) expect(ms, name).toBeLessThan(1000);
  }, 120_000);
});
