import type { IncomingMessage } from 'node:http';

/** The request declared or sent more than the route's limit; the answer is 413. */
export class BodyTooLarge extends Error {}

/**
 * Reads a request body on Node's own request (no body-parser): parsed as JSON
 * when the request says it is JSON, undefined otherwise (or when empty).
 * Rejects with BodyTooLarge past `limitBytes` (declared or sent) and with
 * the parser's SyntaxError on malformed JSON.
 */
export function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    req.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!/application\/json/i.test(req.headers['content-type'] ?? '') || text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(error);
      }
    });
  });
}
