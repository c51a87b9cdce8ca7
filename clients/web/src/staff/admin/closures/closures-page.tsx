import { useMutation, useQuery } from '@apollo/client/react';
import { CloseClinicDocument, DoctorsDocument, LocationsDocument } from '@carebook/sdk';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { addDays } from '../../../i18n/clock';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { Page } from '../../../ui/page';
import { bookedInError } from '../../booked/booked-in-error';
import { BookedOutcome } from '../../booked/booked-outcome';
import { CancelBookedOffer } from '../../booked/cancel-booked-offer';
import { type Clash, clashOf } from '../../doctor/availability/clashes';
import { type ClosureScope, closureTarget } from './closure-scope';
import { ScopePicker } from './scope-picker';

interface Outcome {
  message: string;
  cancelled: Clash[];
  conflicts: Clash[];
}

/**
 * Clinic closures (holidays): whole clinic days closed for every doctor, the
 * doctors chosen, or one location (its days in its own zone; CloseClinic: one
 * time off each, removable on the doctor's availability page). Over booked appointments the API refuses and
 * names them; the page lists them and offers to cancel them and tell the
 * patients, with an explicit confirmation.
 */
export function ClosuresPage() {
  const c = t.admin.closures;
  const clock = useClock();
  const announce = useAnnounce();
  const doctors = useQuery(DoctorsDocument, { variables: {} });
  const locations = useQuery(LocationsDocument).data?.locations ?? [];
  const [close, closing] = useMutation(CloseClinicDocument, { refetchQueries: ['DoctorTimeOff'] });
  const tomorrow = addDays(clock.today(), 1);
  const [from, setFrom] = useState(tomorrow);
  const [to, setTo] = useState(tomorrow);
  const [scope, setScope] = useState<ClosureScope>({ kind: 'EVERY_DOCTOR' });
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<Clash[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const closedLocation =
    scope.kind === 'ONE_LOCATION' ? locations.find((location) => location.id === scope.locationId) : undefined;
  const doctorNames = useMemo(() => new Map((doctors.data?.doctors ?? []).map((d) => [d.id, d.name])), [doctors.data]);
  // A refusal is about what was sent: another closure has not been refused (yet).
  useEffect(() => setRefused(null), [from, to, scope]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save(false);
  }

  async function save(cancelBooked: boolean) {
    setOutcome(null);
    setProblem(null);
    if (!from || !to || to < from) return setProblem(c.invalidDates);
    const target = closureTarget(scope);
    if (!target.ok) return setProblem(target.problem === 'NO_LOCATION_CHOSEN' ? c.noLocationChosen : c.noDoctorChosen);
    try {
      const { data } = await close({
        variables: { from, to, ...target.variables, reason: reason.trim() || undefined, cancelBooked },
      });
      if (!data) return;
      setRefused(null);
      const result = data.closeClinic;
      const names = [...new Set(result.timeOffs.map((off) => off.doctor.name))];
      const message =
        c.closed(clock.longDate(from), clock.longDate(to), names, result.blockedSlots, closedLocation?.name) +
        (result.cancelled.length ? ` ${t.booked.cancelledSaid(result.cancelled.length)}` : '');
      setOutcome({ message, cancelled: result.cancelled.map(clashOf), conflicts: result.conflicts.map(clashOf) });
      announce(message);
    } catch (caught) {
      const booked = bookedInError(caught);
      setRefused(booked);
      if (!booked) setProblem(messageFor(caught));
    }
  }

  return (
    <Page title={c.title} wide>
      <p className="meta">{c.intro}</p>
      <form className="card form admin-form" onSubmit={submit} noValidate aria-labelledby="closure-form-title">
        <h2 id="closure-form-title">{c.formTitle}</h2>
        <div className="hours-row">
          <div className="field">
            <label htmlFor="closure-from">{c.from}</label>
            <input id="closure-from" type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="closure-to">{c.to}</label>
            <input id="closure-to" type="date" required min={from} value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        {doctors.error ? <Alert kind="error">{messageFor(doctors.error)}</Alert> : null}
        <ScopePicker scope={scope} doctors={doctors.data?.doctors ?? []} locations={locations} onChange={setScope} />
        {/* Said after the scope, as it follows from it: a location's days are read on its clock. */}
        <p className="zone-note" data-testid="closure-zone">
          {closedLocation
            ? c.locationDays(closedLocation.name, clock.in(closedLocation.timeZone).zoneLabel(`${from}T12:00:00Z`))
            : t.admin.zoneNote(clock.zoneLabel(`${from}T12:00:00Z`))}
        </p>
        <div className="field">
          <label htmlFor="closure-reason">{c.reason}</label>
          <input
            id="closure-reason"
            maxLength={200}
            aria-describedby="closure-reason-hint"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <p className="hint" id="closure-reason-hint">
            {c.reasonHint}
          </p>
        </div>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        {refused ? (
          <CancelBookedOffer
            clashes={refused}
            what={t.booked.theClosure}
            busy={closing.loading}
            describe={(clash) =>
              clash.doctorId && doctorNames.has(clash.doctorId)
                ? c.withDoctor(clash.patientName, doctorNames.get(clash.doctorId)!)
                : clash.patientName
            }
            onCancelBooked={() => void save(true)}
            onKeep={() => setRefused(null)}
          />
        ) : null}
        {outcome ? <BookedOutcome {...outcome} conflictsTitle={c.conflictsTitle} /> : null}
        <button type="submit" className="button button-primary" disabled={closing.loading}>
          {closing.loading ? c.closing : c.submit}
        </button>
      </form>
    </Page>
  );
}
