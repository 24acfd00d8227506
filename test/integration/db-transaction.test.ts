/**
 * transaction() (src/server/db/transaction.ts) on the real database: a real
 * deadlock is run again and both sides commit; other errors are not retried;
 * a conflict that never ends gives up after the attempts allowed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { transaction } from '../../src/server/db/transaction.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase(database.url, 4);
  await sql`CREATE TABLE tx_probe (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`.execute(db);
  await sql`INSERT INTO tx_probe (id) VALUES (1), (2)`.execute(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** Resolves once `count` callers have arrived. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === count) open();
    await opened;
  };
}

const bump = (tx: Parameters<Parameters<typeof transaction>[1]>[0], id: number) => sql`UPDATE tx_probe SET n = n + 1 WHERE id = ${id}`.execute(tx);

describe('transaction()', () => {
  it('runs the loser of a real deadlock again, so both callers succeed and each change is made once', async () => {
    await sql`UPDATE tx_probe SET n = 0`.execute(db);
    const meet = barrier(2);
    const attempts = { a: 0, b: 0 };
    // Each locks one row, waits until the other holds its own, then asks for the other's: a deadlock on the first attempt.
    const crossing = (side: 'a' | 'b', first: number, second: number) =>
      transaction(db, async (tx) => {
        attempts[side]++;
        await bump(tx, first);
        if (attempts[side] === 1) await meet();
        await bump(tx, second);
        return side;
      });
    expect(await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)])).toEqual(['a', 'b']);
    expect(attempts.a + attempts.b).toBe(3);
    const rows = await db.selectFrom('tx_probe' as never).select(['id' as never, 'n' as never]).orderBy('id' as never).execute();
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('lets the same deadlock reach the caller without it (what the services did before)', async () => {
    const meet = barrier(2);
    const crossing = (first: number, second: number) =>
      db.transaction().execute(async (tx) => {
        await bump(tx, first);
        await meet();
        await bump(tx, second);
      });
    const results = await Promise.allSettled([crossing(1, 2), crossing(2, 1)]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as { code?: string }).code)).toEqual(['40P01']);
  });

  it('does not run again after any other error, and rolls the attempt back', async () => {
    const before = (await sql<{ n: number }>`SELECT n FROM tx_probe WHERE id = 1`.execute(db)).rows[0]!.n;
    let runs = 0;
    await expect(
      transaction(db, async (tx) => {
        runs++;
        await bump(tx, 1);
        await sql`INSERT INTO tx_probe (id) VALUES (1)`.execute(tx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(1);
    const row = await sql<{ n: number }>`SELECT n FROM tx_probe WHERE id = 1`.execute(db);
    expect(row.rows[0]!.n).toBe(before);
  });

  it('gives up with the conflict after the attempts allowed', async () => {
    let runs = 0;
    const conflict = Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    await expect(
      transaction(
        db,
        async () => {
          runs++;
          throw conflict;
        },
        { attempts: 3 },
      ),
    ).rejects.toBe(conflict);
    expect(runs).toBe(3);
  });
});
