/**
 * The live entry counter of a campaign page: server-sent events over real
 * HTTP, fed by each process's once-a-second read of the sharded counter.
 * Entries go in through the API of one process and show on the stream of
 * another; drafts and unknown campaigns are 404 before any stream starts; a
 * full process answers 503 with Retry-After; closing the server ends the
 * streams without hanging.
 */
import http from 'node:http';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { registerAuth } from '../../src/server/http/auth.js';
import { registerProblemHandlers } from '../../src/server/http/problem.js';
import { AJV_OPTIONS, ProblemSchema } from '../../src/server/http/schemas.js';
import { createCampaignCountHub, type LiveCounts } from '../../src/server/modules/campaigns/campaign-stream.js';
import { campaignRoutes } from '../../src/server/modules/campaigns/campaigns.routes.js';
import type { CampaignDetail } from '../../src/shared/campaigns.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { unitIdByKey } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, screen, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
let coordinator: Session;
let alice: CitizenLogin;
let bob: CitizenLogin;
let jxBoard: number;
let organiserUnit: number;
/** Process A: t.app, listening. Entries go in here. */
let baseA: string;
/** Process B: another app on the same database, with its own pool and hub. */
let appB: FastifyInstance;
let dbB: Database;
let baseB: string;

const HOUR = 3600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

