import { describe, expect, it } from 'vitest';
import type { Actor } from '../modules/access/actor.js';
import type { Database } from './database.js';
import { createReadRouter } from './read-routing.js';

// Stand-ins: the router only hands them to the read functions, which here answer with their name.
const primary = { name: 'primary' } as unknown as Database;
const replica = { name: 'replica' } as unknown as Database;
const nameOf = (db: Database) => (db as unknown as { name: string }).name;
const signedIn = { accountId: '1' } as Actor;

function router() {
  let clock = 0;
  const warnings: string[] = [];
  const errors: string[] = [];
  const reads = createReadRouter({ primary, replica, log: { warn: (_o, msg) => warnings.push(msg), error: (_o, msg) => errors.push(msg) }, now: () => clock });
  return { reads, warnings, errors, advance: (ms: number) => (clock += ms) };
}

/** A read that fails on the replica with `error` while `failing` says so. */
function readFailingOnReplica(error: object, failing: () => boolean) {
  return async (db: Database) => {
    if (db === replica && failing()) throw error;
    return nameOf(db);
  };
}

describe('createReadRouter', () => {
  it('sends visitors and statistics to the replica and signed-in readers to the primary', async () => {
    const { reads } = router();
    expect(await reads.publicRead(null, async (db) => nameOf(db))).toBe('replica');
    expect(await reads.publicRead(signedIn, async (db) => nameOf(db))).toBe('primary');
    expect(await reads.statisticsRead(async (db) => nameOf(db))).toBe('replica');
  });

  it('reads from the primary when the replica is away, leaves it alone for 5 s, then tries it again', async () => {
    const { reads, warnings, advance } = router();
    let down = true;
    let replicaTries = 0;
    const read = async (db: Database) => {
      if (db === replica) {
        replicaTries++;
        if (down) throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.2:5432'), { code: 'ECONNREFUSED' });
      }
      return nameOf(db);
    };
    expect(await reads.publicRead(null, read)).toBe('primary');
    expect(await reads.publicRead(null, read)).toBe('primary');
    expect(replicaTries).toBe(1);
    expect(warnings).toHaveLength(1);
    down = false;
    advance(5_001);
    expect(await reads.publicRead(null, read)).toBe('replica');
  });

  it('runs a query cancelled by a recovery conflict again on the primary without giving up on the replica', async () => {
    const { reads, warnings } = router();
    let first = true;
    const read = readFailingOnReplica({ code: '40001', message: 'canceling statement due to conflict with recovery' }, () => {
      const now = first;
      first = false;
      return now;
    });
    expect(await reads.publicRead(null, read)).toBe('primary');
    expect(await reads.publicRead(null, read)).toBe('replica');
    expect(warnings).toEqual([]);
  });

  it('logs a routed read that tries to write as an error and serves it from the primary', async () => {
    const { reads, errors } = router();
    expect(await reads.publicRead(null, readFailingOnReplica({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' }, () => true))).toBe('primary');
    expect(errors).toHaveLength(1);
  });

  it('passes on errors of the read itself (a 404, a bad value) without asking the primary', async () => {
    const { reads } = router();
    const notFound = Object.assign(new Error('not found'), { type: 'not_found' });
    const asked: string[] = [];
    await expect(
      reads.publicRead(null, async (db) => {
        asked.push(nameOf(db));
        throw notFound;
      }),
    ).rejects.toBe(notFound);
    expect(asked).toEqual(['replica']);
  });

  it('reads statistics from the replica even when the primary cannot fold first', async () => {
    const { reads } = router();
    const primaryAway = async () => {
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    };
    expect(await reads.statisticsRead(async (db) => nameOf(db), primaryAway)).toBe('replica');
  });
});
