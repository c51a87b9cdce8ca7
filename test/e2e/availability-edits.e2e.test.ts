import {
  anyString,
  errorCode,
  ReceivedMail,
  SmtpSink,
  Stack,
  startSmtpSink,
  startStack,
} from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AddTimeOffDocument,
  AvailableSlotsDocument,
  BookAppointmentDocument,
  CloseClinicDocument,
  DoctorTimeOffDocument,
  RemoveAvailabilityDocument,
  RemoveTimeOffDocument,
} from '@carebook/sdk';
import { Clinic, day } from './lib/clinic';
import { ContractCall } from './lib/contract-call';

const WORKER = 'subgraphs/notification/dist/workers/main.js';

/**
 * Editing availability once patients have booked, end to end through the
 * gateway with the contract's documents and the notification worker sending
 * to a real SMTP server: a time off over a booking is refused (naming the
 * appointment and its patient) or, when asked, cancels it, records why in its
 * history and emails the patient other free times; removals keep booked
 * slots; the clinic closes for everyone in one operation; and a booking racing
 * a time off loses or wins whole.
 */
/** An appointment's status and history as staff tools read them (not a contract operation). */
type AppointmentHistory = {
  appointment: {
    status: string;
    cancellationReason: string | null;
    history: Array<{ byUserId: string | null; toStatus: string; note: string | null }>;
  };
};

