import type { BookingPolicy } from '../booking-policy/booking-policy';
import type { PlaceFacts } from '../locations/location-facts';

/**
 * What the internal lookup routes answer, shared by the service that answers
 * and the services that ask, so the shape is written once (like the event
 * contracts in events/).
 */

/** doctor `doctors`: a doctor as the booking services need them. */
export interface DoctorFacts {
  id: string;
  name: string;
  specialty: string;
  active: boolean;
  serviceIds: string[];
}

/** doctor `medical-service`: a service of the catalogue; price is a decimal string ("35.00"). */
export interface MedicalServiceFacts {
  id: string;
  name: string;
  category: string;
  durationMinutes: number;
  /** Minutes held before and after each appointment (0: none); a booking takes the slots they touch too. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  price: string;
  currency: string;
  active: boolean;
  /** The booking rules that apply to it: its own where it sets them, the clinic's defaults otherwise. */
  bookingPolicy: BookingPolicy;
}

/** scheduling `slots` / `alternatives`: a slot; times are ISO strings on the wire. */
export interface SlotFacts {
  id: string;
  doctorId: string;
  startsAt: string;
  endsAt: string;
  status: 'FREE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  appointmentId: string | null;
  /** The location whose hours gave the slot, and its zone: what the appointment copies at booking. */
  place: PlaceFacts;
}

/** patient `contacts`: where a patient wants to hear from the clinic. The phone is opened for this internal answer only. */
export interface PatientContactFacts {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  notificationChannels: Array<'EMAIL' | 'SMS'>;
}

/** doctor `contacts`: how notices name a doctor and their practice. */
export interface DoctorContactFacts {
  id: string;
  name: string;
  specialty: string;
  location: string | null;
}
