import nodemailer from 'nodemailer';

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
  send(email: OutgoingEmail): Promise<void>;
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
    async send(email) {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        attachments: email.attachments,
      });
    },
    close: () => transport.close(),
  };
}
