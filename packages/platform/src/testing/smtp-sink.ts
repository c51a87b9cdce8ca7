import { simpleParser, ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** When the message was accepted (after DATA). */
  at: number;
  to: string[];
  /** Parsed lazily by `parsed()` (the benchmark only needs arrival times and headers). */
  raw: Buffer;
  headers: Map<string, string>;
  parsed(): Promise<ParsedMail>;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Refuses the next `count` messages with a temporary error (451), as a struggling relay would. */
  refuseNext(count: number): void;
  /** Connections clients have opened so far (each greeted session). */
  sessionsOpened(): number;
  /** Messages whose content is arriving (DATA begun) and that the server has not accepted yet. */
  receiving(): number;
  /**
   * Holds every new message at RCPT TO, before any content is handed over,
   * until `release()`: a sender is then mid-send with nothing delivered
   * (what a crash test needs). `held()` counts the messages waiting.
   */
  hold(): void;
  held(): number;
  release(): void;
  /** Waits until `predicate` holds for the messages received so far. */
  waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

function headersOf(raw: Buffer): Map<string, string> {
  const head = raw
    .subarray(0, Math.max(0, raw.indexOf('\r\n\r\n')))
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A real SMTP server (the smtp-server package) on a free local port that
 * keeps what it receives: what tests and benchmarks read instead of a mailbox.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let refusals = 0;
  /** Sessions whose message content is arriving: until accepted, or until the sender goes away mid-DATA. */
  const receiving = new Set<string>();
  let holding = false;
  let sessions = 0;
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    maxClients: 200,
    onConnect(_session, callback) {
      sessions += 1;
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (holding) waiting.push(() => callback());
      else callback();
    },
    onClose(session) {
      receiving.delete(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      receiving.add(session.id);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        receiving.delete(session.id);
        if (refusals > 0) {
          refusals -= 1;
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        messages.push({
          at: Date.now(),
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers: headersOf(raw),
          parsed: () => simpleParser(raw),
        });
        callback();
      });
    },
  });
  // A client that dies mid-conversation (a SIGKILLed worker) resets its connection: that message is simply not received.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => void (refusals = count),
    sessionsOpened: () => sessions,
    receiving: () => receiving.size,
    hold: () => void (holding = true),
    held: () => waiting.length,
    release() {
      holding = false;
      // A held sender that died meanwhile gets its answer on a closed connection: nothing to do for it.
      for (const answer of waiting.splice(0)) {
        try {
          answer();
        } catch {
          // its socket is gone
        }
      }
    },
    async waitFor(predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline)
          throw new Error(
            `SMTP sink: condition not met within ${timeoutMs} ms (${messages.length} message(s) received)`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
