import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt, waits at least half of it, and never more than the maximum', () => {
    const low = () => 0;
    const high = () => 1;
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { baseDelayMs: 100 }, high))).toEqual([
      100, 200, 400, 800,
    ]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { baseDelayMs: 100 }, low))).toEqual([
      50, 100, 200, 400,
    ]);
    expect(backoffDelay(50, { baseDelayMs: 100, maxDelayMs: 5000 }, high)).toBe(5000);
  });

  it('spreads clients that retry together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
