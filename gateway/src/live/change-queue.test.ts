import { ChangeQueue } from './change-queue';
import type { ScheduleChangeFacts } from './schedule-change';

const change = (n: number): ScheduleChangeFacts => ({
  eventId: `e${n}`,
  kind: 'SLOT_BOOKED',
  occurredAt: '2030-01-07T09:00:00.000Z',
  doctorId: 'd1',
  slotId: `s${n}`,
  appointmentId: null,
});

describe('ChangeQueue', () => {
  it('yields changes in order, each subscriber its own item object', async () => {
    const queue = new ChangeQueue(10, () => undefined);
    const other = new ChangeQueue(10, () => undefined);
    const waiting = queue.next();
    const one = change(1);
    queue.push(one);
    other.push(one);
    queue.push(change(2));
    // unknown: the queue's iterator types what it returns at the end `any`, as IteratorResult does by default.
    const first: unknown = (await waiting).value;
    expect(first).toEqual({ change: one });
    expect(first).not.toBe((await other.next()).value);
    expect((await queue.next()).value).toMatchObject({ change: { eventId: 'e2' } });
  });

  it('ends a subscriber that falls `limit` changes behind instead of buffering without bound', async () => {
    let closed = 0;
    const queue = new ChangeQueue(3, () => (closed += 1));
    for (let n = 0; n < 10; n += 1) queue.push(change(n));
    expect(queue.backlog).toBe(1);
    expect((await queue.next()).value).toEqual({ end: 'TOO_SLOW' });
    expect((await queue.next()).done).toBe(true);
    expect(closed).toBe(1);
  });

  it('ends with EXPIRED when the token expires, and forgets its timer when returned', async () => {
    const queue = new ChangeQueue(10, () => undefined, Date.now() + 50);
    expect((await queue.next()).value).toEqual({ end: 'EXPIRED' });
    const other = new ChangeQueue(10, () => undefined, Date.now() + 60_000);
    await other.return();
    expect((await other.next()).done).toBe(true);
  });
});
