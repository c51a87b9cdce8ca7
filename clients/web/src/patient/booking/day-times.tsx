import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { AvailableSlotsDocument, LocationsDocument } from '@carebook/sdk';
import { t } from '../../i18n';
import { addDays } from '../../i18n/clock';
import { useClock } from '../../i18n/clock-context';
import { useRefetchOnFocus } from '../../ui/hooks';

export interface ChosenSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  /** The zone of the slot's location: its time is read on that clock, the zone named. */
  timeZone: string;
  location: { id: string; name: string; address: string };
  doctor: { id: string; name: string };
}

/** One doctor's free times on one calendar day (each on its location's clock and date, as the API's calendar counts them), as buttons. */
export function DoctorTimes({
  date,
  doctor,
  serviceId,
  selectedSlotId,
  onChoose,
  onLoaded,
}: {
  date: string;
  doctor: { id: string; name: string; specialty: string };
  serviceId: string;
  selectedSlotId: string | null;
  onChoose(slot: ChosenSlot): void;
  onLoaded(doctorId: string, slots: ChosenSlot[]): void;
}) {
  const clock = useClock();
  // A day spans different UTC hours by zone: ask a wider window and keep the slots on that date at their own location.
  const { data, refetch } = useQuery(AvailableSlotsDocument, {
    variables: {
      doctorId: doctor.id,
      serviceId,
      from: `${addDays(date, -1)}T00:00:00Z`,
      to: `${addDays(date, 2)}T00:00:00Z`,
    },
  });
  useRefetchOnFocus(refetch);
  // Where is worth saying only when the clinic has more than one location (a single site looks as it always did).
  const severalLocations = (useQuery(LocationsDocument).data?.locations.length ?? 1) > 1;
  const slots = useMemo(() => {
    const now = new Date().toISOString();
    return (data?.availableSlots ?? [])
      .filter((s) => s.status === 'FREE' && s.startsAt > now && clock.in(s.timeZone).dateOf(s.startsAt) === date)
      .map((s) => ({ ...s, doctor: { id: doctor.id, name: doctor.name } }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, clock, date, doctor.id]);
  useEffect(() => {
    if (data) onLoaded(doctor.id, slots);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slots]);
  if (data && slots.length === 0) return null;
  // A doctor may work at two locations on one day: each place once, with its zone.
  const places = severalLocations ? [...new Map(slots.map((slot) => [slot.location.id, slot])).values()] : [];
  return (
    <fieldset className="times">
      <legend>
        <span className="times-doctor">{doctor.name}</span> <span className="times-specialty">{doctor.specialty}</span>
        {places.map((slot) => (
          <span key={slot.location.id} className="times-location">
            {' '}
            {t.booking.timesAt(slot.location.name, clock.in(slot.timeZone).zoneLabel(slot.startsAt))}
          </span>
        ))}
      </legend>
      <ul>
        {slots.map((slot) => (
          <li key={slot.id}>
            <button
              type="button"
              className="time"
              aria-pressed={slot.id === selectedSlotId}
              aria-label={t.booking.timeLabel(clock.in(slot.timeZone).time(slot.startsAt), doctor.name)}
              onClick={() => onChoose(slot)}
            >
              {clock.in(slot.timeZone).time(slot.startsAt)}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
