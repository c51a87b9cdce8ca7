import { AddAvailabilityDocument, CreateLocationDocument, UpdateLocationDocument } from '@carebook/sdk';
import { expect, expectAccessible, newPatient, registerInApp, test } from './clinic-fixture';
import { shoot } from './readme-screenshots';

const MANHATTAN = { name: 'Carebook Manhattan', address: '350 5th Ave, New York', timeZone: 'America/New_York' };

test.describe('a location in another time zone', () => {
  test('the patient sees where, and the time on the location clock with its zone named', async ({ page, clinic }, testInfo) => {
    const { createLocation } = await clinic.admin.request(CreateLocationDocument, { input: MANHATTAN });
    try {
      // Dr Osei sees patients in New York on a day two weeks ahead: 09:00-10:00 there (15:00 or 14:00 in Berlin).
      const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      const { addAvailability } = await clinic.admin.request(AddAvailabilityDocument, { doctorId: clinic.doctors.osei.id, date, startTime: '09:00', endTime: '10:00', slotMinutes: 30, locationId: createLocation.id });
      expect(addAvailability.map((slot) => slot.timeZone)).toEqual(['America/New_York', 'America/New_York']);

      await registerInApp(page, newPatient('traveller'));
      await page.goto(`/book?service=${clinic.services.checkup.id}&doctor=${clinic.doctors.osei.id}&month=${date.slice(0, 7)}&date=${date}`);
      const times = page.locator('.times', { hasText: clinic.doctors.osei.name });
      await expect(times.getByText(/at Carebook Manhattan · times in America\/New_York/)).toBeVisible();
      await expect(page.getByText('Times are in the time zone of each location, named beside each doctor.')).toBeVisible();
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
    } finally {
      // The other specs share this clinic: it goes back to one location (its bookings stay).
      await clinic.admin.request(UpdateLocationDocument, { id: createLocation.id, input: { active: false } });
    }
  });
});
