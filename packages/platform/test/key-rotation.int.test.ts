import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/mysql';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { parseKeyRing } from '../src/crypto/field-cipher';
import { createFieldSealer, FieldSealer, sealedColumn } from '../src/crypto/field-sealer';
import { rotateSealedFields, SealedEntity } from '../src/crypto/key-rotation';
import { KeyRotationCursor } from '../src/crypto/key-rotation-cursor.entity';
import { mysqlOrmConfig } from '../src/orm/open-orm';
import { ensureMysqlDatabase } from '../src/orm/mysql-admin';
import { dropDatabase, freshDatabaseUrl } from '../src/testing';

@Entity({ tableName: 'key_rotation_test_notes' })
class Note {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'text', nullable: true })
  body: string | null = null;

  @Property({ type: 'text', nullable: true })
  remark: string | null = null;
}

const BODY = sealedColumn('key_rotation_test_notes', 'body', { plainTextBefore: true });
const REMARK = sealedColumn('key_rotation_test_notes', 'remark');
const NOTES: SealedEntity<Note> = {
  entity: Note,
  fields: [
    { property: 'body', column: BODY },
    { property: 'remark', column: REMARK },
  ],
};

const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;
const underK1 = createFieldSealer(parseKeyRing(k1));
const afterRotation = createFieldSealer(parseKeyRing(`${k1},${k2}`));
const k2Only = createFieldSealer(parseKeyRing(k2));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The key rotation against real MariaDB: values sealed under k1 (and plain
 * text from before sealing), k2 made active, the rotation run, interrupted,
 * resumed, and raced by a concurrent write.
 */
