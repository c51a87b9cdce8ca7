// Development only: when no SMTP_URL is set, `pnpm start` catches the email
// the notification worker sends on 127.0.0.1:1025 (the worker's default) and
// prints one line per message, so a booking made by hand shows its
// confirmation without a mail server. docker-compose uses Mailpit instead.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export async function startDevMailCatcher(root, port, print) {
  // smtp-server is the test kit's SMTP server (packages/platform); reuse it rather than add another.
  const { SMTPServer } = createRequire(join(root, 'packages/platform/package.json'))('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 16_384) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const headers = head.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
        const subject = /^subject: (.*)$/im.exec(headers)?.[1] ?? '(no subject)';
        print(`to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}: ${decodeWords(subject)}`);
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

/** Subjects with non-ASCII characters arrive as RFC 2047 encoded words. */
function decodeWords(text) {
  return text.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding, data) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))),
  );
}
