/** Percentile by nearest rank over a sorted copy; milliseconds in, milliseconds out. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencyLine(label: string, values: number[]): string {
  const f = (n: number) => `${n.toFixed(1)} ms`;
  // A fold, not Math.max(...values): a fast run holds more samples than a call may take arguments.
  const max = values.reduce((most, value) => (value > most ? value : most), -Infinity);
  return `${label}: p50 ${f(percentile(values, 50))}, p95 ${f(percentile(values, 95))}, p99 ${f(percentile(values, 99))}, max ${f(max)} (n=${values.length})`;
}

/** Runs `work` for every item with at most `concurrency` in flight. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}
