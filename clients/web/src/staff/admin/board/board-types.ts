import type { DoctorScheduleQuery } from '@carebook/sdk';

export type ScheduleSlot = DoctorScheduleQuery['doctor']['schedule'][number];

/** An appointment on the board, with where it sits (what a move starts from). */
export interface BoardAppointment {
  id: string;
  status: string;
  patientName: string;
  serviceName: string;
  slotId: string;
  startsAt: string;
  /** Its location's zone: its time is read on that clock. */
  timeZone: string;
  doctorId: string;
  doctorName: string;
}

/** A board column's doctor: who, and the services they offer (what a booking may choose from). */
export interface BoardDoctor {
  id: string;
  name: string;
  specialty: string;
  services: Array<{ id: string; name: string }>;
}

/** A move under way: shown at its new place until the API answers, then kept or put back. */
export interface PendingMove {
  appointment: BoardAppointment;
  toSlotId: string;
}

/** The drag data type of an appointment on the board: a drop target accepts a drag that carries it. */
export const APPOINTMENT_DRAG_TYPE = 'application/x-carebook-appointment';

/** Appointments that may still be moved (the others are history). */
export const MOVABLE = new Set(['PENDING', 'CONFIRMED']);
