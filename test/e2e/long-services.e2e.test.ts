import { errorCode, objectContaining, Stack, startStack, variant } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AvailabilityCalendarDocument,
  AvailableSlotsDocument,
  BookAppointmentDocument,
  CancelAppointmentDocument,
  CreateMedicalServiceDocument,
  DoctorScheduleDocument,
  MedicalServicesDocument,
  RescheduleAppointmentDocument,
  UpdateMedicalServiceDocument,
} from '@carebook/sdk';
import { Clinic, day } from './lib/clinic';
import { ContractCall } from './lib/contract-call';
import { registerPatients } from './lib/register-patients';

const MINUTE = 60_000;

/**
 * Issue 14 through the gateway with the contract's documents: services
 * longer than one slot and buffers around each appointment. A booking takes
 * every slot of its time and its buffers or none, under any interleaving of
 * concurrent bookings; availability offers only starts where all of it fits.
 */
describe('services longer than one slot, with buffers, end to end', () => {
  let stack: Stack;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let admin: string;
  let doctorId: string;
  let serviceId: string;

  const register = (count: number, tag: string) => registerPatients(gql, count, tag, 'long.e2e.test');

  const schedule = async (date: string) =>
    (await ok(DoctorScheduleDocument, { doctorId, from: `${date}T00:00:00Z`, to: `${date}T23:59:00Z` }, admin)).doctor
      .schedule;

  beforeAll(async () => {
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
      BOOKING_MIN_NOTICE: '0',
    });
    clinic = await Clinic.open(stack);
    ({ gql, ok, admin } = clinic);
    const input = {
      name: 'Long consultation',
      category: 'SPECIALIST_CONSULTATION' as const,
      durationMinutes: 60,
      bufferAfterMinutes: 10,
      price: '90.00',
      currency: 'EUR',
    };
    const created = await ok(CreateMedicalServiceDocument, { input }, admin);
    expect(created.createMedicalService).toMatchObject({
      durationMinutes: 60,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
    });
    serviceId = created.createMedicalService.id;
    doctorId = await clinic.createDoctor({
      email: 'dr-long@long.e2e.test',
      name: 'Dr Long',
      specialty: 'Surgery',
      licenseNumber: 'L-100',
      serviceIds: [serviceId],
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('lets admins set buffers (0 to 240 minutes), shown in the catalogue', async () => {
    const refused = await gql(
      UpdateMedicalServiceDocument,
      { id: serviceId, input: { bufferBeforeMinutes: 241 } },
      admin,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/bufferBeforeMinutes must be 0 to 240 minutes/);
    expect(
      errorCode(await gql(UpdateMedicalServiceDocument, { id: serviceId, input: { bufferAfterMinutes: -1 } }, admin)),
    ).toBe('BAD_USER_INPUT');
    const updated = await ok(
      UpdateMedicalServiceDocument,
      { id: serviceId, input: { bufferBeforeMinutes: 0, bufferAfterMinutes: 10 } },
      admin,
    );
    expect(updated.updateMedicalService).toMatchObject({ bufferBeforeMinutes: 0, bufferAfterMinutes: 10 });
    const listed = (await ok(MedicalServicesDocument, {})).medicalServices.find((s) => s.id === serviceId);
    expect(listed).toMatchObject({ durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 10 });
  });

  it('offers only starts where 60 minutes and the buffer fit, and refuses a start running past the day naming the rule', async () => {
    const date = day(3);
    await ok(AddAvailabilityDocument, { doctorId, date, startTime: '09:00', endTime: '11:00', slotMinutes: 30 }, admin); // 09:00 .. 10:30
    const offered = await ok(AvailableSlotsDocument, {
      doctorId,
      from: `${date}T00:00:00Z`,
      to: `${date}T23:59:00Z`,
      serviceId,
    });
    expect(offered.availableSlots.map((s) => s.startsAt)).toEqual([
      `${date}T09:00:00.000Z`,
      `${date}T09:30:00.000Z`,
      `${date}T10:00:00.000Z`,
    ]);
    const calendar = await ok(AvailabilityCalendarDocument, { from: date, to: date, serviceId });
    expect(calendar.availabilityCalendar[0].doctors).toEqual([
      expect.objectContaining({
        freeSlots: 3,
        firstSlot: objectContaining({ startsAt: `${date}T09:00:00.000Z` }),
      }),
    ]);

    const [patient] = await register(1, 'late');
    const last = (await schedule(date)).find((s) => s.startsAt === `${date}T10:30:00.000Z`)!;
    const refused = await gql(BookAppointmentDocument, { input: { slotId: last.id, serviceId } }, patient.token);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'WHOLE_DURATION',
      latestEndAllowed: `${date}T11:00:00.000Z`,
    });
    expect((await schedule(date)).every((s) => s.status === 'FREE')).toBe(true);
  });

  it('gives each contested slot to exactly one of 30 concurrent bookings of overlapping spans; winners hold all their time, losers nothing', async () => {
    const date = day(4);
    await ok(AddAvailabilityDocument, { doctorId, date, startTime: '08:00', endTime: '12:00', slotMinutes: 30 }, admin); // 8 slots
    const slots = await schedule(date);
    const starts = slots.slice(0, 6); // each needs its slot, the next, and the one after for the 10-minute buffer
    const racers = await register(30, 'race');
    const results = await Promise.all(
      racers.map((p, i) =>
        gql(BookAppointmentDocument, { input: { slotId: starts[i % starts.length].id, serviceId } }, p.token),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const outcomes = results.map((r) => r.data.bookAppointment);
    const confirmed = outcomes
      .filter((o) => o.__typename === 'BookingConfirmed')
      .map((o) => variant(o, 'BookingConfirmed').appointment);
    const refused = outcomes
      .filter((o) => o.__typename === 'SlotUnavailable')
      .map((o) => variant(o, 'SlotUnavailable'));
    expect(confirmed.length).toBeGreaterThanOrEqual(1);
    expect(confirmed.length + refused.length).toBe(30);
    for (const answer of refused) expect(answer.reason).toBe('TAKEN');

    // No two confirmed appointments share any of the doctor's time, buffers included.
    const held = confirmed.map((a) => ({
      id: a.id,
      from: Date.parse(a.startsAt),
      until: Date.parse(a.endsAt) + 10 * MINUTE,
    }));
    for (const a of held) for (const b of held) if (a !== b) expect(a.from < b.until && b.from < a.until).toBe(false);
    for (const a of confirmed) expect(Date.parse(a.endsAt) - Date.parse(a.startsAt)).toBe(60 * MINUTE);

    // Every slot a winner's time or buffer touches is that winner's; every other slot is free.
    const now = await schedule(date);
    for (const slot of now) {
      const owner = held.find((h) => Date.parse(slot.startsAt) < h.until && Date.parse(slot.endsAt) > h.from);
      if (owner)
        expect({ status: slot.status === 'FREE' ? 'FREE' : 'TAKEN', appointment: slot.appointment?.id }).toEqual({
          status: 'TAKEN',
          appointment: owner.id,
        });
      else expect(slot.status).toBe('FREE');
    }
  }, 180_000);

  it('moves a long appointment by half an hour onto its own time and cancels it, freeing every slot', async () => {
    const date = day(5);
    await ok(AddAvailabilityDocument, { doctorId, date, startTime: '13:00', endTime: '16:00', slotMinutes: 30 }, admin);
    const slots = await schedule(date);
    const [patient] = await register(1, 'mover');
    const booked = await ok(BookAppointmentDocument, { input: { slotId: slots[0].id, serviceId } }, patient.token);
    const id = variant(booked.bookAppointment, 'BookingConfirmed').appointment.id;
    const moved = await ok(RescheduleAppointmentDocument, { id, newSlotId: slots[1].id }, patient.token);
    expect(variant(moved.rescheduleAppointment, 'BookingConfirmed').appointment).toMatchObject({
      startsAt: `${date}T13:30:00.000Z`,
      endsAt: `${date}T14:30:00.000Z`,
    });
    expect((await schedule(date)).map((s) => s.status)).toEqual(['FREE', 'BOOKED', 'BOOKED', 'HELD', 'FREE', 'FREE']);
    await ok(CancelAppointmentDocument, { id }, patient.token);
    expect((await schedule(date)).map((s) => s.status)).toEqual(['FREE', 'FREE', 'FREE', 'FREE', 'FREE', 'FREE']);
  });
});
