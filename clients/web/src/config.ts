/** What the server tells the app at start (GET /config.json). */
export interface AppConfig {
  /** The gateway's GraphQL endpoint. */
  graphqlUrl: string;
  /** The clinic's IANA time zone: every time is shown in it, with its name beside. */
  clinicTimeZone: string;
}

export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) return (await response.json()) as AppConfig;
  } catch {
    // Served without the web server (vite dev/preview): the defaults below.
  }
  return { graphqlUrl: `${location.protocol}//${location.hostname}:4000/graphql`, clinicTimeZone: 'UTC' };
}
