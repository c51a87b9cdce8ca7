import type { Response } from '@playwright/test';
import { BOOTSTRAP_ADMIN } from '@carebook/platform/testing';
import { AvailableSlotsDocument, BookAppointmentDocument, LoginDocument, RegisterPatientDocument } from '@carebook/sdk';
import { expect, expectAccessible, newPatient, test } from './clinic-fixture';

test("runs in Debian's Chromium, and the start page lists the services by category", async ({
  page,
  browser,
  clinic,
}, testInfo) => {
  // @playwright/test must match the browser's major (bump it with Debian's chromium): say which ran.
  testInfo.annotations.push({ type: 'browser', description: `Chromium ${browser.version()}` });
  console.log(`browser: Chromium ${browser.version()}`);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Book an appointment' })).toBeVisible();
  await expect(page.getByRole('heading', { name: clinic.services.checkup.name })).toBeVisible();
  await page.getByRole('button', { name: 'Vaccinations' }).click();
  await expect(page.getByRole('button', { name: 'Vaccinations' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: clinic.services.vaccination.name })).toBeVisible();
  await expect(page.getByRole('heading', { name: clinic.services.checkup.name })).toBeHidden();
  await expectAccessible(page, 'services');
  await page.screenshot({ path: testInfo.outputPath('services-desktop.png'), fullPage: true });

  await page.goto('/doctors');
  await page.getByLabel('Specialty').selectOption('Internal medicine');
  await expect(page.getByRole('heading', { name: clinic.doctors.shah.name })).toBeVisible();
  await expect(page.getByRole('heading', { name: clinic.doctors.grey.name })).toBeHidden();
  await expectAccessible(page, 'doctors');

  for (const [path, title] of [
    ['/sign-in', 'Sign in'],
    ['/register', 'Create your account'],
    ['/no-such-page', 'We could not find that page.'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectAccessible(page, path);
  }
  // A page of the patient's own asks to sign in first, and says why.
  await page.goto('/invoices');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Please sign in to continue.')).toBeVisible();
});

test('the first page ships little JavaScript, and the explorer loads offline', async ({ page, clinic }, testInfo) => {
  // Each script's size is asked for as it arrives and awaited below: a handler still asking once the test has moved on
  // (the explorer's scripts, on the same page) failed the test when it ended first ("request.sizes: Test ended").
  const sizes: Array<Promise<{ url: string; bytes: number }>> = [];
  const measure = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    sizes.push(
      response
        .request()
        .sizes()
        .then((size) => ({ url: response.url(), bytes: size.responseBodySize })),
    );
  };
  page.on('response', measure);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: clinic.services.checkup.name })).toBeVisible();
  page.off('response', measure);
  const scripts = await Promise.all(sizes);
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  console.log(
    `first page JavaScript: ${(total / 1024).toFixed(1)} KB over the wire (gzip) in ${scripts.length} file(s)`,
  );
  testInfo.annotations.push({ type: 'first-page-js-gzip-kb', description: (total / 1024).toFixed(1) });
  expect(scripts.length).toBeGreaterThan(0);
  expect(total).toBeLessThan(250 * 1024);

  // No request leaves for a CDN: everything the explorer needs comes from this server or the gateway.
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && url.protocol !== 'data:' && url.protocol !== 'blob:')
      foreign.push(request.url());
  });
  await page.goto('/explorer/');
  await expect(page.getByText('Carebook API explorer', { exact: true })).toBeVisible();
  await expect(page.locator('.graphiql-container')).toBeVisible();
  // One query in the editor, run with the keyboard: the answer comes from the gateway.
  await page.locator('.graphiql-query-editor .monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('query Services { medicalServices { name } }');
  // GraphiQL names the tab after the operation once it has parsed the edit: run it after that.
  await expect(page.locator('.graphiql-tabs')).toContainText('Services');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.locator('.graphiql-response')).toContainText(clinic.services.checkup.name, { timeout: 30_000 });
  expect(foreign).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('explorer.png') });
});

test('the explorer runs a subscription over graphql-ws with the token from its field', async ({ page, clinic }) => {
  const { login } = await clinic.api().request(LoginDocument, BOOTSTRAP_ADMIN);
  await page.goto('/explorer/');
  await page.getByLabel('Access token').fill(login.accessToken);
  await page.locator('.graphiql-query-editor .monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('subscription Live { scheduleChanged { kind slot { id } } }');
  await expect(page.locator('.graphiql-tabs')).toContainText('Live');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect
    .poll(
      async () =>
        (
          (await (await fetch(clinic.gatewayUrl.replace(/\/graphql$/, '/health'))).json()) as {
            live: { subscriptions: number };
          }
        ).live.subscriptions,
    )
    .toBeGreaterThan(0);

  // A booking elsewhere arrives in the explorer.
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 4 * 86_400_000).toISOString();
  const { availableSlots } = await clinic.api().request(AvailableSlotsDocument, {
    doctorId: clinic.doctors.grey.id,
    from,
    to,
    serviceId: clinic.services.checkup.id,
  });
  const slot = availableSlots.at(-1)!;
  const { registerPatient } = await clinic.api().request(RegisterPatientDocument, { input: newPatient('explorer') });
  await clinic
    .api(registerPatient.accessToken)
    .request(BookAppointmentDocument, { input: { slotId: slot.id, serviceId: clinic.services.checkup.id } });
  await expect(page.locator('.graphiql-response')).toContainText('SLOT_BOOKED');
  await expect(page.locator('.graphiql-response')).toContainText(slot.id);
});
