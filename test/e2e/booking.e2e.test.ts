import { operation } from '@carebook/clients';
import {
  anyString,
  beginAppointments,
  errorCode,
  serviceClientAs,
  Stack,
  startStack,
  variant,
} from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AddMedicalRecordDocument,
  AddTimeOffDocument,
  AppointmentsDocument,
  AvailabilityCalendarDocument,
  AvailabilityCalendarQuery,
  AvailableSlotsDocument,
  AvailableSlotsQuery,
  BookAppointmentDocument,
  CancelAppointmentDocument,
  DoctorScheduleDocument,
  MarkNoShowDocument,
  MedicalServicesDocument,
  MedicalServicesQuery,
  PatientChartDocument,
  RescheduleAppointmentDocument,
  ScheduleSummaryDocument,
  SetBookingPolicyDocument,
  SetWeeklyAvailabilityDocument,
  UpdateMedicalRecordDocument,
  UpdateMedicalServiceDocument,
} from '@carebook/sdk';
import { Clinic, day } from './lib/clinic';
import { ContractCall, ContractResponse } from './lib/contract-call';
import { registerPatients } from './lib/register-patients';

/**
 * Booking end to end through the gateway with the contract's documents:
 * availability, calendar, booking (and its race), reschedule, time off,
 * cancel, completion, summaries, and chart access that follows appointments.
 */
/** A chart's header, asked outside the contract (the contract's PatientChart asks for more). */
type PatientName = { patient: { id: string; name: string } };

