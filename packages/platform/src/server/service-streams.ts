import type { Readable } from 'node:stream';
import { request } from 'undici';
import type { ServiceKeys } from '../auth/service-keys';
import { CALLER_HEADER, createServiceTokenSource } from '../auth/service-token';
import { ServiceName, serviceUrl } from '../config/services';
import { AppError, InternalError, isErrorCode } from '../errors/app-errors';
import { INTERNAL_STREAMS_PATH } from './internal-stream-routes';
import { serviceDispatcher } from './service-calls';

export interface ServiceStream {
  contentType: string;
  /** The answer as it arrives; the caller must consume or destroy it. */
  body: Readable;
}

export interface ServiceStreamClient {
  /** Opens `<target>/internal-streams/<route>` for the user whose access token is given; a refusal is thrown as its AppError. */
  open(target: ServiceName, route: string, input: unknown, userToken: string): Promise<ServiceStream>;
}

/**
 * Calls the streaming internal routes of other services as `keys.self`
 * (service token in CALLER_HEADER, the user's token in Authorization, on the
 * shared keep-alive pool). The body is handed over unread, so the caller can
 * pipe it on without holding it.
 */
export function createServiceStreamClient(
  keys: ServiceKeys,
  env: NodeJS.ProcessEnv = process.env,
  headersTimeoutMs = 30_000,
): ServiceStreamClient {
  const token = createServiceTokenSource(keys);
  return {
    async open(target, route, input, userToken) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(`${serviceUrl(target, env)}${INTERNAL_STREAMS_PATH}/${route}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [CALLER_HEADER]: await token(target),
            authorization: `Bearer ${userToken}`,
          },
          body: JSON.stringify(input),
          headersTimeout: headersTimeoutMs,
          dispatcher: serviceDispatcher,
        });
      } catch {
        throw new InternalError(`The ${target} service is not reachable right now; please try again shortly.`);
      }
      if (response.statusCode === 200)
        return {
          contentType: String(response.headers['content-type'] ?? 'application/octet-stream'),
          body: response.body,
        };
      const payload = (await response.body.json().catch(() => ({}))) as {
        error?: { code?: string; message?: string; extensions?: Record<string, unknown> };
      };
      const code = isErrorCode(payload.error?.code) ? payload.error.code : 'INTERNAL_SERVER_ERROR';
      throw new AppError(
        code,
        payload.error?.message ?? `The ${target} service failed; please try again.`,
        payload.error?.extensions,
      );
    },
  };
}
