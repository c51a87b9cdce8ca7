import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  AvailabilityCalendarDocument,
  DoctorsDocument,
  LocationsDocument,
  MedicalServicesDocument,
} from '@carebook/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { firstOfMonth, lastOfMonth, monthOf } from '../../i18n/clock';
import { useClock } from '../../i18n/clock-context';
import { Alert } from '../../ui/alert';
import { useRefetchOnFocus } from '../../ui/hooks';
import { MonthCalendar } from '../../ui/month-calendar';
import { Loading } from '../../ui/page';
import { ConfirmPanel, type BookingMode } from './confirm-panel';
import { type ChosenSlot, DoctorTimes } from './day-times';
import { useFirstMonthWithTimes } from './use-first-month';

/**
 * Service, doctor, day, time, confirm: the choices live in the URL
 * (?service=&doctor=&month=&date=&slot=), so a reload, the back button or a
 * detour through sign-in keeps them.
 */
export function BookingFlow({ mode }: { mode: BookingMode }) {
  const clock = useClock();
  const apollo = useApolloClient();
  const [search, setSearch] = useSearchParams();
  const serviceId = search.get('service') || (mode.kind === 'reschedule' ? mode.serviceId : null);
  const doctorId = search.get('doctor') || null;
  const date = search.get('date');
  const slotId = search.get('slot');
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );

  const services = useQuery(MedicalServicesDocument, { variables: {} });
  const doctors = useQuery(DoctorsDocument, { variables: { serviceId }, skip: !serviceId });
  // A clinic with a location in another zone: the calendar's days are each location's own days.
  const locations = useQuery(LocationsDocument);
  const elsewhere = (locations.data?.locations ?? []).some((place) => place.active && place.timeZone !== clock.zone);
  const service = services.data?.medicalServices.find((s) => s.id === serviceId) ?? null;

  const first = useFirstMonthWithTimes(clock, serviceId, doctorId, !!search.get('month'));
  const minMonth = monthOf(clock.today());
  const month = search.get('month') ?? first.month;
  const calendar = useQuery(AvailabilityCalendarDocument, {
    variables: { from: month ? firstOfMonth(month) : '', to: month ? lastOfMonth(month) : '', serviceId },
    skip: !month || !serviceId,
  });
  useRefetchOnFocus(() => (month && serviceId ? calendar.refetch() : undefined));

  const days = calendar.data?.availabilityCalendar;
  const free = useMemo(() => {
    const map = new Map<string, number>();
    for (const day of days ?? []) {
      const count = day.doctors
        .filter((d) => !doctorId || d.doctor.id === doctorId)
        .reduce((sum, d) => sum + d.freeSlots, 0);
      if (count > 0) map.set(day.date, count);
    }
    return map;
  }, [days, doctorId]);
  const dayDoctors = (days?.find((d) => d.date === date)?.doctors ?? [])
    .filter((d) => d.freeSlots > 0 && (!doctorId || d.doctor.id === doctorId))
    .map((d) => d.doctor);

  // Each doctor's free times of the chosen day, as they load: to find the chosen slot, and to tell an emptied day.
  const [loaded, setLoaded] = useState<Record<string, ChosenSlot[]>>({});
  const onLoaded = useCallback(
    (id: string, slots: ChosenSlot[]) => setLoaded((current) => ({ ...current, [`${date}|${id}`]: slots })),
    [date],
  );
  const daySlots = dayDoctors.map((d) => loaded[`${date}|${d.id}`]);
  const chosen = daySlots.flatMap((s) => s ?? []).find((s) => s.id === slotId) ?? null;
  const allLoaded = daySlots.every(Boolean);
  // The chosen time stays on screen when it is taken (by someone else, or in a failed attempt): the panel says so.
  const [kept, setKept] = useState<ChosenSlot | null>(null);
  useEffect(() => {
    if (chosen) setKept(chosen);
  }, [chosen]);
  const shown = chosen ?? (kept?.id === slotId ? kept : null);
  const dayEmpty = !!date && allLoaded && daySlots.every((s) => s.length === 0);

  const refreshAvailability = useCallback(() => {
    apollo.cache.evict({ id: 'ROOT_QUERY', fieldName: 'availableSlots' });
    apollo.cache.evict({ id: 'ROOT_QUERY', fieldName: 'availabilityCalendar' });
    apollo.cache.gc();
    void apollo.refetchQueries({ include: 'active' });
  }, [apollo]);

  return (
    <div className="booking">
      <section className="booking-choice card" aria-labelledby="choice-title">
        <h2 id="choice-title" className="visually-hidden">
          {t.booking.choiceTitle}
        </h2>
        <div className="field">
          <label htmlFor="service">{t.booking.serviceLabel}</label>
          <select
            id="service"
            value={serviceId ?? ''}
            onChange={(e) =>
              update({ service: e.target.value || null, doctor: null, month: null, date: null, slot: null })
            }
          >
            <option value="">{t.booking.chooseService}</option>
            {services.data?.medicalServices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="doctor">{t.booking.doctorLabel}</label>
          <select
            id="doctor"
            value={doctorId ?? ''}
            disabled={!serviceId}
            onChange={(e) => update({ doctor: e.target.value || null, month: null, date: null, slot: null })}
          >
            <option value="">{t.booking.anyDoctor}</option>
            {doctors.data?.doctors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} · {d.specialty}
              </option>
            ))}
          </select>
        </div>
      </section>

      {serviceId ? (
        <section className="booking-calendar card" aria-labelledby="calendar-title">
          <h2 id="calendar-title">{t.booking.calendarTitle}</h2>
          <p className="hint">{t.booking.calendarHint}</p>
          {calendar.error ? <Alert kind="error">{messageFor(calendar.error)}</Alert> : null}
          {!month ? (
            <p role="status">{t.booking.searching}</p>
          ) : (
            <>
              {first.none && !search.get('month') ? <Alert kind="info">{t.booking.nothingSoon}</Alert> : null}
              <MonthCalendar
                clock={clock}
                month={month}
                minMonth={minMonth}
                free={free}
                selected={date}
                busy={calendar.loading}
                onMonthChange={(next) => update({ month: next })}
                onSelect={(next) => update({ month, date: next, slot: null })}
              />
              <p className="hint zone-note">
                {elsewhere ? t.booking.daysZones : t.booking.timesZone(clock.zoneLabel())}
              </p>
            </>
          )}
        </section>
      ) : null}

      {serviceId && month ? (
        <div className="booking-side">
          {serviceId && month && !date ? (
            <section className="booking-times card booking-placeholder" aria-labelledby="times-title">
              <h2 id="times-title">{t.booking.timesPlaceholderTitle}</h2>
              <p className="hint">{t.booking.timesPlaceholder}</p>
            </section>
          ) : null}

          {serviceId && date ? (
            <section className="booking-times card" aria-labelledby="times-title">
              <h2 id="times-title">{t.booking.timesTitle(clock.longDate(date))}</h2>
              <p className="hint">
                {daySlots.some((slots) => slots?.some((slot) => slot.timeZone !== clock.zone))
                  ? t.booking.timesZones
                  : t.booking.timesZone(clock.zoneLabel(`${date}T12:00:00Z`))}
              </p>
              {!allLoaded ? <Loading /> : null}
              {dayEmpty || (days && dayDoctors.length === 0) ? <p>{t.booking.noTimes}</p> : null}
              {dayDoctors.map((doctor) => (
                <DoctorTimes
                  key={doctor.id}
                  date={date}
                  doctor={doctor}
                  serviceId={serviceId}
                  selectedSlotId={slotId}
                  onLoaded={onLoaded}
                  onChoose={(slot) => update({ slot: slot.id })}
                />
              ))}
            </section>
          ) : null}

          {service && shown ? (
            <ConfirmPanel
              key={shown.id}
              mode={mode}
              service={service}
              slot={shown}
              gone={!chosen && allLoaded}
              onTaken={refreshAvailability}
              onDone={refreshAvailability}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
