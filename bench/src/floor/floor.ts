import { ensureMysqlDatabase } from '@carebook/platform';
import { dropDatabase, freshDatabaseUrl, reservePortBlock, stopProcess } from '@carebook/platform/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { jsonField } from '../lib/json-field';

export interface Floor {
  pid: number;
  openSlots(count: number): Promise<string[]>;
  /** One booking over HTTP, as a client would ask for it: true when booked, false when the slot was taken. */
  book(slotId: string, patientId?: string): Promise<boolean>;
  /** The URL at which the floor answers any POST with `answer` (set here), after reading the request. */
  answering(answer: unknown): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the floor server (floor-server.ts) as its own process on a fresh database. */
export async function startFloor(): Promise<Floor> {
  const databaseUrl = freshDatabaseUrl('floor');
  await ensureMysqlDatabase(databaseUrl);
  const port = reservePortBlock();
  const child = spawn(process.execPath, [join(__dirname, 'floor-server.js'), databaseUrl, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`floor ${path}: ${response.status} ${await response.text()}`);
    const answer: unknown = await response.json();
    return answer;
  };
  return {
    pid: child.pid!,
    openSlots: async (count) => slotIdsOf(await post('/slots', { count })),
    book: async (slotId, patientId = randomUUID()) => bookedOf(await post('/book', { slotId, patientId })),
    async answering(answer) {
      await post('/answer', answer);
      return `${url}/graphql`;
    },
    async stop() {
      await stopProcess(child);
      await dropDatabase(databaseUrl);
    },
  };
}

// The floor server's answers, checked by hand (jsonField): a booking's answer is read inside the timed loop.

function slotIdsOf(answer: unknown): string[] {
  const ids: unknown = jsonField(answer, 'ids');
  const strings = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  if (!Array.isArray(ids) || strings.length !== ids.length)
    throw new Error(`floor /slots: no slot ids in ${JSON.stringify(answer)}`);
  return strings;
}

function bookedOf(answer: unknown): boolean {
  const booked = jsonField(answer, 'booked');
  if (typeof booked !== 'boolean') throw new Error(`floor /book: no booked flag in ${JSON.stringify(answer)}`);
  return booked;
}
