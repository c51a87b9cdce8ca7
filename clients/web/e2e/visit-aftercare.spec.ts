import { RegisterPatientDocument } from '@carebook/sdk';
import { expect, expectAccessible, newPatient, test } from './clinic-fixture';

test('after a completed visit: a declined card, then a paid invoice, then feedback (the emails link to each)', async ({
  page,
  clinic,
}, testInfo) => {
  test.setTimeout(240_000);
  test.skip(!clinic.visit, 'the clinic day ends within half an hour: no visit could be opened to complete');
  const visit = clinic.visit!;
  await test.step(`the doctor completes the visit of ${visit.startsAt} once it has started`, () =>
    clinic.complete(visit.appointmentId));

  // The invoice notice and the feedback request link into the app.
  await test.step('the invoice notice and the feedback request arrive', () =>
    clinic.sink.waitFor(
      (messages) =>
        messages.filter(
          (m) =>
            m.to.includes(visit.patient.email) &&
            /^(Invoice for|How was your visit)/.test(m.headers.get('subject') ?? ''),
        ).length === 2,
      60_000,
    ));
  const mails = clinic.sink.messages.filter((m) => m.to.includes(visit.patient.email));
  const invoiceMail = await mails.find((m) => m.headers.get('subject')!.startsWith('Invoice for'))!.parsed();
  const feedbackMail = await mails.find((m) => m.headers.get('subject')!.startsWith('How was your visit'))!.parsed();
  const invoiceLink = invoiceMail.text!.match(new RegExp(`${clinic.webUrl}/invoices/[\\w-]+`))?.[0];
  expect(invoiceLink).toBeDefined();
  expect(feedbackMail.text).toContain(`${clinic.webUrl}/appointments/${visit.appointmentId}/feedback`);

  // The email's link: sign in first, then straight to the invoice.
  await page.goto(invoiceLink!);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(visit.patient.email);
  await page.getByLabel('Password').fill(visit.patient.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pay this invoice' })).toBeVisible();
  await expect(page.getByText('To pay')).toBeVisible();
  await expectAccessible(page, 'invoice');

  await page.getByLabel('Card token').fill('tok_declined');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('alert')).toContainText(/declined/i);
  await expect(page.getByRole('alert')).not.toContainText(/BAD_USER_INPUT|Error:|at /);
  // The invoice is FAILED now (payable again), and says so.
  await expect(page.getByText('Payment declined', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('declined-desktop.png'), fullPage: true });

  await page.getByLabel('Card token').fill('tok_visa');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText('Thank you: the invoice is paid.').first()).toBeVisible();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expectAccessible(page, 'invoices');

  // Feedback, from the email's link.
  await page.goto(`/appointments/${visit.appointmentId}/feedback`);
  await expect(page.getByRole('heading', { level: 1, name: 'How was your visit?' })).toBeVisible();
  await expectAccessible(page, 'feedback');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Choose a rating/);
  await page.getByLabel('4 of 5').check();
  await page.getByLabel('Anything you would like to tell us (optional)').fill('Kind and on time.');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByText('Thank you for your feedback.').first()).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My appointments' }).click();
  await expect(page.getByText('Your feedback: 4 of 5')).toBeVisible();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();
});

test('the profile keeps contact, channels and medical history', async ({ page, clinic }) => {
  const patient = newPatient('profile');
  await clinic.api().request(RegisterPatientDocument, { input: patient });
  await page.goto('/profile');
  await page.getByLabel('Email').fill(patient.email);
  await page.getByLabel('Password').fill(patient.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible();
  await page.getByLabel('Text message (SMS)').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText(/phone/i);
  await page.getByLabel('Mobile phone').fill('+49 151 1234567');
  await page.getByLabel('Medical history').fill('Penicillin allergy.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your profile is saved.').first()).toBeVisible();
  await expectAccessible(page, 'profile');
  await page.reload();
  await expect(page.getByLabel('Medical history')).toHaveValue('Penicillin allergy.');
  await expect(page.getByLabel('Text message (SMS)')).toBeChecked();

  // Signing out forgets the session: the patient's pages ask to sign in again.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText('You are signed out.');
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('carebook-session'))).toBeNull();
});
