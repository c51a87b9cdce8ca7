import type { Browser, Locator, Page } from '@playwright/test';
import { BOOTSTRAP_ADMIN } from '@carebook/platform/testing';
import {
  BookAppointmentDocument,
  DoctorScheduleDocument,
  RegisterPatientDocument,
  SetUserRoleDocument,
} from '@carebook/sdk';
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

/** Tomorrow in the clinic: every doctor with weekly hours has free slots then, none of them started. */
function clinicTomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: CLINIC_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + 86_400_000));
}

/** Signs in at the staff door as the bootstrap admin and lands on the day board. */
const signInAsAdmin = (page: Page) => signInAsStaff(page, BOOTSTRAP_ADMIN, 'Day board');

const column = (page: Page, doctorName: string) => page.getByRole('region', { name: doctorName });
const freeSlots = (scope: Locator) => scope.locator('.board-slot-free');
const card = (page: Page, patientName: string) => page.locator('.board-appointment', { hasText: patientName });

/** A registered patient, by the API. */
async function registeredPatient(clinic: Clinic, tag: string) {
  const patient = newPatient(tag);
  const { registerPatient } = await clinic.api().request(RegisterPatientDocument, { input: patient });
  return { ...patient, id: registerPatient.user.id };
}

/** The doctor's free slots tomorrow, by the API. */
async function freeSlotsTomorrow(clinic: Clinic, doctorId: string, date: string) {
  const from = new Date(`${date}T00:00:00Z`).getTime() - 86_400_000;
  const { doctor } = await clinic.admin.request(DoctorScheduleDocument, {
    doctorId,
    from: new Date(from).toISOString(),
    to: new Date(from + 3 * 86_400_000).toISOString(),
  });
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: CLINIC_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return doctor.schedule.filter((s) => s.status === 'FREE' && day.format(new Date(s.startsAt)) === date);
}

