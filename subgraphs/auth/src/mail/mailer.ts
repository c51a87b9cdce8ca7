import nodemailer from 'nodemailer';

export interface Mailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<void>;
  close(): void;
}

/**
 * Email from auth over SMTP (the same SMTP_URL and MAIL_FROM as the
 * notification worker). Auth sends its reset links itself: the link carries
 * a secret, which thus never leaves the service that made it except to the
 * mail server. A reset is rare: no pool, one connection per message.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
