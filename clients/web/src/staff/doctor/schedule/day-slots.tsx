import type { DoctorScheduleQuery } from '@carebook/sdk';
import { Link, useSearchParams } from 'react-router';
import { useClock } from '../../../i18n/clock-context';
import { t } from '../../../i18n';
import { StatusBadge } from '../../../patient/appointments/status-badge';
import { AwayZone } from '../../../ui/away-zone';

export type ScheduleSlot = NonNullable<DoctorScheduleQuery['doctor']>['schedule'][number];

/** One day of a doctor's schedule: its slots in time order, each appointment a link that opens its panel. */
export function DaySlots({
  date,
  slots,
  headingLevel,
}: {
  date: string;
  slots: ScheduleSlot[];
  headingLevel: 'h2' | 'h3';
}) {
  const clock = useClock();
  const [search] = useSearchParams();
  const Heading = headingLevel;
  const booked = slots.filter((slot) => slot.appointment).length;
  const free = slots.filter((slot) => slot.status === 'FREE').length;
  const linkTo = (appointmentId: string) => {
    const next = new URLSearchParams(search);
    next.set('appointment', appointmentId);
    return `?${next}`;
  };
  const selected = search.get('appointment');
  return (
    <section className="schedule-day" aria-labelledby={`day-${date}`} data-date={date}>
      <Heading id={`day-${date}`}>
        {clock.longDate(date)}
        {slots.length ? <span className="schedule-counts">{t.doctor.counts(booked, free)}</span> : null}
      </Heading>
      {slots.length === 0 ? <p className="meta">{t.doctor.noSlots}</p> : null}
      <ol className="slot-list">
        {slots.map((slot) => {
          // A slot at a location in another zone is read on that location's clock, its zone and place named.
          const time = clock.in(slot.timeZone).time(slot.startsAt);
          const appointment = slot.appointment;
          return (
            <li
              key={slot.id}
              className={`slot slot-${slot.status.toLowerCase()}${appointment && appointment.id === selected ? ' slot-selected' : ''}`}
              data-slot-id={slot.id}
            >
              <time dateTime={slot.startsAt} className="slot-time">
                {time}
                <AwayZone timeZone={slot.timeZone} at={slot.startsAt} locationName={slot.location.name} />
              </time>
              {appointment ? (
                <Link
                  to={linkTo(appointment.id)}
                  className="slot-appointment"
                  aria-label={t.doctor.open(appointment.patient.name, time)}
                  aria-current={appointment.id === selected ? 'true' : undefined}
                >
                  <span className="slot-patient">{appointment.patient.name}</span>
                  <span className="slot-service">{appointment.service.name}</span>
                  <StatusBadge status={appointment.status} />
                </Link>
              ) : (
                <span className="slot-state">{t.doctor.slotStatus[slot.status] ?? slot.status}</span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
