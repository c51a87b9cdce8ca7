import { useQuery } from '@apollo/client/react';
import { DoctorScheduleDocument } from '@carebook/sdk';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { messageFor } from '../../../api/error-message';
import { useSession } from '../../../api/session-context';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { Loading, Page } from '../../../ui/page';
import { LiveStatus } from '../../live-status';
import { useLiveSchedule } from '../../use-live-schedule';
import { AppointmentPanel } from '../appointment/appointment-panel';
import { DaySlots, type ScheduleSlot } from './day-slots';
import { scheduleRange, type ScheduleView } from './schedule-range';

/**
 * The doctor's day or week: their slots and appointments (patient, service,
 * status), live: a booking, move or cancellation anywhere shows here at once.
 * ?view=day|week&date=YYYY-MM-DD&appointment=<id> keep the view in the URL.
 */
export function SchedulePage() {
  const clock = useClock();
  const announce = useAnnounce();
  const doctorId = useSession().session!.user.id;
  const [search, setSearch] = useSearchParams();
  const view: ScheduleView = search.get('view') === 'week' ? 'week' : 'day';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(search.get('date') ?? '') ? search.get('date')! : clock.today();
  const range = useMemo(() => scheduleRange(clock, view, date), [clock, view, date]);
  const { data, loading, error, refetch } = useQuery(DoctorScheduleDocument, {
    variables: { doctorId, from: range.from, to: range.to },
  });
  const { lastChange, stopped, reconnect } = useLiveSchedule(doctorId, refetch);

  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (!lastChange || announced.current === lastChange) return;
    announced.current = lastChange;
    const what = t.doctor.changed[lastChange.kind] ?? lastChange.kind;
    const when = lastChange.slot ? clock.dateTime(lastChange.slot.startsAt) : clock.dateTime(lastChange.occurredAt);
    announce(t.doctor.changeAnnouncement(what, lastChange.appointment?.patient.name ?? null, when));
  }, [lastChange, announce, clock]);

  const byDate = useMemo(() => {
    const days = new Map<string, ScheduleSlot[]>(range.dates.map((d) => [d, []]));
    const slots = [...(data?.doctor?.schedule ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    for (const slot of slots) days.get(clock.dateOf(slot.startsAt))?.push(slot);
    return days;
  }, [data, range, clock]);

  const selectedId = search.get('appointment');
  const selected = selectedId
    ? (data?.doctor?.schedule.find((slot) => slot.appointment?.id === selectedId) ?? null)
    : null;
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next);
  };
  const title =
    view === 'day'
      ? clock.longDate(date)
      : t.doctor.weekOf(clock.longDate(range.dates[0]), clock.longDate(range.dates[6]));

  return (
    <Page title={t.doctor.scheduleTitle} wide>
      <div className="schedule-toolbar">
        <div className="segmented" role="group" aria-label={t.doctor.viewLabel}>
          {(['day', 'week'] as const).map((v) => (
            <button key={v} type="button" className="chip" aria-pressed={view === v} onClick={() => go({ view: v })}>
              {v === 'day' ? t.doctor.day : t.doctor.week}
            </button>
          ))}
        </div>
        <div className="schedule-steps">
          <button type="button" className="button button-secondary" onClick={() => go({ date: range.previous })}>
            {view === 'day' ? t.doctor.previousDay : t.doctor.previousWeek}
          </button>
          <button type="button" className="button button-secondary" onClick={() => go({ date: null })}>
            {t.doctor.today}
          </button>
          <button type="button" className="button button-secondary" onClick={() => go({ date: range.next })}>
            {view === 'day' ? t.doctor.nextDay : t.doctor.nextWeek}
          </button>
        </div>
        <LiveStatus stopped={stopped} reconnect={reconnect} />
      </div>
      <h2 className="schedule-title" aria-live="polite">
        {title}
      </h2>
      <p className="zone-note">{t.doctor.zone(clock.zoneLabel(range.from))}</p>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      <div className={selectedId ? 'schedule-with-panel' : undefined}>
        <div className={`schedule schedule-${view}`} aria-busy={loading}>
          {loading && !data ? <Loading /> : null}
          {[...byDate].map(([day, slots]) => (
            <DaySlots key={day} date={day} slots={slots} headingLevel="h3" />
          ))}
        </div>
        {selectedId ? (
          selected?.appointment ? (
            <AppointmentPanel
              slot={selected}
              appointment={selected.appointment}
              onClose={() => go({ appointment: null })}
              onChanged={() => refetch()}
            />
          ) : data ? (
            <aside className="card appointment-panel">
              <Alert kind="info">{t.doctor.notInRange}</Alert>
              <Link to={`?${new URLSearchParams({ view, date })}`}>{t.doctor.closePanel}</Link>
            </aside>
          ) : null
        ) : null}
      </div>
    </Page>
  );
}
