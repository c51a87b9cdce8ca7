import { createServer, IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createPool, type ResultSetHeader } from 'mysql2/promise';
import { jsonField } from '../lib/json-field';

/**
 * The floor a booking is measured against: a minimal Node HTTP server with
 * mysql2 doing the booking's atomic work in one transaction, the way
 * Carebook's services do it between them (a conditional slot update, the
 * appointment row, an outbox event), and nothing else: no GraphQL, no
 * tokens, no hops. Run as its own process (node floor-server.js <db-url>
 * <port>) so its CPU is measured apart; it prints "ready" when listening.
 *
 * POST /slots {"count": n}      opens n free slots, answers their ids
 * POST /book {"slotId", "patientId"}  books one: {"booked": true, "appointmentId"} or {"booked": false}
 * POST /answer {...}             remembers a JSON answer; POST /graphql then reads its request and answers
 *                                it: the floor of serving a request over HTTP at all (bench:gateway)
 */
const [databaseUrl, portArgument] = process.argv.slice(2);
const db = createPool({ uri: databaseUrl, connectionLimit: 10 });

async function schema(): Promise<void> {
  await db.query(`create table if not exists slots (
    id char(36) primary key, status varchar(16) not null, appointment_id char(36) null, version int not null default 0)`);
  await db.query(`create table if not exists appointments (
    id char(36) primary key, slot_id char(36) not null, patient_id char(36) not null, status varchar(16) not null,
    created_at datetime(3) not null, index (slot_id))`);
  await db.query(`create table if not exists outbox_events (
    id char(36) primary key, type varchar(64) not null, aggregate_id char(36) not null, envelope text not null,
    occurred_at datetime(3) not null, published_at datetime(3) null)`);
}

async function openSlots(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query('insert into slots (id, status) values ?', [ids.map((id) => [id, 'FREE'])]);
  return ids;
}

async function book(slotId: string, patientId: string): Promise<{ booked: boolean; appointmentId?: string }> {
  const connection = await db.getConnection();
  try {
    await connection.beginTransaction();
    const appointmentId = randomUUID();
    const [update] = await connection.execute<ResultSetHeader>(
      "update slots set status = 'BOOKED', appointment_id = ?, version = version + 1 where id = ? and status = 'FREE'",
      [appointmentId, slotId],
    );
    if (update.affectedRows !== 1) {
      await connection.rollback();
      return { booked: false };
    }
    const now = new Date();
    await connection.execute(
      "insert into appointments (id, slot_id, patient_id, status, created_at) values (?, ?, ?, 'CONFIRMED', ?)",
      [appointmentId, slotId, patientId, now],
    );
    const event = { id: randomUUID(), type: 'APPOINTMENT_CONFIRMED', payload: { appointmentId, slotId, patientId } };
    await connection.execute(
      'insert into outbox_events (id, type, aggregate_id, envelope, occurred_at) values (?, ?, ?, ?, ?)',
      [event.id, event.type, appointmentId, JSON.stringify(event), now],
    );
    await connection.commit();
    return { booked: true, appointmentId };
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

function bodyOf(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(text || '{}') as unknown);
      } catch (error) {
        reject(error);
      }
    });
  });
}

async function main(): Promise<void> {
  await schema();
  let stored = '{}';
  const server = createServer(async (request, response) => {
    try {
      const body = await bodyOf(request);
      if (request.url === '/answer') stored = JSON.stringify(body);
      if (request.url === '/graphql' || request.url === '/answer') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(stored);
        return;
      }
      const answer =
        request.url === '/slots'
          ? { ids: await openSlots(Number(jsonField(body, 'count'))) }
          : await book(String(jsonField(body, 'slotId')), String(jsonField(body, 'patientId')));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    }
  });
  server.keepAliveTimeout = 30_000;
  server.listen(Number(portArgument), '127.0.0.1', () => console.log('ready'));
  process.on('SIGTERM', () => server.close(() => void db.end().then(() => process.exit(0))));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
