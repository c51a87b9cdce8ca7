import { BOOTSTRAP_ADMIN, spawnService, Stack, startStack, untilSubscribed } from '@carebook/platform/testing';
import WebSocket from 'ws';
import {
  AddAvailabilityDocument,
  BookAppointmentDocument,
  CarebookClient,
  CarebookResult,
  createCarebookClient,
  CreateDoctorDocument,
  CreateMedicalServiceDocument,
  LoginDocument,
  MyProfileDocument,
  RefreshSessionDocument,
  RegisterPatientDocument,
  ScheduleChangedDocument,
  ScheduleChangedSubscription,
} from '@carebook/sdk';

/**
 * The SDK's client against the real gateway: typed documents, the token read
 * per request, one refresh on UNAUTHENTICATED (access tokens live 5 s here),
 * and subscriptions that survive a token expiry and a gateway restart.
 */
describe('the SDK client against the gateway', () => {
  let stack: Stack;
  let anonymous: CarebookClient;
  const clients: CarebookClient[] = [];
  let serviceId = '';
  let slots: string[] = [];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** A signed-in client as an app keeps it: tokens in memory, RefreshSession when the API says UNAUTHENTICATED. */
  function sessionClient(
    pair: { accessToken: string; refreshToken: string },
    extra: { onReconnect?: () => void } = {},
  ) {
    const session = { ...pair, refreshes: 0 };
    const client = createCarebookClient({
      url: stack.gatewayUrl,
      webSocketImpl: WebSocket,
      getToken: () => session.accessToken,
      refreshToken: async () => {
        session.refreshes += 1;
        const renewed = await client.request(
          RefreshSessionDocument,
          { refreshToken: session.refreshToken },
          { token: null },
        );
        Object.assign(session, {
          accessToken: renewed.refreshSession.accessToken,
          refreshToken: renewed.refreshSession.refreshToken,
        });
        return session.accessToken;
      },
      reconnect: { baseDelayMs: 200, maxDelayMs: 2000 },
      ...extra,
    });
    clients.push(client);
    return { client, session };
  }

  async function register(tag: string) {
    const { registerPatient } = await anonymous.request(RegisterPatientDocument, {
      input: { email: `${tag}@sdk.e2e.test`, password: 'patient-password-1', name: `Patient ${tag}` },
    });
    return registerPatient;
  }

  beforeAll(async () => {
    stack = await startStack(['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment'], {
      ACCESS_TOKEN_TTL_SECONDS: '5',
    });
    anonymous = createCarebookClient({ url: stack.gatewayUrl });
    const { client: admin } = sessionClient((await anonymous.request(LoginDocument, BOOTSTRAP_ADMIN)).login);
    serviceId = (
      await admin.request(CreateMedicalServiceDocument, {
        input: {
          name: 'Consultation',
          category: 'GENERAL_CHECKUP',
          durationMinutes: 30,
          price: '40.00',
          currency: 'EUR',
        },
      })
    ).createMedicalService.id;
    const doctor = await admin.request(CreateDoctorDocument, {
      input: {
        email: 'dr@sdk.e2e.test',
        password: 'doctor-password-1',
        name: 'Dr SDK',
        specialty: 'General practice',
        licenseNumber: 'SDK-1',
        serviceIds: [serviceId],
      },
    });
    const opened = await admin.request(AddAvailabilityDocument, {
      doctorId: doctor.createDoctor.id,
      date: day(3),
      startTime: '09:00',
      endTime: '12:00',
      slotMinutes: 30,
    });
    slots = opened.addAvailability.map((slot) => slot.id);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stack?.stop();
  });

  it('sends typed operations and reads the token afresh for every request', async () => {
    const [a, b] = [await register('reader-a'), await register('reader-b')];
    let token = a.accessToken;
    const client = createCarebookClient({ url: stack.gatewayUrl, getToken: () => token });
    expect((await client.request(MyProfileDocument)).myProfile.email).toBe('reader-a@sdk.e2e.test');
    token = b.accessToken;
    expect((await client.request(MyProfileDocument)).myProfile.email).toBe('reader-b@sdk.e2e.test');
  });

  it('renews an expired access token once for concurrent requests, and retries them', async () => {
    const { client, session } = sessionClient(await register('expiring'));
    const expired = session.accessToken;
    await sleep(6000);
    const results = await Promise.all(Array.from({ length: 5 }, () => client.execute(MyProfileDocument)));
    expect(results.map((r) => [r.errors, r.data?.myProfile.email])).toEqual(
      Array(5).fill([undefined, 'expiring@sdk.e2e.test']),
    );
    expect(session.refreshes).toBe(1);
    expect(session.accessToken).not.toBe(expired);
  });

  it('tries once: a refresh that does not help leaves the UNAUTHENTICATED answer', async () => {
    let refreshes = 0;
    const client = createCarebookClient({
      url: stack.gatewayUrl,
      getToken: () => 'not-a-token',
      refreshToken: async () => {
        refreshes += 1;
        return 'still-not-a-token';
      },
    });
    const result = await client.execute(MyProfileDocument);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.status).toBe(401);
    expect(refreshes).toBe(1);
  });

  it('keeps a subscription through a token expiry and a gateway restart, and says when it reconnected', async () => {
    let reconnects = 0;
    const { client, session } = sessionClient((await anonymous.request(LoginDocument, BOOTSTRAP_ADMIN)).login, {
      onReconnect: () => void (reconnects += 1),
    });
    const patient = sessionClient(await register('booker')).client;
    const received: Array<CarebookResult<ScheduleChangedSubscription>> = [];
    const stop = client.subscribe(ScheduleChangedDocument, {}, { next: (result) => received.push(result) });
    let nextSlot = 0;
    // Tokens live 5 s here, so the subscription is renewed every few seconds; a change published while it is
    // being renewed is not replayed (onReconnect tells an app to refetch), so such a miss books the next slot.
    const bookedOnce = async () => {
      for (let attempt = 1; ; attempt++) {
        const slotId = slots[nextSlot++];
        const reconnectsBefore = reconnects;
        const { bookAppointment } = await patient.request(BookAppointmentDocument, { input: { slotId, serviceId } });
        expect(bookAppointment.__typename).toBe('BookingConfirmed');
        try {
          await until(
            () =>
              received.some(
                (r) => r.data?.scheduleChanged.kind === 'SLOT_BOOKED' && r.data.scheduleChanged.slot?.id === slotId,
              ),
            `SLOT_BOOKED for ${slotId}`,
          );
          return;
        } catch (error) {
          if (attempt === 2 || reconnects === reconnectsBefore) throw error;
        }
      }
    };
    await untilSubscriptions(1);
    await bookedOnce();

    // The admin's token expires (5 s): the gateway ends the subscription with UNAUTHENTICATED; the client renews and resubscribes.
    await until(
      () => session.refreshes >= 1 && reconnects >= 1,
      `a renewal after the token expired (received ${JSON.stringify(received)})`,
      20_000,
    );
    await untilSubscriptions(1);
    await bookedOnce();

    // The gateway restarts: the client reconnects with backoff, resubscribes and calls onReconnect.
    const gateway = stack.services.get('gateway')!;
    const port = Number(new URL(gateway.url).port);
    const before = reconnects;
    await gateway.stop();
    stack.services.set('gateway', await spawnService('gateway', port, stack.env));
    await until(() => reconnects > before, 'onReconnect after the restart', 30_000);
    await untilSubscriptions(1);
    await bookedOnce();
    expect(received.filter((r) => r.errors)).toEqual([]);
    stop();
  }, 120_000);

  async function until(check: () => boolean, what: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
      await sleep(50);
    }
  }

  /** The test kit's wait for the gateway's count of live subscriptions (its /health), 15 s at most. */
  function untilSubscriptions(count: number) {
    return untilSubscribed(stack.gatewayUrl, count, 15_000);
  }
});
