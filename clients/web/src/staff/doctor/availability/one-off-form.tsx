import { useMutation } from '@apollo/client/react';
import { AddAvailabilityDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { LocationSelect, useLocations } from './location-select';
import { SlotMinutesSelect } from './slot-minutes-select';

/** Extra hours on one day (a one-off window of slots, besides the weekly hours). */
export function OneOffForm({ doctorId }: { doctorId: string }) {
  const clock = useClock();
  const announce = useAnnounce();
  const [add, adding] = useMutation(AddAvailabilityDocument, { refetchQueries: ['DoctorTimeOff'] });
  const [date, setDate] = useState(clock.today());
  const [startTime, setStartTime] = useState('09:00');
  const [endTime, setEndTime] = useState('12:00');
  const [slotMinutes, setSlotMinutes] = useState(30);
  const locations = useLocations();
  const [locationId, setLocationId] = useState('default');
  // The day and times are the chosen location's wall clock.
  const zoned = clock.in(locations.find((location) => location.id === locationId)?.timeZone);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (endTime <= startTime) return setError(t.doctor.invalidRange);
    setError(null);
    try {
      const { data } = await add({ variables: { doctorId, date, startTime, endTime, slotMinutes, locationId } });
      const said = t.doctor.oneOffAdded(data?.addAvailability.length ?? 0);
      setDone(said);
      announce(said);
    } catch (caught) {
      setError(messageFor(caught));
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="one-off-title">
      <h2 id="one-off-title">{t.doctor.oneOffTitle}</h2>
      <p className="hint">{t.doctor.oneOffIntro}</p>
      <div className="hours-row">
        <div className="field">
          <label htmlFor="one-off-date">{t.doctor.date}</label>
          <input id="one-off-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="one-off-from">{t.doctor.from}</label>
          <input
            id="one-off-from"
            type="time"
            step={300}
            required
            value={startTime}
            onChange={(e) => setStartTime(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="one-off-to">{t.doctor.to}</label>
          <input
            id="one-off-to"
            type="time"
            step={300}
            required
            value={endTime}
            onChange={(e) => setEndTime(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="one-off-minutes">{t.doctor.slotMinutes}</label>
          <SlotMinutesSelect id="one-off-minutes" value={slotMinutes} onChange={setSlotMinutes} />
        </div>
        <LocationSelect id="one-off-location" value={locationId} onChange={setLocationId} />
      </div>
      <p className="zone-note">
        {zoned === clock ? t.doctor.zone(clock.zoneLabel()) : t.doctor.locationZone(zoned.zoneLabel())}
      </p>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
      <button type="submit" className="button button-primary" disabled={adding.loading}>
        {adding.loading ? t.doctor.addingOneOff : t.doctor.addOneOff}
      </button>
    </form>
  );
}
