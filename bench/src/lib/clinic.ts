import { BOOTSTRAP_ADMIN, postGraphql } from '@carebook/platform/testing';
import {
  AddAvailabilityDocument,
  CreateDoctorDocument,
  CreateMedicalServiceDocument,
  LoginDocument,
  RegisterPatientDocument,
  TypedDocumentNode,
} from '@carebook/sdk';
import { getOperationAST } from 'graphql';
import { pool } from './stats';

/**
 * A client of the gateway that fails loudly on any GraphQL error (seeding must not half-succeed).
 * It sends typed documents (the SDK's, or bench/src/operations'), so results are typed.
 */
export function clinicClient(gatewayUrl: string) {
  async function run<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<TResult> {
    const response = await postGraphql(gatewayUrl, document, variables, token);
    if (response.errors?.length || response.data === undefined)
      throw new Error(
        `${getOperationAST(document)?.name?.value} failed: ${response.status} ${JSON.stringify(response.errors)}`,
      );
    return response.data;
  }

  return {
    run,
    /** Opens `count` 15-minute slots from 09:00 tomorrow for the doctor; their ids in order. */
    async openSlots(token: string, doctorId: string, count: number): Promise<string[]> {
      const end = 9 * 60 + count * 15;
      const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
      const data = await run(
        AddAvailabilityDocument,
        { doctorId, date: tomorrow(), startTime: '09:00', endTime, slotMinutes: 15 },
        token,
      );
      return data.addAvailability.map((slot) => slot.id);
    },
    async adminToken(): Promise<string> {
      return (await run(LoginDocument, BOOTSTRAP_ADMIN)).login.accessToken;
    },
    async createService(token: string, name: string, durationMinutes: number): Promise<string> {
      const data = await run(
        CreateMedicalServiceDocument,
        { input: { name, category: 'GENERAL_CHECKUP', durationMinutes, price: '35.00', currency: 'EUR' } },
        token,
      );
      return data.createMedicalService.id;
    },
    async createDoctors(token: string, count: number, serviceId: string, tag: string): Promise<string[]> {
      return pool(
        Array.from({ length: count }, (_, i) => i),
        4,
        async (i) => {
          const data = await run(
            CreateDoctorDocument,
            {
              input: {
                email: `dr${i}-${tag}@bench.carebook.test`,
                password: 'bench-doctor-password',
                name: `Dr Bench ${i}`,
                specialty: 'General practice',
                licenseNumber: `BENCH-${tag}-${i}`,
                serviceIds: [serviceId],
              },
            },
            token,
          );
          return data.createDoctor.id;
        },
      );
    },
    async registerPatients(count: number, tag: string, concurrency = 4): Promise<string[]> {
      return pool(
        Array.from({ length: count }, (_, i) => i),
        concurrency,
        async (i) => {
          const data = await run(RegisterPatientDocument, {
            input: {
              email: `p${i}-${tag}@bench.carebook.test`,
              password: 'bench-patient-password',
              name: `Patient ${i}`,
            },
          });
          return data.registerPatient.accessToken;
        },
      );
    },
  };
}

/** Tomorrow's date (UTC) as YYYY-MM-DD, so every slot lies in the future. */
export function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}
