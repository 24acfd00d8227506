/**
 * In-app notifications (recipients, dedupe, the API), the e-mail/SMS outbox
 * and its delivery, and the live badge: server-sent events fed by
 * LISTEN/NOTIFY, across two app processes on one database.
 */
import http from 'node:http';
import net from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createDatabase, type Database, type Executor } from '../../src/server/db/database.js';
import { registerAuth } from '../../src/server/http/auth.js';
import { registerProblemHandlers } from '../../src/server/http/problem.js';
import { AJV_OPTIONS, ProblemSchema } from '../../src/server/http/schemas.js';
import type { SmsPort } from '../../src/server/modules/accounts/sms.js';
import { notify, type NotificationInput } from '../../src/server/modules/notifications/notifications.service.js';
import { notificationJobs } from '../../src/server/modules/notifications/notifications.jobs.js';
import { notificationRoutes } from '../../src/server/modules/notifications/notifications.routes.js';
import { deliverOutbox, OUTBOX_MAX_ATTEMPTS } from '../../src/server/modules/notifications/outbox.service.js';
import { createEmailTransport, type EmailTransport, type OutboxTransports } from '../../src/server/modules/notifications/transports.js';
import { as, buildTestApp, testConfig, type Session, type TestApp } from '../support/app.js';
import { loginFrom, makeCitizen, makeStaff, makeUnit, uniqueIp, uniqueLogin, uniqueMobile, type MadeAccount } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const TITLE = { 'zh-CN': '您有一条新的交办留言', 'zh-TW': '您有一條新的交辦留言', en: 'A message was assigned to you' };
let keys = 0;

function input(overrides: Partial<NotificationInput> & Pick<NotificationInput, 'recipients'>): NotificationInput {
  return { kind: 'assigned', title: TITLE, link: '/console/messages/1', ...overrides };
}

async function send(overrides: Partial<NotificationInput> & Pick<NotificationInput, 'recipients'>, db: Database = t.db): Promise<number> {
  return db.transaction().execute((tx) => notify(tx, input(overrides)));
}

