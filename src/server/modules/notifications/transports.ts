/**
 * Where outbox rows go. E-mail has a port of its own with an SMTP adapter
 * (nodemailer) and a development adapter that only logs; SMS goes through the
 * platform's SmsPort (src/server/modules/accounts/sms.ts), whichever transport
 * the installation gave it.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { SmsPort } from '../accounts/sms.js';

export interface EmailTransport {
  /** @throws when the message was not accepted for delivery; the outbox retries it later. */
  send(to: string, subject: string, text: string): Promise<void>;
  close?(): void;
}

export interface OutboxTransports {
  email: EmailTransport;
  sms: SmsPort;
}

/** SMTP through nodemailer, e.g. smtp://user:pass@mail.example.gov.cn:587 (STARTTLS) or smtps://…:465. */
export function createSmtpTransport(url: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport({
    url,
    // nodemailer's defaults wait minutes on a silent server; the job would hold its rows that long.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(to, subject, text) {
      await transporter.sendMail({ from, to, subject, text });
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP_URL: the e-mail goes to the server log, so development and demos work end to end. */
export function createDevEmailTransport(log: (msg: string) => void): EmailTransport {
  return {
    async send(to, subject, text) {
      log(`e-mail (development transport) to ${to}: ${subject}\n${text}`);
    },
  };
}

export function createEmailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: (msg: string) => void): EmailTransport {
  return config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.mailFrom) : createDevEmailTransport(log);
}
