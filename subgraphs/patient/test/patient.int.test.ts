import {
  createFieldSealer,
  createLogger,
  openOrm,
  parseKeyRing,
  RequestContext,
  Role,
  rotateSealedFields,
  RunningService,
  ServiceClient,
} from '@carebook/platform';
import {
  dropDatabase,
  errorCode,
  freshDatabaseUrl,
  operationText,
  postAsGateway,
  postGraphql,
  serviceClientAs,
  startTestIssuer,
  TestIssuer,
  wrongVariables,
} from '@carebook/platform/testing';
import type { DocumentNode } from 'graphql';
import { createConnection } from 'mysql2/promise';
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { startPatient } from '../src/app';
import { loadPatientConfig, PatientConfig } from '../src/config';
import { entities, MedicalRecord, Patient } from '../src/entities';
import { migrations } from '../src/migrations';
import { SEALED_ENTITIES } from '../src/domain/sealed-columns';
import { patientReference } from '../src/references/patient.reference';
import {
  AddRecordDocument,
  ChartDocument,
  FindPatientsDocument,
  FindPatientsWithHistoryDocument,
  FindPatientsWithRecordsDocument,
  MyProfileDocument,
  MyRecordsDocument,
  PatientChartEntitiesDocument,
  PatientEntitiesDocument,
  ServiceSdlDocument,
  UpdateProfileDocument,
  UpdatePatientInput,
  UpdateRecordDocument,
} from './generated/operations';

// The contract's PatientChart without `appointments`, which the appointment subgraph adds.

const dataKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const OLD_KEY = dataKey('k1');
const NEW_KEY = dataKey('k2');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A value as the first format (v1) sealed it: bound to its key id only, not to its row. */
function sealV1(keySpec: string, plain: string): string {
  const [keyId, key] = keySpec.split(':');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    keyId,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

describe('patient subgraph against MariaDB', () => {
  const databaseUrl = freshDatabaseUrl('patient');
  let issuer: TestIssuer;
  let config: PatientConfig;
  let service: RunningService;
  let url: string;
  /** The internal routes' real callers: auth provisions and discards profiles, appointment grants care. */
  let asAuth: ServiceClient;
  let asAppointment: ServiceClient;

  const configWithKeys = (keys: string) =>
    loadPatientConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PATIENT_PORT: '0',
      PATIENT_DB_URL: databaseUrl,
      AUTH_JWKS_URL: issuer.jwksUrl,
      DATA_ENCRYPTION_KEYS: keys,
      DATA_ENCRYPTION_KEY_ID: undefined,
    });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    config = configWithKeys(OLD_KEY);
    service = await startPatient(config);
    url = service.url;
    asAuth = serviceClientAs('auth', { PATIENT_URL: url });
    asAppointment = serviceClientAs('appointment', { PATIENT_URL: url });
  });

  afterAll(async () => {
    await service?.stop();
    await issuer?.stop();
    await dropDatabase(databaseUrl);
  });

  async function provision(overrides: Record<string, unknown> = {}) {
    const profile = {
      id: randomUUID(),
      email: `patient-${randomUUID().slice(0, 8)}@carebook.test`,
      name: 'Pat Doe',
      phone: '+49 30 5550101',
      dateOfBirth: '1984-03-07',
      gender: 'FEMALE',
      ...overrides,
    };
    expect(await asAuth.call('patient', 'provision-patient', profile)).toEqual({ id: profile.id });
    return { ...profile, token: await issuer.mint({ role: Role.PATIENT, sub: profile.id }) };
  }

  async function doctorCaringFor(patientId: string) {
    const id = randomUUID();
    expect(await asAppointment.call('patient', 'grant-care', { doctorId: id, patientId })).toEqual({
      doctorId: id,
      patientId,
    });
    return { id, token: await issuer.mint({ role: Role.DOCTOR, sub: id }) };
  }

  async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const connection = await createConnection({ uri: databaseUrl });
    try {
      const [result] = await connection.query(sql, params);
      return result as T[];
    } finally {
      await connection.end();
    }
  }

  const patientRow = async (id: string) => (await rows('select * from patients where id = ?', [id]))[0];

  describe('profiles', () => {
    it('provisions a profile that myProfile then shows to that patient', async () => {
      const patient = await provision();
      const response = await postAsGateway('patient', url, MyProfileDocument, {}, patient.token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.myProfile).toEqual({
        id: patient.id,
        name: 'Pat Doe',
        email: patient.email,
        phone: '+49 30 5550101',
        dateOfBirth: '1984-03-07',
        gender: 'FEMALE',
        medicalHistory: null,
        notificationChannels: ['EMAIL'],
      });
    });

    it('answers NOT_FOUND to a patient without a profile', async () => {
      const response = await postAsGateway(
        'patient',
        url,
        MyProfileDocument,
        {},
        await issuer.mint({ role: Role.PATIENT, sub: randomUUID() }),
      );
      expect(errorCode(response)).toBe('NOT_FOUND');
    });

    it('updates the profile: absent fields stay, null removes, and unchanged sealed values are not rewritten', async () => {
      const patient = await provision();
      const sealedBefore = await patientRow(patient.id);
      const renamed = await postAsGateway(
        'patient',
        url,
        UpdateProfileDocument,
        { input: { name: '  Pat Smith ' } },
        patient.token,
      );
      expect(renamed.errors).toBeUndefined();
      expect(renamed.data!.updateMyProfile).toMatchObject({
        name: 'Pat Smith',
        phone: '+49 30 5550101',
        dateOfBirth: '1984-03-07',
      });
      const sealedAfter = await patientRow(patient.id);
      expect([sealedAfter.phone_sealed, sealedAfter.date_of_birth_sealed]).toEqual([
        sealedBefore.phone_sealed,
        sealedBefore.date_of_birth_sealed,
      ]);

      const input: UpdatePatientInput = {
        medicalHistory: 'Penicillin allergy',
        notificationChannels: ['SMS', 'EMAIL'],
        gender: null,
        dateOfBirth: null,
      };
      const updated = await postAsGateway('patient', url, UpdateProfileDocument, { input }, patient.token);
      expect(updated.errors).toBeUndefined();
      const expected = {
        id: patient.id,
        name: 'Pat Smith',
        phone: '+49 30 5550101',
        dateOfBirth: null,
        gender: null,
        medicalHistory: 'Penicillin allergy',
        notificationChannels: ['EMAIL', 'SMS'],
      };
      expect(updated.data!.updateMyProfile).toEqual(expected);
      expect((await postAsGateway('patient', url, MyProfileDocument, {}, patient.token)).data!.myProfile).toEqual({
        ...expected,
        email: patient.email,
      });
    });

    it('stores phone, date of birth, medical history, diagnosis and notes only sealed', async () => {
      const secret = {
        phone: '+44 20 7946 0958',
        dateOfBirth: '1961-11-23',
        medicalHistory: 'Type one diabetes since childhood',
        diagnosis: 'Early diabetic retinopathy',
        notes: 'Refer to ophthalmology within four weeks',
      };
      const patient = await provision({ phone: secret.phone, dateOfBirth: secret.dateOfBirth });
      expect(
        (
          await postAsGateway(
            'patient',
            url,
            UpdateProfileDocument,
            { input: { medicalHistory: secret.medicalHistory } },
            patient.token,
          )
        ).errors,
      ).toBeUndefined();
      const doctor = await doctorCaringFor(patient.id);
      const added = await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: secret.diagnosis, notes: secret.notes } },
        doctor.token,
      );
      expect(added.data!.addMedicalRecord).toMatchObject({ diagnosis: secret.diagnosis, notes: secret.notes });

      const stored = {
        patients: await rows('select * from patients where id = ?', [patient.id]),
        records: await rows('select * from medical_records where patient_id = ?', [patient.id]),
      };
      const raw = JSON.stringify(stored);
      for (const value of [...Object.values(secret), '7946', 'diabetes', 'retinopathy', 'ophthalmology', '1961-11']) {
        expect(raw).not.toContain(value);
      }
      const [row] = stored.patients;
      for (const sealed of [
        row.phone_sealed,
        row.date_of_birth_sealed,
        row.medical_history_sealed,
        stored.records[0].diagnosis_sealed,
        stored.records[0].notes_sealed,
      ]) {
        expect(sealed).toMatch(/^v2:k1:/);
      }
      const chart = await postAsGateway('patient', url, ChartDocument, { id: patient.id }, doctor.token);
      expect(chart.data!.patient).toMatchObject({
        dateOfBirth: secret.dateOfBirth,
        medicalHistory: secret.medicalHistory,
        records: [{ diagnosis: secret.diagnosis, notes: secret.notes }],
      });
    });

    it('reads values sealed under an old key after a new active key is added, and seals new writes with the new key', async () => {
      const patient = await provision({ phone: '+49 30 5550199' });
      await postAsGateway(
        'patient',
        url,
        UpdateProfileDocument,
        { input: { medicalHistory: 'Sealed under k1' } },
        patient.token,
      );
      const rotated = await startPatient(configWithKeys(`${OLD_KEY},${NEW_KEY}`));
      try {
        const read = await postAsGateway('patient', rotated.url, MyProfileDocument, {}, patient.token);
        expect(read.errors).toBeUndefined();
        expect(read.data!.myProfile).toMatchObject({
          phone: '+49 30 5550199',
          dateOfBirth: '1984-03-07',
          medicalHistory: 'Sealed under k1',
        });

        await postAsGateway(
          'patient',
          rotated.url,
          UpdateProfileDocument,
          { input: { phone: '+49 30 5550200' } },
          patient.token,
        );
        const row = await patientRow(patient.id);
        expect(row.phone_sealed).toMatch(/^v2:k2:/);
        expect(row.medical_history_sealed).toMatch(/^v2:k1:/);
        const reread = await postAsGateway('patient', rotated.url, MyProfileDocument, {}, patient.token);
        expect(reread.data!.myProfile).toMatchObject({ phone: '+49 30 5550200', medicalHistory: 'Sealed under k1' });
      } finally {
        await rotated.stop();
      }
    });

    it("refuses a sealed value copied into another patient's row", async () => {
      const [owner, other] = [
        await provision({ phone: '+49 30 5550111' }),
        await provision({ phone: '+49 30 5550222' }),
      ];
      const copied = (await patientRow(owner.id)).phone_sealed;
      await rows('update patients set phone_sealed = ? where id = ?', [copied, other.id]);
      const read = await postAsGateway('patient', url, MyProfileDocument, {}, other.token);
      expect(read.data!.myProfile).toMatchObject({ id: other.id, phone: null });
      expect(read.errors).toEqual([
        expect.objectContaining({ path: ['myProfile', 'phone'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      expect(JSON.stringify(read)).not.toContain('5550111');
    });

    it('re-seals every value under the new key with the rotation (v1 values too), after which the old key can go', async () => {
      const patient = await provision({ phone: '+49 30 5550333', dateOfBirth: '1970-05-04' });
      const doctor = await doctorCaringFor(patient.id);
      await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: 'Gout', notes: 'Less red meat' } },
        doctor.token,
      );
      // Sealed before values were bound to their row: the v1 format.
      await rows('update patients set medical_history_sealed = ? where id = ?', [
        sealV1(OLD_KEY, 'Written in v1'),
        patient.id,
      ]);

      const orm = await openOrm({
        url: databaseUrl,
        entities,
        migrations,
        logger: createLogger('patient-test', 'silent'),
      });
      try {
        const report = await rotateSealedFields({
          em: orm.em,
          sealer: createFieldSealer(parseKeyRing(`${OLD_KEY},${NEW_KEY}`)),
          targets: SEALED_ENTITIES,
          batchSize: 3,
        });
        expect(report.map((table) => [table.table, table.finished, table.unreadable])).toEqual([
          ['patients', true, expect.any(Number)],
          ['medical_records', true, 0],
        ]);
      } finally {
        await orm.close(true);
      }
      const row = await patientRow(patient.id);
      const [record] = await rows('select * from medical_records where patient_id = ?', [patient.id]);
      for (const sealed of [
        row.phone_sealed,
        row.date_of_birth_sealed,
        row.medical_history_sealed,
        record.diagnosis_sealed,
        record.notes_sealed,
      ]) {
        expect(sealed).toMatch(/^v2:k2:/);
      }
      const withNewKeyOnly = await startPatient(configWithKeys(NEW_KEY));
      try {
        const read = await postAsGateway('patient', withNewKeyOnly.url, MyProfileDocument, {}, patient.token);
        expect(read.errors).toBeUndefined();
        expect(read.data!.myProfile).toMatchObject({
          phone: '+49 30 5550333',
          dateOfBirth: '1970-05-04',
          medicalHistory: 'Written in v1',
        });
        const chart = await postAsGateway(
          'patient',
          withNewKeyOnly.url,
          ChartDocument,
          { id: patient.id },
          doctor.token,
        );
        expect(chart.data!.patient.records).toEqual([
          expect.objectContaining({ diagnosis: 'Gout', notes: 'Less red meat' }),
        ]);
      } finally {
        await withNewKeyOnly.stop();
      }
    });

    it('refuses bad profile changes with BAD_USER_INPUT and writes nothing', async () => {
      const patient = await provision({ phone: null });
      const before = await patientRow(patient.id);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const badInputs = [
        { name: '   ' },
        { name: null },
        { name: 'x'.repeat(121) },
        { phone: 'call me maybe' },
        { dateOfBirth: tomorrow },
        { dateOfBirth: '1899-12-31' },
        { dateOfBirth: '1990-02-30' },
        { gender: 'UNKNOWN' },
        { medicalHistory: 'x'.repeat(10_001) },
        { notificationChannels: [] },
        { notificationChannels: ['SMS'] },
        { name: 'Valid Name', notificationChannels: ['EMAIL', 'SMS'] },
      ];
      for (const input of badInputs) {
        const response = await postAsGateway(
          'patient',
          url,
          UpdateProfileDocument,
          wrongVariables({ input }),
          patient.token,
        );
        expect({ input, code: errorCode(response) }).toEqual({ input, code: 'BAD_USER_INPUT' });
        expect(response.errors![0].message).not.toMatch(/Something went wrong/);
      }
      const sms = await postAsGateway(
        'patient',
        url,
        UpdateProfileDocument,
        { input: { notificationChannels: ['SMS'] } },
        patient.token,
      );
      expect(sms.errors![0].message).toMatch(/SMS notifications need a phone number/);
      expect(await patientRow(patient.id)).toEqual(before);
    });

    it('does not rewrite rows when nothing changed (no churn from sealing or array columns)', async () => {
      const patient = await provision();
      await postAsGateway(
        'patient',
        url,
        UpdateProfileDocument,
        { input: { medicalHistory: 'Hay fever', notificationChannels: ['EMAIL', 'SMS'] } },
        patient.token,
      );
      const doctor = await doctorCaringFor(patient.id);
      await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: 'Rhinitis', notes: 'Antihistamines' } },
        doctor.token,
      );
      const snapshot = async () =>
        JSON.stringify([
          await rows('select * from patients order by id'),
          await rows('select * from medical_records order by id'),
        ]);
      const before = await snapshot();

      const orm = await openOrm({
        url: databaseUrl,
        entities,
        migrations,
        logger: createLogger('patient-test', 'silent'),
      });
      try {
        const em = orm.em.fork();
        await em.find(Patient, {});
        await em.find(MedicalRecord, {});
        await pause(5);
        await em.flush();
      } finally {
        await orm.close(true);
      }
      expect(await snapshot()).toBe(before);
    });
  });

  describe('who sees a chart', () => {
    it("lets a patient see their own profile and chart, and no one else's", async () => {
      const me = await provision();
      const other = await provision();
      const own = await postAsGateway('patient', url, ChartDocument, { id: me.id }, me.token);
      expect(own.errors).toBeUndefined();
      expect(own.data!.patient).toMatchObject({ id: me.id, records: [] });
      const theirs = await postAsGateway('patient', url, ChartDocument, { id: other.id }, me.token);
      expect(errorCode(theirs)).toBe('FORBIDDEN');
      expect(theirs.data?.patient ?? null).toBeNull();
      // An unknown id looks like someone else's, so patients cannot probe which ids exist.
      expect(errorCode(await postAsGateway('patient', url, ChartDocument, { id: randomUUID() }, me.token))).toBe(
        'FORBIDDEN',
      );
    });

    it('lets an admin see any chart, with NOT_FOUND for unknown ids', async () => {
      const patient = await provision();
      const admin = await issuer.mint({ role: Role.ADMIN });
      const chart = await postAsGateway('patient', url, ChartDocument, { id: patient.id }, admin);
      expect(chart.errors).toBeUndefined();
      expect(chart.data!.patient).toMatchObject({ id: patient.id, name: 'Pat Doe', gender: 'FEMALE' });
      expect(errorCode(await postAsGateway('patient', url, ChartDocument, { id: randomUUID() }, admin))).toBe(
        'NOT_FOUND',
      );
    });

    it('keeps a doctor out until grant-care, then lets them read and write the chart; only the author may edit a record', async () => {
      const patient = await provision();
      const doctorId = randomUUID();
      const doctor = await issuer.mint({ role: Role.DOCTOR, sub: doctorId });
      const before = await postAsGateway('patient', url, ChartDocument, { id: patient.id }, doctor);
      expect(errorCode(before)).toBe('FORBIDDEN');
      expect(before.errors![0].message).toMatch(/no appointment with this patient/);
      const refusedWrite = await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: 'Flu' } },
        doctor,
      );
      expect(errorCode(refusedWrite)).toBe('FORBIDDEN');

      for (let i = 0; i < 2; i++) {
        expect(await asAppointment.call('patient', 'grant-care', { doctorId, patientId: patient.id })).toEqual({
          doctorId,
          patientId: patient.id,
        });
      }
      const granted = await rows(
        'select abs(timestampdiff(second, since, utc_timestamp())) as age from care_relationships where patient_id = ?',
        [patient.id],
      );
      expect(granted).toHaveLength(1);
      expect(Number(granted[0].age)).toBeLessThan(60); // stored in UTC, like every other instant
      const stranger = randomUUID();
      await expect(
        asAppointment.call('patient', 'grant-care', { doctorId, patientId: stranger }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await rows('select * from care_relationships where patient_id = ?', [stranger])).toHaveLength(0);

      const first = await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, appointmentId: randomUUID(), diagnosis: 'Acute bronchitis', notes: 'Rest' } },
        doctor,
      );
      expect(first.errors).toBeUndefined();
      await pause(5);
      const second = await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: 'Bronchitis resolved' } },
        doctor,
      );
      const chart = await postAsGateway('patient', url, ChartDocument, { id: patient.id }, doctor);
      expect(chart.errors).toBeUndefined();
      expect(chart.data!.patient.records.map((r) => [r.id, r.diagnosis, r.notes, r.doctor!.id])).toEqual([
        [second.data!.addMedicalRecord.id, 'Bronchitis resolved', null, doctorId],
        [first.data!.addMedicalRecord.id, 'Acute bronchitis', 'Rest', doctorId],
      ]);

      const recordId = first.data!.addMedicalRecord.id;
      const colleague = await doctorCaringFor(patient.id);
      const hijack = await postAsGateway(
        'patient',
        url,
        UpdateRecordDocument,
        { id: recordId, input: { diagnosis: 'Something else' } },
        colleague.token,
      );
      expect(errorCode(hijack)).toBe('FORBIDDEN');
      const admin = await issuer.mint({ role: Role.ADMIN });
      expect(
        errorCode(
          await postAsGateway(
            'patient',
            url,
            UpdateRecordDocument,
            { id: recordId, input: { diagnosis: 'Something else' } },
            admin,
          ),
        ),
      ).toBe('FORBIDDEN');

      await pause(5);
      const edited = await postAsGateway(
        'patient',
        url,
        UpdateRecordDocument,
        { id: recordId, input: { diagnosis: 'Acute bronchitis, viral', notes: null } },
        doctor,
      );
      expect(edited.errors).toBeUndefined();
      expect(edited.data!.updateMedicalRecord).toMatchObject({
        id: recordId,
        diagnosis: 'Acute bronchitis, viral',
        notes: null,
      });
      expect(new Date(edited.data!.updateMedicalRecord.updatedAt).getTime()).toBeGreaterThan(
        new Date(first.data!.addMedicalRecord.createdAt).getTime(),
      );
      expect(
        errorCode(
          await postAsGateway(
            'patient',
            url,
            UpdateRecordDocument,
            { id: randomUUID(), input: { notes: 'x' } },
            doctor,
          ),
        ),
      ).toBe('NOT_FOUND');

      const own = await postAsGateway('patient', url, MyRecordsDocument, {}, patient.token);
      expect(own.data!.myProfile.records.map((r) => r.diagnosis)).toEqual([
        'Bronchitis resolved',
        'Acute bronchitis, viral',
      ]);
      expect(
        errorCode(
          await postAsGateway(
            'patient',
            url,
            AddRecordDocument,
            { input: { patientId: patient.id, diagnosis: 'Self-diagnosis' } },
            patient.token,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await postAsGateway(
            'patient',
            url,
            AddRecordDocument,
            { input: { patientId: patient.id, diagnosis: 'Admin note' } },
            admin,
          ),
        ),
      ).toBe('FORBIDDEN');
    });

    it('refuses bad medical records with BAD_USER_INPUT and writes nothing', async () => {
      const patient = await provision();
      const doctor = await doctorCaringFor(patient.id);
      const badInputs = [
        { patientId: patient.id, diagnosis: '' },
        { patientId: patient.id, diagnosis: '   ' },
        { patientId: patient.id, diagnosis: 'x'.repeat(2001) },
        { patientId: patient.id, diagnosis: 'Flu', notes: 'x'.repeat(10_001) },
        { patientId: 'not-an-id', diagnosis: 'Flu' },
        { patientId: patient.id, appointmentId: 'not-an-id', diagnosis: 'Flu' },
      ];
      for (const input of badInputs) {
        expect(errorCode(await postAsGateway('patient', url, AddRecordDocument, { input }, doctor.token))).toBe(
          'BAD_USER_INPUT',
        );
      }
      expect(await rows('select id from medical_records where patient_id = ?', [patient.id])).toHaveLength(0);

      const added = await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: 'Flu' } },
        doctor.token,
      );
      const id = added.data!.addMedicalRecord.id;
      const [before] = await rows('select * from medical_records where id = ?', [id]);
      for (const input of [{}, { diagnosis: null }, { diagnosis: ' ' }, { notes: 'x'.repeat(10_001) }]) {
        const response = await postAsGateway('patient', url, UpdateRecordDocument, { id, input }, doctor.token);
        expect({ input, code: errorCode(response) }).toEqual({ input, code: 'BAD_USER_INPUT' });
      }
      expect((await rows('select * from medical_records where id = ?', [id]))[0]).toEqual(before);
    });

    it('applies the same rule to patients other subgraphs refer to, per entity of the batch', async () => {
      const cared = await provision({ name: 'Cared For' });
      const stranger = await provision({ name: 'Stranger' });
      const doctor = await doctorCaringFor(cared.id);
      const representations = [cared, stranger].map(({ id }) => ({ __typename: 'Patient', id }));

      const asDoctor = await postAsGateway(
        'patient',
        url,
        PatientEntitiesDocument,
        { r: representations },
        doctor.token,
      );
      expect(asDoctor.data!._entities[0]).toEqual({ id: cared.id, name: 'Cared For', phone: '+49 30 5550101' });
      expect(asDoctor.data!._entities[1]).toBeNull();
      expect(asDoctor.errors).toHaveLength(1);
      expect(asDoctor.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, path: ['_entities', 1] });

      // The gateway's word alone (no signed-in user) opens no chart: references check the user as patient(id) does.
      const noUser = await postAsGateway('patient', url, PatientEntitiesDocument, { r: representations });
      expect(noUser.data!._entities).toEqual([null, null]);
      expect(noUser.errors!.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    });

    it("refuses _entities, _service and patient(id) sent straight to the patient port without the gateway's caller token (401, no data)", async () => {
      const patient = await provision({ name: 'Side Door' });
      const admin = await issuer.mint({ role: Role.ADMIN });
      const refused: Array<[DocumentNode, Record<string, unknown>]> = [
        [PatientEntitiesDocument, { r: [{ __typename: 'Patient', id: patient.id }] }],
        [ServiceSdlDocument, {}],
        [ChartDocument, { id: patient.id }],
      ];
      for (const [document, variables] of refused) {
        // The text names the operation when one is let through.
        const query = operationText(document);
        for (const token of [undefined, admin, patient.token]) {
          const raw = await postGraphql<unknown>(url, document, variables, token);
          expect({ query, status: raw.status, code: errorCode(raw), data: raw.data }).toEqual({
            query,
            status: 401,
            code: 'UNAUTHENTICATED',
            data: undefined,
          });
        }
      }
    });
    it('resolves a batch of references with one query for care relationships and one for patients', async () => {
      const patients = await Promise.all(Array.from({ length: 30 }, () => provision()));
      const doctor = await doctorCaringFor(patients[0].id);
      const orm = await openOrm({
        url: databaseUrl,
        entities,
        migrations,
        logger: createLogger('patient-test', 'silent'),
      });
      try {
        const logger = createLogger('patient-test', 'silent');
        const ctx: RequestContext = {
          em: orm.em.fork(),
          principal: { kind: 'user', role: Role.DOCTOR, userId: doctor.id, token: 'verified-elsewhere' },
          caller: 'gateway',
          requestId: 'batch-test',
          clientIp: '127.0.0.1',
          logger,
          loaders: new Map(),
        };
        const find = jest.spyOn(ctx.em, 'find');
        const outcomes = await Promise.allSettled(
          patients.map(({ id }) => patientReference().Patient.__resolveReference({ id }, ctx)),
        );
        expect(find).toHaveBeenCalledTimes(2);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(
          outcomes
            .slice(1)
            .every(
              (o) =>
                o.status === 'rejected' &&
                (o.reason as { extensions: { code: string } }).extensions.code === 'FORBIDDEN',
            ),
        ).toBe(true);
      } finally {
        await orm.close(true);
      }
    });
  });

  describe('the front desk (STAFF)', () => {
    const unique = () => randomUUID().slice(0, 8);
    let staff: string;

    beforeAll(async () => {
      staff = await issuer.mint({ role: Role.STAFF });
    });

    const found = async (search: string, token = staff) => {
      const answer = await postAsGateway('patient', url, FindPatientsDocument, { search }, token);
      expect(answer.errors).toBeUndefined();
      return answer.data!.findPatients.map((p: { id: string }) => p.id);
    };

    it('finds patients by part of the name or the email, with their contact details', async () => {
      const tag = unique();
      const patient = await provision({
        name: `Greta Frontdesk-${tag}`,
        email: `greta.${tag}@carebook.test`,
        phone: '+44 20 7946 0123',
      });
      const answer = await postAsGateway('patient', url, FindPatientsDocument, { search: `frontdesk-${tag}` }, staff);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.findPatients).toEqual([
        {
          id: patient.id,
          name: `Greta Frontdesk-${tag}`,
          email: patient.email,
          phone: '+44 20 7946 0123',
          dateOfBirth: '1984-03-07',
        },
      ]);
      expect(await found(`greta.${tag}@`)).toEqual([patient.id]);
      expect(await found(`GRETA.${tag.toUpperCase()}`)).toEqual([patient.id]);
    });

    it('finds a patient by phone with or without the country code, though the phone is stored only sealed', async () => {
      const number = `7${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const patient = await provision({ phone: `+44 ${number.slice(0, 2)} ${number.slice(2)}` });
      expect(await found(`+44${number}`)).toEqual([patient.id]);
      expect(await found(`0${number.slice(0, 2)} ${number.slice(2, 5)}-${number.slice(5)}`)).toEqual([patient.id]);
      const [row] = await rows('select phone_sealed, phone_lookup from patients where id = ?', [patient.id]);
      expect(JSON.stringify(row)).not.toContain(number.slice(2));
      expect(row.phone_lookup).toMatch(/^k1:[0-9a-f]{40}$/);
      // A changed phone is found by its new number only.
      const changed = `6${number.slice(1)}`;
      await postAsGateway('patient', url, UpdateProfileDocument, { input: { phone: `+44 ${changed}` } }, patient.token);
      expect(await found(`+44 ${changed}`)).toEqual([patient.id]);
      expect(await found(`+44 ${number}`)).toEqual([]);
    });

    it('takes wildcards literally and caps the answer at `first`', async () => {
      const tag = unique();
      await provision({ name: `Percent ${tag} Patient` });
      expect(await found('%%')).toEqual([]);
      expect(await found(`_${tag}`)).toEqual([]);
      const many = await Promise.all([1, 2, 3].map(() => provision({ name: `Many ${tag}` })));
      const two = await postAsGateway('patient', url, FindPatientsDocument, { search: `many ${tag}`, first: 2 }, staff);
      expect(two.data!.findPatients).toHaveLength(2);
      expect(many.map((p) => p.id)).toEqual(
        expect.arrayContaining(two.data!.findPatients.map((p: { id: string }) => p.id)),
      );
    });

    it('refuses bad searches with BAD_USER_INPUT and a message saying what to type', async () => {
      for (const [search, first, message] of [
        ['a', undefined, /2 to 254 characters/],
        ['   ', undefined, /2 to 254 characters/],
        ['x'.repeat(255), undefined, /2 to 254 characters/],
        ['+44 123', undefined, /at least 7 digits/],
        ['Pat', 0, /"first" must be between 1 and 50/],
        ['Pat', 51, /"first" must be between 1 and 50/],
      ] as const) {
        const answer = await postAsGateway('patient', url, FindPatientsDocument, { search, first }, staff);
        expect(errorCode(answer)).toBe('BAD_USER_INPUT');
        expect(answer.errors![0].message).toMatch(message);
      }
    });

    it('never shows the front desk a chart: medical history and records are FORBIDDEN wherever it asks, patient(id) too', async () => {
      const tag = unique();
      const patient = await provision({ name: `Chartless ${tag}` });
      await postAsGateway(
        'patient',
        url,
        UpdateProfileDocument,
        { input: { medicalHistory: `history-${tag}` } },
        patient.token,
      );
      const chartReads: Array<[DocumentNode, Record<string, unknown>]> = [
        [FindPatientsWithHistoryDocument, { search: `chartless ${tag}` }],
        [FindPatientsWithRecordsDocument, { search: `chartless ${tag}` }],
        [ChartDocument, { id: patient.id }],
        [PatientChartEntitiesDocument, { r: [{ __typename: 'Patient', id: patient.id }] }],
      ];
      for (const [query, variables] of chartReads) {
        const answer = await postAsGateway<unknown>('patient', url, query, variables, staff);
        expect(errorCode(answer)).toBe('FORBIDDEN');
        expect(answer.errors![0].message).toMatch(/contact details, never their chart/);
        expect(JSON.stringify(answer)).not.toContain(`history-${tag}`);
      }
      // The contact card of a patient named on an appointment resolves for the front desk.
      const card = await postAsGateway(
        'patient',
        url,
        PatientEntitiesDocument,
        { r: [{ __typename: 'Patient', id: patient.id }] },
        staff,
      );
      expect(card.errors).toBeUndefined();
      expect(card.data!._entities[0]).toMatchObject({ id: patient.id, name: `Chartless ${tag}` });
    });

    it('is for the front desk and admins only', async () => {
      const patient = await provision();
      expect(
        errorCode(await postAsGateway('patient', url, FindPatientsDocument, { search: 'Pat Doe' }, patient.token)),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await postAsGateway(
            'patient',
            url,
            FindPatientsDocument,
            { search: 'Pat Doe' },
            await issuer.mint({ role: Role.DOCTOR }),
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(errorCode(await postAsGateway('patient', url, FindPatientsDocument, { search: 'Pat Doe' }))).toBe(
        'UNAUTHENTICATED',
      );
      const asAdmin = await postAsGateway(
        'patient',
        url,
        FindPatientsDocument,
        { search: patient.email },
        await issuer.mint({ role: Role.ADMIN }),
      );
      expect(asAdmin.data!.findPatients.map((p: { id: string }) => p.id)).toEqual([patient.id]);
    });

    it('fills in the phone lookup of phones stored before it existed, and moves it under a new active key at start', async () => {
      const patient = await provision({ phone: '+49 30 5559876' });
      const indexedUnderOldKey = await provision({ phone: '+49 30 5559877' });
      await rows('update patients set phone_lookup = null where id = ?', [patient.id]);
      expect(await found('+49 30 5559876')).not.toContain(patient.id);
      await service.stop();
      service = await startPatient(configWithKeys(`${OLD_KEY},${NEW_KEY}`));
      url = service.url;
      asAuth = serviceClientAs('auth', { PATIENT_URL: url });
      asAppointment = serviceClientAs('appointment', { PATIENT_URL: url });
      expect(await found('+49 30 5559876')).toContain(patient.id);
      expect(await found('+49 30 5559877')).toContain(indexedUnderOldKey.id);
      const lookups = await rows('select phone_lookup from patients where id in (?, ?)', [
        patient.id,
        indexedUnderOldKey.id,
      ]);
      expect(lookups.map((row) => row.phone_lookup)).toEqual([
        expect.stringMatching(/^k2:/),
        expect.stringMatching(/^k2:/),
      ]);
    });
  });

  describe('tokens and roles', () => {
    it('answers UNAUTHENTICATED without a token or with an expired, foreign-key or unsigned one', async () => {
      const patient = await provision();
      expect(errorCode(await postAsGateway('patient', url, MyProfileDocument))).toBe('UNAUTHENTICATED');
      expect(errorCode(await postAsGateway('patient', url, ChartDocument, { id: patient.id }))).toBe('UNAUTHENTICATED');
      const badTokens = [
        await issuer.mint({ role: Role.PATIENT, sub: patient.id, expiresIn: -10 }),
        await issuer.mintWithForeignKey({ role: Role.PATIENT, sub: patient.id }),
        issuer.mintUnsigned({ role: Role.ADMIN, sub: patient.id }),
      ];
      for (const token of badTokens) {
        const response = await postAsGateway('patient', url, MyProfileDocument, {}, token);
        expect(errorCode(response)).toBe('UNAUTHENTICATED');
        expect(response.data).toBeUndefined();
      }
    });

    it('keeps myProfile and updateMyProfile to patients', async () => {
      for (const role of [Role.DOCTOR, Role.ADMIN]) {
        const token = await issuer.mint({ role });
        expect(errorCode(await postAsGateway('patient', url, MyProfileDocument, {}, token))).toBe('FORBIDDEN');
        expect(
          errorCode(await postAsGateway('patient', url, UpdateProfileDocument, { input: { name: 'Not Mine' } }, token)),
        ).toBe('FORBIDDEN');
      }
    });
  });

  describe('internal routes', () => {
    it('provisions idempotently: the same id again updates it, also when two calls race', async () => {
      const patient = await provision();
      await asAuth.call('patient', 'provision-patient', {
        id: patient.id,
        email: patient.email,
        name: 'Pat Renamed',
        phone: null,
        dateOfBirth: null,
        gender: null,
      });
      expect(await rows('select id from patients where id = ?', [patient.id])).toHaveLength(1);
      expect((await postAsGateway('patient', url, MyProfileDocument, {}, patient.token)).data!.myProfile).toMatchObject(
        {
          name: 'Pat Renamed',
          phone: null,
          dateOfBirth: null,
          gender: null,
        },
      );

      const racing = {
        id: randomUUID(),
        email: 'race@carebook.test',
        name: 'Ray Race',
        phone: '+1 555 0100',
        dateOfBirth: '2001-01-01',
        gender: 'OTHER',
      };
      const results = await Promise.all([1, 2, 3].map(() => asAuth.call('patient', 'provision-patient', racing)));
      expect(results).toEqual([{ id: racing.id }, { id: racing.id }, { id: racing.id }]);
      expect(await rows('select id from patients where id = ?', [racing.id])).toHaveLength(1);
    });

    it("gives the notification workers each patient's contact card: name, email, phone opened, channels as set", async () => {
      const asNotification = serviceClientAs('notification', { PATIENT_URL: url });
      const byDefault = await provision();
      const noPhone = await provision({ phone: null });
      const both = await provision({ name: 'Bo Both' });
      const smsOnly = await provision();
      for (const [patient, notificationChannels] of [
        [both, ['SMS', 'EMAIL']],
        [smsOnly, ['SMS']],
      ] as const) {
        const input: UpdatePatientInput = { notificationChannels: [...notificationChannels] };
        expect(
          (await postAsGateway('patient', url, UpdateProfileDocument, { input }, patient.token)).errors,
        ).toBeUndefined();
      }
      const answer = await asNotification.call<{ contacts: Array<{ id: string }> }>('patient', 'contacts', {
        ids: [byDefault.id, noPhone.id, both.id, smsOnly.id, randomUUID()],
      });
      const card = (
        patient: { id: string; name: string; email: string },
        phone: string | null,
        channels: string[],
      ) => ({
        id: patient.id,
        name: patient.name,
        email: patient.email,
        phone,
        notificationChannels: channels,
      });
      expect([...answer.contacts].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [
          card(byDefault, '+49 30 5550101', ['EMAIL']),
          card(noPhone, null, ['EMAIL']),
          card(both, '+49 30 5550101', ['EMAIL', 'SMS']),
          card(smsOnly, '+49 30 5550101', ['SMS']),
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });

    it('refuses bad provisioning input with BAD_USER_INPUT and creates nothing', async () => {
      const valid = { email: 'bad@carebook.test', name: 'Bea Bad', phone: null, dateOfBirth: null, gender: null };
      const cases = [
        { ...valid, id: 'not-a-uuid' },
        { ...valid, id: randomUUID(), email: 'not-an-email' },
        { ...valid, id: randomUUID(), name: ' ' },
        { ...valid, id: randomUUID(), phone: 'nope' },
        { ...valid, id: randomUUID(), dateOfBirth: '2999-01-01' },
        { ...valid, id: randomUUID(), dateOfBirth: '01/02/1990' },
        { ...valid, id: randomUUID(), gender: 'UNKNOWN' },
      ];
      for (const body of cases) {
        await expect(asAuth.call('patient', 'provision-patient', body)).rejects.toMatchObject({
          code: 'BAD_USER_INPUT',
        });
      }
      expect(await rows('select id from patients where email = ?', [valid.email])).toHaveLength(0);
    });

    it('discards a half-made profile, and nothing of other patients; a no-op when absent', async () => {
      const kept = await provision();
      const discarded = await provision();
      const doctor = await doctorCaringFor(discarded.id);
      await doctorCaringFor(kept.id);
      expect(await asAuth.call('patient', 'discard-patient', { id: discarded.id })).toEqual({ id: discarded.id });
      expect(await rows('select id from patients where id = ?', [discarded.id])).toHaveLength(0);
      expect(await rows('select * from care_relationships where patient_id = ?', [discarded.id])).toHaveLength(0);
      expect(errorCode(await postAsGateway('patient', url, MyProfileDocument, {}, discarded.token))).toBe('NOT_FOUND');
      expect(errorCode(await postAsGateway('patient', url, ChartDocument, { id: discarded.id }, doctor.token))).toBe(
        'FORBIDDEN',
      );
      expect((await postAsGateway('patient', url, MyProfileDocument, {}, kept.token)).data!.myProfile.id).toBe(kept.id);
      expect(await rows('select * from care_relationships where patient_id = ?', [kept.id])).toHaveLength(1);

      expect(await asAuth.call('patient', 'discard-patient', { id: discarded.id })).toEqual({ id: discarded.id });
      await expect(
        asAppointment.call('patient', 'grant-care', { doctorId: doctor.id, patientId: discarded.id }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('keeps a profile that has medical records when asked to discard it', async () => {
      const patient = await provision();
      const doctor = await doctorCaringFor(patient.id);
      await postAsGateway(
        'patient',
        url,
        AddRecordDocument,
        { input: { patientId: patient.id, diagnosis: 'Sprained ankle' } },
        doctor.token,
      );
      await expect(asAuth.call('patient', 'discard-patient', { id: patient.id })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await rows('select id from patients where id = ?', [patient.id])).toHaveLength(1);
    });

    it("refuses a user token and no token (UNAUTHENTICATED), and a service not on the route's callers list (FORBIDDEN)", async () => {
      const body = {
        id: randomUUID(),
        email: 'intruder@carebook.test',
        name: 'In Truder',
        phone: null,
        dateOfBirth: null,
        gender: null,
      };
      const post = (route: string, payload: unknown, token?: string) =>
        fetch(`${url}/internal/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(payload),
        });
      const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
      const anonymous = await post('provision-patient', body);
      expect(anonymous.status).toBe(401);
      expect(await codeOf(anonymous)).toBe('UNAUTHENTICATED');
      const asAdmin = await post('provision-patient', body, await issuer.mint({ role: Role.ADMIN }));
      expect(asAdmin.status).toBe(401);
      expect(await codeOf(asAdmin)).toBe('UNAUTHENTICATED');
      await expect(
        serviceClientAs('notification', { PATIENT_URL: url }).call('patient', 'provision-patient', body),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await rows('select id from patients where id = ?', [body.id])).toHaveLength(0);

      const patient = await provision();
      const doctorId = randomUUID();
      const selfGrant = await post(
        'grant-care',
        { doctorId, patientId: patient.id },
        await issuer.mint({ role: Role.DOCTOR, sub: doctorId }),
      );
      expect(await codeOf(selfGrant)).toBe('UNAUTHENTICATED');
      await expect(
        serviceClientAs('scheduling', { PATIENT_URL: url }).call('patient', 'grant-care', {
          doctorId,
          patientId: patient.id,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await rows('select * from care_relationships where doctor_id = ?', [doctorId])).toHaveLength(0);
    });
  });
});
