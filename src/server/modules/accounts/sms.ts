/**
 * The SMS port. Every message is first written to `sms_outbox` in the caller's
 * transaction; a transport delivers it. The development transport delivers to
 * the server log, so registration works end to end without a provider.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/database.js';

export interface SmsPort {
  send(db: Executor, mobile: string, body: string): Promise<void>;
}

export function createDevSmsTransport(log: FastifyBaseLogger): SmsPort {
  return {
    async send(db, mobile, body) {
      await db.insertInto('sms_outbox').values({ mobile, body, status: 'logged' }).execute();
      log.info({ mobile, sms: body }, 'SMS (development transport)');
    },
  };
}