describe('booking end to end through the gateway', () => {
  let stack: Stack;
  let clinic: Clinic;
  let gql: ContractCall;
  let ok: Clinic['ok'];
  let raw: Clinic['raw'];
  let admin: string;
  let serviceId: string;
  const doctor = { a: { id: '', token: '' }, b: { id: '', token: '' } };
  const patients: Array<{ id: string; token: string }> = [];

  const register = (count: number, tag: string) => registerPatients(gql, count, tag, 'booking.e2e.test');

  beforeAll(async () => {
    // Completions need visits booked to start within the minute: no minimum notice by default (a service sets its own below).
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
      BOOKING_MIN_NOTICE: '0',
    });
    clinic = await Clinic.open(stack);
    ({ gql, ok, raw, admin } = clinic);
    serviceId = await clinic.service();
    for (const [key, licenseNumber] of [
      ['a', 'A-100'],
      ['b', 'B-200'],
    ] as const)
      doctor[key] = await clinic.doctor({
        email: `dr-${key}@booking.e2e.test`,
        name: `Dr ${key.toUpperCase()}`,
        licenseNumber,
        serviceIds: [serviceId],
      });
    patients.push(...(await register(3, 'p')));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  let slotsA: AvailableSlotsQuery['availableSlots'] = [];

  it('lets a doctor set their weekly availability (only their own) and opens slots from it', async () => {
    const rules = (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const).map(
      (dayOfWeek) => ({ dayOfWeek, startTime: '08:00', endTime: '12:00', slotMinutes: 30 }),
    );
    const set = await ok(SetWeeklyAvailabilityDocument, { doctorId: doctor.a.id, rules }, doctor.a.token);
    expect(set.setWeeklyAvailability).toHaveLength(7);
    expect(errorCode(await gql(SetWeeklyAvailabilityDocument, { doctorId: doctor.b.id, rules }, doctor.a.token))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await gql(SetWeeklyAvailabilityDocument, { doctorId: doctor.a.id, rules }, patients[0].token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(
          SetWeeklyAvailabilityDocument,
          {
            doctorId: doctor.a.id,
            rules: [{ dayOfWeek: 'MONDAY', startTime: '12:00', endTime: '09:00', slotMinutes: 30 }],
          },
          doctor.a.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');

    const slots = await ok(AvailableSlotsDocument, {
      doctorId: doctor.a.id,
      from: `${day(2)}T00:00:00Z`,
      to: `${day(4)}T00:00:00Z`,
      serviceId,
    });
    slotsA = slots.availableSlots;
    expect(slotsA.length).toBe(16);
    expect(slotsA.every((s) => s.status === 'FREE')).toBe(true);
  });

  it('adds a one-off day and shows both doctors in the calendar', async () => {
    const added = await ok(
      AddAvailabilityDocument,
      { doctorId: doctor.b.id, date: day(2), startTime: '09:00', endTime: '11:00', slotMinutes: 30 },
      admin,
    );
    expect(added.addAvailability).toHaveLength(4);
    const calendar = await ok(AvailabilityCalendarDocument, { from: day(2), to: day(2), serviceId });
    expect(calendar.availabilityCalendar).toHaveLength(1);
    const entries = calendar.availabilityCalendar[0].doctors;
    expect(entries.map((d) => d.doctor.name).sort()).toEqual(['Dr A', 'Dr B']);
    expect(entries.find((d) => d.doctor.id === doctor.b.id)).toMatchObject({
      freeSlots: 4,
      firstSlot: { startsAt: `${day(2)}T09:00:00.000Z` },
    });
  });

  it('answers repeated calendar questions from a short cache that any schedule change clears at once', async () => {
    const ask = async (token?: string) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({
          query: operation('AvailabilityCalendar'),
          variables: { from: day(20), to: day(20), serviceId },
        }),
      });
      const body = (await response.json()) as { data: AvailabilityCalendarQuery };
      return {
        cache: response.headers.get('x-carebook-cache'),
        doctors: body.data.availabilityCalendar[0]?.doctors ?? [],
      };
    };
    const first = await ask();
    expect(first.cache).toBe('miss');
    const second = await ask();
    expect(second).toEqual({ ...first, cache: 'hit' });
    expect((await ask(patients[0].token)).cache).toBe('miss'); // a signed-in caller has answers of their own
    expect(first.doctors.find((d) => d.doctor.id === doctor.b.id)).toBeUndefined();

    await ok(
      AddAvailabilityDocument,
      { doctorId: doctor.b.id, date: day(20), startTime: '13:00', endTime: '14:00', slotMinutes: 30 },
      admin,
    );
    const after = await ask();
    expect(after.cache).toBe('miss');
    expect(after.doctors.find((d) => d.doctor.id === doctor.b.id)).toMatchObject({ freeSlots: 2 });
  });

  it('answers the catalogue from the same cache, dropped by a change through the gateway and by one announced elsewhere', async () => {
    const ask = async () => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: operation('MedicalServices'), variables: {} }),
      });
      const body = (await response.json()) as { data: MedicalServicesQuery };
      const consultation = body.data.medicalServices.find((s) => s.id === serviceId);
      return { cache: response.headers.get('x-carebook-cache'), price: consultation?.price };
    };
    await ask();
    expect(await ask()).toEqual({ cache: 'hit', price: '40.00' });
    // Through the gateway: the mutation drops every kept answer on its way back.
    await ok(UpdateMedicalServiceDocument, { id: serviceId, input: { price: '41.00' } }, admin);
    expect(await ask()).toEqual({ cache: 'miss', price: '41.00' });
    expect((await ask()).cache).toBe('hit');
    // Not through this gateway (another gateway, or a service's own change): the doctor service's announcement drops them.
    await serviceClientAs('admin', stack.env).call('doctor', 'update-medical-service', {
      id: serviceId,
      price: '40.00',
    });
    const deadline = Date.now() + 5000;
    let seen = await ask();
    while (seen.price !== '40.00' && Date.now() < deadline)
      seen = (await new Promise((r) => setTimeout(r, 50)), await ask());
    expect(seen.price).toBe('40.00');
  });

  let appointmentId = '';

  it("books a slot, and a doctor may then read that patient's chart", async () => {
    expect(
      errorCode(await raw('query($id: ID!) { patient(id: $id) { id name } }', { id: patients[0].id }, doctor.a.token)),
    ).toBe('FORBIDDEN');
    const booked = await ok(
      BookAppointmentDocument,
      { input: { slotId: slotsA[0].id, serviceId, reason: 'Check-up' } },
      patients[0].token,
    );
    expect(booked.bookAppointment).toMatchObject({
      __typename: 'BookingConfirmed',
      appointment: {
        status: 'CONFIRMED',
        startsAt: slotsA[0].startsAt,
        doctor: { name: 'Dr A' },
        service: { name: 'Consultation' },
      },
    });
    appointmentId = variant(booked.bookAppointment, 'BookingConfirmed').appointment.id;
    // The care relationship arrives by event; the patient service also asks the appointment service meanwhile.
    const deadline = Date.now() + 30_000;
    let chart: ContractResponse<PatientName>;
    do {
      chart = await raw<PatientName>(
        'query($id: ID!) { patient(id: $id) { id name } }',
        { id: patients[0].id },
        doctor.a.token,
      );
    } while (chart.errors && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 100)), true));
    expect(chart.errors).toBeUndefined();
    expect(chart.data.patient.name).toBe('Patient p0');

    // The chart with the contract's documents: the doctor reads it, writes a record and corrects it; another doctor may not.
    const added = await ok(
      AddMedicalRecordDocument,
      {
        input: {
          patientId: patients[0].id,
          appointmentId,
          diagnosis: 'Seasonal allergy',
          notes: 'Antihistamine as needed',
        },
      },
      doctor.a.token,
    );
    expect(added.addMedicalRecord).toMatchObject({ diagnosis: 'Seasonal allergy', notes: 'Antihistamine as needed' });
    const recordId = added.addMedicalRecord.id;
    expect(
      errorCode(
        await gql(
          AddMedicalRecordDocument,
          { input: { patientId: patients[0].id, diagnosis: 'Guess' } },
          doctor.b.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(AddMedicalRecordDocument, { input: { patientId: patients[0].id, diagnosis: '' } }, doctor.a.token),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await gql(UpdateMedicalRecordDocument, { id: recordId, input: { notes: 'Changed' } }, doctor.b.token)),
    ).toBe('FORBIDDEN');
    const corrected = await ok(
      UpdateMedicalRecordDocument,
      { id: recordId, input: { diagnosis: 'Hay fever' } },
      doctor.a.token,
    );
    expect(corrected.updateMedicalRecord).toMatchObject({
      id: recordId,
      diagnosis: 'Hay fever',
      notes: 'Antihistamine as needed',
    });
    const read = await ok(PatientChartDocument, { id: patients[0].id }, doctor.a.token);
    expect(read.patient).toMatchObject({
      id: patients[0].id,
      name: 'Patient p0',
      records: [
        expect.objectContaining({ id: recordId, diagnosis: 'Hay fever', doctor: { id: doctor.a.id, name: 'Dr A' } }),
      ],
    });
    expect(read.patient.appointments).toEqual([expect.objectContaining({ id: appointmentId, status: 'CONFIRMED' })]);
    expect(errorCode(await gql(PatientChartDocument, { id: patients[0].id }, doctor.b.token))).toBe('FORBIDDEN');
  });

  it('gives exactly one of 50 concurrent bookings of one slot, the rest SlotUnavailable with alternatives', async () => {
    const racers = await register(50, 'race');
    const results = await Promise.all(
      racers.map((p) => gql(BookAppointmentDocument, { input: { slotId: slotsA[1].id, serviceId } }, p.token)),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const kinds = results.map((r) => r.data.bookAppointment.__typename);
    expect(kinds.filter((k) => k === 'BookingConfirmed')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'SlotUnavailable')).toHaveLength(49);
    const refused = variant(
      results.find((r) => r.data.bookAppointment.__typename === 'SlotUnavailable')!.data.bookAppointment,
      'SlotUnavailable',
    );
    expect(refused.alternatives.length).toBeGreaterThan(0);
    expect(refused.alternatives.length).toBeLessThanOrEqual(5);
    expect(refused.alternatives[0].doctor).toEqual({ id: doctor.a.id, name: 'Dr A' });
  }, 120_000);

  it('books once for the same idempotency key sent twice', async () => {
    const input = { slotId: slotsA[2].id, serviceId, idempotencyKey: 'key-1' };
    const first = await ok(BookAppointmentDocument, { input }, patients[1].token);
    const second = await ok(BookAppointmentDocument, { input }, patients[1].token);
    expect(variant(second.bookAppointment, 'BookingConfirmed').appointment.id).toBe(
      variant(first.bookAppointment, 'BookingConfirmed').appointment.id,
    );
  });

  it("reschedules to another doctor's slot and frees the old one", async () => {
    const target = (
      await ok(AvailableSlotsDocument, {
        doctorId: doctor.b.id,
        from: `${day(2)}T00:00:00Z`,
        to: `${day(3)}T00:00:00Z`,
        serviceId,
      })
    ).availableSlots[0];
    const moved = await ok(
      RescheduleAppointmentDocument,
      { id: appointmentId, newSlotId: target.id },
      patients[0].token,
    );
    expect(moved.rescheduleAppointment).toMatchObject({
      __typename: 'BookingConfirmed',
      appointment: { id: appointmentId, status: 'CONFIRMED', startsAt: target.startsAt },
    });
    const free = await ok(AvailableSlotsDocument, {
      doctorId: doctor.a.id,
      from: `${day(2)}T00:00:00Z`,
      to: `${day(3)}T00:00:00Z`,
    });
    expect(free.availableSlots.map((s) => s.id)).toContain(slotsA[0].id);
    const taken = await ok(
      RescheduleAppointmentDocument,
      { id: appointmentId, newSlotId: slotsA[1].id },
      patients[0].token,
    );
    expect(taken.rescheduleAppointment.__typename).toBe('SlotUnavailable');
  });

  it("shows the doctor's schedule with patients, and time off blocks free slots but is refused over booked ones", async () => {
    const schedule = await ok(
      DoctorScheduleDocument,
      { doctorId: doctor.a.id, from: `${day(2)}T00:00:00Z`, to: `${day(3)}T00:00:00Z` },
      doctor.a.token,
    );
    const booked = schedule.doctor.schedule.find((s) => s.id === slotsA[2].id);
    expect(booked).toMatchObject({
      status: 'BOOKED',
      appointment: { status: 'CONFIRMED', patient: { name: 'Patient p1' }, service: { name: 'Consultation' } },
    });
    expect(
      errorCode(
        await gql(
          DoctorScheduleDocument,
          { doctorId: doctor.a.id, from: `${day(2)}T00:00:00Z`, to: `${day(3)}T00:00:00Z` },
          doctor.b.token,
        ),
      ),
    ).toBe('FORBIDDEN');

    const refused = await gql(
      AddTimeOffDocument,
      { doctorId: doctor.a.id, from: slotsA[2].startsAt, to: slotsA[5].endsAt, reason: 'Training' },
      doctor.a.token,
    );
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.appointments).toEqual([
      expect.objectContaining({ startsAt: slotsA[2].startsAt, patientId: patients[1].id, patientName: 'Patient p1' }),
    ]);
    const off = await ok(
      AddTimeOffDocument,
      { doctorId: doctor.a.id, from: slotsA[3].startsAt, to: slotsA[5].endsAt, reason: 'Training' },
      doctor.a.token,
    );
    expect(off.addTimeOff).toMatchObject({ blockedSlots: 3, cancelled: [], conflicts: [] });
  });

  it('cancels an appointment and frees its slot at once', async () => {
    const cancelled = await ok(
      CancelAppointmentDocument,
      { id: appointmentId, reason: 'Feeling better' },
      patients[0].token,
    );
    expect(cancelled.cancelAppointment).toEqual({
      id: appointmentId,
      status: 'CANCELLED',
      cancellationReason: 'Feeling better',
      lateCancellation: false,
    });
    expect(errorCode(await gql(CancelAppointmentDocument, { id: appointmentId }, patients[0].token))).toBe('CONFLICT');
    const mine = await raw<{ myAppointments: unknown[] }>(
      'query { myAppointments { id status startsAt doctor { name } service { name price currency } } }',
      {},
      patients[0].token,
    );
    expect(mine.data.myAppointments).toEqual([
      expect.objectContaining({
        id: appointmentId,
        status: 'CANCELLED',
        service: { name: 'Consultation', price: '40.00', currency: 'EUR' },
      }),
    ]);
  });

  it('lists appointments in pages with a total, and sums the schedule by day and week', async () => {
    const page = await ok(AppointmentsDocument, { filter: { doctorId: doctor.a.id }, first: 1 }, admin);
    expect(page.appointments.totalCount).toBeGreaterThanOrEqual(2);
    expect(page.appointments.edges).toHaveLength(1);
    expect(page.appointments.pageInfo.hasNextPage).toBe(true);
    const next = await ok(
      AppointmentsDocument,
      { filter: { doctorId: doctor.a.id }, first: 1, after: page.appointments.pageInfo.endCursor },
      admin,
    );
    expect(next.appointments.edges[0].node.id).not.toBe(page.appointments.edges[0].node.id);
    expect(errorCode(await gql(AppointmentsDocument, { filter: {} }, patients[0].token))).toBe('FORBIDDEN');

    const summary = await ok(
      ScheduleSummaryDocument,
      { from: day(2), to: day(2), groupBy: 'DAY', doctorId: doctor.a.id },
      admin,
    );
    expect(summary.scheduleSummary).toHaveLength(1);
    const bucket = summary.scheduleSummary[0];
    expect(bucket.periodStart).toBe(day(2));
    expect(bucket.bookedSlots).toBe(2);
    expect(bucket.freeSlots + bucket.bookedSlots).toBeGreaterThan(0);
    expect(bucket.utilization).toBeCloseTo(bucket.bookedSlots / (bucket.bookedSlots + bucket.freeSlots), 5);
    const weekly = await ok(ScheduleSummaryDocument, { from: day(0), to: day(13), groupBy: 'WEEK' }, admin);
    expect(weekly.scheduleSummary.length).toBeGreaterThanOrEqual(2);
  });

  it("holds patients to a service's booking rules set by an admin: bookable times only, refusals naming the rule, late cancellations marked", async () => {
    const policyService = await clinic.service({
      name: 'Minor surgery',
      category: 'SPECIALIST_CONSULTATION',
      price: '120.00',
    });
    const policy = { minNoticeMinutes: 3 * 1440, horizonMinutes: 6 * 1440, cancellationWindowMinutes: 30 * 1440 };
    expect(
      errorCode(await gql(SetBookingPolicyDocument, { serviceId: policyService, policy }, patients[0].token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(
          SetBookingPolicyDocument,
          { serviceId: policyService, policy: { minNoticeMinutes: 5000, horizonMinutes: 4000 } },
          admin,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const set = await ok(SetBookingPolicyDocument, { serviceId: policyService, policy }, admin);
    expect(set.setBookingPolicy).toEqual({
      id: policyService,
      name: 'Minor surgery',
      bookingPolicy: { ...policy, ownRules: ['MIN_NOTICE', 'HORIZON', 'CANCELLATION_WINDOW'] },
    });
    const listed = (await ok(MedicalServicesDocument, {})).medicalServices.find((s) => s.id === policyService);
    expect(listed?.bookingPolicy).toEqual(set.setBookingPolicy.bookingPolicy);

    const doctorId = await clinic.createDoctor({
      email: 'dr-s@booking.e2e.test',
      name: 'Dr S',
      specialty: 'Surgery',
      licenseNumber: 'S-400',
      serviceIds: [policyService],
    });
    const open = async (offset: number) =>
      (
        await ok(
          AddAvailabilityDocument,
          { doctorId, date: day(offset), startTime: '09:00', endTime: '09:30', slotMinutes: 30 },
          admin,
        )
      ).addAvailability[0];
    const [soon, inWindow, far] = [await open(1), await open(4), await open(10)];

    const range = {
      doctorId,
      from: new Date().toISOString(),
      to: new Date(Date.now() + 12 * 86_400_000).toISOString(),
      serviceId: policyService,
    };
    expect((await ok(AvailableSlotsDocument, range)).availableSlots.map((s) => s.id)).toEqual([inWindow.id]);
    expect((await ok(AvailableSlotsDocument, range, admin)).availableSlots.map((s) => s.id)).toEqual([
      soon.id,
      inWindow.id,
      far.id,
    ]);
    const calendar = await ok(
      AvailabilityCalendarDocument,
      { from: day(0), to: day(11), serviceId: policyService },
      patients[1].token,
    );
    expect(
      calendar.availabilityCalendar.filter((d) => d.doctors.some((e) => e.doctor.id === doctorId)).map((d) => d.date),
    ).toEqual([day(4)]);

    const tooSoon = await gql(
      BookAppointmentDocument,
      { input: { slotId: soon.id, serviceId: policyService } },
      patients[1].token,
    );
    expect(tooSoon.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'MIN_NOTICE',
      earliestAllowed: anyString(),
    });
    const tooFar = await gql(
      BookAppointmentDocument,
      { input: { slotId: far.id, serviceId: policyService } },
      patients[1].token,
    );
    expect(tooFar.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'HORIZON',
      latestAllowed: anyString(),
    });

    const booked = await ok(
      BookAppointmentDocument,
      { input: { slotId: inWindow.id, serviceId: policyService } },
      patients[1].token,
    );
    const cancelled = await ok(
      CancelAppointmentDocument,
      { id: variant(booked.bookAppointment, 'BookingConfirmed').appointment.id, reason: 'Feeling better' },
      patients[1].token,
    );
    expect(cancelled.cancelAppointment).toMatchObject({ status: 'CANCELLED', lateCancellation: true });
  });

  it('refuses completing before the start, then completes and marks no-show once the appointments have begun', async () => {
    // One 30-minute slot for each of doctors B and C, days ahead; then their time is made to come (beginAppointments).
    const date = day(6);
    const doctorC = await clinic.doctor({
      email: 'dr-c@booking.e2e.test',
      name: 'Dr C',
      licenseNumber: 'C-300',
      serviceIds: [serviceId],
    });
    const ids: string[] = [];
    for (const [i, who] of [doctor.b, doctorC].entries()) {
      const slots = await ok(
        AddAvailabilityDocument,
        { doctorId: who.id, date, startTime: '10:00', endTime: '10:30', slotMinutes: 30 },
        admin,
      );
      const booked = await raw<{ bookAppointment: { appointment?: { id: string } } }>(
        'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { __typename ... on BookingConfirmed { appointment { id } } } }',
        { input: { slotId: slots.addAvailability[0].id, serviceId } },
        patients[2 - i].token,
      );
      ids.push(booked.data?.bookAppointment?.appointment?.id ?? ''); // '' fails the check below
    }
    expect(ids.every(Boolean)).toBe(true);
    const complete = 'mutation($id: ID!, $notes: String) { completeAppointment(id: $id, notes: $notes) { id status } }';
    const early = await raw(complete, { id: ids[0] }, doctor.b.token);
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0].message).toMatch(/once it has started/);
    await beginAppointments(stack.env.APPOINTMENT_DB_URL!, ids);
    expect(errorCode(await raw(complete, { id: ids[0] }, doctor.a.token))).toBe('FORBIDDEN');
    expect(
      (await raw<{ completeAppointment: unknown }>(complete, { id: ids[0], notes: 'Done' }, doctor.b.token)).data
        .completeAppointment,
    ).toEqual({
      id: ids[0],
      status: 'COMPLETED',
    });
    expect(errorCode(await gql(MarkNoShowDocument, { id: ids[1] }, doctor.b.token))).toBe('FORBIDDEN');
    expect((await ok(MarkNoShowDocument, { id: ids[1] }, doctorC.token)).markNoShow).toEqual({
      id: ids[1],
      status: 'NO_SHOW',
    });
  }, 120_000);
});
