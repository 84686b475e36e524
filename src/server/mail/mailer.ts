// Sending email, pluggable: the default writes each message to the mail_outbox table (and, outside production,
// to the server log), because there is no mail server here. An SMTP or API sender plugs in with setMailSender.
import type { Db } from '../../../db/connection.ts';
import { mailOutbox } from '../../../db/schema/index.ts';
import { getDb } from '../db.ts';
import { env } from '../env.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}
export type MailSender = (mail: Mail) => void | Promise<void>;

export function outboxSender(db: Db, options: { log: boolean }): MailSender {
  return (mail) => {
    db.insert(mailOutbox).values({ recipient: mail.to, subject: mail.subject, body: mail.text }).run();
    if (options.log) console.log(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}\n`);
  };
}

let sender: MailSender | undefined;

/** Replace how mail leaves the server (an SMTP client, a provider's API) for the rest of the process. */
export function setMailSender(next: MailSender): void {
  sender = next;
}

export function getMailSender(): MailSender {
  sender ??= outboxSender(getDb(), { log: env.NODE_ENV !== 'production' });
  return sender;
}
