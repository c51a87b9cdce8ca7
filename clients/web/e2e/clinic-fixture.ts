import { test as base, expect, type Page } from '@playwright/test';
import { BOOTSTRAP_ADMIN, startSmtpSink, startStack, type SmtpSink, type Stack } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  BookAppointmentDocument,
  type CarebookClient,
  CompleteAppointmentDocument,
  createCarebookClient,
  CreateDoctorDocument,
  CreateMedicalServiceDocument,
  LoginDocument,
  RegisterPatientDocument,
  SetWeeklyAvailabilityDocument,
} from '@carebook/sdk';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const CLINIC_TIME_ZONE = 'Europe/Berlin';
const ROOT = join(__dirname, '../../..');

export interface ClinicDoctor {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

export interface Visit {
  patient: { name: string; email: string; password: string };
  appointmentId: string;
  startsAt: string;
}

export interface Clinic {
  webUrl: string;
  gatewayUrl: string;
  sink: SmtpSink;
  api(token?: string): CarebookClient;
  admin: CarebookClient;
  services: { checkup: { id: string; name: string }; vaccination: { id: string; name: string } };
  doctors: Record<'grey' | 'shah' | 'osei' | 'park' | 'reyes', ClinicDoctor>;
  /**
   * Visits booked at start-up that begin within two minutes, so that their doctors can close them once
   * begun (booking needs a visit not yet begun, closing one needs it begun): booked here, the wait passes
   * while other scenarios run. Dr Osei's is completed (invoice, feedback), Dr Park's charted and completed
   * on the doctor's dashboard, Dr Reyes's marked a no-show. Null in the clinic's last half hour of a day.
   */
  visit: Visit | null;
  visits: Record<'osei' | 'park' | 'reyes', Visit> | null;
  /** Dr Osei completes the appointment, once it has started (waiting till then). */
  complete(appointmentId: string): Promise<void>;
}

/** Starts the web server as `pnpm start` does, against the test stack. */
async function startWeb(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'clients/web/dist/server/main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, WEB_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`web server exited: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) throw new Error(`web server not healthy: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port nothing listens on now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** HH:MM of an instant in the clinic's zone, and its date. */
function clinicWallClock(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: CLINIC_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The clinic the scenarios share: the stack on fresh databases, an SMTP sink,
 * the web server, a catalogue, doctors with hours and a visit about to start.
 */
async function setUpClinic(): Promise<{ clinic: Clinic; stop(): Promise<void> }> {
  const cleanups: Array<() => unknown> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    const webPort = await freePort();
    const webUrl = `http://localhost:${webPort}`;
    const stack: Stack = await startStack(
      ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'billing', 'feedback', 'notification'],
      // APP_URL: the links in the emails point at this app. No minimum notice: the scenarios book visits
      // that start within the minute (to complete them), as the other end-to-end suites do.
      {
        SMTP_URL: sink.url,
        CLINIC_TIME_ZONE,
        APP_URL: webUrl,
        NOTIFICATION_RETRY_DELAY_MS: '200',
        BOOKING_MIN_NOTICE: '0',
      },
      { workers: ['subgraphs/notification/dist/workers/main.js'] },
    );
    cleanups.push(() => stack.stop());
    const web = await startWeb(webPort, {
      GRAPHQL_PUBLIC_URL: stack.gatewayUrl.replace('127.0.0.1', 'localhost'),
      CLINIC_TIME_ZONE,
    });
    cleanups.push(() => web.kill('SIGTERM'));
    const api = (token?: string) => createCarebookClient({ url: stack.gatewayUrl, getToken: () => token });
    const admin = api((await api().request(LoginDocument, BOOTSTRAP_ADMIN)).login.accessToken);
    const service = async (
      name: string,
      category: 'GENERAL_CHECKUP' | 'VACCINATION',
      durationMinutes: number,
      price: string,
    ) =>
      (
        await admin.request(CreateMedicalServiceDocument, {
          input: { name, category, durationMinutes, price, currency: 'EUR' },
        })
      ).createMedicalService;
    const checkup = await service('General check-up', 'GENERAL_CHECKUP', 30, '45.00');
    const vaccination = await service('Flu vaccination', 'VACCINATION', 15, '25.00');
    const doctor = async (
      key: string,
      name: string,
      specialty: string,
      serviceIds: string[],
    ): Promise<ClinicDoctor> => {
      const email = `${key}@clinic.browser.test`;
      const password = 'doctor-password-1';
      const { createDoctor } = await admin.request(CreateDoctorDocument, {
        input: {
          email,
          password,
          name,
          specialty,
          licenseNumber: `LIC-${key}`,
          location: 'Room 2, Harbour Street Clinic',
          bio: `${name} has cared for patients of all ages for over ten years.`,
          serviceIds,
        },
      });
      const token = (await api().request(LoginDocument, { email, password })).login.accessToken;
      return { id: createDoctor.id, name, email, password, token };
    };
    const grey = await doctor('grey', 'Dr Meredith Grey', 'General practice', [checkup.id, vaccination.id]);
    const shah = await doctor('shah', 'Dr Amir Shah', 'Internal medicine', [checkup.id]);
    // No weekly hours: her one-off visit below never meets slots of a rule, whatever the time of day.
    const osei = await doctor('osei', 'Dr Nadia Osei', 'General practice', [checkup.id, vaccination.id]);
    // The doctor's dashboard's own doctors, likewise with one-off hours only: nothing else books them.
    const park = await doctor('park', 'Dr Lena Park', 'General practice', [checkup.id, vaccination.id]);
    const reyes = await doctor('reyes', 'Dr Tomas Reyes', 'General practice', [checkup.id, vaccination.id]);
    // Weekday mornings and afternoons for Dr Grey, mornings for Dr Shah: the calendar has free days for weeks.
    const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
    await admin.request(SetWeeklyAvailabilityDocument, {
      doctorId: grey.id,
      rules: days.flatMap((dayOfWeek) => [
        { dayOfWeek, startTime: '09:00', endTime: '12:00', slotMinutes: 30 },
        { dayOfWeek, startTime: '14:00', endTime: '16:00', slotMinutes: 30 },
      ]),
    });
    await admin.request(SetWeeklyAvailabilityDocument, {
      doctorId: shah.id,
      rules: days.map((dayOfWeek) => ({ dayOfWeek, startTime: '08:00', endTime: '11:00', slotMinutes: 30 })),
    });

    async function bookVisitsSoon(): Promise<Record<'osei' | 'park' | 'reyes', Visit> | null> {
      // The next whole minute at least 40 s away: time to book the three before they start.
      const start = new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
      const from = clinicWallClock(start);
      const to = clinicWallClock(new Date(start.getTime() + 30 * 60_000));
      // A one-off window cannot cross the clinic's midnight: in that half hour of the day there is no visit to complete.
      if (to.date !== from.date) return null;
      const book = async (who: ClinicDoctor, tag: string, reason: string): Promise<Visit> => {
        const { addAvailability } = await admin.request(AddAvailabilityDocument, {
          doctorId: who.id,
          date: from.date,
          startTime: from.time,
          endTime: to.time,
          slotMinutes: 30,
        });
        if (new Date(addAvailability[0].startsAt).getTime() !== start.getTime())
          throw new Error(`the visit's slot starts at ${addAvailability[0].startsAt}, not ${start.toISOString()}`);
        const patient = newPatient(tag);
        const { registerPatient } = await api().request(RegisterPatientDocument, {
          input: { ...patient, dateOfBirth: '1984-05-17', gender: 'FEMALE' },
        });
        const { bookAppointment } = await api(registerPatient.accessToken).request(BookAppointmentDocument, {
          input: { slotId: addAvailability[0].id, serviceId: checkup.id, reason },
        });
        if (bookAppointment.__typename !== 'BookingConfirmed') throw new Error(`the ${tag} visit could not be booked`);
        return {
          patient,
          appointmentId: bookAppointment.appointment.id,
          startsAt: bookAppointment.appointment.startsAt,
        };
      };
      return {
        osei: await book(osei, 'visitor', 'Blood pressure'),
        park: await book(park, 'charted', 'Headaches'),
        reyes: await book(reyes, 'absent', 'Headaches'),
      };
    }
    const visits = await bookVisitsSoon();

    const clinic: Clinic = {
      webUrl,
      gatewayUrl: stack.gatewayUrl,
      sink,
      api,
      admin,
      services: { checkup, vaccination },
      doctors: { grey, shah, osei, park, reyes },
      visit: visits?.osei ?? null,
      visits,
      async complete(appointmentId) {
        const doctorApi = api(osei.token);
        const deadline = Date.now() + 150_000;
        for (;;) {
          if (Date.now() > deadline) throw new Error(`the visit ${appointmentId} could not be completed within 150 s`);
          const result = await doctorApi.execute(CompleteAppointmentDocument, { id: appointmentId });
          if (!result.errors) return;
          if (!/once it has started/.test(result.errors[0].message)) throw new Error(result.errors[0].message);
          await new Promise((r) => setTimeout(r, 2000));
        }
      },
    };
    return { clinic, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export const test = base.extend<{ clinic: Clinic }, { clinicStack: Clinic }>({
  clinicStack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use) => {
      // Start-up and seeding cross every service on a shared, busy machine: one more try before failing, said aloud.
      let started: Awaited<ReturnType<typeof setUpClinic>> | null = null;
      for (let attempt = 1; !started; attempt += 1) {
        try {
          started = await setUpClinic();
        } catch (error) {
          if (attempt === 2) throw error;
          console.warn(`setting up the clinic failed, trying once more: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      await use(started.clinic);
      await started.stop();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  clinic: async ({ clinicStack }, use) => use(clinicStack),
  baseURL: async ({ clinicStack }, use) => use(clinicStack.webUrl),
});

export { expect };

/** An axe scan of the page as it is: no serious or critical violation of WCAG 2.x A/AA (2.2 included). */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${what}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

let counter = 0;
/** A new patient's details, unique in this run. */
export function newPatient(tag: string) {
  counter += 1;
  return {
    name: `${tag[0].toUpperCase()}${tag.slice(1)} Patient ${counter}`,
    email: `${tag}-${counter}-${Date.now()}@patients.browser.test`,
    password: 'patient-password-1',
  };
}

/** Registers through the app's form and lands signed in. */
export async function registerInApp(page: Page, patient: { name: string; email: string; password: string }) {
  await page.goto('/register');
  await page.getByLabel('Full name').fill(patient.name);
  await page.getByLabel('Email').fill(patient.email);
  await page.getByLabel('Password').fill(patient.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My appointments' })).toBeVisible();
}

/** Signs in at the staff door and waits for the landing page's heading (the day board for admins). */
export async function signInAsStaff(page: Page, who: { email: string; password: string }, landing: string) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: landing })).toBeVisible();
}
