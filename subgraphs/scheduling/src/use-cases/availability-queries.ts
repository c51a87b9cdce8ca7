import type { DoctorFacts, MedicalServiceFacts } from '@carebook/platform';
import { BadUserInput } from '@carebook/platform';
import type { EntityManager } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { SlotStatus } from '../entities/slot-status.enum';
import { Slot } from '../entities/slot.entity';
import type { CalendarRow } from '../store';
import { checkDateRange, checkRange } from '../domain/availability-input';
import { DayZones, dayZonesOf, instantsOfDates } from './day-zones';
import { doctorsByIds } from '../clients/doctor-directory';
import { calendarRowsOf, fittingStarts } from './fitting-starts';
import { BookingWindow, windowFor } from '../domain/booking-window';
import type { SchedulingContext } from '../deps';

/**
 * Free future slots of the doctor in [from, to), none when the doctor no
 * longer takes appointments or the service is retired; with a service, only if the doctor offers it
 * and only the starts where its whole time fits (its length and buffers, fitting-starts.ts). `bound`: the caller meets the booking rules
 * (isBoundByPolicy), so only starts they may book now are offered.
 */
export async function availableSlots(
  em: EntityManager,
  context: SchedulingContext,
  query: { doctorId: string; from: Date; to: Date; serviceId?: string | null; bound: boolean },
): Promise<Slot[]> {
  const { doctorId, from, to, serviceId } = query;
  checkRange(from, to);
  const [service, doctors] = await Promise.all([
    serviceId ? context.doctors.medicalService({ id: serviceId }) : undefined,
    doctorsByIds(context.doctors, [doctorId]),
  ]);
  const doctor = doctors[0];
  if (service) {
    if (!doctor) throw new BadUserInput(`There is no doctor with id ${doctorId}.`, 'doctorId');
    if (!service.active) return [];
    if (!doctor.serviceIds.includes(service.id))
      throw new BadUserInput(
        `${doctor.name} does not offer ${service.name}; choose another doctor or service.`,
        'serviceId',
      );
  }
  if (!doctor?.active) return [];
  const now = new Date();
  const window = windowFor(query.bound, service?.bookingPolicy ?? context.clinicPolicy, now);
  const lower = window && window.earliest > from ? window.earliest : from;
  const upper = window && window.latest < to ? { $lte: window.latest } : { $lt: to };
  const free = await em.find(
    Slot,
    { doctorId, status: SlotStatus.FREE, startsAt: { $gte: lower, $gt: now, ...upper } },
    { orderBy: { startsAt: 'asc' } },
  );
  return service ? fittingStarts(em, free, service) : free;
}

/** Every slot of the doctor starting in [from, to), whatever its status. */
export async function doctorSchedule(em: EntityManager, doctorId: string, from: Date, to: Date): Promise<Slot[]> {
  checkRange(from, to);
  return em.find(Slot, { doctorId, startsAt: { $gte: from, $lt: to } }, { orderBy: { startsAt: 'asc' } });
}

export interface CalendarDay {
  date: string;
  doctors: Array<{
    doctor: { id: string; name: string; specialty: string };
    freeSlots: number;
    firstSlot: { id: string; doctorId: string; locationId: string; startsAt: Date; endsAt: Date; status: SlotStatus };
  }>;
}

/**
 * For each day in [from, to] (inclusive), the doctors with free future slots
 * that day, how many and the first. A slot's day is its location's date (the
 * patient reads its time on that clock), so one calendar day may hold New
 * York's evening and Berlin's morning. The doctor service says which doctors
 * qualify; the counting is one aggregated query in the store.
 */
export async function availabilityCalendar(
  em: EntityManager,
  context: SchedulingContext,
  query: CalendarQuestion,
): Promise<CalendarDay[]> {
  checkDateRange(query.from, query.to);
  const key = JSON.stringify([
    query.from,
    query.to,
    query.serviceId || null,
    query.specialty?.trim() || null,
    query.bound,
  ]);
  return context.calendarCache.get(key, () => computeCalendar(em, context, query));
}

