import type { Browser } from '@playwright/test';
import { BOOTSTRAP_ADMIN } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AvailableSlotsDocument,
  BookAppointmentDocument,
  CreateDoctorDocument,
  CreateMedicalServiceDocument,
  DoctorsDocument,
  MedicalServicesDocument,
  MyAppointmentsDocument,
  RegisterPatientDocument,
} from '@carebook/sdk';
import { readFileSync } from 'node:fs';
import {
  type Clinic,
  CLINIC_TIME_ZONE,
  expect,
  expectAccessible,
  newPatient,
  signInAsStaff,
  test,
} from './clinic-fixture';
import { shoot } from './readme-screenshots';

/**
 * The screens of issue 14's operations, each action proved through the API:
 * the doctor's time off and one-off days (refused over a booking, then the
 * booking cancelled; removed again), the doctor's profile, an admin's clinic
 * closure, service and doctor edits, and the CSV exports.
 */
const clinicDate = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: CLINIC_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
const inDays = (days: number) => clinicDate(new Date(Date.now() + days * 86_400_000));
const dayBounds = (date: string) => ({
  from: new Date(Date.parse(`${date}T00:00:00Z`) - 2 * 3_600_000).toISOString(),
  to: new Date(Date.parse(`${date}T23:59:00Z`) + 2 * 3_600_000).toISOString(),
});

