import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { AddTimeOffDocument, DoctorScheduleDocument } from '@carebook/sdk';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { CancelBookedOffer } from '../../booked/cancel-booked-offer';
import { bookedInError } from '../../booked/booked-in-error';
import { BookedOutcome } from '../../booked/booked-outcome';
import { ClashList } from './clash-list';
import { bookedAppointments, type Clash, clashOf } from './clashes';

/**
 * Time off: free slots in the range are blocked. Booked appointments in it are
 * shown before saving; the API refuses the time off over them, and the refusal
 * offers to cancel them and tell the patients (AddTimeOff's cancelBooked).
 */
export function TimeOffForm({ doctorId }: { doctorId: string }) {
  const clock = useClock();
  const announce = useAnnounce();
  const [addTimeOff, saving] = useMutation(AddTimeOffDocument, { refetchQueries: ['DoctorTimeOff'] });
  const [fromDate, setFromDate] = useState('');
  const [fromTime, setFromTime] = useState('00:00');
  const [toDate, setToDate] = useState('');
  const [toTime, setToTime] = useState('23:59');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Clash[] | null>(null);
  const [done, setDone] = useState<{ message: string; cancelled: Clash[]; conflicts: Clash[] } | null>(null);

  const range = useMemo(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDate) || !/^\d{4}-\d{2}-\d{2}$/.test(toDate) || !fromTime || !toTime)
      return null;
    const from = clock.instantOf(fromDate, fromTime);
    const to = clock.instantOf(toDate, toTime);
    return from < to ? { from, to } : null;
  }, [clock, fromDate, fromTime, toDate, toTime]);
  // The clash preview: the doctor's schedule over exactly this range (the server checks again when saving).
  const preview = useQuery(
    DoctorScheduleDocument,
    range ? { variables: { doctorId, ...range }, fetchPolicy: 'network-only' } : skipToken,
  );
  const schedule = range && preview.dataState === 'complete' ? preview.data.doctor.schedule : null;
  const clashes = useMemo(() => (schedule ? bookedAppointments(schedule) : []), [schedule]);
  // A refusal is about the range that was sent: another range has not been refused (yet).
  useEffect(() => setRefused(null), [range]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save(false);
  }

  async function save(cancelBooked: boolean) {
    setDone(null);
    if (!range) return setError(t.doctor.invalidRange);
    setError(null);
    try {
      const { data } = await addTimeOff({
        variables: { doctorId, from: range.from, to: range.to, reason: reason.trim() || undefined, cancelBooked },
      });
      if (!data) return;
      setRefused(null);
      const { blockedSlots, cancelled, conflicts } = data.addTimeOff;
      const message =
        t.doctor.timeOffAdded(blockedSlots) + (cancelled.length ? ` ${t.booked.cancelledSaid(cancelled.length)}` : '');
      setDone({ message, cancelled: cancelled.map(clashOf), conflicts: conflicts.map(clashOf) });
      announce(message);
      void preview.refetch();
    } catch (caught) {
      const booked = bookedInError(caught);
      setRefused(booked);
      if (!booked) setError(messageFor(caught));
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="time-off-title">
      <h2 id="time-off-title">{t.doctor.timeOffTitle}</h2>
      <p className="hint">{t.doctor.timeOffIntro}</p>
      <div className="hours-row">
        <div className="field">
          <label htmlFor="off-from-date">{t.doctor.fromDate}</label>
          <input
            id="off-from-date"
            type="date"
            required
            value={fromDate}
            onChange={(e) => setFromDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="off-from-time">{t.doctor.fromTime}</label>
          <input
            id="off-from-time"
            type="time"
            required
            value={fromTime}
            onChange={(e) => setFromTime(e.target.value)}
          />
        </div>
      </div>
      <div className="hours-row">
        <div className="field">
          <label htmlFor="off-to-date">{t.doctor.toDate}</label>
          <input id="off-to-date" type="date" required value={toDate} onChange={(e) => setToDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="off-to-time">{t.doctor.toTime}</label>
          <input id="off-to-time" type="time" required value={toTime} onChange={(e) => setToTime(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="off-reason">{t.doctor.reason}</label>
        <input id="off-reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <p className="zone-note">{t.doctor.zone(clock.zoneLabel(range?.from))}</p>
      <div aria-live="polite" data-testid="time-off-preview">
        {range && preview.loading ? <p className="meta">{t.doctor.clashChecking}</p> : null}
        {/* Once refused, the refusal lists the appointments (as the server saw them): not twice. */}
        {schedule && !preview.loading && !refused ? (
          clashes.length ? (
            <ClashList
              testId="time-off-clashes"
              title={t.doctor.clashTitle(clashes.length)}
              intro={t.doctor.clashIntro}
              clashes={clashes}
            />
          ) : (
            <p className="meta">{t.doctor.noClash}</p>
          )
        ) : null}
      </div>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {refused ? (
        <CancelBookedOffer
          clashes={refused}
          what={t.booked.thisTimeOff}
          busy={saving.loading}
          onCancelBooked={() => void save(true)}
          onKeep={() => setRefused(null)}
        />
      ) : null}
      {preview.error ? <Alert kind="error">{messageFor(preview.error)}</Alert> : null}
      {done ? <BookedOutcome {...done} conflictsTitle={t.doctor.conflictsTitle} /> : null}
      <button type="submit" className="button button-primary" disabled={saving.loading}>
        {saving.loading ? t.doctor.addingTimeOff : t.doctor.addTimeOff}
      </button>
    </form>
  );
}
