import type { Page } from '@playwright/test';
import { expect, expectAccessible, newPatient, registerInApp, test } from './clinic-fixture';
import { shoot } from './readme-screenshots';

/** The free days of the calendar on screen (their buttons). */
const freeDays = (page: Page) => page.locator('.calendar button.day-free:not([aria-disabled="true"])');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Chooses the index-th free day from the month shown on, going to the next months as needed (today may be a month's last day). */
async function chooseFreeDay(page: Page, index: number) {
  await expect(freeDays(page).first()).toBeVisible();
  for (let months = 0; months < 4; months += 1) {
    await expect(page.locator('.calendar')).not.toHaveAttribute('aria-busy', 'true');
    const count = await freeDays(page).count();
    if (index < count) return freeDays(page).nth(index).click();
    index -= count;
    const title = await page.locator('.calendar-head h3').innerText();
    await page.getByRole('button', { name: 'Next month' }).click();
    await expect(page.locator('.calendar-head h3')).not.toHaveText(title);
  }
  throw new Error('not enough free days in the coming months');
}

test.describe('a patient books, is confirmed by email, reschedules and cancels', () => {
  test('from registration to cancellation, the calendar and the times by keyboard', async ({
    page,
    clinic,
  }, testInfo) => {
    const patient = newPatient('booker');
    await registerInApp(page, patient);
    await expectAccessible(page, 'my appointments (empty)');

    // Navigation to the calendar showing its free days, timed in the browser.
    await page.goto(`/book?service=${clinic.services.checkup.id}`);
    await expect(freeDays(page).first()).toBeVisible();
    const calendarMs = await page.evaluate(() => Math.round(performance.now()));
    console.log(`navigation to calendar with free days: ${calendarMs} ms`);
    testInfo.annotations.push({ type: 'navigation-to-calendar-ms', description: String(calendarMs) });
    await expect(page.getByText(/Times are in the clinic’s time zone: Europe\/Berlin, CE/).first()).toBeVisible();
    await expectAccessible(page, 'calendar');
    await shoot(page, testInfo, 'patient-calendar');

    // Keyboard only: into the grid (the focused day is a free one), right arrow to the next free day, Enter.
    const first = freeDays(page).first();
    const firstLabel = (await first.getAttribute('aria-label'))!;
    const firstDate = (await first.getAttribute('data-date'))!;
    const nextDate = new Date(Date.parse(`${firstDate}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const day = (date: string) => page.locator(`.calendar button[data-date="${date}"]`);
    await first.focus();
    await expect(day(firstDate)).toBeFocused();
    // The arrows move the focus by day (into the next month when the first free day is a month's last).
    await page.keyboard.press('ArrowRight');
    await expect(day(nextDate)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(day(firstDate)).toBeFocused();
    await expect(day(firstDate)).toHaveAttribute('aria-disabled', 'false');
    await page.keyboard.press('Enter');
    const dayTitle = firstLabel.split(',').slice(0, 2).join(',');
    await expect(page.getByRole('heading', { name: `Free times on ${dayTitle}` })).toBeVisible();
    await expect(page.locator('td[aria-selected="true"] button')).toHaveAttribute('aria-label', firstLabel);

    // The first time of the day, by Tab and Enter.
    const firstTime = page.locator('.times button.time').first();
    const timeLabel = (await firstTime.getAttribute('aria-label'))!;
    await firstTime.focus();
    await page.keyboard.press('Enter');
    await expect(firstTime).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { name: 'Your appointment' })).toBeVisible();
    await page.getByLabel('Reason for the visit (optional)').fill('Annual check-up');
    await expectAccessible(page, 'confirm');
    await page.getByRole('button', { name: 'Book this appointment' }).click();

    await expect(page.getByText('You are booked.')).toBeVisible();
    await expect(page.getByTestId('announcer')).toHaveText(/Booked/);
    const appointmentUrl = new URL(page.url());
    const appointmentId = appointmentUrl.pathname.split('/').pop()!;
    await expect(page.getByText('Annual check-up')).toBeVisible();
    await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();
    await expectAccessible(page, 'appointment');
    await shoot(page, testInfo, 'patient-booked');

    // The confirmation reaches the SMTP sink, and links to this appointment in the app.
    const [mail] = await clinic.sink.waitFor((messages) => messages.some((m) => m.to.includes(patient.email)), 60_000);
    const confirmation = clinic.sink.messages.find((m) => m.to.includes(patient.email))!;
    expect(confirmation.headers.get('subject')).toMatch(/^Appointment confirmed: General check-up with Dr/);
    expect((await confirmation.parsed()).text).toContain(`${clinic.webUrl}/appointments/${appointmentId}`);
    expect(mail).toBeDefined();

    // Upcoming, with its status in words.
    await nav(page).getByRole('link', { name: 'My appointments' }).click();
    const upcoming = page.locator('section', { has: page.getByRole('heading', { name: 'Upcoming' }) });
    await expect(upcoming.getByText('General check-up')).toBeVisible();
    await expect(upcoming.getByText('Confirmed', { exact: true })).toBeVisible();

    // Reschedule: another doctor and another service.
    await upcoming.getByRole('link', { name: 'Reschedule' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Move your appointment' })).toBeVisible();
    await page.getByLabel('Service', { exact: true }).selectOption({ label: clinic.services.vaccination.name });
    await page
      .getByLabel('Doctor', { exact: true })
      .selectOption({ label: `${clinic.doctors.grey.name} · General practice` });
    await chooseFreeDay(page, 1);
    const newTime = page.locator('.times button.time').nth(2);
    const newLabel = (await newTime.getAttribute('aria-label'))!;
    await newTime.click();
    await expectAccessible(page, 'reschedule');
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await expect(page.getByText('Moved. Your appointment has its new time.').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: /^Flu vaccination, / })).toBeVisible();
    await expect(page.getByText(clinic.doctors.grey.name)).toBeVisible();
    expect(newLabel).toContain(clinic.doctors.grey.name);
    expect(timeLabel).toBeTruthy();

    // Cancel, with a reason.
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByLabel('Why are you cancelling?').fill('Feeling better');
    await page.getByRole('button', { name: 'Cancel the appointment' }).click();
    await expect(page.getByText('Your appointment is cancelled. The doctor has been told.').first()).toBeVisible();
    await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
    await nav(page).getByRole('link', { name: 'My appointments' }).click();
    const past = page.locator('section', { has: page.getByRole('heading', { name: 'Past and cancelled' }) });
    await expect(past.getByText('Flu vaccination')).toBeVisible();
    await expect(past.getByText('Cancelled', { exact: true })).toBeVisible();
    await expectAccessible(page, 'my appointments');
  });

  test('two patients race for one time: the loser sees alternatives and books one with one click', async ({
    browser,
    clinic,
  }, testInfo) => {
    const [a, b] = [await browser.newContext(), await browser.newContext()];
    const [pageA, pageB] = [await a.newPage(), await b.newPage()];
    await registerInApp(pageA, newPatient('fast'));
    await registerInApp(pageB, newPatient('slow'));
    // Both choose the same doctor, day and time.
    for (const page of [pageA, pageB]) {
      await page.goto(`/book?service=${clinic.services.checkup.id}&doctor=${clinic.doctors.shah.id}`);
      await chooseFreeDay(page, 0);
      await page.locator('.times button.time').first().click();
      await expect(page.getByRole('button', { name: 'Book this appointment' })).toBeVisible();
    }
    await expect(pageA.locator('.confirm dd').nth(2)).toHaveText(await pageB.locator('.confirm dd').nth(2).innerText());

    await pageA.getByRole('button', { name: 'Book this appointment' }).click();
    await expect(pageA.getByText('You are booked.')).toBeVisible();

    await pageB.getByRole('button', { name: 'Book this appointment' }).click();
    await expect(pageB.getByText('That time was just taken by someone else.')).toBeVisible();
    await expect(pageB.getByTestId('announcer')).toHaveText(/no longer available/);
    await expect(pageB.getByRole('heading', { name: 'These times are still free' })).toBeFocused();
    await expectAccessible(pageB, 'alternatives');
    await shoot(pageB, testInfo, 'patient-alternatives');
    const alternative = pageB.locator('.alternative-list button').first();
    await expect(alternative).toHaveText(/^Book .+ with Dr /);
    await alternative.click();
    await expect(pageB.getByText('You are booked.')).toBeVisible();
    await a.close();
    await b.close();
  });
});

test.describe('on a phone (320 px wide) @phone', () => {
  test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

  test('books a time, nothing wider than the screen', async ({ page, clinic }, testInfo) => {
    await registerInApp(page, newPatient('phone'));
    await page.goto(`/book?service=${clinic.services.vaccination.id}`);
    await expect(freeDays(page).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectAccessible(page, 'calendar on a phone');
    await shoot(page, testInfo, 'patient-calendar-phone');
    await freeDays(page).first().tap();
    await page.locator('.times button.time').first().tap();
    await page.getByRole('button', { name: 'Book this appointment' }).tap();
    await expect(page.getByText('You are booked.')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: testInfo.outputPath('booked-phone.png'), fullPage: true });
  });
});