/** `bound`: the caller meets the booking rules (isBoundByPolicy): only starts they may book now count. */
interface CalendarQuestion {
  from: string;
  to: string;
  serviceId?: string | null;
  specialty?: string | null;
  bound: boolean;
}

async function computeCalendar(
  em: EntityManager,
  context: SchedulingContext,
  query: CalendarQuestion,
): Promise<CalendarDay[]> {
  const specialty = query.specialty?.trim() || undefined;
  const serviceId = query.serviceId || undefined;
  const zones = await dayZonesOf(context.locations, context.zone);
  // Widened to every zone's days; rows dated outside [from, to] on their own clock are left out below.
  const range = { ...instantsOfDates(zones, query.from, query.to), now: new Date(), zones };
  let rows: CalendarRow[];
  let doctors: DoctorFacts[];
  if (serviceId || specialty) {
    let service;
    [doctors, service] = await Promise.all([
      context.doctors.doctors({ serviceId, specialty }).then((found) => found.doctors),
      serviceId ? context.doctors.medicalService({ id: serviceId }) : undefined,
    ]);
    if (service?.active === false) doctors = []; // a retired service is booked no more
    const bounded = withinWindow(
      range,
      windowFor(query.bound, service?.bookingPolicy ?? context.clinicPolicy, range.now),
    );
    rows = service
      ? await fittingCalendar(
          em,
          bounded,
          doctors.map((d) => d.id),
          service,
        )
      : await context.store.calendar(em, { ...bounded, doctorIds: doctors.map((d) => d.id) });
  } else {
    rows = await context.store.calendar(
      em,
      withinWindow(range, windowFor(query.bound, context.clinicPolicy, range.now)),
    );
    doctors = (await doctorsByIds(context.doctors, [...new Set(rows.map((r) => r.doctorId))])).filter((d) => d.active);
  }
  const doctorById = new Map(doctors.map((d) => [d.id, { id: d.id, name: d.name, specialty: d.specialty }]));
  rows = rows.filter((row) => doctorById.has(row.doctorId));
  const byDay = new Map<string, CalendarRow[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const days: CalendarDay[] = [];
  for (let day = DateTime.fromISO(query.from); day.toISODate()! <= query.to; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const doctors = (byDay.get(date) ?? [])
      .sort((a, b) => a.first.startsAt.getTime() - b.first.startsAt.getTime())
      .map((row) => ({
        doctor: doctorById.get(row.doctorId)!,
        freeSlots: row.freeSlots,
        firstSlot: { ...row.first, doctorId: row.doctorId, status: SlotStatus.FREE },
      }));
    days.push({ date, doctors });
  }
  return days;
}

/**
 * With a service, a day counts the starts where its whole time fits, which
 * depends on each start's neighbours: counted here over the free slots rather
 * than by the store's grouped query (the same on every store).
 */
async function fittingCalendar(
  em: EntityManager,
  range: { from: Date; to: Date; now: Date; zones: DayZones },
  doctorIds: string[],
  service: MedicalServiceFacts,
): Promise<CalendarRow[]> {
  if (doctorIds.length === 0) return [];
  const free = await em.fork().find(Slot, {
    doctorId: { $in: doctorIds },
    status: SlotStatus.FREE,
    startsAt: { $gte: range.from, $lt: range.to, $gt: range.now },
  });
  return calendarRowsOf(await fittingStarts(em, free, service), range.zones);
}

/** The store counts starts after `now` and before `to`: the window moves both (its bounds are inclusive). */
function withinWindow<R extends { to: Date; now: Date }>(range: R, window: BookingWindow): R {
  if (!window) return range;
  const afterEarliest = new Date(window.earliest.getTime() - 1);
  const beforeLatest = new Date(window.latest.getTime() + 1);
  return {
    ...range,
    now: afterEarliest > range.now ? afterEarliest : range.now,
    to: beforeLatest < range.to ? beforeLatest : range.to,
  };
}