interface Doctor {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** A patient booked (through the API) into a new one-off window of the doctor's on `date`, from `start` for `minutes`. */
async function bookedPatient(clinic: Clinic, doctor: Doctor, date: string, start: string, end: string, tag: string) {
  const { addAvailability } = await clinic.admin.request(AddAvailabilityDocument, {
    doctorId: doctor.id,
    date,
    startTime: start,
    endTime: end,
    slotMinutes: 30,
  });
  const patient = newPatient(tag);
  const { registerPatient } = await clinic.api().request(RegisterPatientDocument, { input: patient });
  const api = clinic.api(registerPatient.accessToken);
  const { bookAppointment } = await api.request(BookAppointmentDocument, {
    input: { slotId: addAvailability[0].id, serviceId: clinic.services.checkup.id },
  });
  if (bookAppointment.__typename !== 'BookingConfirmed') throw new Error(`the ${tag} visit could not be booked`);
  return { patient, api, appointmentId: bookAppointment.appointment.id, slots: addAvailability };
}

async function freeSlotsOn(clinic: Clinic, doctorId: string, date: string) {
  return (await clinic.admin.request(AvailableSlotsDocument, { doctorId, ...dayBounds(date) })).availableSlots.filter(
    (slot) => clinicDate(new Date(slot.startsAt)) === date,
  );
}

async function newPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

test.describe.serial('issue 14’s staff screens', () => {
  let vogel: Doctor;
  const tag = Date.now().toString(36);

  test.beforeAll(async ({ clinicStack: clinic }) => {
    const email = `vogel-${tag}@clinic.browser.test`;
    const { createDoctor } = await clinic.admin.request(CreateDoctorDocument, {
      input: {
        email,
        password: 'doctor-password-1',
        name: 'Dr Ines Vogel',
        specialty: 'General practice',
        licenseNumber: `LIC-vogel-${tag}`,
        location: 'Room 4',
        serviceIds: [clinic.services.checkup.id],
      },
    });
    vogel = { id: createDoctor.id, name: 'Dr Ines Vogel', email, password: 'doctor-password-1' };
  });

  test('the doctor’s time off: refused over a booking, saved by cancelling it, then removed (its times bookable again); one-off days listed and removed', async ({
    page,
    clinic,
  }, testInfo) => {
    const date = inDays(5);
    const booked = await bookedPatient(clinic, vogel, date, '09:00', '11:00', 'offday');
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, vogel, 'My schedule');
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Availability' }).click();
    const sections = page.getByRole('navigation', { name: 'Availability sections' });
    await expect(sections.getByRole('link', { name: 'Weekly hours' })).toHaveAttribute('aria-current', 'page');
    await sections.getByRole('link', { name: 'Time off' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Time off to come' })).toBeVisible();
    await expect(page.getByText('No time off to come.')).toBeVisible();

    // The whole day off: the preview names the patient; saving is refused and lists them, nothing saved.
    await page.getByLabel('First day').fill(date);
    await page.getByLabel('Last day').fill(date);
    await page.getByLabel('Reason (optional)').fill('Family matter');
    await expect(page.getByTestId('time-off-clashes')).toContainText(booked.patient.name);
    await page.getByRole('button', { name: 'Take this time off' }).click();
    const refusal = page.getByTestId('booked-refusal');
    await expect(refusal).toContainText('Nothing was saved: 1 booked appointment falls in this time off.');
    await expect(refusal).toContainText(booked.patient.name);
    await expect(page.getByText('No time off to come.')).toBeVisible();
    await expectAccessible(page, 'time off refused over a booking');
    await shoot(page, testInfo, 'doctor-time-off-refused');

    // Cancel and tell the patient: two deliberate steps, by keyboard.
    await refusal.getByRole('button', { name: 'Cancel these appointments and tell the patients…' }).click();
    const confirm = refusal.getByRole('button', { name: 'Yes, cancel it and save this time off' });
    await expect(refusal.getByText('Cancel 1 appointment?')).toBeVisible();
    await confirm.focus();
    await page.keyboard.press('Enter');
    await expect(
      page
        .locator('#main')
        .getByText(/^Time off saved: \d+ free slots? blocked\. 1 appointment was cancelled and the patient is told\./),
    ).toBeVisible();
    const appointments = (await booked.api.request(MyAppointmentsDocument, {})).myAppointments;
    expect(appointments.find((a) => a.id === booked.appointmentId)?.status).toBe('CANCELLED');
    expect(await freeSlotsOn(clinic, vogel.id, date)).toHaveLength(0);
    const row = page.getByRole('row', { name: /Family matter/ });
    await expect(row).toBeVisible();
    await expectAccessible(page, 'time off saved, listed');
    await shoot(page, testInfo, 'doctor-time-off-list');

    // Removed (after the browser's confirm): the day's times are bookable again.
    await row.getByRole('button', { name: /^Remove the time off / }).click();
    await expect(
      page.locator('#main').getByText(/Time off .* removed: \d+ times? (is|are) bookable again\./),
    ).toBeVisible();
    await expect(page.getByText('No time off to come.')).toBeVisible();
    await expect.poll(async () => (await freeSlotsOn(clinic, vogel.id, date)).length).toBe(4);

    // One-off days: the one above is listed; a new afternoon is added, then removed, and its times are gone.
    await sections.getByRole('link', { name: 'One-off days' }).click();
    const later = inDays(6);
    await expect(
      page.getByRole('rowheader', {
        name: new Intl.DateTimeFormat('en-GB', {
          timeZone: 'UTC',
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }).format(new Date(`${date}T12:00:00Z`)),
      }),
    ).toBeVisible();
    await page.getByLabel('Date', { exact: true }).fill(later);
    await page.locator('#one-off-from').fill('15:00');
    await page.locator('#one-off-to').fill('16:00');
    await page.getByRole('button', { name: 'Open these hours' }).click();
    await expect(page.locator('#main').getByText('2 slots are open.')).toBeVisible();
    expect(await freeSlotsOn(clinic, vogel.id, later)).toHaveLength(2);
    const laterRow = page.getByRole('row', { name: /15:00 – 16:00/ });
    await expect(laterRow).toBeVisible();
    await expectAccessible(page, 'one-off days');
    await shoot(page, testInfo, 'doctor-one-off-days');
    await laterRow.getByRole('button', { name: /^Remove the hours on / }).click();
    await expect(page.locator('#main').getByText(/Hours on .* removed: 2 free times withdrawn\./)).toBeVisible();
    await expect(laterRow).toHaveCount(0);
    expect(await freeSlotsOn(clinic, vogel.id, later)).toHaveLength(0);
  });

  test('the doctor’s own profile: bio, location and phone saved, what patients read changed, the phone read back', async ({
    page,
    clinic,
  }, testInfo) => {
    await signInAsStaff(page, vogel, 'My schedule');
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'My profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible();
    await expect(page.getByLabel('Where patients find you')).toHaveValue('Room 4');
    await expect(page.getByLabel('Phone')).toHaveValue('');
    await page.getByLabel('About you').fill('Family doctor; speaks German and Portuguese.');
    await page.getByLabel('Where patients find you').fill('Room 7, first floor');
    await page.getByLabel('Phone').fill('+49 30 1234567');
    await page.getByRole('button', { name: 'Save my profile' }).click();
    await expect(page.getByRole('main').getByText('Your profile is saved.')).toBeVisible();
    await expectAccessible(page, 'doctor profile');
    await shoot(page, testInfo, 'doctor-profile');
    const listed = (await clinic.api().request(DoctorsDocument, {})).doctors.find((d) => d.id === vogel.id)!;
    expect(listed).toMatchObject({
      bio: 'Family doctor; speaks German and Portuguese.',
      location: 'Room 7, first floor',
    });
    // The phone is not public: read back through DoctorContact on a fresh load.
    await page.reload();
    await expect(page.getByLabel('Phone')).toHaveValue('+49 30 1234567');
  });

  test('an admin closes the clinic for a chosen doctor: refused over a booking, then the booking cancelled and the patient sees it', async ({
    page,
    browser,
    clinic,
    baseURL,
  }, testInfo) => {
    const date = inDays(7);
    const booked = await bookedPatient(clinic, vogel, date, '09:00', '10:00', 'closed');
    await signInAsStaff(page, BOOTSTRAP_ADMIN, 'Day board');
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Closures' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Clinic closures' })).toBeVisible();
    await page.getByLabel('First day closed').fill(date);
    await page.getByLabel('Last day closed').fill(date);
    await page.getByRole('radio', { name: 'Chosen doctors' }).check();
    // None ticked: said here, nothing sent.
    await page.getByRole('button', { name: 'Close these days' }).click();
    await expect(page.getByRole('alert')).toHaveText(/Tick at least one doctor/);
    await page.getByRole('group', { name: 'Doctors to close for' }).getByRole('checkbox', { name: vogel.name }).check();
    await page.getByLabel('Reason (optional)').fill('Staff training');
    await page.getByRole('button', { name: 'Close these days' }).click();
    const refusal = page.getByTestId('booked-refusal');
    await expect(refusal).toContainText('Nothing was saved: 1 booked appointment falls in the closure.');
    await expect(refusal).toContainText(`${booked.patient.name} (with ${vogel.name})`);
    await expectAccessible(page, 'closure refused over a booking');
    await shoot(page, testInfo, 'admin-closure-refused');
    await refusal.getByRole('button', { name: 'Cancel these appointments and tell the patients…' }).click();
    await refusal.getByRole('button', { name: 'Yes, cancel it and save the closure' }).click();
    await expect(
      page
        .getByRole('main')
        .getByText(
          new RegExp(
            `^Closed .* for ${vogel.name}: \\d+ free times? blocked\\. 1 appointment was cancelled and the patient is told\\.`,
          ),
        ),
    ).toBeVisible();
    await expectAccessible(page, 'closure saved');
    await shoot(page, testInfo, 'admin-closure-saved');
    expect(await freeSlotsOn(clinic, vogel.id, date)).toHaveLength(0);

    // The patient, in a browser of their own, sees the appointment cancelled.
    const theirs = await newPage(browser, baseURL!);
    await theirs.goto(`/sign-in?next=${encodeURIComponent(`/appointments/${booked.appointmentId}`)}`);
    await theirs.getByLabel('Email').fill(booked.patient.email);
    await theirs.getByLabel('Password').fill(booked.patient.password);
    await theirs.getByRole('button', { name: 'Sign in' }).click();
    await expect(theirs.getByRole('main').locator('.badge')).toHaveText('Cancelled');
    await theirs.context().close();
  });

