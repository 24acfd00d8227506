import { describe, expect, it } from 'vitest';
import { formatMessageNumber, numberBatcher, type Reserve } from './message-numbers.js';

/** A counter per day, like message_day_counters, whose reservations finish when the test says so. */
function fakeCounter() {
  const counters = new Map<string, number>();
  const calls: { day: string; count: number; finish(error?: Error): void }[] = [];
  const reserve: Reserve = (day, count) =>
    new Promise((resolve, reject) => {
      calls.push({
        day,
        count,
        finish(error) {
          if (error) return reject(error);
          const n = (counters.get(day) ?? 0) + count;
          counters.set(day, n);
          resolve(n);
        },
      });
    });
  return { reserve, calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('numberBatcher', () => {
  it('serves the requests of one turn of the event loop with one reservation, in arrival order', async () => {
    const { reserve, calls } = fakeCounter();
    const next = numberBatcher(reserve);
    const numbers = Promise.all([next('2026-11-23'), next('2026-11-23'), next('2026-11-23')]);
    await tick();
    expect(calls.map((c) => c.count)).toEqual([3]);
    calls[0]!.finish();
    expect(await numbers).toEqual([1, 2, 3]);
  });

  it('serves requests arriving while a reservation is in flight with the next one', async () => {
    const { reserve, calls } = fakeCounter();
    const next = numberBatcher(reserve);
    const first = next('2026-11-23');
    await tick();
    const rest = [next('2026-11-23'), next('2026-11-23'), next('2026-11-23')];
    await tick();
    expect(calls.map((c) => c.count)).toEqual([1]);
    calls[0]!.finish();
    expect(await first).toBe(1);
    await tick();
    expect(calls.map((c) => c.count)).toEqual([1, 3]);
    calls[1]!.finish();
    expect(await Promise.all(rest)).toEqual([2, 3, 4]);
  });

  it('keeps days apart: each has its own counter and its own reservation in flight', async () => {
    const { reserve, calls } = fakeCounter();
    const next = numberBatcher(reserve);
    const a = next('2026-11-23');
    const b = next('2026-11-24');
    await tick();
    expect(calls.map((c) => c.day)).toEqual(['2026-11-23', '2026-11-24']);
    calls[1]!.finish();
    calls[0]!.finish();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
  });

  it('rejects only the requests of a failed reservation and serves the next ones', async () => {
    const { reserve, calls } = fakeCounter();
    const next = numberBatcher(reserve);
    const failed = next('2026-11-23');
    await tick();
    const later = next('2026-11-23');
    calls[0]!.finish(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    await tick();
    calls[1]!.finish();
    expect(await later).toBe(1);
  });

  it('starts a new reservation for a request after the queue has drained', async () => {
    const { reserve, calls } = fakeCounter();
    const next = numberBatcher(reserve);
    const one = next('2026-11-23');
    await tick();
    calls[0]!.finish();
    expect(await one).toBe(1);
    await tick();
    const two = next('2026-11-23');
    await tick();
    calls[1]!.finish();
    expect(await two).toBe(2);
    expect(calls).toHaveLength(2);
  });
});

describe('formatMessageNumber', () => {
  it('pads the day’s number to six digits', () => {
    expect(formatMessageNumber('2026-11-23', 123)).toBe('2026-11-23-000123');
  });
});
