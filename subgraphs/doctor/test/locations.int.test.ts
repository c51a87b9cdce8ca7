import { Role } from '@carebook/platform';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  dropDatabase,
  freshDatabaseUrl,
  postAsGateway,
  serviceClientAs,
  startTestIssuer,
  TestIssuer,
} from '@carebook/platform/testing';
import { startDoctor } from '../src/app';
import { loadDoctorConfig } from '../src/config';
import {
  CreateLocationDocument,
  LocationEntitiesDocument,
  LocationsDocument,
  UpdateLocationDocument,
} from './generated/operations';

describe('clinic locations in the doctor subgraph (MariaDB)', () => {
  const databaseUrl = freshDatabaseUrl('doctor');
  let issuer: TestIssuer;
  let running: Awaited<ReturnType<typeof startDoctor>> | undefined;
  let admin: string;
  const start = async (zone: string) => {
    running = await startDoctor(
      loadDoctorConfig({
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DOCTOR_PORT: '0',
        DOCTOR_DB_URL: databaseUrl,
        AUTH_JWKS_URL: issuer.jwksUrl,
        CLINIC_TIME_ZONE: zone,
        ADMIN_URL: 'http://127.0.0.1:9',
      }),
    );
    return running;
  };
  const gql = <T, V>(operation: TypedDocumentNode<T, V>, variables?: NoInfer<V>, token?: string) =>
    postAsGateway('doctor', running!.url, operation, variables, token);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    admin = await issuer.mint({ role: Role.ADMIN });
  });

  afterAll(async () => {
    await running?.stop();
    await issuer?.stop();
    await dropDatabase(databaseUrl);
  });

  it('writes the default location at first start in CLINIC_TIME_ZONE, and keeps it in the setting after a restart', async () => {
    await start('Europe/Berlin');
    expect((await gql(LocationsDocument)).data!.locations).toEqual([
      { id: 'default', name: 'Main location', address: '', timeZone: 'Europe/Berlin', active: true, isDefault: true },
    ]);
    await running!.stop();
    await start('Europe/Vienna');
    expect((await gql(LocationsDocument)).data!.locations).toEqual([
      expect.objectContaining({ id: 'default', timeZone: 'Europe/Vienna' }),
    ]);
  });

  it('lets admins create and update locations; refuses bad zones, duplicate names, zone changes and deactivating the default', async () => {
    const input = { name: 'Carebook Manhattan', address: '350 5th Ave, New York', timeZone: 'America/New_York' };
    const patient = await issuer.mint({ role: Role.PATIENT });
    expect((await gql(CreateLocationDocument, { input }, patient)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(CreateLocationDocument, { input: { ...input, timeZone: 'Manhattan' } }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    expect(bad.errors?.[0].message).toBe(
      'timeZone must be an IANA time zone name such as Europe/Berlin or America/New_York; "Manhattan" is not one.',
    );
    expect(
      (await gql(CreateLocationDocument, { input: { ...input, address: 'x' } }, admin)).errors?.[0].extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'address',
    });

    const created = (await gql(CreateLocationDocument, { input }, admin)).data!.createLocation;
    expect(created).toMatchObject({ ...input, active: true, isDefault: false });
    expect((await gql(CreateLocationDocument, { input }, admin)).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });

    const zone = await gql(UpdateLocationDocument, { id: created.id, input: { timeZone: 'America/Chicago' } }, admin);
    expect(zone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    expect(zone.errors?.[0].message).toContain('create a new location in America/Chicago');
    const defaultOff = await gql(UpdateLocationDocument, { id: 'default', input: { active: false } }, admin);
    expect(defaultOff.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'active' });
    expect(
      (await gql(UpdateLocationDocument, { id: 'nowhere', input: { name: 'Somewhere' } }, admin)).errors?.[0].extensions
        ?.code,
    ).toBe('NOT_FOUND');

    // Same zone again is no change; deactivating hides it from the public list, not from staff or references.
    const off = (
      await gql(
        UpdateLocationDocument,
        { id: created.id, input: { timeZone: 'America/New_York', active: false } },
        admin,
      )
    ).data!.updateLocation;
    expect(off).toMatchObject({ active: false, timeZone: 'America/New_York' });
    expect((await gql(LocationsDocument)).data!.locations.map((l: { id: string }) => l.id)).toEqual(['default']);
    expect((await gql(LocationsDocument, { all: true })).data!.locations.map((l: { id: string }) => l.id)).toEqual([
      'default',
      created.id,
    ]);
    const entities = await gql(LocationEntitiesDocument, { r: [{ __typename: 'Location', id: created.id }] });
    expect(entities.data!._entities).toEqual([{ id: created.id, name: input.name, timeZone: 'America/New_York' }]);

    // What scheduling, appointment and notification read: every location, with the default flagged.
    const asScheduling = serviceClientAs('scheduling', { DOCTOR_URL: running!.url });
    const { locations } = await asScheduling.call<{
      locations: Array<{ id: string; isDefault: boolean; active: boolean }>;
    }>('doctor', 'locations', {});
    expect(locations.map((l) => [l.id, l.isDefault, l.active])).toEqual([
      ['default', true, true],
      [created.id, false, false],
    ]);
  });
});