  test('an admin edits a service (the new price in the catalogue) and its booking rules, and a doctor', async ({
    page,
    clinic,
  }, testInfo) => {
    const name = `Travel advice ${tag}`;
    await clinic.admin.request(CreateMedicalServiceDocument, {
      input: { name, category: 'SPECIALIST_CONSULTATION', durationMinutes: 20, price: '30.00', currency: 'EUR' },
    });
    await signInAsStaff(page, BOOTSTRAP_ADMIN, 'Day board');
    const nav = page.getByRole('navigation', { name: 'Staff' });
    await nav.getByRole('link', { name: 'Services' }).click();
    await expect(page.getByText('booked appointments keep the price and time they were booked with')).toBeVisible();
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${name}` });
    await edit.getByLabel('Price (EUR)').fill('32.50');
    await edit.getByLabel('Buffer after, minutes').fill('10');
    await expectAccessible(page, 'edit service dialog');
    await shoot(page, testInfo, 'admin-service-edit');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(
      page
        .getByRole('main')
        .getByText(`${name} saved. New bookings see the change; booked appointments keep their price.`),
    ).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('0 + 10 min');

    // Booking rules: two hours' notice of its own, the rest the clinic's.
    await page.getByRole('button', { name: `Booking rules of ${name}` }).click();
    const rules = page.getByRole('dialog', { name: `Booking rules of ${name}` });
    const notice = rules.getByRole('group', { name: 'Minimum notice' });
    await notice.getByRole('radio', { name: 'Its own rule' }).check();
    await rules.getByLabel('Minimum notice: how long').fill('2');
    await rules.getByLabel('Minimum notice: unit').selectOption('HOURS');
    await expectAccessible(page, 'booking rules dialog');
    await shoot(page, testInfo, 'admin-booking-rules');
    await rules.getByRole('button', { name: 'Save booking rules' }).click();
    await expect(page.getByRole('main').getByText(`Booking rules of ${name} saved.`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('1 of its own');
    const service = (await clinic.api().request(MedicalServicesDocument, {})).medicalServices.find(
      (s) => s.name === name,
    )!;
    expect(service).toMatchObject({
      price: '32.50',
      bufferAfterMinutes: 10,
      bookingPolicy: { minNoticeMinutes: 120, ownRules: ['MIN_NOTICE'] },
    });

    // The patients' catalogue shows the new price.
    await page.goto('/');
    await expect(page.locator('li.service-card', { hasText: name })).toContainText('32.50');

    // A doctor: a new location, seen in the list and by patients.
    await page.goto('/staff/admin/doctors');
    await page.getByRole('button', { name: `Edit ${vogel.name}` }).click();
    const doctor = page.getByRole('dialog', { name: `Edit ${vogel.name}` });
    // The licence number and the phone the doctor set, which the public list leaves out.
    await expect(doctor.getByLabel('License number')).toHaveValue(`LIC-vogel-${tag}`);
    await expect(doctor.getByLabel('Phone')).toHaveValue('+49 30 1234567');
    await doctor.getByLabel('Location').fill('Room 12, second floor');
    await expectAccessible(page, 'edit doctor dialog');
    await doctor.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('main').getByText(`${vogel.name} saved.`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(vogel.name) })).toContainText('Room 12, second floor');
    expect((await clinic.api().request(DoctorsDocument, {})).doctors.find((d) => d.id === vogel.id)?.location).toBe(
      'Room 12, second floor',
    );
  });

  test('an admin downloads the appointments and invoices as CSV; a bad range is refused in words', async ({
    page,
  }, testInfo) => {
    await signInAsStaff(page, BOOTSTRAP_ADMIN, 'Day board');
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Exports' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Exports' })).toBeVisible();
    const appointments = page.getByRole('form', { name: 'Appointments' });
    await appointments.getByLabel('From').fill(inDays(5));
    await appointments.getByLabel('To (included)').fill(inDays(7));
    await appointments.getByLabel('Doctor').selectOption({ label: vogel.name });
    await appointments.getByLabel('Status').selectOption('CANCELLED');
    await expectAccessible(page, 'exports');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      appointments.getByRole('button', { name: 'Download appointments (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`appointments-${inDays(5)}-${inDays(7)}.csv`);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^appointment_id,starts_at_utc,/);
    // The two visits cancelled above (time off, closure), and nothing else of this doctor's in those days.
    expect(csv.slice(1)).toHaveLength(2);
    for (const line of csv.slice(1)) {
      expect(line).toContain(`${vogel.name},`);
      expect(line).toContain(',CANCELLED,');
    }
    await expect(appointments.getByText(`Downloaded appointments-${inDays(5)}-${inDays(7)}.csv.`)).toBeVisible();

    // Invoices: over 366 days the gateway refuses, and the page says why; a month downloads.
    const invoices = page.getByRole('form', { name: 'Invoices' });
    await invoices.getByLabel('From').fill('2025-01-01');
    await invoices.getByLabel('To (included)').fill(inDays(0));
    await invoices.getByRole('button', { name: 'Download invoices (CSV)' }).click();
    await expect(invoices.getByRole('alert')).toContainText('366');
    await expectAccessible(page, 'exports with a refusal');
    await shoot(page, testInfo, 'admin-exports');
    await invoices.getByLabel('From').fill(inDays(-20));
    const [invoiceFile] = await Promise.all([
      page.waitForEvent('download'),
      invoices.getByRole('button', { name: 'Download invoices (CSV)' }).click(),
    ]);
    expect(readFileSync(await invoiceFile.path(), 'utf8').split(/\r?\n/)[0]).toBe(
      'invoice_id,appointment_id,patient_id,patient_name,amount,currency,status,issued_at_utc,paid_at_utc',
    );
  });
});
