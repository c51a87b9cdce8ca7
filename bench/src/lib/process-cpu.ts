import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from /proc; 0 once it is gone. */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Write system calls (socket writes above all: each round trip to another process costs one at each end) a
 * process has made so far, from /proc; 0 once it is gone. A count, so it holds however busy the machine is.
 */
export function writeCallsOf(pid: number | undefined): number {
  try {
    return Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU ms per operation of each process, and their total (the processes named in `excluded` left out of it). */
export interface CpuShare {
  byProcess: Array<[name: string, ms: number]>;
  total: number;
  /** Write system calls per operation of each process (see writeCallsOf), and their total likewise. */
  writes: { byProcess: Array<[name: string, count: number]>; total: number };
}

/**
 * CPU spent by named processes between `start()` and `per(n)`, in ms per
 * operation: a figure that holds however busy the machine is, where
 * latencies do not. The database server and Redis are counted too when they
 * run here (they serve every stack on the machine: run benchmarks alone).
 */
export function cpuMeter(processes: Record<string, number | undefined>) {
  const named = { ...processes, mariadb: oldestPid('mariadbd'), redis: oldestPid('redis-server') };
  let before: Record<string, number> = {};
  let writesBefore: Record<string, number> = {};
  const read = () => Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  const readWrites = () => Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, writeCallsOf(pid)]));
  const share = (operations: number, excluded: string[] = []): CpuShare => {
    const after = read();
    const writesAfter = readWrites();
    const byProcess = Object.entries(after).map(
      ([name, seconds]) => [name, ((seconds - before[name]) * 1000) / operations] as [string, number],
    );
    const writes = Object.entries(writesAfter).map(
      ([name, count]) => [name, (count - writesBefore[name]) / operations] as [string, number],
    );
    const counted = ([name]: [string, number]) => !excluded.includes(name);
    return {
      byProcess,
      total: byProcess.filter(counted).reduce((sum, [, ms]) => sum + ms, 0),
      writes: { byProcess: writes, total: writes.filter(counted).reduce((sum, [, n]) => sum + n, 0) },
    };
  };
  return {
    /**
     * Waits (2 s at least, 30 s at most) until the processes, the benchmark itself left out, use under
     * QUIET_MS_PER_S of CPU between them: what a phase's set-up left behind (the admin service creating its
     * doctors, the projections of registered patients) is done before the meter starts, so no phase is charged for it.
     */
    async quiet(): Promise<void> {
      const busy = () =>
        Object.entries(read())
          .filter(([name]) => name !== 'bench')
          .reduce((sum, [, seconds]) => sum + seconds, 0);
      const started = Date.now();
      await sleep(2000);
      for (let last = busy(); Date.now() - started < 30_000;) {
        await sleep(QUIET_WINDOW_MS);
        const now = busy();
        if (((now - last) * 1000 * 1000) / QUIET_WINDOW_MS < QUIET_MS_PER_S) return;
        last = now;
      }
    },
    start(): void {
      before = read();
      writesBefore = readWrites();
    },
    share,
  };
}

export function formatShare(share: Pick<CpuShare, 'byProcess' | 'total'>, totalLabel = 'total'): string {
  return [
    ...share.byProcess.filter(([, ms]) => ms > 0).map(([name, ms]) => `${name} ${ms.toFixed(1)}`),
    `${totalLabel} ${share.total.toFixed(2)}`,
  ].join(', ');
}

/** CPU per second, over every process but the benchmark, under which a stack counts as settled (idle: ~8). */
const QUIET_MS_PER_S = 30;
const QUIET_WINDOW_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function oldestPid(command: string): number | undefined {
  try {
    return Number(execFileSync('pgrep', ['-o', '-x', command], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
}
