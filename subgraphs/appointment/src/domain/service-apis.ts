import type { ServiceClient } from '@carebook/platform';

/** A slot as scheduling describes it (times are ISO strings on the wire). */
export interface SlotFacts {
  id: string;
  doctorId: string;
  startsAt: string;
  endsAt: string;
  status: 'FREE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  appointmentId: string | null;
}

export interface DoctorFacts {
  id: string;
  name: string;
  specialty: string;
  active: boolean;
  serviceIds: string[];
}

export interface MedicalServiceFacts {
  id: string;
  name: string;
  durationMinutes: number;
  price: string;
  currency: string;
  active: boolean;
}

export type PeriodKind = 'DAY' | 'WEEK' | 'MONTH';

/** Scheduling's internal routes (booking-contract.md). */
export interface SchedulingApi {
  bookSlot(slotId: string, appointmentId: string): Promise<{ slotId: string; doctorId: string; startsAt: string; endsAt: string }>;
  releaseSlot(slotId: string, appointmentId: string): Promise<{ released: boolean }>;
  slots(query: { ids?: string[]; appointmentIds?: string[] }): Promise<SlotFacts[]>;
  alternatives(query: { doctorId: string; around: string; minMinutes?: number; otherDoctorIds?: string[]; excludeSlotIds?: string[]; limit?: number }): Promise<SlotFacts[]>;
  slotCounts(query: { from: string; to: string; doctorId?: string; groupBy: PeriodKind }): Promise<Array<{ periodStart: string; free: number; booked: number }>>;
}

/** The doctor service's lookup routes. */
export interface DoctorApi {
  doctors(query: { ids?: string[]; serviceId?: string }): Promise<DoctorFacts[]>;
  medicalService(id: string): Promise<MedicalServiceFacts>;
}

export function schedulingApi(client: ServiceClient): SchedulingApi {
  return {
    bookSlot: (slotId, appointmentId) => client.call('scheduling', 'book-slot', { slotId, appointmentId }),
    releaseSlot: (slotId, appointmentId) => client.call('scheduling', 'release-slot', { slotId, appointmentId }),
    slots: async (query) => (await client.call<{ slots: SlotFacts[] }>('scheduling', 'slots', query)).slots,
    alternatives: async (query) => (await client.call<{ slots: SlotFacts[] }>('scheduling', 'alternatives', query)).slots,
    slotCounts: async (query) => (await client.call<{ buckets: Array<{ periodStart: string; free: number; booked: number }> }>('scheduling', 'slot-counts', query)).buckets,
  };
}

export function doctorApi(client: ServiceClient): DoctorApi {
  return {
    doctors: async (query) => (await client.call<{ doctors: DoctorFacts[] }>('doctor', 'doctors', query)).doctors,
    medicalService: (id) => client.call('doctor', 'medical-service', { id }),
  };
}
