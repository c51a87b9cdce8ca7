import { recentAnswers } from './recent-answers';

describe('recentAnswers', () => {
  it('asks once within the time to live, again after it, and shares a call in flight', async () => {
    let clock = 0;
    let calls = 0;
    const ask = recentAnswers(
      async (id: string) => `${id}#${++calls}`,
      1000,
      () => clock,
    );
    const [a, b] = await Promise.all([ask('x'), ask('x')]);
    expect([a, b, calls]).toEqual(['x#1', 'x#1', 1]);
    clock = 999;
    expect(await ask('x')).toBe('x#1');
    expect(await ask('y')).toBe('y#2');
    clock = 1000;
    expect(await ask('x')).toBe('x#3');
  });

  it('does not remember a failure', async () => {
    let calls = 0;
    const ask = recentAnswers(async () => {
      calls += 1;
      if (calls === 1) throw new Error('doctor service down');
      return 'ok';
    }, 60_000);
    await expect(ask('x')).rejects.toThrow('doctor service down');
    expect(await ask('x')).toBe('ok');
  });

  it('forgets every answer, and a call in flight, when told a change made them stale', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const ask = recentAnswers(async (id: string) => {
      const call = (calls += 1);
      if (call === 2) await new Promise<void>((resolve) => (release = resolve));
      return `${id}#${call}`;
    }, 60_000);
    expect(await ask('x')).toBe('x#1');
    ask.forget();
    const inFlight = ask('x');
    ask.forget();
    expect(await ask('x')).toBe('x#3');
    release();
    expect(await inFlight).toBe('x#2');
    expect(await ask('x')).toBe('x#3');
  });
});
