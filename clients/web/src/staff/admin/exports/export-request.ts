/** The gateway's CSV exports (README "Exports (CSV, admins)"): plain HTTP routes beside /graphql. */
export type ExportKind = 'appointments' | 'invoices';

/** The export's URL on the gateway that serves `graphqlUrl`, with the filter's non-empty parameters (empty counts as absent there too). */
export function exportUrl(graphqlUrl: string, kind: ExportKind, filter: Record<string, string | undefined>): string {
  const url = new URL(`/exports/${kind}.csv`, graphqlUrl);
  for (const [key, value] of Object.entries(filter)) if (value?.trim()) url.searchParams.set(key, value.trim());
  return url.toString();
}

/** The name the downloaded file gets: what and which days. */
export const exportFileName = (kind: ExportKind, from: string, to: string) => `${kind}-${from}-${to}.csv`;

/**
 * What went wrong, in words, from a refused export's answer: the gateway's
 * message for a parameter at fault ({"error":{"code","message"}}), our words
 * for the rest (a session that ended, a role that may not, a server fault).
 */
export function refusalText(
  status: number,
  body: string,
  words: { sessionEnded: string; forbidden: string; server: string },
): string {
  if (status === 401) return words.sessionEnded;
  if (status === 403) return words.forbidden;
  if (status === 400) {
    try {
      const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
      if (typeof message === 'string' && message) return message;
    } catch {
      // Not the gateway's JSON (a proxy's page): our words below.
    }
  }
  return words.server;
}
