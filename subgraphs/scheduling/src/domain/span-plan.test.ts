import { bookingSpan } from '@carebook/platform';
import { SlotStatus } from '../entities/slot-status.enum';
import { firstObstacle, planSpan, spanIsFree } from './span-plan';

const at = (time: string) => new Date(`2027-01-04T${time}:00.000Z`);
const slot = (id: string, from: string, to: string, status = SlotStatus.FREE, appointmentId: string | null = null) => ({
  id,
  startsAt: at(from),
  endsAt: at(to),
  status,
  appointmentId,
});
const day = () => [
  slot('a', '09:00', '09:30'),
  slot('b', '09:30', '10:00'),
  slot('c', '10:00', '10:30'),
  slot('d', '11:00', '11:30'),
];
const ids = (slots: Array<{ id: string }>) => slots.map((s) => s.id);

describe('planSpan', () => {
  it('takes the back-to-back slots a longer service runs over, and the slots its buffers touch', () => {
    const span = bookingSpan(day()[1], { durationMinutes: 45, bufferBeforeMinutes: 10, bufferAfterMinutes: 5 });
    const plan = planSpan(day(), span);
    expect('problem' in plan).toBe(false);
    if ('problem' in plan) return;
    expect(ids(plan.core)).toEqual(['b', 'c']);
    expect(ids(plan.buffer)).toEqual(['a']);
  });

  it("refuses a start whose appointment would run into a gap in the doctor's day", () => {
    const plan = planSpan(day(), bookingSpan(day()[2], { durationMinutes: 60 }));
    expect(plan).toEqual({ problem: 'GAP', coveredUntil: at('10:30') });
  });

  it("lets a buffer reach past the doctor's last slot (nothing to hold there)", () => {
    const plan = planSpan(day(), bookingSpan(day()[3], { durationMinutes: 30, bufferAfterMinutes: 15 }));
    expect(plan).toEqual({ core: [day()[3]], buffer: [] });
  });

  it("sees another booking in the buffer as an obstacle, but not the same appointment's own slots", () => {
    const slots = [slot('a', '09:00', '09:30', SlotStatus.BOOKED, 'x'), slot('b', '09:30', '10:00')];
    const span = bookingSpan(slots[1], { durationMinutes: 30, bufferBeforeMinutes: 5 });
    const plan = planSpan(slots, span);
    if ('problem' in plan) throw new Error('planned');
    expect(firstObstacle(plan, 'y')?.id).toBe('a');
    expect(firstObstacle(plan, 'x')).toBeNull();
    expect(spanIsFree(slots, span)).toBe(false);
    expect(spanIsFree(slots, bookingSpan(slots[1], { durationMinutes: 30 }))).toBe(true);
  });
});
