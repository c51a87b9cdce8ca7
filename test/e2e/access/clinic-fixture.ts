import { operation } from '@carebook/clients';
import { BOOTSTRAP_ADMIN, GraphqlResponse, postGraphql, SmtpSink, Stack } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AddMedicalRecordDocument,
  BookAppointmentDocument,
  CompleteAppointmentDocument,
  LoginDocument,
  RequestPasswordResetDocument,
  SetUserRoleDocument,
  UpdateMyProfileDocument,
  TypedDocumentNode,
} from '@carebook/sdk';
import { getOperationAST } from 'graphql';
import { randomUUID } from 'node:crypto';
import { Clinic } from '../lib/clinic';
import { contractCall } from '../lib/contract-call';
import { Row, serviceRows } from '../lib/service-rows';
import type { Caller } from './access-table';

export interface Account {
  id: string;
  email: string;
  password: string;
  name: string;
  token: string;
}

const PASSWORD = 'matrix-password-1';

/**
 * A small clinic for the role matrix, built through the gateway with the
 * contract's documents: one service, "the doctor" and "another doctor" with
 * a pool of free slots each, "the patient" (with a medical history and a
 * record by the doctor) and "another patient". Every operation that changes
 * something gets a fresh target from here, so cells never share state.
 */
export class ClinicFixture {
  admin!: Account;
  doctor!: Account;
  otherDoctor!: Account;
  patient!: Account;
  otherPatient!: Account;
  /** A receptionist: a registered account an admin made STAFF. */
  staff!: Account;
  serviceId!: string;
  /** Words that identify the patient and must never reach a caller refused her data. */
  readonly secrets = {
    patientName: `Patricia Matrix-${randomUUID().slice(0, 6)}`,
    history: `matrix-history-${randomUUID()}`,
    diagnosis: `matrix-diagnosis-${randomUUID()}`,
  };
  private readonly freeSlots = new Map<string, string[]>();
  private nextDay = 30;

  /** The shared e2e set-up steps (service, doctors, patients), with this fixture's admin. */
  private readonly clinic: Clinic;

  constructor(
    private readonly stack: Stack,
    private readonly mail: SmtpSink,
  ) {
    this.clinic = new Clinic(stack);
  }

  /** Runs a contract operation by name, as the matrix does for each of them: its answer is whatever it selects. */
  async call(name: string, variables: Record<string, unknown>, token?: string): Promise<GraphqlResponse<unknown>> {
    return postGraphql(this.stack.gatewayUrl, operation(name), variables, token);
  }

  /** Runs a contract operation that must work (fixture building), typed by the SDK's document; fails with the errors otherwise. */
  async ok<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<TResult> {
    const response = await contractCall(this.stack.gatewayUrl)(document, variables, token);
    if (response.errors)
      throw new Error(
        `${getOperationAST(document)?.name?.value} failed while building the fixture: ${JSON.stringify(response.errors)}`,
      );
    return response.data;
  }

  async build(): Promise<void> {
    const adminLogin = (await this.ok(LoginDocument, BOOTSTRAP_ADMIN)).login;
    this.admin = {
      id: adminLogin.user.id,
      email: BOOTSTRAP_ADMIN.email,
      password: BOOTSTRAP_ADMIN.password,
      name: 'admin',
      token: adminLogin.accessToken,
    };
    this.clinic.admin = this.admin.token;
    this.serviceId = await this.clinic.service({ name: 'Matrix check-up', durationMinutes: 15, price: '30.00' });
    this.doctor = await this.newDoctor('Dr Matrix');
    this.otherDoctor = await this.newDoctor('Dr Other');
    this.patient = await this.newPatient(this.secrets.patientName);
    this.otherPatient = await this.newPatient('Oscar Other');
    this.staff = await this.promoted(await this.newPatient('Fran Frontdesk'), 'STAFF');
    await this.ok(UpdateMyProfileDocument, { input: { medicalHistory: this.secrets.history } }, this.patient.token);
    for (const doctor of [this.doctor, this.otherDoctor]) await this.openDay(doctor);
    await this.book(); // a booking makes the doctor the patient's doctor (care relationship)
    await this.record();
  }

  tokenOf(caller: Caller): string | undefined {
    return caller === 'anonymous' ? undefined : this[caller].token;
  }

  accountOf(caller: Exclude<Caller, 'anonymous'>): Account {
    return this[caller];
  }

  async newDoctor(name: string): Promise<Account> {
    const email = `dr-${randomUUID().slice(0, 8)}@matrix.e2e.test`;
    const licenseNumber = `MX-${randomUUID().slice(0, 8)}`;
    const doctor = await this.clinic.doctor({
      email,
      password: PASSWORD,
      name,
      licenseNumber,
      serviceIds: [this.serviceId],
    });
    return { ...doctor, name };
  }

