import { slotClaims } from './slot-claims';

/** A booking the test settles by hand, to order what the claims see. */
function pending<T>() {
  let settle!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { promise, settle, fail };
}

const took = (outcome: string) => outcome === 'confirmed';

describe('slot claims', () => {
  it('refuses the bookings of a slot that waited for one that took it, without running them', async () => {
    const claims = slotClaims();
    const first = pending<string>();
    const ran: string[] = [];
    const answers = [
      claims.alone('s1', () => first.promise, took),
      claims.alone('s1', async () => (ran.push('second'), 'confirmed'), took),
      claims.alone('s1', async () => (ran.push('third'), 'confirmed'), took),
    ];
    first.settle('confirmed');
    expect(await Promise.all(answers)).toEqual(['confirmed', 'TAKEN', 'TAKEN']);
    expect(ran).toEqual([]);
  });

  it('lets the next waiter book, one at a time, when the booking ahead left the slot untaken (blocked, gone)', async () => {
    const claims = slotClaims();
    const first = pending<string>();
    const second = pending<string>();
    const ran: string[] = [];
    const answers = [
      claims.alone('s1', () => first.promise, took),
      claims.alone('s1', () => (ran.push('second'), second.promise), took),
      claims.alone('s1', async () => (ran.push('third'), 'confirmed'), took),
    ];
    first.settle('unavailable: BLOCKED');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['second']);
    second.settle('unavailable: NOT_FOUND');
    expect(await Promise.all(answers)).toEqual(['unavailable: BLOCKED', 'unavailable: NOT_FOUND', 'confirmed']);
    expect(ran).toEqual(['second', 'third']);
  });

  it('lets every waiter go ahead at once when the booking ahead failed (no timeouts added up)', async () => {
    const claims = slotClaims();
    const first = pending<string>();
    const second = pending<string>();
    const ran: string[] = [];
    const answers = [
      claims.alone('s1', () => first.promise, took),
      claims.alone('s1', () => (ran.push('second'), second.promise), took),
      claims.alone('s1', async () => (ran.push('third'), 'confirmed'), took),
    ];
    first.fail(new Error('scheduling did not answer'));
    await expect(answers[0]).rejects.toThrow('did not answer');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['second', 'third']);
    second.settle('taken');
    expect(await Promise.all(answers.slice(1))).toEqual(['taken', 'confirmed']);
  });

  it('keeps nothing once a booking is over: a later request for the slot books (a slot freed since is bookable at once)', async () => {
    const claims = slotClaims();
    expect(await claims.alone('s1', async () => 'confirmed', took)).toBe('confirmed');
    expect(await claims.alone('s1', async () => 'confirmed again', took)).toBe('confirmed again');
  });

  it('does not hold up bookings of other slots', async () => {
    const claims = slotClaims();
    const first = pending<string>();
    const blocked = claims.alone('s1', () => first.promise, took);
    expect(await claims.alone('s2', async () => 'confirmed', took)).toBe('confirmed');
    first.settle('confirmed');
    expect(await blocked).toBe('confirmed');
  });
});
