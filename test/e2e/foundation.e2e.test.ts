import { BOOTSTRAP_ADMIN, errorCode, postGraphql, Stack, startStack } from '@carebook/platform/testing';
import {
  AdminActionLogDocument,
  CreateDoctorDocument,
  CreateMedicalServiceDocument,
  DeactivateUserDocument,
  LoginDocument,
  MedicalServicesDocument,
  MeDocument,
  MyProfileDocument,
  RefreshSessionDocument,
  RegisterPatientDocument,
  SetUserRoleDocument,
  UpdateMyProfileDocument,
  UsersDocument,
} from '@carebook/sdk';
import { generateKeyPair, importJWK, JWK, SignJWT, UnsecuredJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { Clinic } from './lib/clinic';
import { ContractCall, outOfContract } from './lib/contract-call';

/** Drives the foundation through the gateway with the contract's documents, as a front end would. */
describe('foundation end to end through the gateway', () => {
  let stack: Stack;
  let clinic: Clinic;
  let gql: ContractCall;
  let adminToken: string;

  beforeAll(async () => {
    stack = await startStack(['auth', 'patient', 'doctor', 'admin']);
    clinic = await Clinic.open(stack);
    ({ gql, admin: adminToken } = clinic);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const patientInput = (email: string) => ({
    email,
    password: 'patient-password-1',
    name: 'Ada Lovelace',
    phone: '+44 20 7946 0000',
    dateOfBirth: '1985-12-10',
    gender: 'FEMALE' as const,
  });

  it('registers a patient, signs in, and answers Me and MyProfile for the returned token', async () => {
    const registered = await gql(RegisterPatientDocument, { input: patientInput('ada@e2e.carebook.test') });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.registerPatient.user).toMatchObject({ email: 'ada@e2e.carebook.test', role: 'PATIENT' });
    const token = registered.data.registerPatient.accessToken;

    const me = await gql(MeDocument, {}, token);
    expect(me.data.me).toMatchObject({ id: registered.data.registerPatient.user.id, role: 'PATIENT' });
    const profile = await gql(MyProfileDocument, {}, token);
    expect(profile.errors).toBeUndefined();
    expect(profile.data.myProfile).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@e2e.carebook.test',
      phone: '+44 20 7946 0000',
      dateOfBirth: '1985-12-10',
      gender: 'FEMALE',
    });

    const login = await gql(LoginDocument, { email: 'ada@e2e.carebook.test', password: 'patient-password-1' });
    expect(login.data.login.user.id).toBe(registered.data.registerPatient.user.id);

    const updated = await gql(
      UpdateMyProfileDocument,
      { input: { medicalHistory: 'Penicillin allergy', notificationChannels: ['EMAIL', 'SMS'] } },
      login.data.login.accessToken,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateMyProfile).toMatchObject({
      medicalHistory: 'Penicillin allergy',
      notificationChannels: ['EMAIL', 'SMS'],
    });
  });

  it('rotates the refresh token: the same token twice is refused the second time', async () => {
    const login = await gql(LoginDocument, { email: 'ada@e2e.carebook.test', password: 'patient-password-1' });
    const { refreshToken } = login.data.login;
    const first = await gql(RefreshSessionDocument, { refreshToken });
    expect(first.errors).toBeUndefined();
    expect(first.data.refreshSession.refreshToken).not.toBe(refreshToken);
    const second = await gql(RefreshSessionDocument, { refreshToken });
    expect(errorCode(second)).toBe('UNAUTHENTICATED');
  });

  it('refuses bad registrations with a clear code and writes nothing', async () => {
    const duplicate = await gql(RegisterPatientDocument, { input: patientInput('ada@e2e.carebook.test') });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    for (const input of [
      { ...patientInput('bob@e2e.carebook.test'), email: 'bob-at-example' },
      { ...patientInput('bob@e2e.carebook.test'), password: 'short' },
      { ...patientInput('bob@e2e.carebook.test'), gender: outOfContract('UNKNOWN') },
    ]) {
      const response = await gql(RegisterPatientDocument, { input });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message.length).toBeGreaterThan(10);
    }
    const users = await gql(UsersDocument, { search: 'bob' }, adminToken);
    expect(users.data.users.edges).toEqual([]);
  });

  it('lets an admin create a medical service and a doctor, who then appears in the catalogue and can sign in', async () => {
    const service = await gql(
      CreateMedicalServiceDocument,
      {
        input: {
          name: 'General check-up',
          category: 'GENERAL_CHECKUP',
          durationMinutes: 30,
          price: '35.00',
          currency: 'EUR',
        },
      },
      adminToken,
    );
    expect(service.errors).toBeUndefined();
    expect(service.data.createMedicalService).toMatchObject({
      name: 'General check-up',
      price: '35.00',
      currency: 'EUR',
      durationMinutes: 30,
    });
    const serviceId = service.data.createMedicalService.id;

    const doctor = await gql(
      CreateDoctorDocument,
      {
        input: {
          email: 'grey@e2e.carebook.test',
          password: 'doctor-password-1',
          name: 'Dr Meredith Grey',
          specialty: 'General practice',
          licenseNumber: 'GP-1001',
          serviceIds: [serviceId],
        },
      },
      adminToken,
    );
    expect(doctor.errors).toBeUndefined();
    expect(doctor.data.createDoctor).toMatchObject({
      name: 'Dr Meredith Grey',
      specialty: 'General practice',
      services: [{ id: serviceId }],
    });

    const services = await gql(MedicalServicesDocument, { category: 'GENERAL_CHECKUP' });
    expect(services.data.medicalServices.map((s: { id: string }) => s.id)).toContain(serviceId);
    // Doctors' contract selection also asks for rating/reviewCount (feedback issue); the catalogue part is checked here.
    const doctors = await clinic.raw<{ doctors: unknown[] }>(
      'query($serviceId: ID) { doctors(serviceId: $serviceId) { id name specialty services { id name } } }',
      { serviceId },
    );
    expect(doctors.data.doctors).toEqual([
      {
        id: doctor.data.createDoctor.id,
        name: 'Dr Meredith Grey',
        specialty: 'General practice',
        services: [{ id: serviceId, name: 'General check-up' }],
      },
    ]);

    const login = await gql(LoginDocument, { email: 'grey@e2e.carebook.test', password: 'doctor-password-1' });
    expect(login.data.login.user.role).toBe('DOCTOR');
  });

  it('lists users, deactivates one (who can then no longer sign in), and logs every admin action', async () => {
    const users = await gql(UsersDocument, { role: 'PATIENT', first: 10 }, adminToken);
    const ada = users.data.users.edges.find((e) => e.node.email === 'ada@e2e.carebook.test')!.node;
    expect(ada).toMatchObject({ role: 'PATIENT', active: true });
    const before = await gql(LoginDocument, { email: 'ada@e2e.carebook.test', password: 'patient-password-1' });

    const deactivated = await gql(DeactivateUserDocument, { userId: ada.id, reason: 'Moved abroad' }, adminToken);
    expect(deactivated.errors).toBeUndefined();
    expect(deactivated.data.deactivateUser).toEqual({ id: ada.id, active: false });
    const login = await gql(LoginDocument, { email: 'ada@e2e.carebook.test', password: 'patient-password-1' });
    expect(errorCode(login)).toBe('UNAUTHENTICATED');
    // Her sessions end too: the refresh token she held is refused.
    expect(errorCode(await gql(RefreshSessionDocument, { refreshToken: before.data.login.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );

    const log = await gql(AdminActionLogDocument, { first: 10 }, adminToken);
    expect(log.errors).toBeUndefined();
    const actions = log.data.adminActionLog.edges.map((e) => e.node);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['CREATE_MEDICAL_SERVICE', 'CREATE_DOCTOR', 'DEACTIVATE_USER']),
    );
    const deactivation = actions.find((a) => a.action === 'DEACTIVATE_USER');
    expect(deactivation).toMatchObject({ targetId: ada.id, admin: { email: BOOTSTRAP_ADMIN.email } });
  });

  it("lets an admin change a user's role, which the next sign-in carries, and logs it; nobody else may", async () => {
    const registered = await gql(RegisterPatientDocument, { input: patientInput('grace@e2e.carebook.test') });
    const grace = registered.data.registerPatient;
    expect(errorCode(await gql(SetUserRoleDocument, { userId: grace.user.id, role: 'ADMIN' }, grace.accessToken))).toBe(
      'FORBIDDEN',
    );
    const changed = await gql(SetUserRoleDocument, { userId: grace.user.id, role: 'ADMIN' }, adminToken);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.setUserRole).toEqual({ id: grace.user.id, role: 'ADMIN' });
    expect(
      errorCode(
        await gql(SetUserRoleDocument, { userId: '00000000-0000-4000-8000-000000000000', role: 'DOCTOR' }, adminToken),
      ),
    ).toBe('NOT_FOUND');
    const again = await gql(LoginDocument, { email: 'grace@e2e.carebook.test', password: 'patient-password-1' });
    expect(again.data.login.user.role).toBe('ADMIN');
    expect(
      (await gql(UsersDocument, { role: 'ADMIN' }, again.data.login.accessToken)).data.users.edges.map(
        (e) => e.node.id,
      ),
    ).toContain(grace.user.id);
    const log = await gql(AdminActionLogDocument, { first: 20 }, adminToken);
    expect(log.data.adminActionLog.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'SET_USER_ROLE', targetId: grace.user.id }),
    );
  });

  it('answers UNAUTHENTICATED for a missing, expired, foreign-signed or unsigned token', async () => {
    expect(errorCode(await gql(MyProfileDocument))).toBe('UNAUTHENTICATED');
    const jwk = JSON.parse(readFileSync(stack.env.AUTH_KEY_FILE!, 'utf8')) as JWK;
    const realKey = await importJWK(jwk, 'ES256');
    const expired = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer('carebook-auth')
      .setAudience('carebook')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(realKey);
    const foreign = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer('carebook-auth')
      .setAudience('carebook')
      .setExpirationTime('10m')
      .sign((await generateKeyPair('ES256')).privateKey);
    const unsigned = new UnsecuredJWT({ role: 'ADMIN' })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer('carebook-auth')
      .setAudience('carebook')
      .setExpirationTime('10m')
      .encode();
    for (const token of [expired, foreign, unsigned]) {
      const response = await gql(UsersDocument, {}, token);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers FORBIDDEN to a patient reading another patient or calling an admin operation', async () => {
    const eve = await gql(RegisterPatientDocument, { input: patientInput('eve@e2e.carebook.test') });
    const mallory = await gql(RegisterPatientDocument, { input: patientInput('mallory@e2e.carebook.test') });
    const token = mallory.data.registerPatient.accessToken;
    const other = await postGraphql(
      stack.gatewayUrl,
      'query($id: ID!) { patient(id: $id) { id name medicalHistory } }',
      { id: eve.data.registerPatient.user.id },
      token,
    );
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(errorCode(await gql(UsersDocument, {}, token))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(
          CreateMedicalServiceDocument,
          { input: { name: 'X-ray', category: 'LAB_TEST', durationMinutes: 15, price: '10.00', currency: 'EUR' } },
          token,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('limits query depth and aliases with a clear error', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const response = await postGraphql(stack.gatewayUrl, `{ ${aliases} }`, {}, adminToken);
    expect(response.errors![0].message).toMatch(/Aliases limit of 15 exceeded/);
  });
});
