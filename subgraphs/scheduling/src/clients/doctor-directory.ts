import {
  BadUserInput,
  ContractClient,
  contractClient,
  doctorContract,
  DoctorFacts,
  ServiceClient,
} from '@carebook/platform';

/** The doctor service as scheduling calls it: the doctor contract's typed client. */
export type DoctorCalls = ContractClient<typeof doctorContract>;

export const doctorCalls = (services: ServiceClient): DoctorCalls => contractClient(doctorContract, services);

/** The doctors with these ids, in any state; no call when there are none to ask about. */
export async function doctorsByIds(doctors: DoctorCalls, ids: string[]): Promise<DoctorFacts[]> {
  return ids.length ? (await doctors.doctors({ ids })).doctors : [];
}

/** The doctor, or BAD_USER_INPUT naming the unknown id. */
export async function requireDoctor(doctors: DoctorCalls, doctorId: string): Promise<DoctorFacts> {
  const [doctor] = await doctorsByIds(doctors, [doctorId]);
  if (!doctor) throw new BadUserInput(`There is no doctor with id ${doctorId}.`, 'doctorId');
  return doctor;
}