async function notificationsOf(accountId: string) {
  return t.db.selectFrom('notifications').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

async function citizenSession(): Promise<{ account: MadeAccount; session: Session }> {
  const account = await makeCitizen(t.db);
  return { account, session: await loginFrom(t.app, uniqueIp(), account.mobile!) };
}

describe('notify', () => {
  it('reaches every active staff account of the unit, not disabled ones, sub-units or other units', async () => {
    const unit = await makeUnit(t.db);
    const child = await makeUnit(t.db, { parentId: unit.id });
    const other = await makeUnit(t.db);
    const [a, b, disabled, inChild, elsewhere] = await Promise.all([
      makeStaff(t.db, { unitId: unit.id }),
      makeStaff(t.db, { unitId: unit.id, roles: ['unit_admin'] }),
      makeStaff(t.db, { unitId: unit.id }),
      makeStaff(t.db, { unitId: child.id }),
      makeStaff(t.db, { unitId: other.id }),
    ]);
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();

    expect(await send({ recipients: { unitIds: [unit.id] }, messageId: null, body: { 'zh-CN': '请在5个工作日内签收', 'zh-TW': '請在5個工作日內簽收', en: 'Sign within 5 working days' } })).toBe(2);

    for (const got of [a, b]) {
      const rows = await notificationsOf(got.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'assigned', title: TITLE, link: '/console/messages/1', read_at: null });
    }
    for (const none of [disabled, inChild, elsewhere]) expect(await notificationsOf(none.id)).toHaveLength(0);
  });

  it('notifies an account named directly and through its unit once', async () => {
    const unit = await makeUnit(t.db);
    const staff = await makeStaff(t.db, { unitId: unit.id });
    const citizen = await makeCitizen(t.db);
    expect(await send({ recipients: { accountIds: [staff.id, citizen.id], unitIds: [unit.id] } })).toBe(2);
    expect(await notificationsOf(staff.id)).toHaveLength(1);
    expect(await notificationsOf(citizen.id)).toHaveLength(1);
  });

  it('does not insert a second notification with the same dedupe key for the same account', async () => {
    const first = await makeCitizen(t.db);
    const second = await makeCitizen(t.db);
    const dedupeKey = `deadline_amber:assignment:${++keys}`;
    expect(await send({ recipients: { accountIds: [first.id] }, dedupeKey })).toBe(1);
    expect(await send({ recipients: { accountIds: [first.id] }, dedupeKey })).toBe(0);
    // The same event for someone new still reaches them, and only them.
    expect(await send({ recipients: { accountIds: [first.id, second.id] }, dedupeKey })).toBe(1);
    expect(await notificationsOf(first.id)).toHaveLength(1);
    expect(await notificationsOf(second.id)).toHaveLength(1);
    // Without a key nothing is deduplicated.
    expect(await send({ recipients: { accountIds: [first.id] } })).toBe(1);
    expect(await send({ recipients: { accountIds: [first.id] } })).toBe(1);
    expect(await notificationsOf(first.id)).toHaveLength(3);
  });

  it('inserts nothing for no recipients, and refuses a link outside the site', async () => {
    expect(await send({ recipients: {} })).toBe(0);
    const citizen = await makeCitizen(t.db);
    await expect(send({ recipients: { accountIds: [citizen.id] }, link: '//evil.example/x' })).rejects.toThrow(/path of the site/);
    await expect(send({ recipients: { accountIds: [citizen.id] }, link: 'https://evil.example/' })).rejects.toThrow(/path of the site/);
    expect(await notificationsOf(citizen.id)).toHaveLength(0);
  });

  it('leaves no row and sends no NOTIFY when the transaction rolls back, and NOTIFYs at commit', async () => {
    const citizen = await makeCitizen(t.db);
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (msg) => heard.push(`${msg.channel}:${msg.payload}`));
    await listener.query('LISTEN minsheng_notifications');
    try {
      await expect(
        t.db.transaction().execute(async (tx) => {
          expect(await notify(tx, input({ recipients: { accountIds: [citizen.id] } }))).toBe(1);
          throw new Error('the event failed');
        }),
      ).rejects.toThrow('the event failed');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
      expect(await notificationsOf(citizen.id)).toHaveLength(0);
      expect(await t.db.selectFrom('outbox').select('id').where('recipient', '=', citizen.mobile!).execute()).toHaveLength(0);

      await t.db.transaction().execute(async (tx) => {
        await notify(tx, input({ recipients: { accountIds: [citizen.id] } }));
        // Nothing leaves before the commit.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(heard).toEqual([]);
      });
      await waitFor(() => heard.length > 0);
      expect(heard).toEqual([`minsheng_notifications:${citizen.id}`]);
    } finally {
      await listener.end();
    }
  });
});

