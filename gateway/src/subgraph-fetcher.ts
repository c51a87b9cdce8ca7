import { serviceDispatcher } from '@carebook/platform';
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';

/** What Apollo's RemoteGraphQLDataSource passes its fetcher (its `Fetcher` type, kept structural). */
interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * The gateway's fetcher for subgraph requests: undici's request() on the
 * process's keep-alive pool (the one service calls use) instead of Node's
 * fetch, which builds web streams and Request/Response objects around every
 * subgraph call (about a seventh of the gateway's busy time per query). Like
 * fetch, undici retires an idle socket before the subgraph's announced
 * keep-alive timeout, so a request never lands on a socket being closed.
 * The answer is read whole (a subgraph answers one JSON document) and handed
 * back as the small Response-like object Apollo reads.
 */
export async function subgraphFetcher(url: string, init: SubgraphRequestInit = {}): Promise<BufferedResponse> {
  const response = await request(url, {
    method: (init.method ?? 'POST') as 'POST',
    headers: init.headers,
    body: init.body,
    dispatcher: serviceDispatcher,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  return new BufferedResponse(url, response.statusCode, headers, await response.body.text());
}

/** A subgraph's answer, already read: what Apollo's data source and our error mapping use of a fetch Response. */
export class BufferedResponse {
  readonly redirected = false;
  readonly bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  clone(): BufferedResponse {
    return this;
  }
}
