import { ContractClient, contractClient, doctorContract, recentAnswers } from '@carebook/platform';
import type {
  BookingSpan,
  ChannelListener,
  DoctorFacts,
  LocationFacts,
  MedicalServiceFacts,
  ServiceClient,
  ServiceTimeNeeds,
  SlotFacts,
} from '@carebook/platform';

export type { DoctorFacts, MedicalServiceFacts, SlotFacts };

export type PeriodKind = 'DAY' | 'WEEK' | 'MONTH';

/** Scheduling's internal routes (booking-contract.md). */
export interface SchedulingApi {
  /**
   * Books the slot as looked up (scheduling checks the facts in its update instead of re-reading the row)
   * and, with the rest of `span`, every slot the appointment's time and buffers touch: all or none.
   */
  bookSlot(
    slot: Pick<SlotFacts, 'id' | 'doctorId' | 'startsAt' | 'endsAt'>,
    appointmentId: string,
    span: BookingSpan,
  ): Promise<{ slotId: string; doctorId: string; startsAt: string; endsAt: string }>;
  /** Frees every slot the appointment holds, except those touching `keep` (the time it goes on holding). */
  releaseSlots(appointmentId: string, keep?: { from: Date; until: Date }): Promise<{ released: boolean }>;
  slots(query: { ids?: string[]; appointmentIds?: string[] }): Promise<SlotFacts[]>;
  /** `notBefore`/`notAfter`: only starts in that range (the asking patient's booking window). */
  alternatives(query: {
    doctorId: string;
    around: string;
    needs?: ServiceTimeNeeds;
    otherDoctorIds?: string[];
    excludeSlotIds?: string[];
    limit?: number;
    notBefore?: string;
    notAfter?: string;
  }): Promise<SlotFacts[]>;
  slotCounts(query: {
    from: string;
    to: string;
    doctorId?: string;
    groupBy: PeriodKind;
  }): Promise<Array<{ periodStart: string; free: number; booked: number }>>;
}

type DoctorCalls = ContractClient<typeof doctorContract>;

/** The doctor contract's lookups as the booking rules use them: the lists unwrapped, the service by its id. */
export interface DoctorApi {
  doctors(query: Parameters<DoctorCalls['doctors']>[0]): Promise<DoctorFacts[]>;
  medicalService(id: string): ReturnType<DoctorCalls['medicalService']>;
  /** Every location of the clinic, inactive ones too (appointments keep theirs). */
  locations(): Promise<LocationFacts[]>;
}

export function schedulingApi(client: ServiceClient): SchedulingApi {
  return {
    bookSlot: (slot, appointmentId, span) =>
      client.call('scheduling', 'book-slot', {
        slotId: slot.id,
        appointmentId,
        expected: { doctorId: slot.doctorId, startsAt: slot.startsAt, endsAt: slot.endsAt },
        span: {
          endsAt: span.endsAt.toISOString(),
          heldFrom: span.heldFrom.toISOString(),
          heldUntil: span.heldUntil.toISOString(),
        },
      }),
    releaseSlots: (appointmentId, keep) =>
      client.call('scheduling', 'release-slot', {
        appointmentId,
        ...(keep ? { keep: { from: keep.from.toISOString(), until: keep.until.toISOString() } } : {}),
      }),
    slots: async (query) => (await client.call<{ slots: SlotFacts[] }>('scheduling', 'slots', query)).slots,
    alternatives: async (query) =>
      (await client.call<{ slots: SlotFacts[] }>('scheduling', 'alternatives', query)).slots,
    slotCounts: async (query) =>
      (
        await client.call<{ buckets: Array<{ periodStart: string; free: number; booked: number }> }>(
          'scheduling',
          'slot-counts',
          query,
        )
      ).buckets,
  };
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
    locations: () => (trusted() ? locations(null) : askLocations()),
    forget() {
      doctors.forget();
      medicalService.forget();
      locations.forget();
    },
  };
}
