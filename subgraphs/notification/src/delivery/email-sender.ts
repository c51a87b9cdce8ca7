import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection, { SMTPConnectionOptions, SMTPEnvelope } from 'nodemailer/lib/smtp-connection';
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
  /**
   * Opens the connections it keeps (those not open yet) and builds a message without sending it, so the first
   * sends of a burst find both ready. A connection that cannot be opened now is left to the first send.
   */
  warm(): Promise<void>;
  close(): void;
}

/** Connection settings of an smtp:// or smtps:// URL (user and password, query options), as nodemailer reads them. */
function connectionOptions(smtpUrl: string): SMTPConnectionOptions & { auth?: { user: string; pass: string } } {
  const { auth, ...options } = parseConnectionUrl(smtpUrl);
  return {
    ...(options as SMTPConnectionOptions),
    ...(auth ? { auth } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
}

/**
 * nodemailer's SMTP connection with a few kept open: a reminder peak is many
 * small messages, and a new connection (and greeting) per message would cost
 * more than the message itself. Timeouts bound a hung server so a send claim
 * never waits forever. The message stream goes straight into the connection
 * once the server has accepted the envelope (DATA answered 354): nodemailer's
 * pooled transport would read it into a buffer at once, so `beforeComplete`
 * (the hand-over mark) would run before the server had seen the message,
 * and a crash in that time would leave a message marked as possibly
 * delivered that never was.
 */
export function smtpEmailSender(smtpUrl: string, from: string, poolSize: number): EmailSender {
  const { auth, ...options } = connectionOptions(smtpUrl);
  const idle: SMTPConnection[] = [];
  let closed = false;

  function open(): Promise<SMTPConnection> {
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(options);
      let connected = false;
      // Before the greeting, a socket's failure (refused, reset) comes only as this event, never to connect's
      // callback: it fails the opening. Later, errors of a send reach its callback.
      connection.on('error', (error: Error) => {
        if (!connected) reject(error);
      });
      // An idle connection the server closes is dropped; one closed before its greeting fails the opening.
      connection.once('end', () => {
        if (!connected) reject(new Error('The SMTP server closed the connection before greeting'));
        const at = idle.indexOf(connection);
        if (at >= 0) idle.splice(at, 1);
      });
      connection.connect((error) => {
        if (error) return reject(error);
        connected = true;
        if (!auth) return resolve(connection);
        connection.login(auth, (loginError) =>
          loginError ? (connection.close(), reject(loginError)) : resolve(connection),
        );
      });
    });
  }

  function sendOn(connection: SMTPConnection, envelope: SMTPEnvelope, message: Buffer | Readable): Promise<void> {
    return new Promise((resolve, reject) =>
      connection.send(envelope, message, (error) => (error ? reject(error) : resolve())),
    );
  }

  function release(connection: SMTPConnection): void {
    if (!closed && idle.length < poolSize) idle.push(connection);
    else connection.quit();
  }

  function compose(email: OutgoingEmail) {
    return new MailComposer({
      from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      attachments: email.attachments,
    }).compile();
  }

  return {
    async send(email, beforeComplete) {
      const message = compose(email);
      const envelope = message.getEnvelope() as SMTPEnvelope;
      const raw = await message.build();
      for (;;) {
        const reused = idle.pop();
        const connection = reused ?? (await open());
        const content = beforeComplete ? holdEnd(raw, beforeComplete) : raw;
        try {
          await sendOn(connection, envelope, content);
        } catch (error) {
          const code = (error as { code?: string; responseCode?: number }).code;
          const refused =
            (code === 'EENVELOPE' || code === 'EMESSAGE') && (error as { responseCode?: number }).responseCode !== 421;
          if (refused) connection.reset((resetError) => (resetError ? connection.close() : release(connection)));
          else connection.close();
          // A kept connection the server had closed in the meantime: not a byte of the message left, so another may carry it.
          if (reused && !refused && content instanceof Readable && !content.readableDidRead) continue;
          throw error;
        }
        release(connection);
        return;
      }
    },
    async warm() {
      const sample = { to: 'warm-up@carebook.invalid', subject: 'warm-up', text: 'warm-up', html: '<p>warm-up</p>' };
      await compose({ ...sample, messageId: '<warm-up@carebook.invalid>' }).build();
      const missing = Math.max(0, poolSize - idle.length);
      const opened = await Promise.allSettled(Array.from({ length: missing }, () => open()));
      for (const result of opened) if (result.status === 'fulfilled') release(result.value);
    },
    close() {
      closed = true;
      for (const connection of idle.splice(0)) connection.quit();
    },
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