describe('notifications API', () => {
  async function fill(accountId: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) await send({ recipients: { accountIds: [accountId] }, title: { 'zh-CN': `通知${i}`, 'zh-TW': `通知${i}`, en: `Notice ${i}` }, link: `/messages/${i + 1}` });
  }

  it('lists the own notifications newest first, page by page', async () => {
    const { account, session } = await citizenSession();
    await fill(account.id, 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await as(t.app, session, { method: 'GET', url: `/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: number; title: { en: string }; readAt: string | null; link: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.title.en));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Notice 4', 'Notice 3', 'Notice 2', 'Notice 1', 'Notice 0']);
  });

  it('answers the shape of a notification, with texts in all three languages', async () => {
    const { account, session } = await citizenSession();
    await send({ recipients: { accountIds: [account.id] }, kind: 'reply_published', link: '/messages/42', body: { 'zh-CN': '已答复', 'zh-TW': '已答覆', en: 'Answered' } });
    const res = await as(t.app, session, { method: 'GET', url: '/api/v1/notifications' });
    const [item] = res.json().items;
    expect(item).toEqual({
      id: expect.any(Number),
      kind: 'reply_published',
      messageId: null,
      title: TITLE,
      body: { 'zh-CN': '已答复', 'zh-TW': '已答覆', en: 'Answered' },
      link: '/messages/42',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      readAt: null,
    });
  });

  it('counts unread, filters unread, marks one and then all read', async () => {
    const { account, session } = await citizenSession();
    await fill(account.id, 4);
    const count = async () => (await as(t.app, session, { method: 'GET', url: '/api/v1/notifications/unread-count' })).json().count as number;
    expect(await count()).toBe(4);

    const list = (await as(t.app, session, { method: 'GET', url: '/api/v1/notifications' })).json().items as { id: number }[];
    const read = await as(t.app, session, { method: 'POST', url: `/api/v1/notifications/${list[1]!.id}/read` });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    expect(await count()).toBe(3);
    // Reading it again changes nothing, not even the time it was read.
    const again = await as(t.app, session, { method: 'POST', url: `/api/v1/notifications/${list[1]!.id}/read` });
    expect(again.statusCode).toBe(200);
    expect(again.json().readAt).toBe(read.json().readAt);

    const unread = (await as(t.app, session, { method: 'GET', url: '/api/v1/notifications?unread=true' })).json().items as { id: number; readAt: string | null }[];
    expect(unread.map((i) => i.id)).toEqual(list.filter((_, i) => i !== 1).map((i) => i.id));
    expect(unread.every((i) => i.readAt === null)).toBe(true);

    const all = await as(t.app, session, { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ updated: 3 });
    expect(await count()).toBe(0);
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/notifications?unread=true' })).json()).toEqual({ items: [], nextCursor: null });
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/notifications' })).json().items).toHaveLength(4);
  });

  it("answers 404 for someone else's notification and leaves it unread", async () => {
    const owner = await citizenSession();
    const other = await citizenSession();
    await fill(owner.account.id, 1);
    const [mine] = await notificationsOf(owner.account.id);
    const res = await as(t.app, other.session, { method: 'POST', url: `/api/v1/notifications/${mine!.id}/read` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('not_found');
    expect((await notificationsOf(owner.account.id))[0]!.read_at).toBeNull();
    expect((await as(t.app, other.session, { method: 'GET', url: '/api/v1/notifications' })).json().items).toEqual([]);
    // read-all of the other account touches nothing of the owner's
    await as(t.app, other.session, { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect((await notificationsOf(owner.account.id))[0]!.read_at).toBeNull();
  });

  it('answers 401 without a session and 400 for a limit over 100', async () => {
    for (const url of ['/api/v1/notifications', '/api/v1/notifications/unread-count', '/api/v1/notifications/stream']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const { session } = await citizenSession();
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/notifications?limit=101' })).statusCode).toBe(400);
  });
});

// ── the outbox ──────────────────────────────────────────────────────────────

interface Sent {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
}

/** Transports that remember what they were given; `fail` makes them throw. */
function capturing(options: { fail?: (to: string) => boolean; delayMs?: number } = {}): OutboxTransports & { sent: Sent[] } {
  const sent: Sent[] = [];
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
  const email: EmailTransport = {
    async send(to, subject, text) {
      await pause();
      if (options.fail?.(to)) throw new Error('550 mailbox unavailable');
      sent.push({ channel: 'email', to, subject, text });
    },
  };
  const sms: SmsPort = {
    async send(_db: Executor, mobile, body) {
      await pause();
      if (options.fail?.(mobile)) throw new Error('SMS gateway timeout');
      sent.push({ channel: 'sms', to: mobile, text: body });
    },
  };
  return { email, sms, sent };
}

async function outboxRows(recipient: string) {
  return t.db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).orderBy('id').execute();
}

/** Makes every pending row due now, as if the backoff had passed. */
async function makeDue() {
  await t.db.updateTable('outbox').set({ next_attempt_at: sql`now() - interval '1 second'` }).where('status', '=', 'pending').execute();
}

/** Runs deliveries until nothing is due, so rows left by other tests do not disturb the counts. */
async function drain() {
  await makeDue();
  const all = capturing();
  while ((await deliverOutbox(t.db, all, { limit: 100 })).claimed > 0);
}

describe('outbox', () => {
  it('queues an e-mail for accounts with an address and an SMS for accounts with a mobile number, for new notifications only', async () => {
    const unit = await makeUnit(t.db);
    const withBoth = await makeStaff(t.db, { unitId: unit.id, mobile: uniqueMobile() });
    const email = `${uniqueLogin('mail')}@example.gov.cn`;
    await t.db.updateTable('accounts').set({ email }).where('id', '=', withBoth.id).execute();
    const citizen = await makeCitizen(t.db);
    const dedupeKey = `urged:${++keys}`;

    expect(await send({ recipients: { unitIds: [unit.id], accountIds: [citizen.id] }, kind: 'urged', dedupeKey, channels: { email: true, sms: true } })).toBe(2);
    const mails = await outboxRows(email);
    expect(mails).toEqual([expect.objectContaining({ channel: 'email', status: 'pending', attempts: 0, subject: `【民声】${TITLE['zh-CN']}` })]);
    expect(mails[0]!.body).toContain(TITLE['zh-CN']);
    expect(await outboxRows(withBoth.mobile!)).toEqual([expect.objectContaining({ channel: 'sms', status: 'pending', body: `【民声】${TITLE['zh-CN']}` })]);
    expect(await outboxRows(citizen.mobile!)).toEqual([expect.objectContaining({ channel: 'sms', status: 'pending' })]);
    const [n] = await notificationsOf(citizen.id);
    expect((await outboxRows(citizen.mobile!))[0]!.notification_id).toBe(n!.id);

    // Deduplicated: no second notification, so no second e-mail or SMS.
    expect(await send({ recipients: { unitIds: [unit.id], accountIds: [citizen.id] }, kind: 'urged', dedupeKey, channels: { email: true, sms: true } })).toBe(0);
    expect(await outboxRows(email)).toHaveLength(1);
    expect(await outboxRows(citizen.mobile!)).toHaveLength(1);
    // Only the channels asked for.
    await send({ recipients: { accountIds: [withBoth.id] }, channels: { email: true } });
    expect(await outboxRows(email)).toHaveLength(2);
    expect(await outboxRows(withBoth.mobile!)).toHaveLength(1);
  });

  it('delivers due rows through the transports and marks them sent', async () => {
    await drain();
    const citizen = await makeCitizen(t.db);
    const staff = await makeStaff(t.db, { unitId: (await makeUnit(t.db)).id });
    const email = `${uniqueLogin('mail')}@example.gov.cn`;
    await t.db.updateTable('accounts').set({ email }).where('id', '=', staff.id).execute();
    await send({ recipients: { accountIds: [citizen.id, staff.id] }, channels: { email: true, sms: true } });

    const transports = capturing();
    expect(await deliverOutbox(t.db, transports)).toEqual({ claimed: 2, sent: 2, retrying: 0, failed: 0 });
    expect(transports.sent).toEqual(
      expect.arrayContaining([
        { channel: 'sms', to: citizen.mobile!, text: `【民声】${TITLE['zh-CN']}` },
        expect.objectContaining({ channel: 'email', to: email, subject: `【民声】${TITLE['zh-CN']}` }),
      ]),
    );
    for (const recipient of [citizen.mobile!, email]) {
      expect(await outboxRows(recipient)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, last_error: null, sent_at: expect.any(Date) })]);
    }
    // Nothing is sent twice.
    expect(await deliverOutbox(t.db, transports)).toMatchObject({ claimed: 0 });
    expect(transports.sent).toHaveLength(2);
  });

  it('retries a failing row after 1, 5, 30 and 120 minutes, then gives up', async () => {
    await drain();
    const citizen = await makeCitizen(t.db);
    await send({ recipients: { accountIds: [citizen.id] }, channels: { sms: true } });
    const failing = capturing({ fail: (to) => to === citizen.mobile });

    for (const [attempt, minutes] of [[1, 1], [2, 5], [3, 30], [4, 120]] as const) {
      const before = Date.now();
      expect(await deliverOutbox(t.db, failing)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
      const [row] = await outboxRows(citizen.mobile!);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, last_error: 'Error: SMS gateway timeout' });
      const wait = new Date(row!.next_attempt_at).getTime() - before;
      expect(wait).toBeGreaterThan(minutes * 60_000 - 5_000);
      expect(wait).toBeLessThan(minutes * 60_000 + 5_000);
      // Not due yet: nothing is tried.
      expect(await deliverOutbox(t.db, failing)).toMatchObject({ claimed: 0 });
      await makeDue();
    }
    expect(await deliverOutbox(t.db, failing)).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    expect(await outboxRows(citizen.mobile!)).toEqual([expect.objectContaining({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS })]);
    await makeDue();
    expect(await deliverOutbox(t.db, failing)).toMatchObject({ claimed: 0 });
    expect(failing.sent).toEqual([]);
  });

  it('sends a row that failed once when it succeeds on the next attempt', async () => {
    await drain();
    const citizen = await makeCitizen(t.db);
    await send({ recipients: { accountIds: [citizen.id] }, channels: { sms: true } });
    await deliverOutbox(t.db, capturing({ fail: () => true }));
    await makeDue();
    const ok = capturing();
    expect(await deliverOutbox(t.db, ok)).toMatchObject({ sent: 1 });
    expect(await outboxRows(citizen.mobile!)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, last_error: null })]);
  });

  it('sends each row once when two processes deliver at the same time', async () => {
    await drain();
    const citizens = await Promise.all(Array.from({ length: 30 }, () => makeCitizen(t.db)));
    await send({ recipients: { accountIds: citizens.map((c) => c.id) }, channels: { sms: true } });
    // Two pools, as two processes would have.
    const otherDb = createDatabase(t.url, 3);
    try {
      const one = capturing({ delayMs: 3 });
      const two = capturing({ delayMs: 3 });
      const loop = async (db: Database, transports: OutboxTransports) => {
        while ((await deliverOutbox(db, transports, { limit: 4 })).claimed > 0);
      };
      await Promise.all([loop(t.db, one), loop(otherDb, two), loop(t.db, one), loop(otherDb, two)]);
      const all = [...one.sent, ...two.sent].map((s) => s.to).sort();
      expect(all).toEqual(citizens.map((c) => c.mobile!).sort());
      expect(one.sent.length).toBeGreaterThan(0);
      expect(two.sent.length).toBeGreaterThan(0);
    } finally {
      await otherDb.destroy();
    }
    for (const c of citizens) expect(await outboxRows(c.mobile!)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  it('exports an outbox-deliver job, run every minute, that delivers due rows', async () => {
    await drain();
    const citizen = await makeCitizen(t.db);
    await send({ recipients: { accountIds: [citizen.id] }, channels: { sms: true } });
    const transports = capturing();
    const jobs = notificationJobs({ sms: transports.sms, email: transports.email });
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([['outbox-deliver', '* * * * *']]);
    const log: string[] = [];
    await jobs[0]!.run({ db: t.db, config: t.config, log: (m) => log.push(m), trigger: async () => {} });
    expect(transports.sent.map((s) => s.to)).toEqual([citizen.mobile]);
    expect(log).toEqual(['outbox: 1 sent, 0 to retry, 0 failed']);
  });
});

// ── the e-mail transports ───────────────────────────────────────────────────

/** Just enough of an SMTP server to receive one message at a time. */
async function fakeSmtpServer(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('e-mail transports', () => {
  it('sends through SMTP_URL with MAIL_FROM as the sender', async () => {
    const smtp = await fakeSmtpServer();
    const config = testConfig({ SMTP_URL: smtp.url, MAIL_FROM: '民声平台 <notify@example.gov.cn>' });
    const transport = createEmailTransport(config, () => {});
    try {
      await transport.send('handler@example.gov.cn', '【民声】新交办留言', '请及时签收。');
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail).toMatch(/^From: =\?UTF-8\?.+\?= <notify@example\.gov\.cn>$/m);
      expect(mail).toMatch(/^To: handler@example\.gov\.cn$/m);
      expect(mail).toMatch(/^Subject: =\?UTF-8\?/m);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });

  it('leaves an e-mail in the outbox to retry when the SMTP server cannot be reached', async () => {
    await drain();
    const unit = await makeUnit(t.db);
    const staff = await makeStaff(t.db, { unitId: unit.id });
    const email = `${uniqueLogin('mail')}@example.gov.cn`;
    await t.db.updateTable('accounts').set({ email }).where('id', '=', staff.id).execute();
    await send({ recipients: { accountIds: [staff.id] }, channels: { email: true } });
    const closed = await fakeSmtpServer();
    await closed.close();
    const unreachable = createEmailTransport(testConfig({ SMTP_URL: closed.url }), () => {});
    expect(await deliverOutbox(t.db, { email: unreachable, sms: capturing().sms })).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await outboxRows(email)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, last_error: expect.stringContaining('ECONNREFUSED') })]);
  });

  it('writes e-mails to the log without SMTP_URL', async () => {
    const lines: string[] = [];
    await createEmailTransport(testConfig(), (line) => lines.push(line)).send('a@example.gov.cn', '主题', '正文');
    expect(lines).toEqual(['e-mail (development transport) to a@example.gov.cn: 主题\n正文']);
  });

  it('refuses an SMTP_URL that is not smtp or smtps, and a MAIL_FROM without an address', () => {
    expect(() => testConfig({ SMTP_URL: 'http://mail.example.gov.cn' })).toThrow(/SMTP_URL/);
    expect(() => testConfig({ MAIL_FROM: '民声平台' })).toThrow(/MAIL_FROM/);
    expect(testConfig({ SMTP_URL: 'smtps://u:p@mail.example.gov.cn:465' })).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.gov.cn:465', mailFrom: '民声 <no-reply@minsheng.invalid>' });
  });
});

// ── the live badge ──────────────────────────────────────────────────────────

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface EventReader {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Waits for the next `unread` event and answers its count. */
  nextCount(timeoutMs?: number): Promise<number>;
  /**
   * Waits for an `unread` event with this count, passing over others: the
   * stream may send the same count twice (it reads again whenever its
   * process starts listening), never a wrong one last.
   */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  /** The counts received so far and not yet consumed. */
  pending(): number[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  raw(): string;
  close(): void;
}

/**
 * Opens the event stream over a connection of its own, as a browser's
 * EventSource would, and collects the events. (Node's http rather than fetch:
 * after an aborted request fetch opens a spare connection that never sends a
 * request, and a server waits for that one on close.)
 */
function openStream(base: string, session: Session | null): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/notifications/stream`, { agent: false, headers: { accept: 'text/event-stream', ...(session ? { cookie: session.cookie } : {}) } }, (res) => {
      let text = '';
      let consumed = 0;
      const counts: number[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        let cut: number;
        while ((cut = text.indexOf('\n\n', consumed)) >= 0) {
          const block = text.slice(consumed, cut);
          consumed = cut + 2;
          if (block.startsWith('event: unread\n')) counts.push((JSON.parse(block.split('\ndata: ')[1]!) as { count: number }).count);
        }
      });
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      resolve({
        status: res.statusCode!,
        headers: res.headers,
        async nextCount(timeoutMs = 5_000) {
          await waitFor(() => counts.length > 0, timeoutMs);
          return counts.shift()!;
        },
        async waitForCount(count, timeoutMs = 10_000) {
          const seen: number[] = [];
          const until = Date.now() + timeoutMs;
          for (;;) {
            while (counts.length > 0) {
              const next = counts.shift()!;
              seen.push(next);
              if (next === count) return;
            }
            if (Date.now() > until) throw new Error(`no count ${count} within ${timeoutMs} ms; got ${JSON.stringify(seen)}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
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

describe('live unread count', () => {
  let appB: FastifyInstance;
  let dbB: Database;
  let baseB: string;
  let baseA: string;

  beforeAll(async () => {
    // A second process on the same database: its own pool, its own LISTEN connection.
    dbB = createDatabase(t.url, 3);
    appB = await buildApp({ config: t.config, db: dbB, databaseUrl: t.url, logger: false });
    baseB = await appB.listen({ port: 0, host: '127.0.0.1' });
    baseA = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await appB.close();
    await dbB.destroy();
  });

  it('sends the count at once, and on another process after a notification written through the first', async () => {
    const { account, session } = await citizenSession();
    await send({ recipients: { accountIds: [account.id] } });
    const stream = await openStream(baseB, session);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      // The first event is the count as it is.
      expect(await stream.nextCount()).toBe(1);

      await send({ recipients: { accountIds: [account.id] } }, t.db);
      await stream.waitForCount(2);

      // Read on process A: the badge on B goes down.
      await as(t.app, session, { method: 'POST', url: '/api/v1/notifications/read-all' });
      await stream.waitForCount(0);

      // Someone else's notification sends this stream nothing.
      const other = await makeCitizen(t.db);
      await send({ recipients: { accountIds: [other.id] } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stream.pending()).toEqual([]);
      await send({ recipients: { accountIds: [account.id] } });
      await stream.waitForCount(1);
    } finally {
      stream.close();
    }
  });

  it('updates every open stream of the account, on both processes', async () => {
    const { account, session } = await citizenSession();
    const onA = await openStream(baseA, session);
    const onB = await openStream(baseB, session);
    try {
      expect(await onA.nextCount()).toBe(0);
      expect(await onB.nextCount()).toBe(0);
      await send({ recipients: { accountIds: [account.id] } });
      await onA.waitForCount(1);
      await onB.waitForCount(1);
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('keeps helmet headers on the stream and answers 401 problem+json without a session', async () => {
    const anonymous = await openStream(baseB, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await anonymous.ended;
    expect(JSON.parse(anonymous.raw())).toMatchObject({ code: 'unauthenticated', status: 401 });
    const { session } = await citizenSession();
    const stream = await openStream(baseB, session);
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.headers['content-security-policy']).toContain("default-src 'self'");
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
    stream.close();
  });

  it('serves staff accounts too', async () => {
    const unit = await makeUnit(t.db);
    const staff = await makeStaff(t.db, { unitId: unit.id });
    const session = await loginFrom(t.app, uniqueIp(), staff.login!);
    const stream = await openStream(baseB, session);
    try {
      expect(await stream.nextCount()).toBe(0);
      await send({ recipients: { unitIds: [unit.id] } });
      await stream.waitForCount(1);
    } finally {
      stream.close();
    }
  });

  it('listens again after its connection is cut, and sends the count it may have missed', async () => {
    const { account, session } = await citizenSession();
    const stream = await openStream(baseB, session);
    try {
      expect(await stream.nextCount()).toBe(0);
      const dbName = new URL(t.url).pathname.slice(1);
      const killed = await sql<{ n: number }>`
        SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = ${dbName} AND application_name = 'minsheng-listen'`.execute(t.db);
      expect(killed.rows[0]!.n).toBeGreaterThanOrEqual(1);
      // Written while B is not listening: B reads again once it is back.
      await send({ recipients: { accountIds: [account.id] } });
      await stream.waitForCount(1, 20_000);
      // And it is live again.
      await send({ recipients: { accountIds: [account.id] } });
      await stream.waitForCount(2);
    } finally {
      stream.close();
    }
  });

  it('ends open streams when the app closes, without hanging', async () => {
    const dbC = createDatabase(t.url, 2);
    const appC = await buildApp({ config: t.config, db: dbC, databaseUrl: t.url, logger: false });
    const base = await appC.listen({ port: 0, host: '127.0.0.1' });
    const { session } = await citizenSession();
    const stream = await openStream(base, session);
    expect(await stream.nextCount()).toBe(0);
    const started = Date.now();
    await appC.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await stream.ended;
    await dbC.destroy();
  });

  it('sends the first count without a database URL (no live updates then)', async () => {
    const dbD = createDatabase(t.url, 2);
    const appD = await buildApp({ config: t.config, db: dbD, logger: false });
    try {
      const { account, session } = await citizenSession();
      await send({ recipients: { accountIds: [account.id] } });
      const res = await appD.inject({ method: 'GET', url: '/api/v1/notifications/stream', headers: { cookie: session.cookie }, payloadAsStream: true });
      expect(res.statusCode).toBe(200);
      let text = '';
      const body = res.stream();
      body.on('data', (chunk: Buffer) => (text += chunk.toString()));
      await waitFor(() => text.includes('event: unread'));
      expect(text).toContain('retry: 5000\n\n');
      expect(text).toContain('event: unread\ndata: {"count":1}\n\n');
      const ended = new Promise((resolve) => body.on('end', resolve));
      await appD.close();
      await ended;
    } finally {
      await dbD.destroy();
    }
  });

  it('ends the stream once its session is gone, at the next heartbeat', async () => {
    // The routes alone with a short heartbeat (the app's is 25 s).
    const app = Fastify({ logger: false, ajv: AJV_OPTIONS });
    registerProblemHandlers(app);
    app.addSchema(ProblemSchema);
    await app.register(cookie);
    registerAuth(app, t.db);
    await app.register(notificationRoutes({ db: t.db, databaseUrl: t.url, heartbeatMs: 100 }), { prefix: '/api/v1' });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { session } = await citizenSession();
    const stream = await openStream(base, session);
    try {
      expect(await stream.nextCount()).toBe(0);
      await waitFor(() => stream.raw().includes(': keep-alive\n\n'));
      const logout = await as(t.app, session, { method: 'POST', url: '/api/v1/auth/logout' });
      expect(logout.statusCode).toBe(204);
      await Promise.race([stream.ended, new Promise((_, reject) => setTimeout(() => reject(new Error('stream still open')), 3_000))]);
    } finally {
      stream.close();
      await app.close();
    }
  });
});
