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

/** CPU ms per operation of each process, and their total (the processes named in `excluded` left out of it). */
export interface CpuShare {
  byProcess: Array<[name: string, ms: number]>;
  total: number;
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
  const read = () => Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  const share = (operations: number, excluded: string[] = []): CpuShare => {
    const after = read();
    const byProcess = Object.entries(after).map(
      ([name, seconds]) => [name, ((seconds - before[name]) * 1000) / operations] as [string, number],
    );
    return {
      byProcess,
      total: byProcess.filter(([name]) => !excluded.includes(name)).reduce((sum, [, ms]) => sum + ms, 0),
    };
  };
  return {
    start(): void {
      before = read();
    },
    share,
    /** "name 12.3, ..., total 45.6" in CPU ms per operation over `operations`. */
    per(operations: number): string {
      return formatShare(share(operations));
    },
  };
}

export function formatShare(share: CpuShare, totalLabel = 'total'): string {
  return [
    ...share.byProcess.filter(([, ms]) => ms > 0).map(([name, ms]) => `${name} ${ms.toFixed(1)}`),
    `${totalLabel} ${share.total.toFixed(2)}`,
  ].join(', ');
}

function oldestPid(command: string): number | undefined {
  try {
    return Number(execFileSync('pgrep', ['-o', '-x', command], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
}