/** The patient's own page of the appointment, in a browser context of their own. */
async function patientSees(
  browser: Browser,
  clinic: Clinic,
  patient: { email: string; password: string },
  appointmentId: string,
) {
  const context = await browser.newContext({ baseURL: clinic.webUrl, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(patient.email);
  await page.getByLabel('Password').fill(patient.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My appointments' })).toBeVisible();
  await page.goto(`/appointments/${appointmentId}`);
  return { page, close: () => context.close() };
}

test.describe('the admin dashboard', () => {
  test('books for a patient found by name, moves it by drag and by the keyboard dialog; the patient sees the new time', async ({
    page,
    browser,
    clinic,
  }, testInfo) => {
    const date = clinicTomorrow();
    const patient = await registeredPatient(clinic, 'boarded');
    const { grey, shah } = clinic.doctors;
    await signInAsAdmin(page);
    await page.goto(`/staff/admin?date=${date}&service=${clinic.services.checkup.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Day board' })).toBeVisible();
    await expect(page.getByText(/Times are in the clinic’s time zone: Europe\/Berlin, CE/).first()).toBeVisible();
    await expect(freeSlots(column(page, shah.name)).first()).toBeVisible();
    await expect(freeSlots(column(page, grey.name)).first()).toBeVisible();
    // Filtered by specialty: Dr Shah (internal medicine) stays, the GPs go.
    await page.getByLabel('Specialty').selectOption('Internal medicine');
    await expect(column(page, grey.name)).toHaveCount(0);
    await expect(column(page, shah.name)).toBeVisible();
    await page.getByLabel('Specialty').selectOption('');
    await expect(freeSlots(column(page, grey.name)).first()).toBeVisible();
    await expectAccessible(page, 'day board');

    // Book Dr Shah's first free time for the patient, found by part of the name.
    const bookSlot = freeSlots(column(page, shah.name)).first();
    const bookedTime = (await bookSlot.getAttribute('data-time'))!;
    await bookSlot.getByRole('button', { name: /^Book / }).click();
    const bookDialog = page.getByRole('dialog', { name: `Book ${bookedTime} with ${shah.name}` });
    await expect(bookDialog).toBeVisible();
    await bookDialog
      .getByLabel('Patient (name or email)')
      .fill(patient.name.split(' ').slice(0, 3).join(' ').toLowerCase());
    await bookDialog.getByRole('radio', { name: `${patient.name} (${patient.email})` }).check();
    await bookDialog.getByLabel('Service').selectOption({ label: clinic.services.checkup.name });
    await expectAccessible(page, 'book dialog');
    await shoot(page, testInfo, 'admin-book-dialog');
    await bookDialog.getByRole('button', { name: 'Book appointment' }).click();
    await expect(bookDialog).toBeHidden();
    await expect(page.getByRole('main').getByText(`Booked ${patient.name} for`)).toBeVisible();
    const booked = card(page, patient.name);
    await expect(booked).toHaveAttribute('data-time', bookedTime);
    await expect(column(page, shah.name).locator('.board-appointment', { hasText: patient.name })).toBeVisible();
    const appointmentId = (await booked.getAttribute('data-appointment-id'))!;
    await shoot(page, testInfo, 'admin-day-board');

    // Drag it onto Dr Grey's first free time of the day (in view: a drag that has to scroll the page is not one a person makes).
    const dropSlot = freeSlots(column(page, grey.name)).first();
    const dragTime = (await dropSlot.getAttribute('data-time'))!;
    await booked.dragTo(dropSlot);
    // Shown at the new time at once, then confirmed (a reschedule and three refetches: slow on a busy machine).
    await expect(column(page, grey.name).locator('.board-appointment', { hasText: patient.name })).toHaveAttribute(
      'data-time',
      dragTime,
    );
    await expect(
      page.getByRole('main').getByText(new RegExp(`${patient.name}’s appointment moved to .*${dragTime}`)),
    ).toBeVisible({ timeout: 90_000 });
    await expect(column(page, grey.name).locator('.board-appointment', { hasText: patient.name })).toHaveAttribute(
      'data-time',
      dragTime,
    );
    await expect(column(page, shah.name).locator('.board-appointment', { hasText: patient.name })).toHaveCount(0);

    // The keyboard way: Move… opens the dialog, back to Dr Shah at a free time chosen from the list, Enter.
    const moveButton = page.getByRole('button', { name: `Move ${patient.name}’s appointment at ${dragTime}` });
    await moveButton.focus();
    await page.keyboard.press('Enter');
    const moveDialog = page.getByRole('dialog', { name: `Move ${patient.name}’s appointment` });
    await expect(moveDialog).toBeVisible();
    await moveDialog.getByLabel('Doctor').focus();
    await moveDialog.getByLabel('Doctor').selectOption({ label: shah.name });
    const times = moveDialog.getByLabel('New time');
    // Dr Shah's free times, not the ones listed a moment ago for Dr Grey.
    await expect(times).toHaveAttribute('data-doctor-id', shah.id);
    await expect(times.locator('option').first()).toBeAttached();
    const dialogTime = (await times.locator('option').last().textContent())!;
    await times.selectOption({ label: dialogTime });
    await expectAccessible(page, 'move dialog');
    await shoot(page, testInfo, 'admin-move-dialog');
    await times.focus();
    await page.keyboard.press('Tab');
    await expect(moveDialog.getByRole('button', { name: 'Move appointment' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(moveDialog).toBeHidden();
    await expect(
      page.getByRole('main').getByText(new RegExp(`${patient.name}’s appointment moved to .*${dialogTime}`)),
    ).toBeVisible({ timeout: 90_000 });
    await expect(column(page, shah.name).locator('.board-appointment', { hasText: patient.name })).toHaveAttribute(
      'data-time',
      dialogTime,
    );

    // The patient, in a browser of their own, sees the new time and doctor.
    const theirs = await patientSees(browser, clinic, patient, appointmentId);
    await expect(theirs.page.getByRole('main').getByText(new RegExp(`${dialogTime}–`))).toBeVisible();
    await expect(theirs.page.getByRole('main').getByText(shah.name).first()).toBeVisible();
    await theirs.close();
  });

  test('a move onto a time taken meanwhile is put back, with the reason', async ({ page, clinic }, testInfo) => {
    const date = clinicTomorrow();
    const { grey } = clinic.doctors;
    const first = await registeredPatient(clinic, 'stayer');
    const second = await registeredPatient(clinic, 'quicker');
    const free = await freeSlotsTomorrow(clinic, grey.id, date);
    expect(free.length).toBeGreaterThan(2);
    const [from, taken] = [free[0], free[1]];
    const book = (slotId: string, patientId: string) =>
      clinic.admin.request(BookAppointmentDocument, {
        input: { slotId, serviceId: clinic.services.checkup.id, patientId },
      });
    expect((await book(from.id, first.id)).bookAppointment.__typename).toBe('BookingConfirmed');

    await signInAsAdmin(page);
    await page.goto(`/staff/admin?date=${date}`);
    const stayer = card(page, first.name);
    await expect(stayer).toBeVisible();
    const fromTime = (await stayer.getAttribute('data-time'))!;
    const target = page.locator(`.board-slot-free[data-slot-id="${taken.id}"]`);
    await expect(target).toBeVisible();

    // Someone else books that time while the board still shows it free.
    expect((await book(taken.id, second.id)).bookAppointment.__typename).toBe('BookingConfirmed');
    await stayer.dragTo(target);
    const refusal = page.getByRole('alert').filter({
      hasText: `${first.name}’s appointment was not moved and stays where it was: that time was just taken by someone else.`,
    });
    await expect(refusal).toBeVisible();
    await expect(card(page, first.name)).toHaveAttribute('data-time', fromTime);
    // The board now shows who holds the taken time.
    await expect(page.locator(`[data-appointment-id]`, { hasText: second.name })).toBeVisible();
    await expectAccessible(page, 'refused move');
    await shoot(page, testInfo, 'admin-move-refused');
  });

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- asking for `clinic` starts the stack the page reads.
  test('the schedule summary as charts and as a table of the same figures', async ({ page, clinic }, testInfo) => {
    await signInAsAdmin(page);
    await page.goto('/staff/admin/summary');
    await expect(page.getByRole('heading', { level: 1, name: 'Schedule summary' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Utilization per period (booked share of open slots)' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Completed, cancelled and no-shows per period' })).toBeVisible();
    await expectAccessible(page, 'summary charts');
    await shoot(page, testInfo, 'admin-summary-charts');

    await page.getByRole('button', { name: 'Show the figures as a table' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'Utilization' })).toBeVisible();
    // Fourteen days, and bookings tomorrow (the scenarios above, the visit of the fixture): some booked slots.
    await expect(table.locator('tbody tr')).toHaveCount(14);
    const booked = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(booked.map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await expectAccessible(page, 'summary table');
    await shoot(page, testInfo, 'admin-summary-table');

    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await expect(table.getByRole('rowheader', { name: /^Week of / }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await expect(table.getByRole('rowheader').first()).toHaveText(/^[A-Z][a-z]+ \d{4}$/);
  });

  test('services, doctors, users, the action log and system health, one action each', async ({
    page,
    clinic,
  }, testInfo) => {
    await signInAsAdmin(page);
    page.on('dialog', (dialog) => void dialog.accept());
    const nav = page.getByRole('navigation', { name: 'Staff' });
    const main = page.getByRole('main');
    const tag = Date.now().toString(36);

    // Services: add one, then retire it.
    await nav.getByRole('link', { name: 'Services' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
    const serviceName = `Travel advice ${tag}`;
    await page.getByLabel('Name').fill(serviceName);
    await page.getByLabel('Category').selectOption('SPECIALIST_CONSULTATION');
    await page.getByLabel('Minutes').fill('20');
    await page.getByLabel('Price').fill('30.00');
    await page.getByRole('button', { name: 'Add service' }).click();
    await expect(main.getByText(`${serviceName} added to the catalogue.`)).toBeVisible();
    await expect(page.getByRole('rowheader', { name: serviceName })).toBeVisible();
    await expectAccessible(page, 'services');
    await shoot(page, testInfo, 'admin-services');
    await page.getByRole('button', { name: `Retire ${serviceName}` }).click();
    await expect(main.getByText(`${serviceName} retired.`)).toBeVisible();
    await expect(page.getByRole('rowheader', { name: serviceName })).toHaveCount(0);

    // A bad price: the API's reason, nothing added.
    await page.getByLabel('Name').fill(`Bad price ${tag}`);
    await page.getByLabel('Price').fill('cheap');
    await page.getByRole('button', { name: 'Add service' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('rowheader', { name: `Bad price ${tag}` })).toHaveCount(0);

    // Doctors: add one offering the check-up, then deactivate them.
    await nav.getByRole('link', { name: 'Doctors' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Doctors' })).toBeVisible();
    const doctorName = `Dr Lena Brandt ${tag}`;
    await page.getByLabel('Name').fill(doctorName);
    await page.getByLabel('Email').fill(`brandt-${tag}@clinic.browser.test`);
    await page.getByLabel('First password').fill('doctor-password-1');
    await page.getByLabel('Specialty').fill('Dermatology');
    await page.getByLabel('License number').fill(`LIC-${tag}`);
    await page.getByRole('checkbox', { name: clinic.services.checkup.name }).check();
    await page.getByRole('button', { name: 'Add doctor' }).click();
    await expect(main.getByText(`${doctorName} added.`)).toBeVisible();
    await expect(page.getByRole('rowheader', { name: doctorName })).toBeVisible();
    await expectAccessible(page, 'doctors');
    await shoot(page, testInfo, 'admin-doctors');
    await page.getByRole('button', { name: `Deactivate ${doctorName}` }).click();
    await expect(main.getByText(`${doctorName} deactivated.`)).toBeVisible();
    await expect(page.getByRole('rowheader', { name: doctorName })).toHaveCount(0);

    // Users: find a patient by email, make a reason-less deactivation fail, then deactivate.
    const patient = await registeredPatient(clinic, 'leaver');
    await nav.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await page.getByLabel('Email contains').fill(patient.email);
    await expect(page.getByRole('rowheader')).toHaveCount(1);
    await expect(page.getByRole('rowheader', { name: patient.email })).toBeVisible();
    await page.getByRole('button', { name: `Deactivate ${patient.email}` }).click();
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(page.getByText('Say why the account is deactivated.')).toBeVisible();
    await page.getByLabel('Reason (kept in the action log)').fill('Moved abroad');
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(main.getByText(`${patient.email} deactivated.`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(patient.email) }).getByText('Deactivated')).toBeVisible();
    await expectAccessible(page, 'users');
    await shoot(page, testInfo, 'admin-users');

    // The action log shows what was just done.
    await nav.getByRole('link', { name: 'Action log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Admin action log' })).toBeVisible();
    await expect(page.getByRole('table').getByText(patient.id).first()).toBeVisible();
    await expectAccessible(page, 'action log');
    await shoot(page, testInfo, 'admin-action-log');

    // System health: every service answers.
    await nav.getByRole('link', { name: 'System health' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'System health' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'appointment', exact: true })).toBeVisible();
    await expect(page.getByRole('table').first().getByText('DOWN')).toHaveCount(0);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.getByRole('rowheader', { name: 'appointment', exact: true })).toBeVisible();
    await expectAccessible(page, 'system health');
    await shoot(page, testInfo, 'admin-health');
  });

  test('the front desk (STAFF) gets the day board and the summary, books for a patient found by name, and no admin page', async ({
    page,
    clinic,
  }, testInfo) => {
    const date = clinicTomorrow();
    const patient = await registeredPatient(clinic, 'desked');
    const receptionist = await registeredPatient(clinic, 'reception');
    await clinic.admin.request(SetUserRoleDocument, { userId: receptionist.id, role: 'STAFF' });
    await page.goto('/staff/sign-in');
    await page.getByLabel('Email').fill(receptionist.email);
    await page.getByLabel('Password').fill(receptionist.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Day board' })).toBeVisible();
    await expect(page).toHaveURL(/\/staff\/desk/);
    const nav = page.getByRole('navigation', { name: /staff/i });
    await expect(nav.getByRole('link', { name: 'Summary' })).toBeVisible();
    for (const adminOnly of ['Services', 'Doctors', 'Users', 'Action log', 'System health'])
      await expect(nav.getByRole('link', { name: adminOnly })).toHaveCount(0);

    await page.goto(`/staff/desk?date=${date}&service=${clinic.services.checkup.id}`);
    const bookSlot = freeSlots(column(page, clinic.doctors.shah.name)).first();
    const bookedTime = (await bookSlot.getAttribute('data-time'))!;
    await bookSlot.getByRole('button', { name: /^Book / }).click();
    const bookDialog = page.getByRole('dialog', { name: `Book ${bookedTime} with ${clinic.doctors.shah.name}` });
    await bookDialog.getByLabel('Patient (name or email)').fill(patient.name.toLowerCase());
    await bookDialog.getByRole('radio', { name: `${patient.name} (${patient.email})` }).check();
    await bookDialog.getByLabel('Service').selectOption({ label: clinic.services.checkup.name });
    await bookDialog.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByRole('main').getByText(`Booked ${patient.name} for`)).toBeVisible();
    await expect(card(page, patient.name)).toHaveAttribute('data-time', bookedTime);
    await expectAccessible(page, 'front desk day board');
    await shoot(page, testInfo, 'desk-day-board');

    // An admin page is not the front desk's: the door says so (and the API refuses it anyway).
    await page.goto('/staff/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toHaveCount(0);
  });
});
