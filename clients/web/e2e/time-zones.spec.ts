import { BOOTSTRAP_ADMIN } from '@carebook/platform/testing';
import { AddAvailabilityDocument, CreateLocationDocument, UpdateLocationDocument } from '@carebook/sdk';
import { expect, expectAccessible, newPatient, registerInApp, signInAsStaff, test } from './clinic-fixture';
import { shoot } from './readme-screenshots';

const MANHATTAN = { name: 'Carebook Manhattan', address: '350 5th Ave, New York', timeZone: 'America/New_York' };

test.describe('a location in another time zone', () => {
  test("the patient sees where, and the time on the location clock with its zone named; an admin closes that location's day", async ({
    page,
    browser,
    baseURL,
    clinic,
  }, testInfo) => {
    const { createLocation } = await clinic.admin.request(CreateLocationDocument, { input: MANHATTAN });
    try {
      // Dr Osei sees patients in New York on a day two weeks ahead: 09:00-10:00 there (15:00 or 14:00 in Berlin).
      const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      const { addAvailability } = await clinic.admin.request(AddAvailabilityDocument, {
        doctorId: clinic.doctors.osei.id,
        date,
        startTime: '09:00',
        endTime: '10:00',
        slotMinutes: 30,
        locationId: createLocation.id,
      });
      expect(addAvailability.map((slot) => slot.timeZone)).toEqual(['America/New_York', 'America/New_York']);

      await registerInApp(page, newPatient('traveller'));
      await page.goto(
        `/book?service=${clinic.services.checkup.id}&doctor=${clinic.doctors.osei.id}&month=${date.slice(0, 7)}&date=${date}`,
      );
      const times = page.locator('.times', { hasText: clinic.doctors.osei.name });
      await expect(times.getByText(/at Carebook Manhattan · times in America\/New_York/)).toBeVisible();
      await expect(
        page.getByText('Times are in the time zone of each location, named beside each doctor.'),
      ).toBeVisible();
      // The calendar's days are the location's days, not the clinic's: its note says so instead of naming the clinic's zone.
      await expect(
        page.getByText('Each day is a day at the location where the doctor works', { exact: false }),
      ).toBeVisible();
      await expect(page.getByText(/Times are in the clinic’s time zone/)).toHaveCount(0);
      // The first time reads 9:00 (or 09:00, by the browser's locale), not the clinic's 14:00 or 15:00.
      await expect(times.locator('button.time').first()).toHaveText(/^0?9:00/);
      await times.locator('button.time').first().click();
      const summary = page.locator('section.confirm');
      await expect(summary.getByText('Carebook Manhattan, 350 5th Ave, New York')).toBeVisible();
      await expect(summary.getByText(/\(America\/New_York, /)).toBeVisible();
      await expectAccessible(page, 'booking at another location');
      await shoot(page, testInfo, 'patient-booking-other-zone');

      await page.getByRole('button', { name: 'Book this appointment' }).click();
      await expect(page.getByText('You are booked.')).toBeVisible();
      await expect(page.getByText('Carebook Manhattan, 350 5th Ave, New York')).toBeVisible();
      await expect(page.getByText(/\(America\/New_York, /)).toBeVisible();

      // An admin closes that day at Manhattan only: the form reads it in New York's zone and says so,
      // and the refusal lists the booking at 09:00 on New York's clock, the zone named.
      const admin = await (await browser.newContext({ baseURL, locale: 'en-GB' })).newPage();
      await signInAsStaff(admin, BOOTSTRAP_ADMIN, 'Day board');
      // On the day board the booking reads 09:00 on New York's clock, the place and zone named beside it.
      await admin.goto(`/staff/admin?date=${date}`);
      const booking = admin.getByRole('region', { name: clinic.doctors.osei.name }).locator('.board-appointment');
      await expect(booking.locator('.board-time')).toHaveText(/^0?9:00 \(Carebook Manhattan, America\/New_York, /);
      await admin.goto('/staff/admin/closures');
      await admin.getByLabel('First day closed').fill(date);
      await admin.getByLabel('Last day closed').fill(date);
      await admin.getByRole('radio', { name: 'One location' }).check();
      await admin.getByLabel('Location to close').selectOption(createLocation.id);
      await expect(admin.getByTestId('closure-zone')).toHaveText(
        /^The days are days at Carebook Manhattan, in its time zone: America\/New_York, /,
      );
      await admin.getByRole('button', { name: 'Close these days' }).click();
      const refusal = admin.getByTestId('booked-refusal');
      await expect(refusal).toContainText('Nothing was saved: 1 booked appointment falls in the closure.');
      await expect(refusal).toContainText(/09:00 \S+ \(America\/New_York\)/);
      await expectAccessible(admin, 'closing one location');
      await shoot(admin, testInfo, 'admin-closure-location');
      await refusal.getByRole('button', { name: 'Cancel these appointments and tell the patients…' }).click();
      await refusal.getByRole('button', { name: 'Yes, cancel it and save the closure' }).click();
      await expect(
        admin
          .getByRole('main')
          .getByText(
            new RegExp(
              `^Closed .* at Carebook Manhattan for ${clinic.doctors.osei.name}: 1 free time blocked\\. 1 appointment was cancelled`,
            ),
          ),
      ).toBeVisible();
      await admin.context().close();
    } finally {
      // The other specs share this clinic: it goes back to one location (its bookings stay).
      await clinic.admin.request(UpdateLocationDocument, { id: createLocation.id, input: { active: false } });
    }
  });
});
