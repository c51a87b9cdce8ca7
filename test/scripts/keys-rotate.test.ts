import { createFieldSealer, parseKeyRing, sealedColumn } from '@carebook/platform';
import { dropDatabase, freshDatabaseUrl } from '@carebook/platform/testing';
import { createConnection } from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

/** `pnpm keys:rotate` without its build step: the root script over the built services. */
function keysRotate(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'scripts/keys-rotate.mjs'), '--batch-size', '10'], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('pnpm keys:rotate', () => {
  const databases = {
    PATIENT_DB_URL: freshDatabaseUrl('patient'),
    APPOINTMENT_DB_URL: freshDatabaseUrl('appointment'),
    FEEDBACK_DB_URL: freshDatabaseUrl('feedback'),
    ADMIN_DB_URL: freshDatabaseUrl('admin'),
  };

  afterAll(async () => {
    for (const url of Object.values(databases)) await dropDatabase(url);
  });

  it('runs the rotation of every service that seals fields, each on its own store, and re-seals what they hold under the active key', async () => {
    const first = await keysRotate({ NODE_ENV: 'test', ...databases, DATA_ENCRYPTION_KEYS: k1 });
    expect(first.code).toBe(0);
    for (const line of [
      '[patient] patients: 0 rows',
      '[patient] medical_records: 0 rows',
      '[appointment] appointments: 0 rows',
      '[appointment] appointment_changes: 0 rows',
      '[feedback] feedback: 0 rows',
      '[admin] admin_action_logs: 0 rows',
    ]) {
      expect(first.output).toContain(line);
    }
    expect(first.output).toContain('every sealed field re-sealed (patient, admin, appointment, feedback)');

    // A patient sealed under k1, as the patient service wrote it.
    const id = randomUUID();
    const phone = sealedColumn('patients', 'phone_sealed');
    const connection = await createConnection({ uri: databases.PATIENT_DB_URL });
    try {
      await connection.query(
        "insert into patients (id, name, email, phone_sealed, notification_channels, created_at, updated_at) values (?, 'Pat', 'pat@example.org', ?, 'EMAIL', now(3), now(3))",
        [id, createFieldSealer(parseKeyRing(k1)).seal(phone, id, '+49 30 5550101')],
      );
      const second = await keysRotate({ NODE_ENV: 'test', ...databases, DATA_ENCRYPTION_KEYS: `${k1},${k2}` });
      expect(second.output).toContain('[patient] patients: 1 row, 1 re-sealed');
      expect(second.code).toBe(0);
      const [[row]] = (await connection.query('select phone_sealed from patients where id = ?', [id])) as [
        Array<{ phone_sealed: string }>,
        unknown,
      ];
      expect(createFieldSealer(parseKeyRing(k2)).open(phone, id, row.phone_sealed)).toBe('+49 30 5550101');
    } finally {
      await connection.end();
    }
  });

  it('stops with the message naming the variable when a key is malformed', async () => {
    const result = await keysRotate({ NODE_ENV: 'test', ...databases, DATA_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/DATA_ENCRYPTION_KEYS key "k1" must be 32 bytes/);
    expect(result.output).toContain('not every sealed field is re-sealed yet');
  });
});