  async newPatient(name = 'Throwaway Patient'): Promise<Account> {
    const email = `p-${randomUUID().slice(0, 8)}@matrix.e2e.test`;
    return { ...(await this.clinic.patient({ email, password: PASSWORD, name })), name };
  }

  /** A new account of the caller's kind (none for anonymous), for cells that end their caller's sessions. */
  async freshAccountLike(caller: Caller): Promise<Account | undefined> {
    if (caller === 'anonymous') return undefined;
    if (caller === 'doctor' || caller === 'otherDoctor') return this.newDoctor('Dr Fresh');
    const account = await this.newPatient();
    if (caller === 'admin') return this.promoted(account, 'ADMIN');
    if (caller === 'staff') return this.promoted(account, 'STAFF');
    return account;
  }

  /** The account given another role by the admin, signed in again (the role change ended its sessions). */
  async promoted(account: Account, role: 'ADMIN' | 'STAFF'): Promise<Account> {
    await this.ok(SetUserRoleDocument, { userId: account.id, role }, this.admin.token);
    return {
      ...account,
      token: (await this.ok(LoginDocument, { email: account.email, password: account.password })).login.accessToken,
    };
  }

  /** The token of a password-reset link emailed to the account (read at the SMTP server, as the person would). */
  async resetTokenFor(account: Account): Promise<string> {
    await this.ok(RequestPasswordResetDocument, { email: account.email });
    const [message] = (await this.mail.waitFor((all) => all.some((m) => m.to.includes(account.email)))).filter((m) =>
      m.to.includes(account.email),
    );
    const text = (await message.parsed()).text ?? '';
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    if (!token) throw new Error(`no reset link in the email to ${account.email}: ${text}`);
    return token;
  }

  /** A date no other fixture uses, far enough ahead for every booking rule. */
  freshDate(): string {
    const day = new Date(Date.now() + this.nextDay++ * 86_400_000);
    return day.toISOString().slice(0, 10);
  }

  /** Opens a day of 15-minute slots for the doctor and adds them to the pool. */
  async openDay(doctor: Account): Promise<void> {
    const opened = await this.ok(
      AddAvailabilityDocument,
      { doctorId: doctor.id, date: this.freshDate(), startTime: '07:00', endTime: '19:00', slotMinutes: 15 },
      this.admin.token,
    );
    this.freeSlots.set(doctor.id, [
      ...(this.freeSlots.get(doctor.id) ?? []),
      ...opened.addAvailability.map((slot) => slot.id),
    ]);
  }

  /** A free slot of the doctor nobody else will use. */
  async freeSlot(doctor: Account = this.doctor): Promise<string> {
    if (!this.freeSlots.get(doctor.id)?.length) await this.openDay(doctor);
    return this.freeSlots.get(doctor.id)!.shift()!;
  }

  /** A confirmed appointment of the patient with the doctor. */
  async book(): Promise<string> {
    const booked = (
      await this.ok(
        BookAppointmentDocument,
        { input: { slotId: await this.freeSlot(), serviceId: this.serviceId, reason: 'matrix' } },
        this.patient.token,
      )
    ).bookAppointment;
    if (booked.__typename !== 'BookingConfirmed')
      throw new Error(`the fixture's booking was not confirmed: ${JSON.stringify(booked)}`);
    return booked.appointment.id;
  }

  /** A confirmed appointment that has started (its times moved an hour back in the appointment service's store). */
  async started(): Promise<string> {
    const id = await this.book();
    await this.sql('appointment', 'update appointments set starts_at = ?, ends_at = ? where id = ?', [
      new Date(Date.now() - 3_600_000),
      new Date(Date.now() - 2_700_000),
      id,
    ]);
    return id;
  }

  /** A completed visit and its invoice. */
  async completed(): Promise<{ appointmentId: string; invoiceId: string }> {
    const appointmentId = await this.started();
    const closed = (
      await this.ok(CompleteAppointmentDocument, { id: appointmentId, notes: 'matrix notes' }, this.doctor.token)
    ).completeAppointment;
    return { appointmentId, invoiceId: closed.invoice!.id };
  }

  /** A record the doctor wrote in the patient's chart. */
  async record(): Promise<string> {
    return (
      await this.ok(
        AddMedicalRecordDocument,
        { input: { patientId: this.patient.id, diagnosis: this.secrets.diagnosis } },
        this.doctor.token,
      )
    ).addMedicalRecord.id;
  }

  /** An appointment's status as an admin sees it. */
  async statusOf(appointmentId: string): Promise<string> {
    const [row] = await this.sql('appointment', 'select status, slot_id from appointments where id = ?', [
      appointmentId,
    ]);
    return `${row.status}@${row.slot_id}`;
  }

  async sql<T extends Row = Row>(service: string, query: string, params: unknown[]): Promise<T[]> {
    return serviceRows<T>(this.stack, service, query, params);
  }
}
