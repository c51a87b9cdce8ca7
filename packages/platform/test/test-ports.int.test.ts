import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PORT_BLOCK_SIZE, reservePortBlock } from '../src/testing';

const BUILT = resolve(__dirname, '../dist/testing/test-ports.js');

/**
 * Runs `count` reservations in each of `processes` processes of their own
 * (the built allocator), all at once, and answers what each got. Every
 * process stays alive until all have answered, as test processes hold their
 * blocks while they run.
 */
async function reserveInProcesses(processes: number, count: number, dir: string): Promise<number[][]> {
  const script = `const { reservePortBlock } = require(${JSON.stringify(BUILT)});
    const got = []; for (let i = 0; i < ${count}; i++) got.push(reservePortBlock({ dir: ${JSON.stringify(dir)}, start: 0 }));
    process.stdout.write(JSON.stringify(got) + '\\n');
    process.stdin.resume(); process.stdin.on('end', () => process.exit(0));`;
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  try {
    return await Promise.all(
      children.map(
        (child) =>
          new Promise<number[]>((done, fail) => {
            let out = '';
            child.stdout.on('data', (chunk) => {
              out += chunk;
              if (out.endsWith('\n')) done(JSON.parse(out) as number[]);
            });
            child.once('exit', (code) => fail(new Error(`a reserving process exited with ${code} before answering`)));
          }),
      ),
    );
  } finally {
    for (const child of children) child.stdin.end();
  }
}

describe('the test port allocator', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'carebook-ports-test-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('never hands one block to two processes reserving at the same moment', async () => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`pnpm build\` first (pnpm test does).`);
    // All start at the same block: without the lock files every process would take it.
    const blocks = (await reserveInProcesses(6, 5, dir)).flat();
    expect(blocks).toHaveLength(30);
    expect(new Set(blocks).size).toBe(30);
    for (const base of blocks) expect((base - 20_000) % PORT_BLOCK_SIZE).toBe(0);
  }, 60_000);

  it("waits while another process holds the allocator's mutex, and takes over one left behind by a crash", async () => {
    // Another process in the middle of a reservation: it holds the mutex for 300 ms.
    const [mutex, released] = [join(dir, '.mutex'), join(dir, 'released')];
    const holder = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); fs.mkdirSync(${JSON.stringify(mutex)}); process.stdout.write('held');
      setTimeout(() => { fs.writeFileSync(${JSON.stringify(released)}, ''); fs.rmdirSync(${JSON.stringify(mutex)}); }, 300);`,
    ]);
    await new Promise((held) => holder.stdout.once('data', held));
    expect(reservePortBlock({ dir, start: 3, portsInUse: () => new Set() })).toBe(20_000 + 3 * PORT_BLOCK_SIZE);
    // It went on only once the other process had let go.
    expect(existsSync(released)).toBe(true);
    await new Promise((exited) => (holder.exitCode === null ? holder.once('exit', exited) : exited(null)));

    // A crashed process's mutex, older than any reservation takes: removed, not waited for forever.
    mkdirSync(join(dir, '.mutex'));
    utimesSync(join(dir, '.mutex'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(reservePortBlock({ dir, start: 4, portsInUse: () => new Set() })).toBe(20_000 + 4 * PORT_BLOCK_SIZE);
  });

  it('keeps a live process its block, and reclaims the block of a process that is gone', async () => {
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dir, 'block-0.lock'), String(alive.pid));
      writeFileSync(join(dir, 'block-1.lock'), '999999999');
      const nothingElseListens = () => new Set<number>();
      expect(reservePortBlock({ dir, start: 0, portsInUse: nothingElseListens })).toBe(20_000 + PORT_BLOCK_SIZE);
      expect(reservePortBlock({ dir, start: 0, portsInUse: nothingElseListens })).toBe(20_000 + 2 * PORT_BLOCK_SIZE);
    } finally {
      alive.kill('SIGKILL');
    }
    expect(readdirSync(dir).sort()).toEqual(['block-0.lock', 'block-1.lock', 'block-2.lock']);
  });

  it('passes over a block in which something else already listens', async () => {
    const first = reservePortBlock({ dir, start: 10 });
    const next = (first - 20_000) / PORT_BLOCK_SIZE + 1;
    const server = net.createServer();
    await new Promise<void>((listening) => server.listen(first + PORT_BLOCK_SIZE + 7, '127.0.0.1', listening));
    try {
      const taken = reservePortBlock({ dir, start: next });
      expect(taken).not.toBe(first + PORT_BLOCK_SIZE);
      expect(taken).toBeGreaterThan(first + PORT_BLOCK_SIZE);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });
});
