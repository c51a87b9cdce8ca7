/** Where the gateway is: the server's /config.json says (GRAPHQL_PUBLIC_URL), else port 4000 of this host. */
export async function gatewayUrl(): Promise<string> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) {
      const config = (await response.json()) as { graphqlUrl?: string };
      if (config.graphqlUrl) return config.graphqlUrl;
    }
  } catch {
    // served without the web server (vite preview): fall back below
  }
  return `${location.protocol}//${location.hostname}:4000/graphql`;
}
