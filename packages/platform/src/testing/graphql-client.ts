export interface GraphqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; [key: string]: unknown };
    path?: Array<string | number>;
  }>;
}

/** Posts one operation the way a front end does; returns status, data and errors. */
export async function postGraphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url.endsWith('/graphql') ? url : `${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphqlResponse['errors'] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors };
}

/** The first error's code, for assertions. */
export function errorCode(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
