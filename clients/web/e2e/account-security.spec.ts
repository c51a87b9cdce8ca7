import { expect, expectAccessible, newPatient, registerInApp, test } from './clinic-fixture';
import { shoot } from './readme-screenshots';

const storedSession = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      JSON.parse(sessionStorage.getItem('carebook-session') ?? 'null') as {
        accessToken: string;
        refreshToken: string;
      } | null,
  );

test('a patient changes the password on the profile page: a wrong current one is refused, this browser goes on with the new tokens, the new password signs in', async ({
  page,
}, testInfo) => {
  const patient = newPatient('rotating');
  await registerInApp(page, patient);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByLabel('New password', { exact: true }).fill('a-better-password-2');
  await form.getByLabel('New password, again').fill('a-better-password-2');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'change password, refused');

  const before = await storedSession(page);
  await form.getByLabel('Current password').fill(patient.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(
    form.getByText('Your password is changed. Other devices are signed out; you stay signed in here.'),
  ).toBeVisible();
  const after = await storedSession(page);
  expect(after?.refreshToken).toBeTruthy();
  expect(after?.refreshToken).not.toBe(before?.refreshToken);
  await expectAccessible(page, 'change password, done');
  await shoot(page, testInfo, 'patient-change-password');

  // Still signed in here after a reload (the stored tokens are the new ones)...
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveValue(patient.name);
  // ...and the new password, not the old one, signs in.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByLabel('Email').fill(patient.email);
  await page.getByLabel('Password').fill(patient.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is wrong.');
  await page.getByLabel('Password').fill('a-better-password-2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My appointments' })).toBeVisible();
});

test('“sign out on every device” ends this session and the one in another browser', async ({
  page,
  browser,
  baseURL,
}) => {
  const patient = newPatient('everywhere');
  await registerInApp(page, patient);
  // The same patient, signed in in a second browser.
  const other = await (await browser.newContext({ baseURL, locale: 'en-GB' })).newPage();
  await other.goto('/sign-in');
  await other.getByLabel('Email').fill(patient.email);
  await other.getByLabel('Password').fill(patient.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'My appointments' })).toBeVisible();

  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Sign out on every device' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(await storedSession(page)).toBeNull();

  // The other browser's tokens are refused (its access token within seconds, its refresh token at once): it is asked to sign in.
  await expect(async () => {
    await other.goto('/profile');
    await expect(other.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
  await other.context().close();
});
