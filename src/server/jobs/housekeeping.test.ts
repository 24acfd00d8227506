import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { makeCitizen } from '../../../test/support/factories.js';
import { runHousekeeping } from './housekeeping.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe('housekeeping', () => {
  it('removes expired sessions and old SMS codes, keeps live ones, and is harmless twice', async () => {
    const citizen = await makeCitizen(t.db);
    await sql`INSERT INTO sessions (id, account_id, csrf_token, expires_at) VALUES ('expired-hk', ${citizen.id}, 'x', now() - interval '1 hour'), ('live-hk', ${citizen.id}, 'y', now() + interval '1 day')`.execute(t.db);
    await sql`INSERT INTO sms_codes (mobile, purpose, code_hash, expires_at) VALUES ('13900000000', 'login', 'h', now() - interval '3 days'), ('13900000001', 'login', 'h', now() + interval '5 minutes')`.execute(t.db);
    const first = await runHousekeeping(t.db);
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    const ids = (await sql<{ id: string }>`SELECT id FROM sessions WHERE id IN ('expired-hk', 'live-hk')`.execute(t.db)).rows.map((r) => r.id);
    expect(ids).toEqual(['live-hk']);
    const codes = (await sql<{ mobile: string }>`SELECT mobile FROM sms_codes WHERE mobile IN ('13900000000', '13900000001')`.execute(t.db)).rows.map((r) => r.mobile);
    expect(codes).toEqual(['13900000001']);
    expect((await runHousekeeping(t.db)).sessions).toBe(0);
  });
});
