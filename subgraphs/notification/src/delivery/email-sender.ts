import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { Readable } from 'node:stream';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per log row, so a receiving system can recognise the same notice. */
  messageId: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

export interface EmailSender {
  /**
   * Sends one message. `beforeComplete` runs once the whole message has been
   * handed to the SMTP connection and before its final "." (the point at
   * which the server accepts it); if it fails, the message is cut off and the
   * server drops it.
   */
  send(email: OutgoingEmail, beforeComplete?: () => Promise<void>): Promise<void>;
  close(): void;
}

/**
 * nodemailer over SMTP with a pool of open connections: a reminder peak is
 * many small messages, and a new connection (and greeting) per message would
 * cost more than the message itself. Timeouts bound a hung server so a send
 * claim never waits forever.
 */
export function smtpEmailSender(smtpUrl: string, from: string, poolSize: number): EmailSender {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: poolSize,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(email, beforeComplete) {
      const message = new MailComposer({ from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId, attachments: email.attachments }).compile();
      const envelope = message.getEnvelope();
      const raw = await message.build();
      await transport.sendMail({ envelope, raw: beforeComplete ? holdEnd(raw, beforeComplete) : raw });
    },
    close: () => transport.close(),
  };
}

/**
 * The message as a stream that ends only after `beforeComplete` has run: the
 * connection writes the terminating "." when this stream ends, so everything
 * before that point can be cut off without the server keeping the message.
 */
function holdEnd(raw: Buffer, beforeComplete: () => Promise<void>): Readable {
  let pushed = false;
  let ending = false;
  return new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        this.push(raw);
        return;
      }
      if (ending) return;
      ending = true;
      beforeComplete().then(
        () => this.push(null),
        (error: Error) => this.destroy(error),
      );
    },
  });
}
