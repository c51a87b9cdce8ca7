import { chmodSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports one block spans. A stack takes base..base+9 (the gateway and nine
 * subgraphs at the offsets of SERVICE_PORTS); tests may use the rest of the
 * block for more of their own (the live suite runs two more gateways at +20, +21).
 */
export const PORT_BLOCK_SIZE = 32;
/** Away from the defaults (4000-4009) and below Linux's ephemeral range (32768+), where outgoing connections take their ports. */
const FIRST_PORT = 20_000;
const BLOCKS = Math.floor((32_768 - FIRST_PORT) / PORT_BLOCK_SIZE);
/** Shared by every test process on the machine (jest workers, concurrent jest runs, benchmarks). */
const DEFAULT_DIR = join(tmpdir(), 'carebook-test-ports');
/** A crashed holder of the allocator's mutex leaves it behind; the critical section takes milliseconds. */
const STALE_MUTEX_MS = 10_000;

export interface PortBlockOptions {
  /** Where the reservations live (tests of the allocator use their own). */
  dir?: string;
  /** The block to try first (default: a random one, so processes rarely contend). */
  start?: number;
  /** The ports taken on this machine (default: the kernel's tables); tests of the allocator pass their own. */
  portsInUse?: () => Set<number>;
}

/**
 * Reserves a block of PORT_BLOCK_SIZE ports for this process and returns
 * its first port. Collision-free across jest workers and concurrently
 * running jest processes: a block is taken by writing a lock file naming
 * the process, under a machine-wide mutex, and a block whose ports anyone
 * (in or outside the test suite) has a socket on is passed over. The block
 * stays reserved until the process ends; a later reservation reclaims the
 * locks of processes that are gone.
 */
export function reservePortBlock(options: PortBlockOptions = {}): number {
  const dir = options.dir ?? DEFAULT_DIR;
  ensureSharedDir(dir);
  return withMutex(dir, () => {
    const inUse = (options.portsInUse ?? portsInUse)();
    const start = options.start ?? Math.floor(Math.random() * BLOCKS);
    for (let i = 0; i < BLOCKS; i++) {
      const block = (start + i) % BLOCKS;
      const base = FIRST_PORT + block * PORT_BLOCK_SIZE;
      const lock = join(dir, `block-${block}.lock`);
      const holder = holderOf(lock);
      if (holder !== null && isAlive(holder)) continue;
      if (holder !== null && !removed(lock)) continue;
      if (Array.from({ length: PORT_BLOCK_SIZE }, (_, n) => base + n).some((port) => inUse.has(port))) continue;
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return base;
    }
    throw new Error(
      `No free block of ${PORT_BLOCK_SIZE} test ports between ${FIRST_PORT} and 32767 (reservations in ${dir}).`,
    );
  });
}

/** The first port of a block reserved for this process (see reservePortBlock): what a test file or stack lays its services out from. */
export function testPortBase(): number {
  return reservePortBlock();
}

function ensureSharedDir(dir: string): void {
  try {
    mkdirSync(dir);
    // Engineers on one machine may be different users: anyone may add a lock, only its owner remove it (sticky).
    chmodSync(dir, 0o1777);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function withMutex<T>(dir: string, work: () => T): T {
  const mutex = join(dir, '.mutex');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(mutex);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > deadline)
        throw new Error(`The test port allocator's mutex ${mutex} stays taken; remove it if no test is running.`, {
          cause: error,
        });
      if (ageMs(mutex) > STALE_MUTEX_MS) removedDir(mutex);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  try {
    return work();
  } finally {
    removedDir(mutex);
  }
}

function holderOf(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    // An unreadable or half-written lock counts as held by someone alive; it is left alone.
    return Number.isInteger(pid) && pid > 0 ? pid : process.pid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return process.pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removed(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function removedDir(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // already gone
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Local TCP ports anyone on the machine has a socket on (listening or
 * connected), from the kernel's tables; empty where there are none to read
 * (not Linux), leaving the lock files alone to keep test processes apart.
 */
function portsInUse(): Set<number> {
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const local = line.trim().split(/\s+/)[1];
      const port = local ? parseInt(local.slice(local.lastIndexOf(':') + 1), 16) : NaN;
      if (Number.isInteger(port)) ports.add(port);
    }
  }
  return ports;
}
