import { Role } from '@carebook/platform';
import { errorCode, operationText, postGraphql } from '@carebook/platform/testing';
import type { DocumentNode } from 'graphql';
import { randomUUID } from 'node:crypto';
import { dayAfter, Harness, startHarness, eachStore } from './harness';
import {
  AddAvailabilityDocument,
  ServiceSdlDocument,
  SlotDocument,
  SlotEntitiesDocument,
} from './generated/operations';

/** slot(id), through which the gateway resolves live schedule changes: the slot's doctor or an admin. */
eachStore('slot(id) and the gateway-only subscription (%s)', (_store, databaseUrl) => {
  let h: Harness;
  let admin: string;
  let doctorId: string;
  let slotId: string;

  beforeAll(async () => {
    h = await startHarness(databaseUrl());
    admin = await h.token(Role.ADMIN);
    doctorId = await h.createDoctor();
    const opened = await h.gql(
      AddAvailabilityDocument,
      { doctorId, date: dayAfter(3).date, startTime: '09:00', endTime: '09:30', slotMinutes: 30 },
      admin,
    );
    slotId = opened.data!.addAvailability[0].id;
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('shows a slot to its doctor and to admins', async () => {
    for (const token of [admin, await h.token(Role.DOCTOR, doctorId)]) {
      const response = await h.gql(SlotDocument, { id: slotId }, token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.slot).toMatchObject({ id: slotId, status: 'FREE', doctor: { id: doctorId } });
    }
  });

  it.each([
    ['another doctor', Role.DOCTOR, 'FORBIDDEN'],
    ['a patient', Role.PATIENT, 'FORBIDDEN'],
    ['nobody signed in', null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s (%s)', async (_who, role, code) => {
    const response = await h.gql(SlotDocument, { id: slotId }, role ? await h.token(role) : undefined);
    expect(errorCode(response)).toBe(code);
    expect(response.data?.slot ?? null).toBeNull();
  });

  it('answers NOT_FOUND for an unknown slot', async () => {
    expect(errorCode(await h.gql(SlotDocument, { id: randomUUID() }, admin))).toBe('NOT_FOUND');
  });

  it('resolves a free Slot reference for anyone, any other only for a signed-in user and, of doctors, its own', async () => {
    const [free, booked] = (
      await h.gql(
        AddAvailabilityDocument,
        { doctorId, date: dayAfter(4).date, startTime: '09:00', endTime: '10:00', slotMinutes: 30 },
        admin,
      )
    ).data!.addAvailability;
    await h.asAppointment.call('scheduling', 'book-slot', { slotId: booked.id, appointmentId: randomUUID() });
    const r = [free, booked].map(({ id }) => ({ __typename: 'Slot', id }));
    const seen = async (token?: string) => {
      const response = await h.gql(SlotEntitiesDocument, { r }, token);
      return {
        statuses: response.data!._entities.map((slot) => slot?.status ?? null),
        codes: (response.errors ?? []).map((e) => e.extensions?.code),
      };
    };
    expect(await seen()).toEqual({ statuses: ['FREE', null], codes: ['UNAUTHENTICATED'] });
    expect(await seen(await h.token(Role.DOCTOR))).toEqual({ statuses: ['FREE', null], codes: ['FORBIDDEN'] });
    for (const token of [admin, await h.token(Role.DOCTOR, doctorId), await h.token(Role.PATIENT)]) {
      expect(await seen(token)).toEqual({ statuses: ['FREE', 'BOOKED'], codes: [] });
    }
  });

  it("refuses _entities, _service and slot(id) sent straight to the scheduling port without the gateway's caller token", async () => {
    const refused: Array<[DocumentNode, Record<string, unknown>]> = [
      [SlotEntitiesDocument, { r: [{ __typename: 'Slot', id: slotId }] }],
      [ServiceSdlDocument, {}],
      [SlotDocument, { id: slotId }],
    ];
    for (const [document, variables] of refused) {
      // The text names the operation when one is let through.
      const query = operationText(document);
      const raw = await postGraphql<unknown>(h.scheduling.url, document, variables, admin);
      expect({ query, status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({
        query,
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
  });

  it('declares scheduleChanged for the supergraph but leaves serving it to the gateway', async () => {
    const sdl = await h.gql(ServiceSdlDocument);
    expect(sdl.data!._service.sdl).toMatch(
      /type Subscription \{[^}]*scheduleChanged\(doctorId: ID\): ScheduleChange!/s,
    );
  });
});
