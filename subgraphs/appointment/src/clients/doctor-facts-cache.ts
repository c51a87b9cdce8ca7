import { ContractClient, contractClient, doctorContract, recentAnswers } from '@carebook/platform';
import type { ChannelListener, DoctorFacts, LocationFacts, ServiceClient } from '@carebook/platform';

type DoctorCalls = ContractClient<typeof doctorContract>;

/** The doctor contract's lookups as the booking rules use them: the lists unwrapped, the service by its id. */
export interface DoctorApi {
  doctors(query: Parameters<DoctorCalls['doctors']>[0]): Promise<DoctorFacts[]>;
  medicalService(id: string): ReturnType<DoctorCalls['medicalService']>;
  /** Every location of the clinic, inactive ones too (appointments keep theirs); `fresh` asks again, past the kept list. */
  locations(fresh?: boolean): Promise<LocationFacts[]>;
}

/**
 * Doctors and services change rarely and every booking asks about them, so
 * answers are kept for `ttlMs` (the service keeps them a minute: at a few
 * bookings a second, seconds meant asking again for most bookings). The
 * doctor service announces every change (a doctor deactivated, a service
 * retired or repriced, new booking rules) and `forget()` drops them at once;
 * while `directory` (that announcement feed) is not live, nothing is
 * remembered, so a change applies to the next booking either way.
 */
export function doctorApi(
  client: ServiceClient,
  ttlMs = 5000,
  directory?: Pick<ChannelListener, 'live'>,
): DoctorApi & { forget(): void } {
  const doctor = contractClient(doctorContract, client);
  const askDoctors = async (query: Parameters<DoctorCalls['doctors']>[0]) => (await doctor.doctors(query)).doctors;
  const askService = (id: string) => doctor.medicalService({ id });
  const askLocations = async () => (await doctor.locations({})).locations;
  const doctors = recentAnswers(askDoctors, ttlMs);
  const medicalService = recentAnswers(askService, ttlMs);
  const locations = recentAnswers(askLocations, ttlMs);
  const trusted = () => !directory || directory.live();
  return {
    doctors: (query) => (trusted() ? doctors(query) : askDoctors(query)),
    medicalService: (id) => (trusted() ? medicalService(id) : askService(id)),
    locations: (fresh) => {
      if (fresh) locations.forget();
      return trusted() ? locations(null) : askLocations();
    },
    forget() {
      doctors.forget();
      medicalService.forget();
      locations.forget();
    },
  };
}
