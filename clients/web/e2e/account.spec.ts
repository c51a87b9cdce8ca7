import { codeOf, LogoutMutation, RefreshSessionDocument, RegisterPatientDocument } from '@carebook/sdk';
import { expect, expectAccessible, newPatient, registerInApp, test } from './clinic-fixture';

test('a forgotten password: the link from the sign-in page, the email, a new password that works once', async ({
  page,
  clinic,
}, testInfo) => {
  const patient = newPatient('forgetful');
  await clinic.api().request(RegisterPatientDocument, { input: patient });
  const newPassword = 'a-new-password-2';

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(patient.email);
  await page.screenshot({ path: testInfo.outputPath('sign-in-desktop.png'), fullPage: true });
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  // What was typed on the sign-in page comes along.
  await expect(page.getByLabel('Email')).toHaveValue(patient.email);
  await expectAccessible(page, 'forgot password');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('main').getByText('If an account exists for this email, we sent a link.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('reset-requested-desktop.png'), fullPage: true });

  // An email without an account gets the very same answer (and no email).
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(`nobody-${Date.now()}@patients.browser.test`);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('main').getByText('If an account exists for this email, we sent a link.')).toBeVisible();

  const [mail] = await test.step('the reset email arrives', () =>
    clinic.sink.waitFor(
      (messages) =>
        messages.some(
          (m) => m.to.includes(patient.email) && m.headers.get('subject') === 'Reset your Carebook password',
        ),
      60_000,
    ));
  expect(mail).toBeDefined();
  const resetMail = clinic.sink.messages.find(
    (m) => m.to.includes(patient.email) && m.headers.get('subject') === 'Reset your Carebook password',
  )!;
  const link = (await resetMail.parsed()).text!.match(
    new RegExp(`${clinic.webUrl}/reset-password\\?token=[\\w%-]+`),
  )?.[0];
  expect(link).toBeDefined();

  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(page, 'reset password');
  // Two different passwords: said here, nothing sent (the link still works below).
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('New password, again').fill('a-new-password-3');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('alert')).toHaveText(/The two passwords differ/);
  await expect(page.getByLabel('New password, again')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('reset-mismatch-desktop.png'), fullPage: true });
  await expectAccessible(page, 'reset password, mismatch');
  await page.getByLabel('New password, again').fill(newPassword);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('main').getByText('Your password is changed')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('reset-done-desktop.png'), fullPage: true });

  // The old password no longer opens the account; the new one does.
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(patient.email);
  await page.getByLabel('Password').fill(patient.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is wrong.');
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My appointments' })).toBeVisible();

  // The link works once: opened again, the API's words and a way to ask for a new one.
  await page.goto(link!);
  await page.getByLabel('New password', { exact: true }).fill('a-third-password-4');
  await page.getByLabel('New password, again').fill('a-third-password-4');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'This reset link is unknown, was already used or has expired; ask for a new one.',
  );
  await page.screenshot({ path: testInfo.outputPath('reset-spent-desktop.png'), fullPage: true });
  await page.getByRole('alert').getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();

  // A link without its token says so, and offers a new one.
  await page.goto('/reset-password');
  await expect(page.getByRole('alert')).toContainText('no reset code');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});

test('signing out ends the session on the server: its refresh token is refused afterwards', async ({
  page,
  clinic,
}) => {
  const patient = newPatient('leaving');
  await registerInApp(page, patient);
  const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem('carebook-session')))!) as {
    refreshToken: string;
  };
  expect(session.refreshToken).toBeTruthy();

  const logout = page.waitForResponse((response) => /\bLogout\b/.test(response.request().postData() ?? ''));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // Sent without the access token: nothing was refreshed (which would have spent the refresh token) on the way.
  expect((await logout).request().headers().authorization).toBeUndefined();
  // The app's own Logout request: its answer has the SDK's type (Playwright reads JSON as any).
  expect(((await (await logout).json()) as { data?: LogoutMutation }).data).toEqual({ logout: true });

  // One try, no polling: a second use of the same refresh token is refused anyway (reuse detection).
  const result = await clinic
    .api()
    .execute(RefreshSessionDocument, { refreshToken: session.refreshToken }, { token: null });
  expect(result.data ?? null).toBeNull();
  expect(codeOf(result.errors?.[0])).toBe('UNAUTHENTICATED');
});
