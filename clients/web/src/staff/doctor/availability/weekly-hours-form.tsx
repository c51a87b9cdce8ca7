import { useMutation, useQuery } from '@apollo/client/react';
import {
  type DayOfWeek,
  DoctorWeeklyHoursDocument,
  SetWeeklyAvailabilityDocument,
  UpcomingAppointmentsDocument,
} from '@carebook/sdk';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { Loading } from '../../../ui/page';
import { ClashList } from './clash-list';
import { LocationSelect, useLocations } from './location-select';
import { SlotMinutesSelect } from './slot-minutes-select';
import { outsideWeeklyHours } from './clashes';

interface Row {
  key: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  /** Where: kept as set, so saving never moves hours to another location. */
  locationId: string;
}

const DAYS: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as DayOfWeek[];
let nextKey = 0;

/**
 * The weekly hours, day by day, starting from those set. Saving replaces
 * them all; before that, the upcoming appointments the new hours would no
 * longer cover are listed (they stay booked).
 */
export function WeeklyHoursForm({ doctorId }: { doctorId: string }) {
  const clock = useClock();
  const announce = useAnnounce();
  const current = useQuery(DoctorWeeklyHoursDocument, { variables: { doctorId }, fetchPolicy: 'network-only' });
  const upcoming = useQuery(UpcomingAppointmentsDocument, { variables: { doctorId } });
  const [save, saving] = useMutation(SetWeeklyAvailabilityDocument);
  const [rows, setRows] = useState<Record<string, Row[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const locations = useLocations();

  useEffect(() => {
    if (rows || !current.data) return;
    const byDay: Record<string, Row[]> = Object.fromEntries(DAYS.map((d) => [d, []]));
    for (const rule of current.data.doctor.weeklyAvailability)
      byDay[rule.dayOfWeek].push({
        key: nextKey++,
        startTime: rule.startTime,
        endTime: rule.endTime,
        slotMinutes: rule.slotMinutes,
        locationId: rule.location.id,
      });
    setRows(byDay);
  }, [current.data, rows]);

  const rules = useMemo(
    () =>
      rows
        ? DAYS.flatMap((dayOfWeek) =>
            rows[dayOfWeek].map(({ startTime, endTime, slotMinutes, locationId }) => ({
              dayOfWeek,
              startTime,
              endTime,
              slotMinutes,
              locationId,
            })),
          )
        : [],
    [rows],
  );
  // What the new hours leave out that the saved ones covered (a one-off day's bookings were never in the weekly hours).
  const clashes = useMemo(() => {
    if (!rows || !upcoming.data || !current.data) return [];
    const saved = current.data.doctor.weeklyAvailability.map((rule) => ({ ...rule, locationId: rule.location.id }));
    const before = new Set(outsideWeeklyHours(upcoming.data.upcomingAppointments, saved, clock).map((c) => c.id));
    return outsideWeeklyHours(upcoming.data.upcomingAppointments, rules, clock).filter((c) => !before.has(c.id));
  }, [rows, upcoming.data, current.data, rules, clock]);

  if (current.error) return <Alert kind="error">{messageFor(current.error)}</Alert>;
  if (!rows) return <Loading />;
  // Display order: the locale's first weekday first (Sunday in en-US).
  const ordered = clock.weekdays().map((name, i) => ({ day: DAYS[(clock.weekStart - 1 + i) % 7], name: name.long }));
  const change = (day: string, key: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows({ ...rows, [day]: rows[day].map((row) => (row.key === key ? { ...row, ...patch } : row)) });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (rules.some((rule) => rule.endTime <= rule.startTime)) return setError(t.doctor.invalidHours);
    setError(null);
    try {
      await save({ variables: { doctorId, rules } });
      setSaved(true);
      announce(t.doctor.weeklySaved);
      void current.refetch();
      void upcoming.refetch();
    } catch (caught) {
      setError(messageFor(caught));
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="weekly-title">
      <h2 id="weekly-title">{t.doctor.weeklyTitle}</h2>
      <p className="hint">{t.doctor.weeklyIntro}</p>
      <p className="zone-note">{locations.length > 1 ? t.doctor.locationZones : t.doctor.zone(clock.zoneLabel())}</p>
      {ordered.map(({ day, name }) => (
        <fieldset key={day} className="hours-day">
          <legend>{t.doctor.dayHours(name)}</legend>
          {rows[day].map((row) => (
            <div key={row.key} className="hours-row">
              <div className="field">
                <label htmlFor={`from-${row.key}`}>{t.doctor.from}</label>
                <input
                  id={`from-${row.key}`}
                  type="time"
                  step={300}
                  required
                  value={row.startTime}
                  onChange={(e) => change(day, row.key, { startTime: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`to-${row.key}`}>{t.doctor.to}</label>
                <input
                  id={`to-${row.key}`}
                  type="time"
                  step={300}
                  required
                  value={row.endTime}
                  onChange={(e) => change(day, row.key, { endTime: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`minutes-${row.key}`}>{t.doctor.slotMinutes}</label>
                <SlotMinutesSelect
                  id={`minutes-${row.key}`}
                  value={row.slotMinutes}
                  onChange={(slotMinutes) => change(day, row.key, { slotMinutes })}
                />
              </div>
              <LocationSelect
                id={`location-${row.key}`}
                value={row.locationId}
                onChange={(locationId) => change(day, row.key, { locationId })}
              />
              <button
                type="button"
                className="button button-secondary"
                aria-label={t.doctor.removeHours(name, row.startTime, row.endTime)}
                onClick={() => {
                  setSaved(false);
                  setRows({ ...rows, [day]: rows[day].filter((r) => r.key !== row.key) });
                }}
              >
                {t.doctor.remove}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            aria-label={t.doctor.addHours(name)}
            onClick={() => {
              setSaved(false);
              setRows({
                ...rows,
                [day]: [
                  ...rows[day],
                  {
                    key: nextKey++,
                    startTime: '09:00',
                    endTime: '12:00',
                    slotMinutes: 30,
                    locationId: rows[day].at(-1)?.locationId ?? locations[0]?.id ?? 'default',
                  },
                ],
              });
            }}
          >
            {t.doctor.add}
          </button>
        </fieldset>
      ))}
      {clashes.length ? (
        <ClashList
          testId="weekly-clashes"
          title={t.doctor.clashWeeklyTitle(clashes.length)}
          intro={t.doctor.clashWeeklyIntro}
          clashes={clashes}
        />
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      {saved ? <Alert kind="success">{t.doctor.weeklySaved}</Alert> : null}
      <button type="submit" className="button button-primary" disabled={saving.loading}>
        {saving.loading ? t.doctor.savingWeekly : t.doctor.saveWeekly}
      </button>
    </form>
  );
}