describe('key rotation', () => {
  const url = freshDatabaseUrl('keyrotation');
  let orm: MikroORM;

  beforeAll(async () => {
    await ensureMysqlDatabase(url);
    orm = await MikroORM.init({ ...mysqlOrmConfig({ url, entities: [Note, KeyRotationCursor], migrations: [] }) });
    await orm.schema.createSchema();
  });

  afterAll(async () => {
    await orm?.close(true);
    await dropDatabase(url);
  });

  async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const connection = await createConnection({ uri: url });
    try {
      return (await connection.query(sql, params))[0] as T[];
    } finally {
      await connection.end();
    }
  }

  /** Rows written as the services write them under k1: body sealed (or legacy plain text), remark sealed or absent. */
  async function writeNotes(
    count: number,
    sealer: FieldSealer = underK1,
  ): Promise<Array<{ id: string; body: string; remark: string | null }>> {
    await query('delete from key_rotation_test_notes');
    await query('delete from key_rotation_cursors');
    const notes = Array.from({ length: count }, (_, i) => ({
      id: `note-${String(i).padStart(3, '0')}`,
      body: `body ${i}`,
      remark: i % 3 === 0 ? null : `remark ${i}`,
    }));
    for (const [i, note] of notes.entries()) {
      const body = i % 5 === 4 ? note.body : sealer.seal(BODY, note.id, note.body);
      await query('insert into key_rotation_test_notes (id, body, remark) values (?, ?, ?)', [
        note.id,
        body,
        sealer.seal(REMARK, note.id, note.remark),
      ]);
    }
    return notes;
  }

  async function expectAllUnderK2(notes: Array<{ id: string; body: string; remark: string | null }>) {
    const rows = await query<{ id: string; body: string; remark: string | null }>(
      'select id, body, remark from key_rotation_test_notes order by id',
    );
    expect(rows.map((row) => row.id)).toEqual(notes.map((note) => note.id));
    for (const [i, row] of rows.entries()) {
      expect(row.body).toMatch(/^v2:k2:/);
      if (notes[i].remark === null) expect(row.remark).toBeNull();
      else expect(row.remark).toMatch(/^v2:k2:/);
      // Opens with k2 alone: k1 could now be removed.
      expect(k2Only.open(BODY, row.id, row.body)).toBe(notes[i].body);
      expect(k2Only.open(REMARK, row.id, row.remark)).toBe(notes[i].remark);
    }
  }

  it('re-seals every value under the new active key, and an interrupted run resumes where it stopped', async () => {
    const notes = await writeNotes(25);
    const controller = new AbortController();
    const first = await rotateSealedFields({
      em: orm.em,
      sealer: afterRotation,
      targets: [NOTES],
      batchSize: 10,
      signal: controller.signal,
      onBatch: () => controller.abort(),
    });
    expect(first).toEqual([expect.objectContaining({ resumedAfter: null, rows: 10, finished: false })]);
    expect(await query('select id, key_id, after_id from key_rotation_cursors')).toEqual([
      { id: 'key_rotation_test_notes', key_id: 'k2', after_id: 'note-009' },
    ]);
    const halfway = await query<{ id: string; body: string }>(
      'select id, body from key_rotation_test_notes order by id',
    );
    expect(halfway.slice(0, 10).every((row) => row.body.startsWith('v2:k2:'))).toBe(true);
    expect(halfway.slice(10).some((row) => !row.body.startsWith('v2:k2:'))).toBe(true);

    const second = await rotateSealedFields({ em: orm.em, sealer: afterRotation, targets: [NOTES], batchSize: 10 });
    expect(second).toEqual([
      expect.objectContaining({
        resumedAfter: 'note-009',
        rows: 15,
        alreadyCurrent: 0,
        changedMeanwhile: 0,
        unreadable: 0,
        finished: true,
      }),
    ]);
    await expectAllUnderK2(notes);
    expect(await query('select * from key_rotation_cursors')).toEqual([]);

    const again = await rotateSealedFields({ em: orm.em, sealer: afterRotation, targets: [NOTES], batchSize: 10 });
    expect(again).toEqual([expect.objectContaining({ resumedAfter: null, rows: 25, resealed: 0, finished: true })]);
  });

  it('never overwrites a value written while it runs: the conditional update misses, the new value stands', async () => {
    const notes = await writeNotes(6);
    const written = afterRotation.seal(BODY, 'note-003', 'written meanwhile');
    const writer = await createConnection({ uri: url });
    try {
      // The application's write holds its row lock until it commits: the rotation has read the old value by then.
      await writer.beginTransaction();
      await writer.query('update key_rotation_test_notes set body = ? where id = ?', [written, 'note-003']);
      const rotation = rotateSealedFields({ em: orm.em, sealer: afterRotation, targets: [NOTES], batchSize: 100 });
      // Generous: under a full suite's load (stacks starting beside it) the rotation once took over 20 s to get there.
      const deadline = Date.now() + 60_000;
      let waiting = 0;
      while (!waiting && Date.now() < deadline) {
        await sleep(50);
        [{ waiting }] = await query<{ waiting: number }>(
          "select count(*) as waiting from information_schema.innodb_trx where trx_state = 'LOCK WAIT' and trx_query like '%key_rotation_test_notes%'",
        );
      }
      expect(waiting).toBe(1);
      await writer.commit();
      const [report] = await rotation;
      expect(report).toMatchObject({ rows: 6, changedMeanwhile: 1, unreadable: 0, finished: true });
    } finally {
      await writer.end();
    }
    const [row] = await query<{ body: string }>('select body from key_rotation_test_notes where id = ?', ['note-003']);
    expect(row.body).toBe(written);
    notes[3].body = 'written meanwhile';
    await expectAllUnderK2(notes);
  }, 90_000);

  it('leaves a value that does not open (moved from another row) as it is, and reports it', async () => {
    await writeNotes(3);
    const moved = underK1.seal(REMARK, 'note-000', 'remark of another row');
    await query('update key_rotation_test_notes set remark = ? where id = ?', [moved, 'note-001']);
    const [report] = await rotateSealedFields({ em: orm.em, sealer: afterRotation, targets: [NOTES] });
    expect(report).toMatchObject({ rows: 3, unreadable: 1, finished: true });
    const [row] = await query<{ remark: string }>('select remark from key_rotation_test_notes where id = ?', [
      'note-001',
    ]);
    expect(row.remark).toBe(moved);
  });

  it('starts over when the cursor was left by a run towards another key', async () => {
    await writeNotes(4);
    await query('insert into key_rotation_cursors (id, key_id, after_id, updated_at) values (?, ?, ?, now())', [
      'key_rotation_test_notes',
      'k0',
      'note-002',
    ]);
    const [report] = await rotateSealedFields({ em: orm.em, sealer: afterRotation, targets: [NOTES] });
    expect(report).toMatchObject({ resumedAfter: null, rows: 4, resealed: 6, finished: true });
  });
});