async function createCampaign(options: { publish: boolean }): Promise<CampaignDetail> {
  const res = await as(t.app, coordinator, {
    method: 'POST',
    url: '/api/v1/campaigns',
    payload: {
      title: '公共机构反食品浪费金点子征集',
      description: '面向社会公开征集公共机构食堂反食品浪费的意见建议。',
      organiserUnitId: organiserUnit,
      boardId: jxBoard,
      topics: ['食堂管理'],
      regionCodes: ['360100'],
      startsAt: at(-HOUR),
      endsAt: at(7 * 24 * HOUR),
      hasPrizes: false,
      entriesPublic: true,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  const draft = res.json() as CampaignDetail;
  if (!options.publish) return draft;
  const published = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${draft.id}/publish` });
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.statusCode} ${published.body}`);
  return published.json();
}

let entries = 0;
async function enter(citizen: CitizenLogin, campaignId: number): Promise<number> {
  const n = ++entries;
  const res = await as(t.app, citizen.session, {
    method: 'POST',
    url: `/api/v1/campaigns/${campaignId}/entries`,
    payload: { kind: 'suggestion', topic: '食堂管理', title: `推行小份菜半份菜${n}`, body: `建议机关食堂推行小份菜、半份菜，按需取餐，减少剩菜剩饭。第${n}条`, regionCode: '360102' },
  });
  if (res.statusCode !== 201) throw new Error(`entry failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface EventReader {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Waits for the next `count` event. */
  next(timeoutMs?: number): Promise<LiveCounts>;
  /** Waits for a `count` event with these numbers, passing over others on the way; answers those. */
  waitFor(counts: LiveCounts, timeoutMs?: number): Promise<LiveCounts[]>;
  pending(): LiveCounts[];
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  raw(): string;
  close(): void;
}

/**
 * Opens the stream over a connection of its own, as a browser's EventSource
 * would, and collects the events. (Node's http rather than fetch: after an
 * aborted request fetch may keep a spare connection the server waits for on close.)
 */
function openStream(base: string, campaignId: number | string): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/campaigns/${campaignId}/stream`, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      let text = '';
      let consumed = 0;
      const counts: LiveCounts[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        let cut: number;
        while ((cut = text.indexOf('\n\n', consumed)) >= 0) {
          const block = text.slice(consumed, cut);
          consumed = cut + 2;
          if (block.startsWith('event: count\n')) counts.push(JSON.parse(block.split('\ndata: ')[1]!) as LiveCounts);
        }
      });
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      resolve({
        status: res.statusCode!,
        headers: res.headers,
        async next(timeoutMs = 5_000) {
          await waitFor(() => counts.length > 0, timeoutMs);
          return counts.shift()!;
        },
        async waitFor(expected, timeoutMs = 5_000) {
          const seen: LiveCounts[] = [];
          const until = Date.now() + timeoutMs;
          for (;;) {
            while (counts.length > 0) {
              const next = counts.shift()!;
              seen.push(next);
              if (next.entryCount === expected.entryCount && next.adoptedCount === expected.adoptedCount) return seen;
            }
            if (Date.now() > until) throw new Error(`no ${JSON.stringify(expected)} within ${timeoutMs} ms; got ${JSON.stringify(seen)}`);
            await new Promise((r) => setTimeout(r, 20));
          }
        },
        pending: () => [...counts],
        ended,
        raw: () => text,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await login(t.app, 'coordinator');
  jxBoard = Number(await boardIdOf(t.db, '江西省委书记'));
  organiserUnit = Number(await unitIdByKey(t.db, 'jx-gov-office'));
  alice = await loggedInCitizen(t.app, t.db, { nickname: '节约达人' });
  bob = await loggedInCitizen(t.app, t.db, { nickname: '光盘行动' });
  baseA = await t.app.listen({ port: 0, host: '127.0.0.1' });
  dbB = createDatabase(t.url, 3);
  appB = await buildApp({ config: t.config, db: dbB, databaseUrl: t.url, logger: false });
  baseB = await appB.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await appB?.close();
  await dbB?.destroy();
  await t.close();
});

describe('GET /campaigns/{id}/stream', () => {
  it('sends the count at once, then the new count within seconds after two entries through another process', async () => {
    const campaign = await createCampaign({ publish: true });
    const stream = await openStream(baseB, campaign.id);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
      // helmet's headers stay on the hijacked response.
      expect(stream.headers['x-content-type-options']).toBe('nosniff');
      expect(await stream.next()).toEqual({ entryCount: 0, adoptedCount: 0 });

      const first = await enter(alice, campaign.id);
      await enter(bob, campaign.id);
      const started = Date.now();
      await stream.waitFor({ entryCount: 2, adoptedCount: 0 });
      // One read a second: the new count comes within about a second, never a wrong one last.
      expect(Date.now() - started).toBeLessThan(3_000);

      // A second page on the same process gets the count at once, without waiting for a change.
      const other = await openStream(baseB, campaign.id);
      try {
        expect(await other.next(1_000)).toEqual({ entryCount: 2, adoptedCount: 0 });
      } finally {
        other.close();
      }

      // Nothing changes: nothing is sent (a read a second, an event only on change).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(stream.pending()).toEqual([]);

      // Adoptions move the second number.
      await screen(t.app, coordinator, first);
      const adopted = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${campaign.id}/entries/${first}/adoption`, payload: { note: '已纳入食堂管理办法。' } });
      expect(adopted.statusCode, adopted.body).toBe(200);
      await stream.waitFor({ entryCount: 2, adoptedCount: 1 });
      // The detail agrees with the stream.
      expect((await as(t.app, null, { method: 'GET', url: `/api/v1/campaigns/${campaign.id}` })).json()).toMatchObject({ entryCount: 2, adoptedCount: 1 });
    } finally {
      stream.close();
    }
  });

  it('answers 404 problem+json for a draft (even to its organiser) or an unknown campaign, before any stream', async () => {
    const draft = await createCampaign({ publish: false });
    for (const id of [draft.id, 999_999_999]) {
      const res = await openStream(baseA, id);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      await res.ended;
      expect(JSON.parse(res.raw())).toMatchObject({ code: 'not_found', status: 404 });
    }
    const organiser = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/campaigns/${draft.id}/stream` });
    expect(organiser.statusCode).toBe(404);
    expect(organiser.headers['content-type']).toContain('application/problem+json');
    const bad = await as(t.app, null, { method: 'GET', url: '/api/v1/campaigns/abc/stream' });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 503 problem+json with Retry-After once the process serves its limit of streams', async () => {
    // The routes alone with a limit of one stream.
    const app = Fastify({ logger: false, ajv: AJV_OPTIONS });
    registerProblemHandlers(app);
    app.addSchema(ProblemSchema);
    await app.register(cookie);
    registerAuth(app, t.db);
    await app.register(campaignRoutes(t.db, { stream: { maxStreams: 1 } }), { prefix: '/api/v1' });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const campaign = await createCampaign({ publish: true });
    const stream = await openStream(base, campaign.id);
    try {
      expect(await stream.next()).toEqual({ entryCount: 0, adoptedCount: 0 });
      const refused = await openStream(base, campaign.id);
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await refused.ended;
      expect(JSON.parse(refused.raw())).toMatchObject({ code: 'service_unavailable', status: 503 });
      // A closed stream frees its place.
      stream.close();
      let again: EventReader | null = null;
      const until = Date.now() + 5_000;
      while (!again || again.status !== 200) {
        if (Date.now() > until) throw new Error('the place was not freed');
        again = await openStream(base, campaign.id);
        if (again.status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await again.next()).toEqual({ entryCount: 0, adoptedCount: 0 });
      again.close();
    } finally {
      stream.close();
      await app.close();
    }
  });

  it('sends a comment line as heartbeat', async () => {
    const app = Fastify({ logger: false, ajv: AJV_OPTIONS });
    registerProblemHandlers(app);
    app.addSchema(ProblemSchema);
    await app.register(cookie);
    registerAuth(app, t.db);
    await app.register(campaignRoutes(t.db, { stream: { heartbeatMs: 100 } }), { prefix: '/api/v1' });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const campaign = await createCampaign({ publish: true });
    const stream = await openStream(base, campaign.id);
    try {
      await stream.next();
      await waitFor(() => stream.raw().includes(': keep-alive\n\n'), 2_000);
    } finally {
      stream.close();
      await app.close();
    }
  });

  it('ends open streams when the server closes, without hanging', async () => {
    const dbC = createDatabase(t.url, 2);
    const appC = await buildApp({ config: t.config, db: dbC, databaseUrl: t.url, logger: false });
    const base = await appC.listen({ port: 0, host: '127.0.0.1' });
    const campaign = await createCampaign({ publish: true });
    const one = await openStream(base, campaign.id);
    const two = await openStream(base, campaign.id);
    expect(await one.next()).toEqual({ entryCount: 0, adoptedCount: 0 });
    expect(await two.next()).toEqual({ entryCount: 0, adoptedCount: 0 });
    const started = Date.now();
    await appC.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await Promise.all([one.ended, two.ended]);
    await dbC.destroy();
  });
});

describe('the count hub', () => {
  it('reads only while some campaign is watched, and tells each listener only of changes', async () => {
    const campaign = await createCampaign({ publish: true });
    const id = String(campaign.id);
    const log = t.app.log;
    const hub = createCampaignCountHub(t.db, { log, intervalMs: 50 });
    try {
      const a: LiveCounts[] = [];
      const b: LiveCounts[] = [];
      const stopA = hub.subscribe(id, (c) => a.push(c));
      expect(hub.watched).toBe(1);
      await waitFor(() => a.length === 1);
      // The second listener hears the known count at once.
      const stopB = hub.subscribe(id, (c) => b.push(c));
      expect(b).toEqual([{ entryCount: 0, adoptedCount: 0 }]);
      await enter(alice, campaign.id);
      await waitFor(() => a.length === 2 && b.length === 2);
      expect(a).toEqual([{ entryCount: 0, adoptedCount: 0 }, { entryCount: 1, adoptedCount: 0 }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(a).toHaveLength(2);
      stopA();
      expect(hub.watched).toBe(1);
      stopB();
      expect(hub.watched).toBe(0);
      // Unwatched: no more reads, so a change is heard by nobody — and a new listener is told at once.
      await enter(bob, campaign.id);
      const c: LiveCounts[] = [];
      const stopC = hub.subscribe(id, (x) => c.push(x));
      await waitFor(() => c.length === 1);
      expect(c).toEqual([{ entryCount: 2, adoptedCount: 0 }]);
      stopC();
    } finally {
      await hub.close();
    }
  });
});
