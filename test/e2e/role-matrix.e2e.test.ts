import { contract, operation } from '@carebook/clients';
import {
  arrayContaining,
  GraphqlResponse,
  liveClient,
  SmtpSink,
  Stack,
  startSmtpSink,
  startStack,
} from '@carebook/platform/testing';
import { Kind, OperationDefinitionNode } from 'graphql';
import { CELLS } from './access/access-cases';
import { Access, ACCESS_TABLE, CALLERS } from './access/access-table';
import { ClinicFixture } from './access/clinic-fixture';
import { carriesChange, scheduleChange } from './lib/schedule-change';

const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];
const operations = contract.definitions.filter(
  (d: { kind: string }): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);

/**
 * The role matrix: every operation of the client contract, run through the
 * gateway as anonymous, the patient, another patient, the doctor, another
 * doctor, an admin and the front desk (STAFF), against the table in access/access-table.ts. A cell
 * fails on any leak: data answered where it must be refused (or personal
 * data of the target anywhere in a refusal), a refused call that changed
 * something, or a refusal where the call must work.
 */
describe('role matrix: every contract operation as every kind of caller', () => {
  let stack: Stack;
  let mail: SmtpSink;
  let clinic: ClinicFixture;

  beforeAll(async () => {
    mail = await startSmtpSink();
    // Every cell that books gets its own appointment of the patient, and every reset cell its own email:
    // lift the per-patient and per-address limits for this clinic (one address sends everything).
    stack = await startStack(
      ['auth', 'patient', 'doctor', 'admin', 'scheduling', 'appointment', 'billing', 'feedback', 'notification'],
      {
        MAX_ACTIVE_APPOINTMENTS_PER_PATIENT: '1000',
        PASSWORD_RESETS_PER_IP_PER_HOUR: '1000',
        SMTP_URL: mail.url,
      },
    );
    clinic = new ClinicFixture(stack, mail);
    await clinic.build();
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await mail?.stop();
  });

  it('has a rule and a cell for every contract operation, and none for operations that are gone', () => {
    const names = operations.map((op) => op.name!.value).sort();
    expect(Object.keys(ACCESS_TABLE).sort()).toEqual(names);
    expect([...Object.keys(CELLS), 'ScheduleChanged'].sort()).toEqual(names);
  });

  const queriesAndMutations = operations.filter((op) => op.operation !== 'subscription' && CELLS[op.name!.value]);
  const cells = queriesAndMutations.flatMap((op) =>
    CALLERS.map((caller) => [op.name!.value, caller, ACCESS_TABLE[op.name!.value]?.who[caller]] as const),
  );

  it.each(cells)('%s as %s: %s', async (name, caller, access) => {
    const cell = await CELLS[name](clinic, caller);
    const before = access === 'DENY' && cell.state ? await cell.state() : undefined;
    const response = await clinic.call(name, cell.variables, cell.token ?? clinic.tokenOf(caller));
    expectAccess(response, access, cell.secrets ?? []);
    if (access === 'DENY' && cell.state) expect(await cell.state()).toEqual(before);
  });

  it.each(CALLERS.map((caller) => [caller, ACCESS_TABLE.ScheduleChanged.who[caller]] as const))(
    'ScheduleChanged as %s: %s',
    async (caller, access) => {
      const live = liveClient(stack.gatewayUrl, clinic.tokenOf(caller));
      try {
        const subscription = live.subscribe(operation('ScheduleChanged'), { doctorId: clinic.doctor.id });
        if (access === 'ALLOW') {
          // A change to the doctor's schedule made elsewhere must reach the subscriber.
          const opened = await waitForDelivery(subscription, () => clinic.openDay(clinic.doctor));
          expect(opened.errors).toBeUndefined();
          expect(scheduleChange(opened).slot!.doctor.id).toBe(clinic.doctor.id);
        } else {
          // The refusal is the positive signal; after it, a change must still deliver nothing.
          const { error } = await subscription.ended;
          const refusals = [
            ...subscription.results.flatMap((r) => r.errors ?? []).map((e) => String(e.extensions?.code)),
            ...live.closes.map((c) => String(c.code)),
          ];
          expect({ error, refusals }).toMatchObject({
            refusals: arrayContaining([expect.stringMatching(/^(FORBIDDEN|UNAUTHENTICATED|4403)$/)]),
          });
          await clinic.openDay(clinic.doctor);
          expect(subscription.results.filter(carriesChange)).toEqual([]);
          expect(JSON.stringify(subscription.results)).not.toContain(clinic.secrets.patientName);
        }
      } finally {
        void live.dispose();
      }
    },
  );
});

/** Repeats the change until the subscription (which may still be starting) delivers it. */
async function waitForDelivery(
  subscription: ReturnType<ReturnType<typeof liveClient>['subscribe']>,
  change: () => Promise<void>,
) {
  for (let attempt = 0; ; attempt += 1) {
    await change();
    try {
      return await subscription.next((r) => carriesChange(r) || Boolean(r.errors), 3000);
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

function expectAccess(response: GraphqlResponse<unknown>, access: Access, secrets: string[]): void {
  const body = JSON.stringify(response);
  if (access === 'DENY') {
    const codes = (response.errors ?? []).map((e) => e.extensions?.code);
    expect({
      refused: codes.length > 0 && codes.every((code) => REFUSALS.includes(String(code))),
      codes,
      data: response.data,
    }).toMatchObject({ refused: true });
  } else {
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data ?? {}).every((value) => value !== null && value !== undefined)).toBe(true);
  }
  if (access !== 'ALLOW') for (const secret of secrets) expect(body).not.toContain(secret);
}