describe('availability edits through the gateway', () => {
  let stack: Stack;
  let sink: SmtpSink;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let admin: string;
  let serviceId: string;
  const doctors = {
    away: { id: '', token: '', email: 'dr-away@avail.e2e.test' },
    cover: { id: '', token: '', email: 'dr-cover@avail.e2e.test' },
  };
  const patients = {
    one: { id: '', token: '', email: 'one@avail.e2e.test' },
    two: { id: '', token: '', email: 'two@avail.e2e.test' },
  };
  /** The appointment the first test books and the second has cancelled by a time off. */
  let inTheWay = { id: '', startsAt: '' };

  const openDay = async (doctorId: string, offset: number, startTime = '09:00', endTime = '12:00') =>
    (await ok(AddAvailabilityDocument, { doctorId, date: day(offset), startTime, endTime, slotMinutes: 60 }, admin))
      .addAvailability;
  const book = (slotId: string, who = patients.one) => clinic.book(who.token, { slotId, serviceId });
  const to = (address: string) => (messages: ReceivedMail[]) => messages.filter((m) => m.to.includes(address));
  const subjectStarts = (address: string, prefix: string) => (messages: ReceivedMail[]) =>
    to(address)(messages).filter((m) => m.headers.get('subject')?.startsWith(prefix));
  async function history(appointmentId: string) {
    // Not a contract operation: the history is what staff tools read; checked here as the admin sees it.
    const response = await clinic.raw<AppointmentHistory>(
      'query($id: ID!) { appointment(id: $id) { status cancellationReason history { byUserId toStatus note } } }',
      { id: appointmentId },
      admin,
    );
    expect(response.errors).toBeUndefined();
    return response.data.appointment;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack(
      ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'notification'],
      { SMTP_URL: sink.url },
      { workers: [WORKER] },
    );
    clinic = await Clinic.open(stack);
    ({ gql, ok, admin } = clinic);
    serviceId = await clinic.service();
    for (const [key, name] of [
      ['away', 'Dr Away'],
      ['cover', 'Dr Cover'],
    ] as const)
      Object.assign(
        doctors[key],
        await clinic.doctor({ email: doctors[key].email, name, licenseNumber: `AV-${key}`, serviceIds: [serviceId] }),
      );
    for (const [key, name] of [
      ['one', 'Pat One'],
      ['two', 'Pat Two'],
    ] as const)
      Object.assign(patients[key], await clinic.patient({ email: patients[key].email, name }));
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await sink?.stop();
  });

  it('refuses a time off over a booked appointment, naming it and its patient; nothing changes', async () => {
    const slots = await openDay(doctors.away.id, 2);
    const appointmentId = await book(slots[1].id);
    inTheWay = { id: appointmentId, startsAt: slots[1].startsAt };
    const refused = await gql(
      AddTimeOffDocument,
      { doctorId: doctors.away.id, from: `${day(2)}T08:00:00Z`, to: `${day(2)}T12:00:00Z`, reason: 'Course' },
      doctors.away.token,
    );
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(
      /One booked appointment falls in this time off: .* 10:00 UTC \(Pat One\)/,
    );
    expect(refused.errors![0].extensions).toMatchObject({
      reason: 'BOOKED_APPOINTMENTS',
      appointments: [
        { appointmentId, startsAt: `${day(2)}T10:00:00.000Z`, patientId: patients.one.id, patientName: 'Pat One' },
      ],
    });
    expect(
      (await ok(DoctorTimeOffDocument, { doctorId: doctors.away.id }, doctors.away.token)).doctor.timeOffs,
    ).toEqual([]);
    const free = await ok(AvailableSlotsDocument, {
      doctorId: doctors.away.id,
      from: `${day(2)}T00:00:00Z`,
      to: `${day(3)}T00:00:00Z`,
    });
    expect(free.availableSlots.map((s) => s.id)).toEqual([slots[0].id, slots[2].id]);
    expect(
      errorCode(
        await gql(
          AddTimeOffDocument,
          { doctorId: doctors.away.id, from: `${day(2)}T08:00:00Z`, to: `${day(2)}T12:00:00Z` },
          doctors.cover.token,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('with cancelBooked cancels it, records why, frees nothing, and emails the patient other times', async () => {
    const coverSlots = await openDay(doctors.cover.id, 2);
    const booked = inTheWay;
    const off = await ok(
      AddTimeOffDocument,
      {
        doctorId: doctors.away.id,
        from: `${day(2)}T08:00:00Z`,
        to: `${day(2)}T12:00:00Z`,
        reason: 'Course',
        cancelBooked: true,
      },
      doctors.away.token,
    );
    expect(off.addTimeOff).toMatchObject({
      timeOff: { startsAt: `${day(2)}T08:00:00.000Z`, endsAt: `${day(2)}T12:00:00.000Z`, reason: 'Course' },
      blockedSlots: 2,
      cancelled: [{ id: booked.id, startsAt: booked.startsAt, patient: { id: patients.one.id, name: 'Pat One' } }],
      conflicts: [],
    });
    const after = await history(booked.id);
    expect(after).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'The doctor is not available at this time.',
    });
    expect(after.history.at(-1)).toEqual({
      byUserId: doctors.away.id,
      toStatus: 'CANCELLED',
      note: 'The doctor is not available at this time.',
    });
    // The slot went back BLOCKED, not free: the time off stands over it.
    expect(
      (
        await ok(AvailableSlotsDocument, {
          doctorId: doctors.away.id,
          from: `${day(2)}T00:00:00Z`,
          to: `${day(3)}T00:00:00Z`,
        })
      ).availableSlots,
    ).toEqual([]);

    const [mail] = await sink
      .waitFor((m) => subjectStarts(patients.one.email, 'Appointment cancelled by the clinic')(m).length === 1, 30_000)
      .then(subjectStarts(patients.one.email, 'Appointment cancelled by the clinic'));
    const text = (await mail.parsed()).text ?? '';
    expect(text).toContain('is cancelled because Dr Away is not available at that time');
    // The other doctor offering the service, nearest in time: 10:00 that day first.
    expect(text).toMatch(new RegExp(`at 10:00 \\(UTC\\) with Dr Cover`));
    expect(text).toContain('Book a new time: ');
    await sink.waitFor((m) => subjectStarts(doctors.away.email, 'Appointment cancelled')(m).length >= 1, 30_000);
    expect(coverSlots).toHaveLength(3);
  });

  it('lists the time off and removes it: the slots open again', async () => {
    const listed = (await ok(DoctorTimeOffDocument, { doctorId: doctors.away.id }, admin)).doctor;
    expect(listed.timeOffs).toEqual([
      {
        id: anyString(),
        startsAt: `${day(2)}T08:00:00.000Z`,
        endsAt: `${day(2)}T12:00:00.000Z`,
        reason: 'Course',
      },
    ]);
    expect(errorCode(await gql(RemoveTimeOffDocument, { id: listed.timeOffs[0].id }, patients.one.token))).toBe(
      'FORBIDDEN',
    );
    const removed = await ok(RemoveTimeOffDocument, { id: listed.timeOffs[0].id }, doctors.away.token);
    expect(removed.removeTimeOff).toEqual({ id: listed.timeOffs[0].id, reopenedSlots: 3 });
    expect(
      (
        await ok(AvailableSlotsDocument, {
          doctorId: doctors.away.id,
          from: `${day(2)}T00:00:00Z`,
          to: `${day(3)}T00:00:00Z`,
        })
      ).availableSlots,
    ).toHaveLength(3);
    expect(errorCode(await gql(RemoveTimeOffDocument, { id: listed.timeOffs[0].id }, admin))).toBe('NOT_FOUND');
  });

  it('removes a one-off day: its free slots go, the booked one stays and is named', async () => {
    const slots = await openDay(doctors.away.id, 4, '14:00', '16:00');
    const appointmentId = await book(slots[0].id, patients.two);
    const oneOff = (
      await ok(DoctorTimeOffDocument, { doctorId: doctors.away.id }, admin)
    ).doctor.oneOffAvailability.find((d) => d.date === day(4))!;
    const removed = await ok(RemoveAvailabilityDocument, { id: oneOff.id }, doctors.away.token);
    expect(removed.removeAvailability).toEqual({
      id: oneOff.id,
      removedSlots: 1,
      keptAppointments: [
        {
          id: appointmentId,
          startsAt: slots[0].startsAt,
          timeZone: 'UTC',
          patient: { id: patients.two.id, name: 'Pat Two' },
        },
      ],
    });
    expect(
      (
        await ok(AvailableSlotsDocument, {
          doctorId: doctors.away.id,
          from: `${day(4)}T00:00:00Z`,
          to: `${day(5)}T00:00:00Z`,
        })
      ).availableSlots,
    ).toEqual([]);
    expect((await history(appointmentId)).status).toBe('CONFIRMED');
    expect(errorCode(await gql(RemoveAvailabilityDocument, { id: oneOff.id }, admin))).toBe('NOT_FOUND');
  });

  it('closes the clinic for every doctor: refused over bookings, then cancels them with cancelBooked and tells the patients', async () => {
    const [awaySlot] = await openDay(doctors.away.id, 6, '09:00', '10:00');
    const [coverSlot] = await openDay(doctors.cover.id, 6, '09:00', '10:00');
    const first = await book(awaySlot.id, patients.one);
    const second = await book(coverSlot.id, patients.two);
    const closure = { from: day(6), to: day(6), reason: 'Public holiday' };
    expect(errorCode(await gql(CloseClinicDocument, closure, doctors.away.token))).toBe('FORBIDDEN');
    const refused = await gql(CloseClinicDocument, closure, admin);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(
      (refused.errors![0].extensions!.appointments as Array<{ appointmentId: string; patientName: string }>)
        .map((a) => [a.appointmentId, a.patientName])
        .sort(),
    ).toEqual(
      [
        [first, 'Pat One'],
        [second, 'Pat Two'],
      ].sort(),
    );
    expect(errorCode(await gql(CloseClinicDocument, { ...closure, from: day(-1) }, admin))).toBe('BAD_USER_INPUT');

    const closed = await ok(CloseClinicDocument, { ...closure, cancelBooked: true }, admin);
    expect(closed.closeClinic.timeOffs.map((t) => t.doctor.id)).toEqual(
      expect.arrayContaining([doctors.away.id, doctors.cover.id]),
    );
    expect(closed.closeClinic.cancelled.map((a) => a.id).sort()).toEqual([first, second].sort());
    expect(closed.closeClinic.conflicts).toEqual([]);
    expect((await history(first)).cancellationReason).toBe('The clinic is closed on this day.');
    const closedMail = subjectStarts(patients.two.email, 'Appointment cancelled by the clinic');
    const [mail] = await sink.waitFor((m) => closedMail(m).length === 1, 30_000).then(closedMail);
    expect((await mail.parsed()).text).toContain('because the clinic is closed that day');
  });

  it('races a booking against a time off over its slot: exactly one of them goes through', async () => {
    for (let round = 0; round < 4; round++) {
      const [slot] = await openDay(doctors.cover.id, 10 + round, '09:00', '10:00');
      const [booking, timeOff] = await Promise.all([
        gql(BookAppointmentDocument, { input: { slotId: slot.id, serviceId } }, patients.one.token),
        gql(
          AddTimeOffDocument,
          { doctorId: doctors.cover.id, from: `${day(10 + round)}T09:00:00Z`, to: `${day(10 + round)}T10:00:00Z` },
          doctors.cover.token,
        ),
      ]);
      expect(booking.errors).toBeUndefined();
      const outcome = booking.data.bookAppointment;
      if (outcome.__typename === 'BookingConfirmed') {
        // The booking won: the time off was refused, naming it.
        expect(errorCode(timeOff)).toBe('CONFLICT');
        expect(timeOff.errors![0].extensions!.appointments).toEqual([
          expect.objectContaining({ appointmentId: outcome.appointment.id }),
        ]);
      } else {
        // The time off won: the booking was refused as blocked, nothing booked.
        expect(timeOff.errors).toBeUndefined();
        expect(outcome).toMatchObject({ __typename: 'SlotUnavailable', reason: 'BLOCKED' });
        expect(timeOff.data.addTimeOff).toMatchObject({ blockedSlots: 1, cancelled: [], conflicts: [] });
      }
    }
  });
});
