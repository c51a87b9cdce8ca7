import type { ContractClient, schedulingContract, SlotFacts } from '@carebook/platform';
import { slotMemory } from './slot-memory';

type SchedulingCalls = ContractClient<typeof schedulingContract>;
type SlotsAnswer = Awaited<ReturnType<SchedulingCalls['slots']>>;

/**
 * The slot lookups in flight, shared: scheduling's own client stands behind
 * these in the integration suites (slot-memory.int.test.ts); here a hand-run
 * one orders what the memory sees, one answer settled at a time.
 */
function handRunScheduling() {
  const asked: Array<{ ids: string[]; settle: (answer: SlotsAnswer) => void }> = [];
  const scheduling = {
    slots: (query: { ids?: string[] }) =>
      new Promise<SlotsAnswer>((settle) => asked.push({ ids: query.ids ?? [], settle })),
    releaseSlot: () => Promise.resolve({ released: true }),
  } as unknown as SchedulingCalls;
  return { scheduling, asked };
}

const slot = (id: string, status: SlotFacts['status'] = 'FREE'): SlotFacts => ({
  id,
  doctorId: 'd1',
  startsAt: '2030-01-01T10:00:00.000Z',
  endsAt: '2030-01-01T10:15:00.000Z',
  status,
  appointmentId: null,
  place: { locationId: 'l1', locationName: 'Main', address: 'Street 1', timeZone: 'Europe/Berlin' },
});

describe('slot lookups in flight', () => {
  it('shares one lookup among the requests for a slot that come while it runs, and asks afresh after it', async () => {
    const { scheduling, asked } = handRunScheduling();
    const memory = slotMemory(scheduling, () => true);
    const together = [memory.scheduling.slots({ ids: ['s1'] }), memory.scheduling.slots({ ids: ['s1'] })];
    const other = memory.scheduling.slots({ ids: ['s2'] });
    expect(asked.map((call) => call.ids)).toEqual([['s1'], ['s2']]);
    asked[0].settle({ slots: [slot('s1')] });
    asked[1].settle({ slots: [slot('s2')] });
    expect(await Promise.all(together)).toEqual([{ slots: [slot('s1')] }, { slots: [slot('s1')] }]);
    expect(await other).toEqual({ slots: [slot('s2')] });

    void memory.scheduling.slots({ ids: ['s1'] });
    expect(asked).toHaveLength(3);
  });

  it('does not share a lookup begun before a release, nor any while the schedule channel is not heard', async () => {
    const { scheduling, asked } = handRunScheduling();
    let live = true;
    const memory = slotMemory(scheduling, () => live);
    void memory.scheduling.slots({ ids: ['s1'] });
    await memory.scheduling.releaseSlot({ appointmentId: 'a1' });
    void memory.scheduling.slots({ ids: ['s1'] });
    memory.heard(JSON.stringify({ type: 'SLOT_RELEASED', payload: { slotId: 's9' } }));
    void memory.scheduling.slots({ ids: ['s1'] });
    live = false;
    void memory.scheduling.slots({ ids: ['s1'] });
    expect(asked).toHaveLength(4);
  });
});
