import { BOOTSTRAP_ADMIN, postGraphql, Stack, variant } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  AddAvailabilityMutation,
  AddAvailabilityMutationVariables,
  BookAppointmentDocument,
  CreateDoctorDocument,
  CreateDoctorInput,
  CreateMedicalServiceDocument,
  LoginDocument,
  MedicalServiceInput,
  RegisterPatientDocument,
  RegisterPatientInput,
  SetUserRoleDocument,
  TypedDocumentNode,
} from '@carebook/sdk';
import { ContractCall, contractCall, ContractResponse } from './contract-call';
import { Row, serviceRows } from './service-rows';

/** A signed-in account: who (id) and the access token it acts with. */
export interface Person {
  id: string;
  token: string;
}

/** A signed-in account that can sign in again. */
export interface Member extends Person {
  email: string;
  password: string;
}

export const DOCTOR_PASSWORD = 'doctor-password-1';
export const PATIENT_PASSWORD = 'patient-password-1';

/** The date (YYYY-MM-DD, UTC) `offset` days from now. */
export const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A doctor to create: who they are; password, specialty and services default to the clinic's usual ones. */
export type DoctorSpec = Pick<CreateDoctorInput, 'email' | 'name' | 'licenseNumber'> & Partial<CreateDoctorInput>;

/** A patient to register; the password defaults to PATIENT_PASSWORD. */
export type PatientSpec = Omit<RegisterPatientInput, 'password'> & { password?: string };

/**
 * The set-up every end-to-end suite repeats, done through the gateway with the contract's documents as a front
 * end would: the bootstrap admin signed in, catalogue services, doctors (signed in), registered patients, staff,
 * availability and bookings. Each step expects the API to accept it (`ok`), so a set-up that breaks fails the
 * suite right where it broke, with the API's errors.
 */
export class Clinic {
  readonly gql: ContractCall;
  /** The bootstrap admin's access token (after `open`). */
  admin = '';

  constructor(readonly stack: Stack) {
    this.gql = contractCall(stack.gatewayUrl);
  }

  /** A clinic on the stack with its admin signed in. */
  static async open(stack: Stack): Promise<Clinic> {
    const clinic = new Clinic(stack);
    clinic.admin = (await clinic.ok(LoginDocument, BOOTSTRAP_ADMIN)).login.accessToken;
    return clinic;
  }

  /** Sends a contract operation that must succeed, and answers its data (an arrow: suites take it as their `ok`). */
  readonly ok = async <TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<TResult> => {
    const response = await this.gql(document, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  };

  /**
   * Sends an operation that is not in the client contract (a selection no front end makes, a probe the API must
   * refuse), its answer typed as the narrow shape the caller names; `unknown` until it names one.
   */
  readonly raw = async <TResult = unknown>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<ContractResponse<TResult>> =>
    (await postGraphql<TResult>(this.stack.gatewayUrl, query, variables, token)) as ContractResponse<TResult>;

  /** A catalogue service created by the admin (a 30-minute, 40 EUR general check-up unless `input` says else); its id. */
  async service(input: Partial<MedicalServiceInput> = {}): Promise<string> {
    const service = { name: 'Consultation', category: 'GENERAL_CHECKUP' as const, durationMinutes: 30 };
    const created = await this.ok(
      CreateMedicalServiceDocument,
      { input: { ...service, price: '40.00', currency: 'EUR', ...input } },
      this.admin,
    );
    return created.createMedicalService.id;
  }

  /** A doctor created by the admin (general practice, DOCTOR_PASSWORD unless the spec says else); their id. */
  async createDoctor(spec: DoctorSpec): Promise<string> {
    const input = { password: DOCTOR_PASSWORD, specialty: 'General practice', ...spec };
    return (await this.ok(CreateDoctorDocument, { input }, this.admin)).createDoctor.id;
  }

  /** A doctor created by the admin and signed in. */
  async doctor(spec: DoctorSpec): Promise<Member> {
    const id = await this.createDoctor(spec);
    const password = spec.password ?? DOCTOR_PASSWORD;
    return { id, email: spec.email, password, token: await this.signIn(spec.email, password) };
  }

  /** A patient who registered (and so is signed in). */
  async patient(spec: PatientSpec): Promise<Member> {
    const input = { password: PATIENT_PASSWORD, ...spec };
    const registered = (await this.ok(RegisterPatientDocument, { input })).registerPatient;
    return { id: registered.user.id, email: input.email, password: input.password, token: registered.accessToken };
  }

  /** A registered account the admin made STAFF (front desk), signed in again: the role change ended its sessions. */
  async staff(spec: PatientSpec): Promise<Member> {
    const account = await this.patient(spec);
    await this.ok(SetUserRoleDocument, { userId: account.id, role: 'STAFF' }, this.admin);
    return { ...account, token: await this.signIn(account.email, account.password) };
  }

  /** A new access token for the account. */
  async signIn(email: string, password: string): Promise<string> {
    return (await this.ok(LoginDocument, { email, password })).login.accessToken;
  }

  /** Opens a one-off day of slots for the doctor (as the admin); the slots it opened. */
  async openDay(variables: AddAvailabilityMutationVariables): Promise<AddAvailabilityMutation['addAvailability']> {
    return (await this.ok(AddAvailabilityDocument, variables, this.admin)).addAvailability;
  }

  /** Books the slot for the patient whose token it is, expecting it confirmed; the appointment's id. */
  async book(token: string, input: { slotId: string; serviceId: string; reason?: string }): Promise<string> {
    const booked = (await this.ok(BookAppointmentDocument, { input }, token)).bookAppointment;
    expect(booked.__typename).toBe('BookingConfirmed');
    return variant(booked, 'BookingConfirmed').appointment.id;
  }

  /** Rows of a service's own database (see serviceRows), typed as the columns the caller selected. */
  async rows<T extends Row = Row>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
    return serviceRows<T>(this.stack, service, sql, params);
  }
}
