/** The parts of a store URL that MikroORM and database creation need. */
export interface DatabaseTarget {
  kind: 'mysql' | 'mongodb';
  /** URL of the server without the database path. */
  serverUrl: string;
  dbName: string;
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = new URL(url);
  const scheme = parsed.protocol.replace(':', '');
  const dbName = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!dbName) throw new Error(`The database URL ${redactUrl(url)} names no database (expected .../<database>).`);
  if (!/^[A-Za-z0-9_]+$/.test(dbName))
    throw new Error(`Database name "${dbName}" may only use letters, digits and underscores.`);
  const server = new URL(url);
  server.pathname = '/';
  if (scheme === 'mysql' || scheme === 'mariadb')
    return { kind: 'mysql', serverUrl: server.toString().replace(/^mariadb:/, 'mysql:'), dbName };
  if (scheme === 'mongodb' || scheme === 'mongodb+srv')
    return { kind: 'mongodb', serverUrl: server.toString(), dbName };
  throw new Error(`Unsupported database URL scheme "${scheme}" (use mysql:// or mongodb://).`);
}

/** The URL with any password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}
